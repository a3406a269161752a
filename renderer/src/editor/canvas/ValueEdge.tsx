/**
 * The canvas's default edge: React Flow's bezier edge, plus the value flowing through it for the
 * record selected in the preview (a short label at the middle, the full value on hover). Each edge
 * subscribes to its own value only, so selecting a record re-renders the labels, not the graph.
 */
import { memo } from 'react';
import { BezierEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { useStore } from 'zustand';
import type { GraphEdge } from '../graph/types';
import { formatTraced } from '../panels/preview-values';
import { useEditorContext } from './editor-context';

export const ValueEdge = memo(function ValueEdge(props: EdgeProps<GraphEdge>) {
  const { store } = useEditorContext();
  const valueId = props.data?.valueId;
  const traced = useStore(store, (s) => (valueId ? s.previewValues?.trace?.nodes[valueId] : undefined));
  const label = formatTraced(traced);
  if (!label) return <BezierEdge {...props} />;
  const [, x, y] = getBezierPath({
    sourceX: props.sourceX,
    sourceY: props.sourceY,
    sourcePosition: props.sourcePosition,
    targetX: props.targetX,
    targetY: props.targetY,
    targetPosition: props.targetPosition,
  });
  return (
    <>
      <BezierEdge {...props} />
      <EdgeLabelRenderer>
        <div
          className={`mw-edge-value nodrag nopan${label.empty ? ' is-empty' : ''}`}
          data-testid={`edge-value-${props.id}`}
          title={label.full}
          style={{ transform: `translate(-50%, -50%) translate(${x}px, ${y}px)` }}
        >
          {label.short}
        </div>
      </EdgeLabelRenderer>
    </>
  );
});
