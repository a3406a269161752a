import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldNode, FieldTree } from '../model/field-tree';
import { parseRecords } from '../io/index';
import { formatCsvRow } from '../io/csv';
import { inferSchema } from '../schema/index';
import { FAMILY_NAMES, GIVEN_NAMES } from './lists';
import { classifyField, generateSamples, parseWithPattern, redactRecords, semanticKind, type RedactionReport } from './index';

const fixtures = join(import.meta.dirname, '..', 'schema', '__fixtures__');
const POSTCODE = /^[A-Z]{1,2}\d{1,2} \d[ABDEFGHJLNPQRSTUWXYZ]{2}$/;
const VRM = /^[A-HJ-PR-Y]{2}\d{2} [A-HJ-PR-Y]{3}$/;

const node = (name: string, type: FieldNode['type'], extra: Partial<FieldNode> = {}): FieldNode => ({ path: name, name, type, cardinality: 'one', ...extra });
const tree = (fields: FieldNode[], origin: FieldTree['origin'] = 'json'): FieldTree => ({ id: 't', name: 't', origin, fields });

describe('generateSamples', () => {
  const t = tree([
    node('forename', 'string'),
    node('surname', 'string'),
    node('dateOfBirth', 'date', { pattern: 'dd/MM/yyyy' }),
    node('postcode', 'string'),
    node('vrm', 'string'),
    node('email', 'string', { format: 'email' }),
    node('sex', 'string', { enum: ['M', 'F'] }),
    node('ethnicity', 'string', { codeList: 'SDE' }),
    node('reported', 'datetime', { pattern: "yyyy-MM-dd'T'HH:mm:ssXXX" }),
    node('count', 'integer'),
    node('flag', 'boolean'),
    { path: 'persons[]', name: 'persons', type: 'array', itemType: 'object', cardinality: 'many', minOccurs: 1, maxOccurs: 3, children: [node('persons[].role', 'string', { name: 'role', enum: ['victim', 'suspect'] })] },
    node('notes', 'string', { cardinality: 'optional' }),
  ]);

  it('is reproducible for a seed and differs between seeds', () => {
    expect(generateSamples(t, { count: 20, seed: 7 })).toEqual(generateSamples(t, { count: 20, seed: 7 }));
    expect(generateSamples(t, { count: 20, seed: 7 })).not.toEqual(generateSamples(t, { count: 20, seed: 8 }));
  });

  it('writes realistic, valid values in the recorded formats', () => {
    const rs = generateSamples(t, { count: 200, seed: 'x', codeLists: { SDE: [{ code: 'W1' }, 'A2'] } }) as Record<string, unknown>[];
    for (const r of rs) {
      expect(r.postcode).toMatch(POSTCODE);
      expect(r.vrm).toMatch(VRM);
      expect(r.email).toMatch(/^[a-z.']+@example\.com$/);
      expect(parseWithPattern(r.dateOfBirth as string, 'dd/MM/yyyy')).toBeDefined();
      expect(Number((r.dateOfBirth as string).slice(6))).toBeGreaterThanOrEqual(1940);
      expect(parseWithPattern(r.reported as string, "yyyy-MM-dd'T'HH:mm:ssXXX")).toBeDefined();
      expect(['M', 'F']).toContain(r.sex);
      expect(['W1', 'A2']).toContain(r.ethnicity);
      expect(Number.isInteger(r.count)).toBe(true);
      expect(typeof r.flag).toBe('boolean');
      expect((r.persons as unknown[]).length).toBeGreaterThanOrEqual(1);
      expect((r.persons as unknown[]).length).toBeLessThanOrEqual(3);
    }
    const withNotes = rs.filter((r) => 'notes' in r).length;
    expect(withNotes).toBeGreaterThan(120);
    expect(withNotes).toBeLessThan(200);
  });

  it('never reuses observed values of personal fields', () => {
    const { tree: inferred } = inferSchema({ name: 'p', format: 'csv', content: readFileSync(join(fixtures, 'people-types.csv'), 'utf8') });
    const real = readFileSync(join(fixtures, 'people-types.csv'), 'utf8');
    const rs = generateSamples(inferred, { count: 100, seed: 3 }) as Record<string, string>[];
    for (const r of rs) {
      for (const k of ['email', 'postcode', 'vrm', 'dob']) if (r[k]) expect(real).not.toContain(r[k]);
      // names come from the common-name lists, never from the sample
      expect(FAMILY_NAMES).toContain(r.surname);
      expect(GIVEN_NAMES).toContain(r.forename);
      expect(r.is_suspect === undefined || ['Y', 'N'].includes(r.is_suspect)).toBe(true);
      expect(r.dob).toMatch(/^\d{1,2}\/\d{1,2}\/\d{4}$/);
    }
  });

  it('round-trips: samples of an inferred CSV tree re-infer to the same types', () => {
    const { tree: inferred } = inferSchema({ name: 'p', format: 'csv', content: readFileSync(join(fixtures, 'people-types.csv'), 'utf8') });
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const rs = generateSamples(inferred, { count: 60, seed, presence: 1 }) as Record<string, string>[];
        const cols = inferred.fields.map((f) => f.name);
        const text = [formatCsvRow(cols), ...rs.map((r) => formatCsvRow(cols.map((c) => r[c] ?? '')))].join('\n');
        const again = inferSchema({ name: 'p', format: 'csv', content: text }).tree;
        const types = (tr: FieldTree) => tr.fields.map((f) => `${f.name}:${f.type}${f.format ? `/${f.format}` : ''}`);
        expect(types(again)).toEqual(types(inferred));
      }),
      { numRuns: 15 },
    );
  });

  it('generates text values for CSV and XML trees, as their readers would', () => {
    const rs = generateSamples(tree([node('n', 'integer'), node('b', 'boolean', { pattern: 'Y|N' })], 'csv'), { count: 30, seed: 1 }) as Record<string, unknown>[];
    expect(rs.every((r) => typeof r.n === 'string' && /^\d+$/.test(r.n as string) && ['Y', 'N'].includes(r.b as string))).toBe(true);
  });
});

describe('classifyField', () => {
  it.each([
    ['forename', 'personal'],
    ['Surname', 'personal'],
    ['date_of_birth', 'personal'],
    ['DOB', 'personal'],
    ['homeAddress', 'personal'],
    ['Post Code', 'personal'],
    ['mobilePhone', 'personal'],
    ['email', 'personal'],
    ['VRM', 'personal'],
    ['name', 'personal'],
    ['fileName', 'none'],
    ['forceName', 'none'],
    ['ethnicity', 'special-category'],
    ['SelfDefinedEthnicity', 'special-category'],
    ['religion', 'special-category'],
    ['offenceCode', 'criminal-offence'],
    ['Last outcome category', 'criminal-offence'],
    ['charge', 'criminal-offence'],
    ['Crime ID', 'criminal-offence'],
    ['Month', 'none'],
    ['Latitude', 'none'],
  ])('%s → %s', (name, cls) => {
    expect(classifyField({ name })).toBe(cls);
  });
  it('keeps an explicit class', () => {
    expect(classifyField({ name: 'forename', dataProtection: 'none' })).toBe('none');
  });
  it('guesses semantic kinds', () => {
    expect(semanticKind({ name: 'firstName', type: 'string' })).toBe('given');
    expect(semanticKind({ name: 'vehicleRegistration', type: 'string' })).toBe('vrm');
  });
});

describe('redactRecords', () => {
  const rows = parseRecords(readFileSync(join(fixtures, 'people-types.csv'), 'utf8'), { format: 'csv' }).map((r) => ('value' in r ? r.value : null)) as Record<string, string>[];
  const { tree: t } = inferSchema({ name: 'p', format: 'csv', content: readFileSync(join(fixtures, 'people-types.csv'), 'utf8') });

  it('masks personal fields, keeps shapes and other fields', () => {
    const report: RedactionReport = { masked: {} };
    const out = redactRecords(rows, t, { seed: 1 }, report) as Record<string, string>[];
    out.forEach((r, i) => {
      const o = rows[i];
      expect(Object.keys(r)).toEqual(Object.keys(o));
      for (const k of ['forename', 'surname', 'email', 'postcode']) expect(r[k]).not.toBe(o[k]);
      expect(r.postcode).toMatch(/^[A-Z]{1,2}\d{1,2} \d[A-Z]{2}$/);
      expect(r.email).toMatch(/@example\.com$/);
      // date of birth keeps its year and pattern
      expect(r.dob.slice(-4)).toBe(o.dob.slice(-4));
      expect(parseWithPattern(r.dob, 'd/M/yyyy')).toBeDefined();
      expect(r.person_id).toBe(o.person_id);
      expect(r.is_suspect).toBe(o.is_suspect);
      if (o.vrm) expect(r.vrm).toMatch(VRM);
    });
    expect(report.masked).toMatchObject({ forename: 3, surname: 3, dob: 3 });
  });

  it('is consistent: the same value always masks the same way, different seeds differ', () => {
    const dup = [{ surname: 'Hughes' }, { surname: 'Patel' }, { surname: 'Hughes' }];
    const a = redactRecords(dup, t, { seed: 5 }) as Record<string, string>[];
    expect(a[0].surname).toBe(a[2].surname);
    expect(a[0].surname).not.toBe('Hughes');
    const many = Array.from({ length: 20 }, (_, i) => ({ surname: `Name${i}` }));
    expect(redactRecords(many, t, { seed: 1 })).not.toEqual(redactRecords(many, t, { seed: 2 }));
  });

  it('masks by class choice, explicit fields, nested arrays and undescribed keys', () => {
    const nested: FieldTree = {
      id: 'n',
      name: 'n',
      origin: 'json',
      fields: [
        { path: 'persons[]', name: 'persons', type: 'array', itemType: 'object', cardinality: 'many', children: [node('persons[].ethnicity', 'string', { name: 'ethnicity' }), node('persons[].remarks', 'string', { name: 'remarks' })] },
        node('offence', 'string'),
      ],
    };
    const rec = [{ persons: [{ ethnicity: 'W1', remarks: 'Seen near the Red Lion pub', phone: '07700 900123' }], offence: 'THEFT' }];
    const def = redactRecords(rec, nested) as typeof rec;
    expect(def[0].persons[0].ethnicity).toMatch(/^[A-Z]\d$/);
    expect(def[0].persons[0].ethnicity === 'W1').toBe(false);
    expect(def[0].persons[0].remarks).toBe('Seen near the Red Lion pub');
    expect(def[0].persons[0].phone).toMatch(/^07\d{3} \d{6}$/);
    expect(def[0].persons[0].phone).not.toBe('07700 900123');
    expect(def[0].offence).toBe('THEFT');
    const chosen = redactRecords(rec, nested, { classes: ['criminal-offence'], fields: ['persons[].remarks'] }) as typeof rec;
    expect(chosen[0].offence).toMatch(/^[A-Z]{5}$/);
    expect(chosen[0].offence).not.toBe('THEFT');
    expect(chosen[0].persons[0].ethnicity).toBe('W1');
    expect(chosen[0].persons[0].remarks.split(' ').length).toBe(6);
    expect(chosen[0].persons[0].remarks).not.toMatch(/Red Lion/);
  });
});
