/** Turning a previewed record into a saved test case (pure, tested). */
import type { Json, TestCase } from '../../../../mappings/document/types';
import type { PreviewRecord } from '../../../../electron/shared/api';
import type { SourceRecord } from '../../../../mappings/io/types';

/**
 * A test case from one preview record: the sample's input record and, as the expectation, what the
 * mapping produces now (output, or the reject code). Throws when the sample record did not parse,
 * because a test of an unreadable record would say nothing.
 */
export function testCaseFromPreview(id: string, sampleName: string, rec: PreviewRecord, records: readonly SourceRecord[]): TestCase {
  const src = records.find((r) => r.record === rec.record);
  if (!src) throw new Error(`Record ${rec.record} is not in ${sampleName}`);
  if ('error' in src) throw new Error(`Record ${rec.record} of ${sampleName} cannot be read: ${src.error.message}`);
  const expected: TestCase['expected'] =
    rec.status === 'rejected'
      ? { reject: { code: rec.reject?.code ?? 'unknown', ...(rec.reject?.ruleId ? { ruleId: rec.reject.ruleId } : {}) } }
      : { output: asTestRecord((rec.output ?? null) as Json) };
  return { id, name: `${sampleName} record ${rec.record}`, input: src.value as Json, expected };
}

/**
 * A test runs its input as record 1 with no file (see mappings/checker/run-tests.ts), so the
 * provenance the preview recorded for the sample (file name, row number) is rewritten to match;
 * everything else is kept exactly as the mapping produced it.
 */
export function asTestRecord(output: Json): Json {
  const walk = (v: Json, key?: string): Json => {
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') {
      const entries = Object.entries(v).map(([k, x]) => [k, walk(x, k)] as const);
      const obj: { [k: string]: Json } = Object.fromEntries(entries);
      if (key === 'provenance') {
        delete obj.sourceFile;
        if ('sourceRow' in obj) obj.sourceRow = 1;
      }
      return obj;
    }
    return v;
  };
  return walk(output);
}

/** Pretty JSON for the diff editor, with object keys sorted so only real differences show. */
export function stableJson(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])]));
    return v;
  };
  return JSON.stringify(sort(value), null, 2) ?? 'undefined';
}

interface Difference {
  path: string;
  kind: 'changed' | 'missing' | 'unexpected';
  actual?: unknown;
}

function isDifference(v: unknown): v is Difference {
  return !!v && typeof v === 'object' && typeof (v as Difference).path === 'string' && ['changed', 'missing', 'unexpected'].includes((v as Difference).kind);
}

/**
 * The actual output of a failed test, rebuilt from the expected output and the runner's list of
 * differences (JSON Pointers), so the diff view can show the two documents side by side.
 * Returns undefined when `differences` is not such a list.
 */
export function applyDifferences(expected: unknown, differences: unknown): unknown {
  if (!Array.isArray(differences) || !differences.every(isDifference)) return undefined;
  let root: unknown = structuredClone(expected);
  const tokens = (p: string) => (p === '' ? [] : p.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~')));
  // Removals from arrays go last-index-first so earlier indexes stay valid.
  const ordered = [...differences].sort((a, b) => (a.kind === 'missing' && b.kind === 'missing' ? b.path.localeCompare(a.path, undefined, { numeric: true }) : 0));
  for (const d of ordered) {
    const t = tokens(d.path);
    if (!t.length) {
      root = d.kind === 'missing' ? undefined : structuredClone(d.actual);
      continue;
    }
    let parent = root as Record<string, unknown> | unknown[];
    for (const k of t.slice(0, -1)) parent = (parent as Record<string, unknown>)[k] as Record<string, unknown>;
    if (!parent || typeof parent !== 'object') continue;
    const last = t[t.length - 1];
    if (d.kind === 'missing') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else if (Array.isArray(parent)) parent[Number(last)] = structuredClone(d.actual);
    else parent[last] = structuredClone(d.actual);
  }
  return root;
}
