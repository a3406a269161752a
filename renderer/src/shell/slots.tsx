/**
 * Panel slots the mapping editor fills from inside its own tree.
 *
 * The shell owns the layout: a right **inspector**, a bottom panel with **problems**, **preview**
 * and **tests** tabs, and a **toolbar** area in the title bar. The editor renders its content
 * wherever it likes in its component tree and the shell portals it into place:
 *
 * ```tsx
 * import { ShellPanel } from '../shell/slots';
 * <ShellPanel slot="inspector" title="Rule: person.name">…</ShellPanel>
 * <ShellPanel slot="problems" badge={diagnostics.length}>…</ShellPanel>
 * <ShellPanel slot="toolbar"><button className="button">Export bundle</button></ShellPanel>
 * ```
 *
 * While a slot has no `ShellPanel`, the shell shows its own empty state there. `badge` shows a
 * count on the bottom tab; `title` replaces the inspector's heading. `useShowBottomTab()` lets the
 * editor bring a tab forward (e.g. Problems after a failed check). Content unmounts with the
 * editor, so nothing lingers after the project closes.
 */
import { createContext, useCallback, useContext, useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useShellStore, type BottomTab } from './store';

export type SlotName = 'inspector' | BottomTab | 'toolbar';

interface Registration {
  title?: string;
  badge?: number;
}

interface SlotsContextValue {
  targets: Partial<Record<SlotName, HTMLElement>>;
  setTarget(name: SlotName, el: HTMLElement | null): void;
  registrations: Partial<Record<SlotName, Record<string, Registration>>>;
  register(name: SlotName, key: string, reg: Registration | null): void;
}

const SlotsContext = createContext<SlotsContextValue | null>(null);

export function SlotsProvider({ children }: { children: ReactNode }) {
  const [targets, setTargets] = useState<SlotsContextValue['targets']>({});
  const [registrations, setRegistrations] = useState<SlotsContextValue['registrations']>({});
  const setTarget = useCallback((name: SlotName, el: HTMLElement | null) => {
    setTargets((t) => {
      if ((t[name] ?? null) === el) return t;
      const next = { ...t };
      if (el) next[name] = el;
      else delete next[name];
      return next;
    });
  }, []);
  const register = useCallback((name: SlotName, key: string, reg: Registration | null) => {
    setRegistrations((r) => {
      const slot = { ...(r[name] ?? {}) };
      if (reg) slot[key] = reg;
      else delete slot[key];
      return { ...r, [name]: slot };
    });
  }, []);
  const value = useMemo(() => ({ targets, setTarget, registrations, register }), [targets, setTarget, registrations, register]);
  return <SlotsContext.Provider value={value}>{children}</SlotsContext.Provider>;
}

function useSlots(): SlotsContextValue {
  const ctx = useContext(SlotsContext);
  if (!ctx) throw new Error('Shell slots need a <SlotsProvider> above them');
  return ctx;
}

export interface ShellPanelProps {
  slot: SlotName;
  /** Inspector heading while this content is shown. */
  title?: string;
  /** Count shown on the bottom tab (problems, failing tests…). */
  badge?: number;
  children: ReactNode;
}

/** Renders `children` into a shell slot (see the module comment). */
export function ShellPanel({ slot, title, badge, children }: ShellPanelProps) {
  const { targets, register } = useSlots();
  const key = useId();
  useEffect(() => {
    register(slot, key, { title, badge });
  }, [register, slot, key, title, badge]);
  useEffect(() => () => register(slot, key, null), [register, slot, key]);
  const target = targets[slot];
  return target ? createPortal(children, target) : null;
}

/** Brings a bottom-panel tab forward (opening the panel if hidden). */
export function useShowBottomTab(): (tab: BottomTab) => void {
  return useShellStore((s) => s.showBottomTab);
}

/** Shell side: where a slot's content lands, with the shell's fallback while it is empty. */
export function SlotTarget({ name, fallback, className }: { name: SlotName; fallback?: ReactNode; className?: string }) {
  const { setTarget, registrations } = useSlots();
  const filled = Object.keys(registrations[name] ?? {}).length > 0;
  // A stable ref callback: an inline one would detach and reattach (null, then el) on every render.
  const ref = useCallback((el: HTMLDivElement | null) => setTarget(name, el), [setTarget, name]);
  return (
    <>
      {!filled && fallback}
      <div ref={ref} className={className} data-slot={name} hidden={!filled} />
    </>
  );
}

/** Shell side: what the registered content says about a slot (title, summed badge). */
export function useSlotInfo(name: SlotName): { filled: boolean; title?: string; badge?: number } {
  const { registrations } = useSlots();
  const regs = Object.values(registrations[name] ?? {});
  const badges = regs.map((r) => r.badge).filter((b): b is number => typeof b === 'number');
  return {
    filled: regs.length > 0,
    title: regs.find((r) => r.title)?.title,
    badge: badges.length ? badges.reduce((a, b) => a + b, 0) : undefined,
  };
}
