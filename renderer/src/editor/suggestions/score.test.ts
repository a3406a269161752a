import { describe, expect, it } from 'vitest';
import type { FieldNode } from '../../../../mappings/model/field-tree';
import { nameTokens, normaliseName, suggestMappings } from './score';

const f = (path: string, type: FieldNode['type'] = 'string', extra: Partial<FieldNode> = {}): FieldNode => ({
  path,
  name: path.split('.').pop()!.replace(/\[\]$/, ''),
  type,
  cardinality: 'optional',
  ...extra,
});

const source = [
  f('persons[]', 'array', {
    cardinality: 'many',
    children: [
      f('persons[].DOB', 'string', { examples: ['01/02/1990', '2001-12-31'] }),
      f('persons[].Forename'),
      f('persons[].surname'),
      f('persons[].post_code', 'string', { examples: ['SW1A 1AA', 'M1 1AE'] }),
    ],
  }),
  f('VRM', 'string', { examples: ['AB12 CDE'] }),
  f('notes'),
];
const person = [f('dateOfBirth', 'date'), f('givenName'), f('familyName'), f('postcode'), f('nickname')];

describe('suggestMappings', () => {
  it('matches by synonym and sample shape inside the loop, with reasons', () => {
    const chain = [{ as: 'person', prefix: 'persons[]' }];
    const s = suggestMappings(source, person, new Set(), chain);
    const by = Object.fromEntries(s.map((x) => [x.target, x]));
    expect(by.givenName).toMatchObject({ source: 'persons[].Forename', confidence: 0.85 });
    expect(by.familyName.source).toBe('persons[].surname');
    expect(by.postcode).toMatchObject({ source: 'persons[].post_code' });
    expect(by.postcode.reasons).toContain('sample values look like a UK postcode');
    // text into a date needs parseDate: still suggested, with less confidence and the reason
    expect(by.dateOfBirth.source).toBe('persons[].DOB');
    expect(by.dateOfBirth.confidence).toBeLessThan(by.givenName.confidence);
    expect(by.dateOfBirth.reasons.join(' ')).toMatch(/needs a conversion/);
    expect(by.nickname).toBeUndefined();
    expect(s.map((x) => x.confidence)).toEqual([...s.map((x) => x.confidence)].sort((a, b) => b - a));
  });

  it('penalises fields that need a loop and skips mapped targets', () => {
    const s = suggestMappings(source, person, new Set(['givenName']), []);
    expect(s.find((x) => x.target === 'givenName')).toBeUndefined();
    // surname is under persons[] and this rule does not loop: below the default threshold…
    expect(s.find((x) => x.target === 'familyName')).toBeUndefined();
    // …and shown with its reason when the threshold is lowered
    const fam = suggestMappings(source, person, new Set(), [], 0.3).find((x) => x.target === 'familyName')!;
    expect(fam.confidence).toBe(0.43);
    expect(fam.reasons.join(' ')).toMatch(/needs a loop or an aggregate/);
  });

  it('matches vehicle registration by synonym and shape', () => {
    const s = suggestMappings(source, [f('registration')], new Set());
    expect(s).toEqual([expect.objectContaining({ source: 'VRM', target: 'registration' })]);
    expect(s[0].confidence).toBeGreaterThan(0.85);
  });

  it('normalises and tokenises names', () => {
    expect(normaliseName('Date_Of-Birth')).toBe('dateofbirth');
    expect(nameTokens('dateOfBirth')).toEqual(['date', 'of', 'birth']);
    expect(nameTokens('crime_ref')).toEqual(['crime', 'ref']);
  });
});

describe('generic leaf names', () => {
  const src = [f('offence', 'object', { children: [f('offence.code'), f('offence.description')] }), f('sex', 'object', { children: [f('sex.code')] })];
  const target = [
    f('age', 'object', { children: [f('age.band', 'object', { children: [f('age.band.code')] })] }),
    f('sex', 'object', { children: [f('sex.code'), f('sex.label')] }),
    f('offence', 'object', { children: [f('offence.code')] }),
  ];
  it('match only when the objects they sit in match too', () => {
    const s = suggestMappings(src, target, new Set());
    const by = Object.fromEntries(s.map((x) => [x.target, x.source]));
    expect(by['age.band.code']).toBeUndefined();
    expect(by['sex.code']).toBe('sex.code');
    expect(by['offence.code']).toBe('offence.code');
    expect(by['sex.label']).toBeUndefined();
  });
});
