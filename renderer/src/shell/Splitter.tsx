/**
 * A splitter on the edge of a shell panel: drag it to resize the panel, or focus it and use the
 * arrow keys (Shift for bigger steps), Home/End for the limits, Enter to collapse (the title bar's
 * toggles bring the panel back). It follows the WAI-ARIA window splitter pattern: a focusable
 * `separator` with `aria-valuenow` in px and `aria-controls` naming the panel.
 *
 * Hand-written rather than react-resizable-panels: that library owns the layout (a PanelGroup of
 * percentage panels), while the shell is a CSS grid whose tracks are CSS variables and whose panels
 * are filled through portals (slots.tsx). A splitter only has to set one variable.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { clampSize, panelLimits, sizeForDrag, sizeForKey, type PanelName } from './panel-layout';
import { useShellStore } from './store';

const VAR: Record<PanelName, string> = { inspector: '--inspector-w', bottom: '--bottom-h' };

function windowSize(): { width: number; height: number } {
  return { width: window.innerWidth, height: window.innerHeight };
}

/** The panel's size, clamped to the current window, written to the shell grid's CSS variable. */
function useAppliedSize(panel: PanelName, anchor: React.RefObject<HTMLElement | null>): { size: number; limits: { min: number; max: number } } {
  const stored = useShellStore((s) => (panel === 'inspector' ? s.inspectorWidth : s.bottomHeight));
  const [win, setWin] = useState(windowSize);
  useEffect(() => {
    const onResize = () => setWin(windowSize());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  const limits = panelLimits(panel, win);
  const size = clampSize(stored, limits);
  // The variable goes on the grid (`.app`), the panel's parent; removed when the panel unmounts so
  // the stylesheet's default applies again.
  useLayoutEffect(() => {
    const grid = anchor.current?.closest<HTMLElement>('.app');
    if (!grid) return;
    grid.style.setProperty(VAR[panel], `${size}px`);
  }, [anchor, panel, size]);
  useLayoutEffect(() => {
    const grid = anchor.current?.closest<HTMLElement>('.app');
    return () => {
      grid?.style.removeProperty(VAR[panel]);
    };
  }, [anchor, panel]);
  return { size, limits };
}

export interface SplitterProps {
  panel: PanelName;
  /** Id of the panel element the splitter resizes (`aria-controls`). */
  controls: string;
  label: string;
}

/** The resize handle of the inspector (its left edge) or the bottom panel (its top edge). */
export function Splitter({ panel, controls, label }: SplitterProps) {
  const ref = useRef<HTMLDivElement>(null);
  const { size, limits } = useAppliedSize(panel, ref);
  const setPanelSize = useShellStore((s) => s.setPanelSize);
  const collapse = useShellStore((s) => (panel === 'inspector' ? s.toggleInspector : s.toggleBottom));
  const drag = useRef<{ pointer: number; start: { x: number; y: number }; size: number } | null>(null);
  const [dragging, setDragging] = useState(false);

  const onPointerDown = useCallback(
    (e: PointerEvent<HTMLDivElement>) => {
      if (e.button !== 0) return;
      e.preventDefault();
      e.currentTarget.setPointerCapture(e.pointerId);
      e.currentTarget.focus();
      drag.current = { pointer: e.pointerId, start: { x: e.clientX, y: e.clientY }, size };
      setDragging(true);
    },
    [size],
  );
  const onPointerMove = useCallback(
    (e: PointerEvent<HTMLDivElement>) => {
      const d = drag.current;
      if (!d || d.pointer !== e.pointerId) return;
      setPanelSize(panel, sizeForDrag(panel, d.size, d.start, { x: e.clientX, y: e.clientY }, limits));
    },
    [panel, limits, setPanelSize],
  );
  const endDrag = useCallback((e: PointerEvent<HTMLDivElement>) => {
    if (drag.current?.pointer !== e.pointerId) return;
    drag.current = null;
    setDragging(false);
  }, []);
  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        collapse();
        return;
      }
      const next = sizeForKey(panel, e.key, e.shiftKey, size, limits);
      if (next === null) return;
      e.preventDefault();
      setPanelSize(panel, next);
    },
    [panel, size, limits, setPanelSize, collapse],
  );

  return (
    <div
      ref={ref}
      role="separator"
      tabIndex={0}
      aria-orientation={panel === 'inspector' ? 'vertical' : 'horizontal'}
      aria-label={label}
      aria-controls={controls}
      aria-valuenow={size}
      aria-valuemin={limits.min}
      aria-valuemax={limits.max}
      title={`Drag to resize; arrow keys when focused; Enter or double-click to hide`}
      className={`splitter splitter-${panel}${dragging ? ' is-dragging' : ''}`}
      data-testid={`splitter-${panel}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={endDrag}
      onPointerCancel={endDrag}
      onDoubleClick={() => collapse()}
      onKeyDown={onKeyDown}
    />
  );
}
