/**
 * Canvas node components. Declared at module scope (React Flow re-mounts every node when
 * `nodeTypes` changes identity) and memoised so a change to one node does not re-render the rest.
 */
import { memo, useContext, useMemo, useState } from 'react';
import { Handle, Position, type NodeProps, type NodeTypes } from '@xyflow/react';
import type { EntityNodeData, GraphNode, LinkNodeData, SourceNodeData, ValueNodeData } from '../graph/types';
import { FieldList } from './FieldList';
import { formatTraced, issuesByRow } from '../panels/preview-values';
import { useEditorContext } from './editor-context';
import { useStore } from 'zustand';
import { LineageViewContext, useFocusSource } from './lineage-view';

function NodeSearch({ value, onChange, label }: { value: string; onChange(v: string): void; label: string }) {
  return (
    <input
      className="mw-node-search nodrag"
      type="search"
      placeholder="Filter fields…"
      aria-label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

function CollapseButton({ id, collapsed }: { id: string; collapsed: boolean }) {
  const { toggleNodeCollapsed } = useEditorContext();
  return (
    <button type="button" className="mw-icon-button nodrag" aria-label={collapsed ? 'Expand node' : 'Collapse node'} onClick={() => toggleNodeCollapsed(id)}>
      {collapsed ? '▸' : '▾'}
    </button>
  );
}

const SourceNode = memo(function SourceNode({ id, data, selected }: NodeProps<GraphNode & { data: SourceNodeData }>) {
  const [query, setQuery] = useState('');
  const used = new Set(data.used);
  const loops = new Set(data.loops);
  const { store } = useEditorContext();
  const focusSource = useFocusSource();
  const lineageView = useContext(LineageViewContext)!;
  const focused = useStore(lineageView, (s) => (s.sourceFocus?.nodeId === id ? s.sourceFocus.path : null));
  return (
    <div className={`mw-node mw-node-source${selected ? ' is-selected' : ''}`} data-testid={`node-${id}`}>
      <header className="mw-node-head">
        <CollapseButton id={id} collapsed={data.collapsed} />
        <span className="mw-node-kind">source</span>
        <span className="mw-node-title">{data.title}</span>
        <span className="mw-badge">{data.format}</span>
      </header>
      {data.collapsed ? null : <NodeSearch value={query} onChange={setQuery} label={`Filter fields of ${data.title}`} />}
      <FieldList
        nodeId={id}
        fields={data.fields}
        side="source"
        handlePrefix="f:"
        used={used}
        loops={loops}
        query={query}
        selected={focused}
        nodeCollapsed={data.collapsed}
        onRowClick={(path) => {
          // A source field is a canvas view (its lineage forward), not an editor selection.
          store.getState().select({ nodes: [], edges: [], field: null });
          focusSource(focused === path ? null : { nodeId: id, path });
        }}
      />
    </div>
  );
});

const EntityNode = memo(function EntityNode({ id, data, selected }: NodeProps<GraphNode & { data: EntityNodeData }>) {
  const [query, setQuery] = useState('');
  const { selectTarget, store } = useEditorContext();
  const selectedTarget = useStore(store, (s) => (s.selection.field?.ruleId === data.ruleId ? s.selection.field.path : null));
  const used = new Set(Object.keys(data.mapped));
  const flagged = new Set(data.unknownTargets);
  const made = useStore(store, (s) => s.previewValues?.trace?.rules[data.ruleId]);
  const validation = useStore(store, (s) => s.previewValues?.validation);
  const issues = useMemo(() => (validation ? issuesByRow(store.getState().doc, validation).get(data.ruleId) : undefined), [validation, store, data.ruleId]);
  const fields = data.unknownTargets.length
    ? [...data.fields, ...data.unknownTargets.map((p) => ({ path: p, name: p, type: 'any' as const, cardinality: 'optional' as const, doc: 'Not a field of the target model' }))]
    : data.fields;
  return (
    <div className={`mw-node mw-node-entity${selected ? ' is-selected' : ''}`} data-testid={`node-${id}`}>
      <header className="mw-node-head">
        <CollapseButton id={id} collapsed={data.collapsed} />
        <span className="mw-node-kind">target</span>
        <span className="mw-node-title">{data.title}</span>
        <span className="mw-node-count" title="Mapped fields">{used.size}</span>
        {made ? (
          <span className={`mw-badge mw-badge-made${made.made ? '' : ' is-none'}`} data-testid={`node-made-${id}`} title={`For the selected preview record: ${made.made} made${made.skipped ? `, ${made.skipped} skipped (condition false)` : ''}`}>
            {made.made ? `×${made.made}` : 'none'}
          </span>
        ) : null}
        {data.rule ? <Handle id="entity" type="source" position={Position.Right} className="mw-handle mw-handle-entity" title="Link from this entity" /> : null}
      </header>
      {data.forEach ? (
        <div className="mw-loop-frame" title="This rule creates one entity per element of the collection">
          ↻ for each <code>{data.forEach.path}</code> as <code>{data.forEach.as}</code>
        </div>
      ) : null}
      {data.rule ? (
        <div className="mw-rule-slots">
          <div className={`mw-slot${data.hasWhen ? ' is-wired' : ''}`}>
            <Handle id="when" type="target" position={Position.Left} className="mw-handle" />
            <span>only when…</span>
          </div>
        </div>
      ) : (
        <div className="mw-rule-slots">
          <div className={`mw-slot${data.hasRecordId ? ' is-wired' : ''}`} title="Source record id, recorded in every entity's provenance">
            <Handle id="recordId" type="target" position={Position.Left} className="mw-handle" />
            <span>record id</span>
          </div>
          {data.filters?.map((f) => (
            <div key={f.id} className="mw-slot is-wired" title="Records for which this condition is false are rejected with the reason">
              <Handle id={`filter:${f.id}`} type="target" position={Position.Left} className="mw-handle" />
              <span>keep only if… <em>({f.reason})</em></span>
            </div>
          ))}
        </div>
      )}
      {data.collapsed ? null : <NodeSearch value={query} onChange={setQuery} label={`Filter fields of ${data.title}`} />}
      <FieldList
        nodeId={id}
        fields={fields}
        side="target"
        handlePrefix="t:"
        used={used}
        flagged={flagged}
        {...(issues ? { issues } : {})}
        query={query}
        selected={selectedTarget}
        nodeCollapsed={data.collapsed}
        onRowClick={(path) => selectTarget(data.ruleId, path)}
      />
    </div>
  );
});

function formatConst(v: unknown): string {
  const s = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v);
  return s.length > 24 ? `${s.slice(0, 23)}…` : s;
}

const ValueNodeView = memo(function ValueNodeView({ id, data, selected }: NodeProps<GraphNode & { data: ValueNodeData }>) {
  const { store } = useEditorContext();
  const value = formatTraced(useStore(store, (s) => s.previewValues?.trace?.nodes[id]));
  return (
    <div className={`mw-node mw-node-value mw-kind-${data.node.kind}${selected ? ' is-selected' : ''}${data.draft ? ' is-draft' : ''}`} data-testid={`node-${id}`}>
      <header className="mw-node-head">
        <span className="mw-node-kind">{data.node.kind === 'call' ? 'fn' : data.node.kind}</span>
        <span className="mw-node-title">{data.title}</span>
        <Handle id="out" type="source" position={Position.Right} className="mw-handle mw-handle-out" />
      </header>
      {data.subtitle ? <div className="mw-node-sub">{data.subtitle}</div> : null}
      {data.slots.map((s) => (
        <div key={s.slot} className={`mw-slot is-${s.state}`}>
          <Handle id={`in:${s.slot}`} type="target" position={Position.Left} className="mw-handle" />
          <span className="mw-slot-label">{s.label}</span>
          {s.state === 'const' ? <code className="mw-slot-const">{formatConst(s.constValue)}</code> : null}
          {s.state === 'empty' ? <span className="mw-slot-empty">not set</span> : null}
        </div>
      ))}
      {data.draft ? <div className="mw-draft-note">Not connected: wire its output to a target to keep it</div> : null}
      {value ? (
        <div className={`mw-node-value-preview${value.empty ? ' is-empty' : ''}`} data-testid={`node-value-${id}`} title={`Value for the selected preview record:\n${value.full}`}>
          = {value.short}
        </div>
      ) : null}
    </div>
  );
});

const LinkNode = memo(function LinkNode({ id, data, selected }: NodeProps<GraphNode & { data: LinkNodeData }>) {
  return (
    <div className={`mw-node mw-node-link${selected ? ' is-selected' : ''}`} data-testid={`node-${id}`}>
      <Handle id="from" type="target" position={Position.Left} className="mw-handle" style={{ top: 14 }} />
      <Handle id="to" type="target" position={Position.Left} className="mw-handle" style={{ top: 34 }} />
      <header className="mw-node-head">
        <span className="mw-node-kind">link</span>
        <span className="mw-node-title">{data.title}</span>
      </header>
      {data.rule.forEach ? <div className="mw-loop-frame">↻ for each <code>{data.rule.forEach.path}</code></div> : null}
    </div>
  );
});

export const nodeTypes: NodeTypes = {
  source: SourceNode,
  entity: EntityNode,
  value: ValueNodeView,
  link: LinkNode,
} as NodeTypes;
