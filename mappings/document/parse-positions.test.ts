import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { parseMapping } from './parse';

/**
 * Pins the line/column of diagnostics in a document whose keys need JSON Pointer escapes (`~0`,
 * `~1`) and whose lines carry non-ASCII text (columns count UTF-16 code units, as editors do), so a
 * change of the position scanner cannot move them.
 */
const TEXT = [
  '{',
  '  "format": "mapwright.mapping",',
  '  "formatVersion": 1,',
  '  "id": "ef1c4a1d-36b6-4660-8467-f0ea8d5827ed",',
  '  "name": "Zoë 😀 Ĳ", "odd/key~1": 1,',
  '  "version": "0.1.0",',
  '  "namespace": "1b1913ae-cb70-4fb2-ba79-67ac1b5eb6b2",',
  '  "sourceSystem": "offences",',
  '  "sources": [{ "id": "s-3vd1xqagqy", "name": "offences", "format": "ndjson", "primary": true,',
  '    "schema": { "id": "source:offences", "name": "offences", "origin": "ndjson", "fields": [] } }],',
  '  "joins": [], "target": { "modelId": "pole", "modelVersion": "1.0.0" },',
  '  "filters": [], "valueMaps": [], "root": { "fields": [] }, "entities": [], "links": [],',
  '  "layout": { "nodes": { "é/😀~n": { "x": 1, "y": 2 }, "ü~/x": 5,',
  '    "ok": { "x": "ß", "y": 0 } }, "comments": [] }',
  '}',
].join('\n');

const where = (d: Diagnostic) => [
  d.location.pointer,
  d.location.line,
  d.location.column,
  d.location.endLine,
  d.location.endColumn,
];

describe('diagnostic positions with pointer escapes and unicode', () => {
  it('locates schema errors by escaped pointer, keys and values, in UTF-16 columns', () => {
    const r = parseMapping(TEXT, { file: 'm.json' });
    expect(r.diagnostics.map(where).sort()).toEqual(
      [
        ['/odd~1key~01', 5, 23, 5, 37],
        ['/layout/nodes/ü~0~1x', 13, 64, 13, 65],
        ['/layout/nodes/ok/x', 14, 18, 14, 21],
      ].sort(),
    );
  });

  it('locates a syntax error after non-ASCII text', () => {
    const r = parseMapping('{\n  "name": "Zoë 😀",\n  "a~/b": "ü" "c": 1\n}', { file: 'm.json' });
    expect(r.diagnostics.map((d) => [d.code, d.location.line, d.location.column])).toEqual([['MW3001', 3, 15]]);
  });
});
