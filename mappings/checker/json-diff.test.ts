import { describe, expect, it } from 'vitest';
import { ANSI, diffJson, formatJsonDiff } from './json-diff';

describe('diffJson', () => {
  it('finds nothing in equal documents, whatever the key order', () => {
    expect(diffJson({ a: 1, b: { c: [1, { d: null }] } }, { b: { c: [1, { d: null }] }, a: 1 })).toEqual([]);
  });

  it('reports changed, missing and unexpected values by JSON pointer', () => {
    expect(diffJson({ a: 1, b: [1, 2], 'x/y': true }, { a: 2, b: [1], c: 'new', 'x/y': true })).toEqual([
      { path: '/a', kind: 'changed', expected: 1, actual: 2 },
      { path: '/b/1', kind: 'missing', expected: 2 },
      { path: '/c', kind: 'unexpected', actual: 'new' },
    ]);
    expect(diffJson({ 'x/y': 1 }, { 'x/y': 2 })[0].path).toBe('/x~1y');
  });

  it('treats a type change as one changed value', () => {
    expect(diffJson({ a: { b: 1 } }, { a: [1] })).toEqual([{ path: '/a', kind: 'changed', expected: { b: 1 }, actual: [1] }]);
  });
});

describe('formatJsonDiff', () => {
  const diffs = diffJson({ name: 'Smith', n: 1 }, { name: 'SMITH', extra: { x: 1 } });

  it('prints a plain unified diff', () => {
    expect(formatJsonDiff(diffs)).toEqual([
      '--- expected',
      '+++ actual',
      '@@ /name (changed) @@',
      '- "Smith"',
      '+ "SMITH"',
      '@@ /n (missing) @@',
      '- 1',
      '@@ /extra (unexpected) @@',
      '+ {',
      '+   "x": 1',
      '+ }',
    ]);
  });

  it('colours only when asked, and caps long diffs', () => {
    expect(formatJsonDiff(diffs).join('')).not.toContain('\u001b');
    expect(formatJsonDiff(diffs, ANSI)[3]).toBe('\u001b[31m- "Smith"\u001b[39m');
    expect(formatJsonDiff(diffs, undefined, 1).at(-1)).toBe('… and 2 more differences');
  });
});
