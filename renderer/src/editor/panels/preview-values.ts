/**
 * Presenting preview values (pure, tested): a traced value as a short label with the full text for
 * hover, and a record's target-schema errors grouped by the canvas row they belong to.
 */
import type { MappingDocument } from '../../../../mappings/document/types';
import type { PreviewRecord, PreviewTracedValues } from '../../../../electron/shared/api';

/** Longest label drawn on an edge or node; the full value is in the tooltip. */
export const LABEL_CHARS = 28;

function text(v: unknown): string {
  if (v !== null && typeof v === 'object') {
    if ((v as { absent?: unknown }).absent === true && Object.keys(v).length === 1) return 'empty';
    if (typeof (v as { cut?: unknown }).cut === 'string' && Object.keys(v).length === 1) return (v as { cut: string }).cut;
  }
  return JSON.stringify(v) ?? String(v);
}

/** Label text: a coded value (`{code, scheme, …}`, everywhere in POLE) as `SCHEME:CODE`, else JSON. */
function brief(v: unknown): string {
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const c = v as { code?: unknown; scheme?: unknown };
    if (typeof c.code === 'string' && typeof c.scheme === 'string') return `${c.scheme}:${c.code}`;
  }
  return text(v);
}

/**
 * A traced value for display: `short` for the label (one line, cut to `LABEL_CHARS`, `+n` when a
 * loop evaluated it more than once) and `full` for the tooltip (every kept iteration).
 * @example formatTraced({ count: 1, values: ['AC/24/001017'] }) // { short: '"AC/24/001017"', full: '"AC/24/001017"' }
 */
export function formatTraced(t: PreviewTracedValues | undefined): { short: string; full: string; empty: boolean } | null {
  if (!t || t.count === 0 || !t.values.length) return null;
  const first = brief(t.values[0]).replace(/\s+/g, ' ');
  const more = t.count > 1 ? ` +${t.count - 1}` : '';
  const room = LABEL_CHARS - more.length;
  const short = (first.length > room ? `${first.slice(0, room - 1)}…` : first) + more;
  const full =
    t.count === 1
      ? text(t.values[0])
      : [...t.values.map((v, i) => `#${i + 1}: ${text(v)}`), ...(t.count > t.values.length ? [`… ${t.count - t.values.length} more`] : [])].join('\n');
  return { short, full, empty: t.values.every((v) => text(v) === 'empty') };
}

/** `names[0].family` → `names[].family`, as the canvas names target rows. */
const rowPath = (target: string) => target.replace(/\[\d+\]/g, '[]');

/**
 * A record's validation errors by canvas node (entity rule id, `root` for the document) and row:
 * the row of the field rule that wrote the bad value, else the row of the error path itself.
 */
export function issuesByRow(doc: MappingDocument | null, validation: NonNullable<PreviewRecord['validation']>): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>();
  for (const v of validation) {
    if (!v.ruleId) continue;
    const rule = v.ruleId === 'root' ? doc?.root : (doc?.entities.find((e) => e.id === v.ruleId) ?? doc?.links.find((l) => l.id === v.ruleId));
    const field = rule?.fields.find((f) => f.id === v.fieldRuleIds?.[0]);
    const row = field ? rowPath(field.target) : (v.modelPath ?? '');
    const rows = out.get(v.ruleId) ?? new Map<string, string[]>();
    rows.set(row, [...(rows.get(row) ?? []), v.message]);
    out.set(v.ruleId, rows);
  }
  return out;
}
