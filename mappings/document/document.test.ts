import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { arbitraryMappingDocument } from './arbitrary';
import { emptyMapping, newId, newUuid } from './ids';
import { migrateMapping } from './migrate';
import { parseMapping, validateMapping } from './parse';
import { serializeMapping } from './serialize';
import type { MappingDocument } from './types';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

function baseDoc(): MappingDocument {
  return emptyMapping({
    name: 'Test',
    target: { modelId: 'pole', modelVersion: '1.0.0' },
    source: { name: 'offences', format: 'ndjson', schema: { id: 'source:offences', name: 'offences', origin: 'ndjson', fields: [] } },
  });
}

describe('ids', () => {
  it('newId is prefix + 10 Crockford base32 characters and does not repeat', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => newId('r')));
    expect(ids.size).toBe(2000);
    for (const id of ids) expect(id).toMatch(/^r-[0-9a-hjkmnp-tv-z]{10}$/);
    expect(newId('vm')).toMatch(/^vm-/);
  });
  it('newUuid is a version 4 UUID', () => {
    expect(newUuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
  it('emptyMapping is schema-valid', () => {
    expect(validateMapping(baseDoc())).toEqual([]);
  });
});

describe('parseMapping', () => {
  it('locates JSON syntax errors', () => {
    const r = parseMapping('{\n  "format": "mapwright.mapping",\n  "id": "x" "name": 1\n}', { file: 'm.json' });
    expect(r.document).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'MW3001', location: { file: 'm.json', line: 3, column: 13 } });
    expect(r.diagnostics[0].message).toMatch(/expected "," or "}"/i);
  });
  it('locates schema errors by pointer and line/column, with did-you-mean for misspelt keys', () => {
    const doc = baseDoc();
    const text = serializeMapping(doc).replace('"entities": []', '"entities": [\n    { "id": "r-1", "entity": "Person", "forEch": { "path": "persons[]", "as": "p" }, "fields": [] }\n  ]');
    const r = parseMapping(text, { file: 'm.json' });
    const d = r.diagnostics.find((x) => x.code === 'MW3101')!;
    expect(d.message).toContain('unknown property "forEch" — did you mean "forEach"?');
    expect(d.location.pointer).toBe('/entities/0/forEch');
    const line = text.split('\n').findIndex((l) => l.includes('"forEch"')) + 1;
    expect(d.location.line).toBe(line);
    expect(d.location.column).toBe(text.split('\n')[line - 1].indexOf('"forEch"') + 1);
  });
  it('reports value-node errors for the selected kind only (no oneOf noise)', () => {
    const doc = baseDoc();
    doc.root.fields.push({ id: 'r-1', target: 'x', value: { id: 'n-1', kind: 'map', valueMap: 'vm-1' } as never });
    const r = parseMapping(serializeMapping(doc));
    const msgs = r.diagnostics.map((d) => d.message);
    expect(msgs).toEqual(['/root/fields/0/value: missing required property "input"']);
  });
  it('reports enum errors with the allowed values', () => {
    const doc = baseDoc();
    (doc.sources[0] as { format: string }).format = 'xlsx';
    const r = parseMapping(serializeMapping(doc));
    expect(r.diagnostics[0].message).toBe('/sources/0/format: must be one of "csv", "tsv", "json", "ndjson", "xml"');
  });
  it('words empty values, short lists and wrong types as advice, not as schema keywords', () => {
    const doc = baseDoc();
    (doc as { sourceSystem: string }).sourceSystem = '';
    (doc as { sources: unknown[] }).sources = [];
    (doc as unknown as { name: number }).name = 7;
    const msgs = parseMapping(serializeMapping(doc)).diagnostics.map((d) => d.message);
    expect(msgs).toContain('/sourceSystem: must not be empty');
    expect(msgs).toContain('/sources: needs at least one entry');
    expect(msgs).toContain('/name: must be a string');
    expect(msgs.join('\n')).not.toMatch(/must NOT have/);
  });
  it('reports duplicate ids', () => {
    const doc = baseDoc();
    doc.filters.push({ id: 'r-dup', when: { id: 'n-1', kind: 'const', value: true }, reason: 'x' });
    doc.root.fields.push({ id: 'r-dup', target: 'x', value: { id: 'n-2', kind: 'const', value: 1 } });
    const r = parseMapping(serializeMapping(doc));
    expect(r.diagnostics.map((d) => d.code)).toEqual(['MW3102']);
    expect(r.diagnostics[0].location.pointer).toBe('/root/fields/0/id');
  });
  it('refuses a newer format version with a clear message', () => {
    const text = serializeMapping(baseDoc()).replace('"formatVersion": 1', '"formatVersion": 7');
    const r = parseMapping(text, { file: 'm.json' });
    expect(r.document).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({ code: 'MW3201', location: { line: 3, pointer: '/formatVersion' } });
    expect(r.diagnostics[0].message).toContain('newer Mapwright (format version 7)');
  });
  it('refuses other formats', () => {
    expect(parseMapping('{"format":"mapwright.project","formatVersion":1}').diagnostics[0].code).toBe('MW3202');
    expect(parseMapping('[1]').diagnostics[0].code).toBe('MW3002');
  });
});

describe('migration', () => {
  it('migrates format version 0 to a valid version 1 document, deterministically', () => {
    const text = fixture('v0-mapping.json');
    const r = parseMapping(text, { file: 'old.json' });
    expect(r.migratedFrom).toBe(0);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['MW3204']);
    const doc = r.document!;
    expect(doc.formatVersion).toBe(1);
    expect(doc.target).toEqual({ modelId: 'pole', modelVersion: '1.0.0' });
    expect(doc.entities.map((e) => [e.entity, e.forEach?.path, e.fields.map((f) => f.id)])).toEqual([
      ['Event', undefined, ['r-row0000001']],
      ['Person', 'persons[]', ['r-row0000002', 'r-row0000003']],
    ]);
    expect(doc.entities[1].fields[0].value).toMatchObject({ kind: 'call', fn: 'trim', args: [{ kind: 'field', path: 'surname' }] });
    expect(doc.entities[1].fields[1].value).toMatchObject({ kind: 'map', valueMap: doc.valueMaps[0].id });
    expect(doc.valueMaps[0]).toMatchObject({ targetScheme: 'SEX', unmapped: { policy: 'default', value: 'U' }, entries: [{ from: 'M', to: 'M', quality: 'exact' }, { from: 'F' }, { from: 'X', to: 'U' }] });
    expect(doc.root.fields[0]).toMatchObject({ target: 'modelNote', value: { kind: 'const', value: 'migrated' } });
    expect(serializeMapping(parseMapping(text).document!)).toBe(serializeMapping(doc));
    // and the migrated document round-trips as version 1
    expect(parseMapping(serializeMapping(doc)).diagnostics).toEqual([]);
  });
  it('explains what is wrong with a broken version 0 document', () => {
    const r = migrateMapping({ format: 'mapwright.mapping', formatVersion: 0, id: 'x', source: {}, target: 'pole', mappings: [] });
    expect(r.document).toBeUndefined();
    expect(r.diagnostics[0].message).toContain('"target" must be "model@version"');
  });
});

describe('serializeMapping', () => {
  it('uses the fixed key order, extension keys alphabetically after, trailing newline', () => {
    const doc = { ...baseDoc(), 'x-b': 1, 'x-a': { z: 1, a: 2 } } as MappingDocument;
    const text = serializeMapping(doc);
    const keys = Object.keys(JSON.parse(text));
    expect(keys.slice(0, 5)).toEqual(['format', 'formatVersion', 'id', 'name', 'version']);
    expect(keys.slice(-3)).toEqual(['layout', 'x-a', 'x-b']);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "formatVersion": 1,\n');
  });
  it('drops undefined and keeps array order', () => {
    const doc = baseDoc();
    doc.description = undefined;
    doc.filters = [
      { id: 'r-b', when: { id: 'n-b', kind: 'const', value: 2 }, reason: 'b' },
      { id: 'r-a', when: { id: 'n-a', kind: 'const', value: 1 }, reason: 'a' },
    ];
    const text = serializeMapping(doc);
    expect(text).not.toContain('description');
    expect(text.indexOf('r-b')).toBeLessThan(text.indexOf('r-a'));
  });
  it('round-trips: serialize(parse(serialize(d))) === serialize(d)', () => {
    fc.assert(
      fc.property(arbitraryMappingDocument(), (doc) => {
        const text = serializeMapping(doc);
        const r = parseMapping(text);
        expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expect(serializeMapping(r.document!)).toBe(text);
      }),
      { numRuns: 150 },
    );
  });
  it('keeps a "__proto__" constant as data', () => {
    const doc = baseDoc();
    doc.root.fields.push({ id: 'r-1', target: 'x', value: { id: 'n-1', kind: 'const', value: JSON.parse('{"__proto__": {"polluted": true}}') } });
    const text = serializeMapping(doc);
    expect(text).toContain('"__proto__"');
    expect(serializeMapping(parseMapping(text).document!)).toBe(text);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
