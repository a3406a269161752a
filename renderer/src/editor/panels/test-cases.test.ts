import { describe, expect, it } from 'vitest';
import { applyDifferences, stableJson, testCaseFromPreview } from './test-cases';
import type { SourceRecord } from '../../../../mappings/io/types';

const records: SourceRecord[] = [
  { record: 1, line: 1, value: { crime_ref: 'AC/1' } },
  { record: 2, line: 2, error: { code: 'MW1101', severity: 'error', message: 'Unexpected token', location: { line: 2 } } },
];

describe('testCaseFromPreview', () => {
  it('takes the input from the sample and the current output as expected', () => {
    const t = testCaseFromPreview('t-1', 'offences.ndjson', { record: 1, status: 'written', output: { entities: [] } }, records);
    expect(t).toEqual({ id: 't-1', name: 'offences.ndjson record 1', input: { crime_ref: 'AC/1' }, expected: { output: { entities: [] } } });
    const r = testCaseFromPreview('t-2', 's', { record: 1, status: 'rejected', reject: { code: 'MW6001', message: 'x', ruleId: 'r-f' } }, records);
    expect(r.expected).toEqual({ reject: { code: 'MW6001', ruleId: 'r-f' } });
  });
  it('refuses records that are missing or did not parse', () => {
    expect(() => testCaseFromPreview('t', 's', { record: 9, status: 'written' }, records)).toThrow('Record 9 is not in s');
    expect(() => testCaseFromPreview('t', 's', { record: 2, status: 'written' }, records)).toThrow('Record 2 of s cannot be read: Unexpected token');
  });
});

describe('asTestRecord', () => {
  it('rewrites run-location provenance to the test runner’s (record 1, no file) and keeps the rest', () => {
    const out = { entities: [{ id: 'Event:1', provenance: { sourceSystem: 'ACME', sourceFile: 'offences.ndjson', sourceRow: 7, ruleIds: ['r-event'] } }], links: [] };
    expect(testCaseFromPreview('t', 's', { record: 1, status: 'written', output: out }, records).expected).toEqual({
      output: { entities: [{ id: 'Event:1', provenance: { sourceSystem: 'ACME', sourceRow: 1, ruleIds: ['r-event'] } }], links: [] },
    });
  });
});

describe('stableJson', () => {
  it('sorts keys so key order never shows as a difference', () => {
    expect(stableJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe(stableJson({ a: [{ c: 2, d: 1 }], b: 1 }));
  });
});

describe('applyDifferences', () => {
  it('rebuilds the actual document from the runner’s differences', () => {
    const expected = { entities: [{ id: 'a', ref: 'X' }, { id: 'b' }, { id: 'c' }], note: 'n' };
    const actual = applyDifferences(expected, [
      { path: '/entities/0/ref', kind: 'changed', expected: 'X', actual: 'Y' },
      { path: '/entities/1', kind: 'missing', expected: { id: 'b' } },
      { path: '/entities/2', kind: 'missing', expected: { id: 'c' } },
      { path: '/extra~1x', kind: 'unexpected', actual: 1 },
      { path: '/note', kind: 'missing', expected: 'n' },
    ]);
    expect(actual).toEqual({ entities: [{ id: 'a', ref: 'Y' }], 'extra/x': 1 });
    expect(expected.entities).toHaveLength(3);
    expect(applyDifferences(expected, { reject: {} })).toBeUndefined();
  });
});
