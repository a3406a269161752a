/**
 * Sizes of the shell's resizable panels (the inspector's width, the bottom panel's height): their
 * limits, keyboard steps, and how they are remembered across sessions (localStorage, like the theme).
 * Pure apart from the storage object passed in, so the rules are unit-tested without a DOM.
 */

export type PanelName = 'inspector' | 'bottom';

export interface PanelLayout {
  inspectorWidth: number;
  bottomHeight: number;
  inspectorVisible: boolean;
  bottomVisible: boolean;
  /** The editor's node and function palette (hidden, the canvas gets its width). */
  paletteVisible: boolean;
}

export const LAYOUT_STORAGE_KEY = 'mapwright.layout';

/** The stylesheet's defaults (styles/app.css `--inspector-w`, `--bottom-h`). */
export const DEFAULT_LAYOUT: PanelLayout = { inspectorWidth: 300, bottomHeight: 188, inspectorVisible: true, bottomVisible: true, paletteVisible: true };

/**
 * Smallest and largest size of a panel for a window. The minimum keeps the panel's own controls
 * usable (the inspector's forms, the bottom tabs plus a few rows); the maximum leaves the canvas at
 * least 40% of the window (and never less than 360 px wide / 200 px high).
 */
export function panelLimits(panel: PanelName, windowSize: { width: number; height: number }): { min: number; max: number } {
  if (panel === 'inspector') {
    const min = 220;
    return { min, max: Math.max(min, Math.min(Math.round(windowSize.width * 0.6), windowSize.width - 360)) };
  }
  const min = 96;
  return { min, max: Math.max(min, Math.min(Math.round(windowSize.height * 0.7), windowSize.height - 200)) };
}

export function clampSize(size: number, limits: { min: number; max: number }): number {
  if (!Number.isFinite(size)) return limits.min;
  return Math.round(Math.min(limits.max, Math.max(limits.min, size)));
}

/**
 * The size after a key press on a focused splitter (WAI-ARIA window splitter pattern): arrows move
 * by 16 px (64 with Shift), Home/End go to the limits. Keys that grow the panel depend on its side:
 * the inspector sits right of its splitter (ArrowLeft grows it), the bottom panel below (ArrowUp).
 * Returns null for keys the splitter does not handle.
 */
export function sizeForKey(panel: PanelName, key: string, shift: boolean, size: number, limits: { min: number; max: number }): number | null {
  const step = shift ? 64 : 16;
  const grow = panel === 'inspector' ? 'ArrowLeft' : 'ArrowUp';
  const shrink = panel === 'inspector' ? 'ArrowRight' : 'ArrowDown';
  if (key === grow) return clampSize(size + step, limits);
  if (key === shrink) return clampSize(size - step, limits);
  if (key === 'Home') return limits.min;
  if (key === 'End') return limits.max;
  return null;
}

/**
 * The size a drag gives: the panel grows by how far the pointer moved towards the canvas (left for
 * the inspector, up for the bottom panel).
 */
export function sizeForDrag(panel: PanelName, startSize: number, start: { x: number; y: number }, now: { x: number; y: number }, limits: { min: number; max: number }): number {
  const delta = panel === 'inspector' ? start.x - now.x : start.y - now.y;
  return clampSize(startSize + delta, limits);
}

/** The remembered layout; anything missing or unreadable falls back to the defaults, field by field. */
export function readLayout(storage: Pick<Storage, 'getItem'> | null): PanelLayout {
  let raw: unknown;
  try {
    raw = JSON.parse(storage?.getItem(LAYOUT_STORAGE_KEY) ?? 'null');
  } catch {
    raw = null;
  }
  const o = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.round(v) : d);
  const bool = (v: unknown, d: boolean) => (typeof v === 'boolean' ? v : d);
  return {
    inspectorWidth: num(o.inspectorWidth, DEFAULT_LAYOUT.inspectorWidth),
    bottomHeight: num(o.bottomHeight, DEFAULT_LAYOUT.bottomHeight),
    inspectorVisible: bool(o.inspectorVisible, DEFAULT_LAYOUT.inspectorVisible),
    bottomVisible: bool(o.bottomVisible, DEFAULT_LAYOUT.bottomVisible),
    paletteVisible: bool(o.paletteVisible, DEFAULT_LAYOUT.paletteVisible),
  };
}

/** Remembers the layout; a storage that refuses (quota, policy) only loses the memory, not the layout. */
export function writeLayout(storage: Pick<Storage, 'setItem'> | null, layout: PanelLayout): void {
  try {
    storage?.setItem(LAYOUT_STORAGE_KEY, JSON.stringify(layout));
  } catch {
    // Not remembered under this storage policy; the sizes still apply to this window.
  }
}

/** window.localStorage, or null where it is unavailable (tests, a locked-down profile). */
export function layoutStorage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}
