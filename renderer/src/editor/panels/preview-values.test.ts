import { describe, expect, it } from 'vitest';
import { sampleDocument } from '../__fixtures__/documents';
import { formatTraced, issuesByRow, LABEL_CHARS } from './preview-values';

describe('formatTraced', () => {
  it('shows a value as JSON, cut to the label length with the full value for hover', () => {
    expect(formatTraced({ count: 1, values: ['AC/24/001017'] })).toEqual({ short: '"AC/24/001017"', full: '"AC/24/001017"', empty: false });
    const long = 'x'.repeat(100);
    const f = formatTraced({ count: 1, values: [long] })!;
    expect(f.short).toHaveLength(LABEL_CHARS);
    expect(f.short.endsWith('…')).toBe(true);
    expect(f.full).toBe(JSON.stringify(long));
  });

  it('marks empty values, cut values and loop iterations', () => {
    expect(formatTraced({ count: 1, values: [{ absent: true }] })).toEqual({ short: 'empty', full: 'empty', empty: true });
    expect(formatTraced({ count: 1, values: [{ cut: '[1,2,…' }] })!.short).toBe('[1,2,…');
    const loop = formatTraced({ count: 7, values: ['a', 'b', 'c', 'd', 'e'] })!;
    expect(loop.short).toBe('"a" +6');
    expect(loop.full).toBe('#1: "a"\n#2: "b"\n#3: "c"\n#4: "d"\n#5: "e"\n… 2 more');
    const coded = { code: 'OFFENCE', scheme: 'EVENT_TYPE', label: 'Offence' };
    expect(formatTraced({ count: 1, values: [coded] })).toEqual({ short: 'EVENT_TYPE:OFFENCE', full: JSON.stringify(coded), empty: false });
    expect(formatTraced(undefined)).toBeNull();
    expect(formatTraced({ count: 0, values: [] })).toBeNull();
  });
});

describe('issuesByRow', () => {
  it('groups errors by entity rule and the row of the field rule that wrote the value', () => {
    const doc = sampleDocument();
    const issues = issuesByRow(doc, [
      { path: 'entities/1/sex/code', message: 'bad sex code', ruleId: 'r-person', fieldRuleIds: ['r-person-sex'], modelPath: 'sex.code' },
      { path: 'entities/1/sex/code', message: 'second problem', ruleId: 'r-person', fieldRuleIds: ['r-person-sex'], modelPath: 'sex.code' },
      { path: 'entities/1/names/0/family', message: 'too long', ruleId: 'r-person', fieldRuleIds: ['r-person-family'], modelPath: 'names[].family' },
      { path: 'entities/0/provenance', message: 'provenance is required', ruleId: 'r-event', fieldRuleIds: [], modelPath: 'provenance' },
      { path: 'nowhere', message: 'not located' },
    ]);
    expect([...issues.keys()]).toEqual(['r-person', 'r-event']);
    expect(issues.get('r-person')!.get('sex.code')).toEqual(['bad sex code', 'second problem']);
    // `names[0].family` is drawn as the model row `names[].family`.
    expect(issues.get('r-person')!.get('names[].family')).toEqual(['too long']);
    expect(issues.get('r-event')!.get('provenance')).toEqual(['provenance is required']);
  });
});
