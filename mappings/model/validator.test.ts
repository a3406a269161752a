import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkReferentialIntegrity, createValidator, getModel, loadTargetModel } from './index';

const here = dirname(fileURLToPath(import.meta.url));
const exampleDir = join(here, 'pole/v1/examples');
const examples = readdirSync(exampleDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => [f, JSON.parse(readFileSync(join(exampleDir, f), 'utf8'))] as const);

type Doc = { entities: Record<string, unknown>[]; links: Record<string, unknown>[] } & Record<string, unknown>;
const burglary = () => structuredClone(examples.find(([f]) => f === 'burglary-dwelling.json')![1]) as Doc;
const messages = (doc: unknown) => createValidator(getModel('pole'))(doc).errors.map((e) => e.message);

describe('POLE v1 examples', () => {
  it.each(examples)('%s is valid and referentially sound', (_name, doc) => {
    const result = createValidator(getModel('pole'))(doc);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    expect(checkReferentialIntegrity(doc, getModel('pole'))).toEqual([]);
  });

  it('together cover every entity type, subtype and link role family', () => {
    const m = getModel('pole');
    const entities = examples.flatMap(([, d]) => d.entities as Record<string, { code?: string }>[]);
    const links = examples.flatMap(([, d]) => d.links as { role: { code: string } }[]);
    expect(new Set(entities.map((e) => e.entityType))).toEqual(new Set(['Person', 'Object', 'Location', 'Event']));
    expect(new Set(entities.map((e) => e.objectType?.code).filter(Boolean))).toEqual(
      new Set(m.codeLists.OBJECT_TYPE.codes.map((c) => c.code)),
    );
    expect(new Set(entities.map((e) => e.eventType?.code).filter(Boolean))).toEqual(
      new Set(m.codeLists.EVENT_TYPE.codes.map((c) => c.code)),
    );
    const families = new Set(m.codeLists.LINK_ROLE.codes.map((c) => c.attributes?.family));
    const used = new Set(
      links.map((l) => m.codeLists.LINK_ROLE.codes.find((c) => c.code === l.role.code)?.attributes?.family),
    );
    expect(used).toEqual(families);
  });
});

describe('broken documents are rejected with useful messages', () => {
  it('missing provenance', () => {
    const doc = burglary();
    delete doc.entities[1].provenance;
    delete doc.links[0].provenance;
    expect(messages(doc)).toEqual(['entities/1/provenance is required', 'links/0/provenance is required']);
  });

  it('bad date precision', () => {
    const doc = burglary();
    (doc.entities[1].dateOfBirth as Record<string, unknown>).precision = 'days';
    expect(messages(doc)).toEqual(['entities/1/dateOfBirth/precision must be one of year, month, day, minute, second']);
  });

  it('a precision that does not match the value', () => {
    const doc = burglary();
    doc.entities[1].dateOfBirth = { value: '1971-06-02', precision: 'month' };
    expect(messages(doc)).toEqual([
      'entities/1/dateOfBirth/value "1971-06-02" does not have the expected form (^\\d{4}-\\d{2}$)',
    ]);
  });

  it('codes outside their code list, and a wrong scheme', () => {
    const doc = burglary();
    doc.entities[1].sex = { code: 'Q', scheme: 'SEX' };
    doc.entities[2].sex = { code: 'M', scheme: 'GENDER' };
    doc.entities[3].sex = { code: 'Z9', scheme: 'SEX', sourceCode: 'Z9', mappingQuality: 'unmapped' };
    expect(messages(doc)).toEqual([
      'entities/1/sex: "Q" is not a code of SEX',
      'entities/2/sex: scheme must be SEX, not GENDER',
    ]);
  });

  it('subtype rules: a vehicle without any identification, vehicle fields on property', () => {
    const doc = burglary();
    const vehicle = doc.entities.find((e) => e.id === 'Object:vehicle-ab12cde')!;
    delete vehicle.vrm;
    delete vehicle.make;
    const ring = doc.entities.find((e) => e.id === 'Object:property-2')!;
    ring.vrm = 'AB12CDE';
    expect(messages(doc)).toEqual([
      'entities/6 needs at least one of vrm, vin, make, description',
      'entities/8/vrm is not a field of this model (not allowed here)',
    ]);
  });

  it('wrong types, formats and unknown envelope fields', () => {
    const doc = burglary() as Doc & { extra?: number };
    doc.modelVersion = '2.0.0';
    doc.extra = 1;
    (doc.entities[0].provenance as Record<string, unknown>).sourceRow = 'seventeen';
    doc.links[0].sequence = 0;
    expect(messages(doc)).toEqual([
      'extra is not a field of this model',
      'modelVersion must be "1.0.0"',
      'entities/0/provenance/sourceRow must be a whole number',
      'links/0/sequence must be >= 1',
    ]);
  });
});

describe('referential integrity', () => {
  it('reports links pointing nowhere, duplicate ids and role/entity mismatches', () => {
    const doc = burglary();
    doc.links[0].to = 'Event:nowhere';
    doc.links[5].from = 'Person:victim-1'; // OCCURRED_AT must start from an Event
    doc.entities.push({ ...doc.entities[1] });
    const found = checkReferentialIntegrity(doc, getModel('pole'), { file: 'out.json', record: 17 });
    expect(found.map((d) => `${d.code} ${d.location.pointer} ${d.message}`)).toEqual([
      'MW2021 /entities/10/id Two entities have the id Person:victim-1',
      'MW2020 /links/0/to Link Link:1: "to" refers to Event:nowhere, which is not an entity in this document',
      'MW2022 /links/5/from Link Link:6: role OCCURRED_AT expects the "from" end to be a Event, but it is a Person',
    ]);
    expect(found[0].location).toMatchObject({ file: 'out.json', record: 17 });
  });

  it('can be folded into the validator', () => {
    const doc = burglary();
    doc.links[0].to = 'Event:nowhere';
    const result = createValidator(getModel('pole'), { integrity: true })(doc);
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      {
        path: 'links/0/to',
        keyword: 'integrity',
        message: 'links/0/to: Link Link:1: "to" refers to Event:nowhere, which is not an entity in this document',
      },
    ]);
    expect(createValidator(getModel('pole'), { integrity: true })(burglary())).toEqual({ valid: true, errors: [] });
    expect(createValidator(getModel('pole'))(doc).valid).toBe(true);
  });

  it('works without a model (no role checks) and on junk input', () => {
    const doc = burglary();
    doc.links[5].from = 'Person:victim-1';
    expect(checkReferentialIntegrity(doc)).toEqual([]);
    expect(checkReferentialIntegrity(null)).toEqual([]);
  });
});

describe('validators for other dialects', () => {
  it('validates draft-07 flat targets with readable messages', () => {
    const schema = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      required: ['ref', 'when'],
      definitions: { Sex: { type: 'string', enum: ['M', 'F'], 'x-code-list': 'SEX' } },
      properties: {
        ref: { type: 'string' },
        when: { type: 'string', format: 'date' },
        sex: { $ref: '#/definitions/Sex' },
      },
    };
    const { model } = loadTargetModel(schema, { codeLists: [getModel('pole').codeLists.SEX] });
    expect(model.dialect).toBe('draft-07');
    const v = createValidator(model);
    expect(v({ ref: 'a', when: '2024-01-01', sex: 'M' })).toEqual({ valid: true, errors: [] });
    expect(v({ when: '14/03/2024', sex: 'X' }).errors.map((e) => e.message)).toEqual([
      'ref is required',
      'when "14/03/2024" is not a valid date',
      'sex must be one of M, F',
    ]);
    expect(createValidator(model)).toBe(v);
  });
});
