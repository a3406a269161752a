import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  findField,
  jsonSchemaToFieldTree,
  loadTargetModel,
  parseJsonWithPositions,
  schemaFields,
  walkFields,
} from './index';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '__fixtures__');
const fixtureText = readFileSync(join(fixtures, 'offence.draft07.schema.json'), 'utf8');

describe('jsonSchemaToFieldTree', () => {
  const { tree, diagnostics } = jsonSchemaToFieldTree(fixtureText, { file: 'offence.draft07.schema.json' });

  it('matches the golden tree', () => {
    // Golden file: delete it and re-run to regenerate after an intended change, then review the diff.
    const golden = join(fixtures, 'offence.draft07.tree.json');
    const actual = `${JSON.stringify({ tree, diagnostics }, null, 2)}\n`;
    if (!existsSync(golden)) writeFileSync(golden, actual);
    expect(actual).toBe(readFileSync(golden, 'utf8'));
  });

  it('merges allOf, resolves $ref and $id anchors, keeps stable paths', () => {
    expect(tree.name).toBe('Supplier offence record');
    expect(findField(tree.fields, 'createdBy')).toMatchObject({
      type: 'string',
      cardinality: 'one',
      doc: 'User who created the record.',
    });
    expect(findField(tree.fields, 'createdAt')).toMatchObject({ type: 'datetime', format: 'date-time' });
    expect(findField(tree.fields, 'crimeRef')?.cardinality).toBe('one');
    expect(findField(tree.fields, 'committed.from')).toMatchObject({ type: 'date', cardinality: 'optional' });
    expect(findField(tree.fields, 'persons[]')).toMatchObject({
      type: 'array',
      itemType: 'object',
      minOccurs: 1,
      cardinality: 'many',
    });
    expect(findField(tree.fields, 'persons[].role')).toMatchObject({
      enum: ['VIC', 'SUS', 'WIT'],
      codeList: 'ACME_ROLE',
      dataProtection: 'criminal-offence',
      cardinality: 'one',
    });
    expect(findField(tree.fields, 'persons[].name')).toMatchObject({ type: 'string', examples: ['SMITH, John'] });
    expect(findField(tree.fields, '["Crime ID"]')?.name).toBe('Crime ID');
    expect(findField(tree.fields, 'valueGbp')?.type).toBe('number');
    expect(findField(tree.fields, 'status')).toMatchObject({ type: 'string', enum: ['OPEN'] });
  });

  it('shows oneOf branches as optional alternatives with conditions', () => {
    expect(findField(tree.fields, 'place')).toMatchObject({ type: 'object', doc: 'Where it happened.' });
    expect(findField(tree.fields, 'place.lines[]')).toMatchObject({
      condition: 'Address',
      cardinality: 'many',
      minOccurs: 1,
      maxOccurs: 5,
      itemType: 'string',
    });
    expect(findField(tree.fields, 'place.easting')).toMatchObject({
      condition: 'Grid',
      type: 'integer',
      cardinality: 'optional',
    });
  });

  it('stops at recursion and reports it once', () => {
    const assoc = findField(tree.fields, 'persons[].associates[]');
    expect(assoc).toMatchObject({ type: 'array', itemType: 'object' });
    expect(assoc?.children).toBeUndefined();
    expect(diagnostics.filter((d) => d.code === 'MW2005').map((d) => d.location.field)).toEqual([
      'persons[].associates[]',
    ]);
  });

  it('reports external and broken references with their position', () => {
    const ext = diagnostics.find((d) => d.code === 'MW2004')!;
    expect(ext.message).toBe(
      'Reference "other.schema.json#/definitions/Legacy" points outside this schema; it is shown as "any"',
    );
    const broken = diagnostics.find((d) => d.code === 'MW2003')!;
    expect(broken.message).toContain('#/definitions/Plase');
    const line = fixtureText.split('\n').findIndex((l) => l.includes('"typo"')) + 1;
    expect(broken.location).toMatchObject({ file: 'offence.draft07.schema.json', line });
    expect(findField(tree.fields, 'legacy')?.type).toBe('any');
  });

  it('records the line and column of every property', () => {
    const lines = fixtureText.split('\n');
    for (const f of walkFields(tree.fields)) {
      const p = f.position!;
      expect(lines[p.line - 1].slice(p.column - 1).startsWith(JSON.stringify(f.name)), f.path).toBe(true);
    }
  });

  it('builds one definition by name', () => {
    const r = jsonSchemaToFieldTree(fixtureText, { root: 'Person' });
    expect(r.tree.name).toBe('Person');
    expect(r.tree.fields.map((f) => f.path)).toEqual(['role', 'name', 'associates[]']);
    expect(jsonSchemaToFieldTree(fixtureText, { root: 'Nope' }).diagnostics[0].code).toBe('MW2003');
  });

  it('reports malformed JSON with line and column', () => {
    const r = jsonSchemaToFieldTree(
      '{\n  "type": "object",\n  "properties": {\n    "a": { "type": "string" }\n    "b": {}\n  }\n}',
      { file: 'bad.json' },
    );
    expect(r.tree.fields).toEqual([]);
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        code: 'MW2001',
        severity: 'error',
        message: 'Malformed JSON: Expected "," or "}" but found "\\""',
        location: { file: 'bad.json', line: 5, column: 5 },
      }),
    ]);
    expect(jsonSchemaToFieldTree('[1, 2]').diagnostics[0].code).toBe('MW2002');
  });

  it('reads 2020-12 $defs, $anchor and if/then/else', () => {
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $defs: { Name: { $anchor: 'name', type: 'object', properties: { family: { type: 'string' } } } },
      type: 'object',
      properties: { kind: { enum: ['A', 'B'] }, name: { $ref: '#name' } },
      if: { properties: { kind: { const: 'A' } } },
      then: { properties: { aOnly: { type: 'boolean' } } },
      else: { properties: { bOnly: { type: 'integer' } } },
    };
    const { fields, diagnostics } = schemaFields(schema);
    expect(diagnostics).toEqual([]);
    expect(findField(fields, 'name.family')?.type).toBe('string');
    expect(findField(fields, 'aOnly')?.condition).toBe('kind = A');
    expect(findField(fields, 'bOnly')?.condition).toBe('not (kind = A)');
  });

  it('survives self-referencing roots and deep nesting', () => {
    const schema = { type: 'object', properties: { child: { $ref: '#' }, n: { type: 'number' } } };
    const { fields, diagnostics } = schemaFields(schema);
    expect(fields.map((f) => f.path)).toEqual(['child', 'n']);
    expect(diagnostics.map((d) => d.code)).toEqual(['MW2005']);
  });
});

describe('loadTargetModel on a schema without x-mapwright', () => {
  it('is a flat target with positions and code-list warnings', () => {
    const { model, diagnostics } = loadTargetModel(JSON.parse(fixtureText), {
      text: fixtureText,
      file: 'offence.draft07.schema.json',
      version: '2.1.0',
    });
    expect(model).toMatchObject({
      id: 'offence',
      version: '2.1.0',
      name: 'Supplier offence record',
      dialect: 'draft-07',
      entities: [],
    });
    expect(model.links).toBeUndefined();
    const line = fixtureText.split('\n').findIndex((l) => l.includes('"crimeRef": {')) + 1;
    expect(findField(model.tree.fields, 'crimeRef')?.position).toMatchObject({
      file: 'offence.draft07.schema.json',
      line,
      column: 5,
    });
    expect(diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['MW2003', 'MW2004', 'MW2005', 'MW2011']));
    expect(diagnostics.find((d) => d.code === 'MW2011')?.message).toContain('ACME_ROLE');
  });

  it('reports x-mapwright entities that point nowhere, and throws on non-schemas', () => {
    const { diagnostics, model } = loadTargetModel({
      'x-mapwright': { entities: { Thing: { def: '#/$defs/Thing', collection: 'things' } } },
      type: 'object',
    });
    expect(model.entities[0]).toMatchObject({ name: 'Thing', tree: [] });
    expect(diagnostics[0].message).toBe(
      'x-mapwright declares Thing at "#/$defs/Thing", but the schema has nothing there',
    );
    expect(() => loadTargetModel('nope')).toThrow(/Not a JSON Schema/);
  });
});

describe('parseJsonWithPositions', () => {
  it('tracks keys and array items, handles escapes and a BOM', () => {
    const text = '\uFEFF{\n "a/b": [1, {"c~d": "x\\"y"}],\n "e": null\n}';
    const { value, positions } = parseJsonWithPositions(text);
    expect(value).toEqual({ 'a/b': [1, { 'c~d': 'x"y' }], e: null });
    expect(positions.get('/a~1b')).toMatchObject({ line: 2, column: 2 });
    expect(positions.get('/a~1b/1/c~0d')).toMatchObject({ line: 2, column: 14 });
    expect(positions.get('/e')).toMatchObject({ line: 3, column: 2 });
  });

  it.each([
    ['{"a": 1,}', 'Expected a property name in double quotes but found "}" at line 1, column 9'],
    ['{"a": tru}', 'Unexpected "t" at line 1, column 7'],
    ['[1 2]', 'Expected "," or "]" but found "2" at line 1, column 4'],
    ['"abc', 'Unterminated string at line 1, column 5'],
    ['{} x', 'Unexpected "x" after the end of the JSON value at line 1, column 4'],
    ['', 'Unexpected end of input at line 1, column 1'],
  ])('rejects %j', (text, message) => {
    expect(() => parseJsonWithPositions(text)).toThrow(message);
  });
});
