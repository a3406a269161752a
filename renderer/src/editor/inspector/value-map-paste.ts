/**
 * Paste-from-spreadsheet for value maps: tab-separated rows `from, to[, quality[, note]]` as a
 * spreadsheet copies them. Bad rows are reported with their line number, never skipped silently.
 */
import type { MappingQuality, ValueMapEntry } from '../../../../mappings/document/types';

const QUALITIES: readonly MappingQuality[] = ['exact', 'broader', 'narrower', 'lossy'];

export interface PasteResult {
  entries: ValueMapEntry[];
  errors: { line: number; message: string }[];
  /** A first row that looked like column headings and was skipped. */
  skippedHeader: boolean;
}

export function parseValueMapPaste(text: string): PasteResult {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const entries: ValueMapEntry[] = [];
  const errors: PasteResult['errors'] = [];
  let skippedHeader = false;
  const seen = new Map<string, number>();
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    const cells = raw.split('\t').map((c) => c.trim());
    if (i === 0 && /^(from|source|code)$/i.test(cells[0]) && /^(to|target)/i.test(cells[1] ?? '')) {
      skippedHeader = true;
      return;
    }
    if (cells.length < 2 || !cells[1]) {
      errors.push({ line, message: `needs a "from" and a "to" column separated by a tab (got ${JSON.stringify(raw.slice(0, 40))})` });
      return;
    }
    const quality = (cells[2] || 'exact').toLowerCase();
    if (!QUALITIES.includes(quality as MappingQuality)) {
      errors.push({ line, message: `quality "${cells[2]}" is not one of ${QUALITIES.join(', ')}` });
      return;
    }
    const prev = seen.get(cells[0]);
    if (prev !== undefined) {
      errors.push({ line, message: `"${cells[0]}" is already mapped on line ${prev}` });
      return;
    }
    seen.set(cells[0], line);
    entries.push({ from: cells[0], to: cells[1], quality: quality as MappingQuality, ...(cells[3] ? { note: cells[3] } : {}) });
  });
  return { entries, errors, skippedHeader };
}

/** Merges pasted entries over existing ones (a pasted `from` replaces the old entry). */
export function mergeEntries(existing: readonly ValueMapEntry[], pasted: readonly ValueMapEntry[]): ValueMapEntry[] {
  const byFrom = new Map(existing.map((e) => [e.from, e]));
  for (const e of pasted) byFrom.set(e.from, e);
  return [...byFrom.values()];
}

/** Sample values that no entry covers yet (honouring case-insensitive matching). */
export function unmappedSamples(samples: readonly unknown[], entries: readonly ValueMapEntry[], caseInsensitive = false): string[] {
  const norm = (s: string) => (caseInsensitive ? s.trim().toLowerCase() : s);
  const have = new Set(entries.map((e) => norm(e.from)));
  const out: string[] = [];
  for (const v of samples) {
    if (v === null || v === undefined || v === '') continue;
    const s = String(v);
    if (!have.has(norm(s)) && !out.includes(s)) out.push(s);
  }
  return out;
}
