/**
 * A small structural diff of two JSON values for test reports: the paths that differ, with the
 * expected and the actual value. Hand-written because a text diff of two pretty-printed documents
 * buries a one-field change in re-indented noise, and none of our libraries diff JSON structurally.
 */

export interface JsonDifference {
  /** JSON Pointer of the differing value (`''` is the whole document). */
  path: string;
  kind: 'changed' | 'missing' | 'unexpected';
  expected?: unknown;
  actual?: unknown;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function token(k: string | number): string {
  return String(k).replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Lists where `actual` differs from `expected`: object keys are compared by name (order does not
 * matter), arrays by position.
 * @example diffJson({ a: 1, b: [1] }, { a: 2, b: [1, 2] }) // [{path:'/a',kind:'changed',…}, {path:'/b/1',kind:'unexpected',…}]
 */
export function diffJson(expected: unknown, actual: unknown, path = '', out: JsonDifference[] = []): JsonDifference[] {
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const n = Math.max(expected.length, actual.length);
    for (let i = 0; i < n; i++) {
      const p = `${path}/${i}`;
      if (i >= actual.length) out.push({ path: p, kind: 'missing', expected: expected[i] });
      else if (i >= expected.length) out.push({ path: p, kind: 'unexpected', actual: actual[i] });
      else diffJson(expected[i], actual[i], p, out);
    }
    return out;
  }
  if (isObject(expected) && isObject(actual)) {
    for (const k of Object.keys(expected)) {
      const p = `${path}/${token(k)}`;
      if (!(k in actual)) out.push({ path: p, kind: 'missing', expected: expected[k] });
      else diffJson(expected[k], actual[k], p, out);
    }
    for (const k of Object.keys(actual)) if (!(k in expected)) out.push({ path: `${path}/${token(k)}`, kind: 'unexpected', actual: actual[k] });
    return out;
  }
  if (!Object.is(expected, actual)) out.push({ path, kind: 'changed', expected, actual });
  return out;
}

/** Colours for a terminal; identity functions when colour is off. */
export interface DiffStyle {
  removed(s: string): string;
  added(s: string): string;
  dim(s: string): string;
}

export const PLAIN: DiffStyle = { removed: (s) => s, added: (s) => s, dim: (s) => s };
export const ANSI: DiffStyle = {
  removed: (s) => `\u001b[31m${s}\u001b[39m`,
  added: (s) => `\u001b[32m${s}\u001b[39m`,
  dim: (s) => `\u001b[2m${s}\u001b[22m`,
};

function lines(prefix: string, value: unknown): string[] {
  return JSON.stringify(value, null, 2)
    .split('\n')
    .map((l) => `${prefix} ${l}`);
}

/**
 * Renders differences in unified-diff style: `- expected` / `+ actual` under each path, at most
 * `limit` differences (the rest are counted).
 */
export function formatJsonDiff(diffs: JsonDifference[], style: DiffStyle = PLAIN, limit = 20): string[] {
  const out: string[] = [style.removed('--- expected'), style.added('+++ actual')];
  for (const d of diffs.slice(0, limit)) {
    out.push(style.dim(`@@ ${d.path || '/'} (${d.kind}) @@`));
    if (d.kind !== 'unexpected') out.push(...lines('-', d.expected).map(style.removed));
    if (d.kind !== 'missing') out.push(...lines('+', d.actual).map(style.added));
  }
  if (diffs.length > limit) out.push(style.dim(`… and ${diffs.length - limit} more difference${diffs.length - limit === 1 ? '' : 's'}`));
  return out;
}
