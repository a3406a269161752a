import { describe, expect, it } from 'vitest';
import type { MappingDocument } from '../../../../mappings/document/types';
import type { FieldTree } from '../../../../mappings/model/field-tree';
import { applyCommand } from '../store/commands';
import { sampleDocument, sourceTree } from '../__fixtures__/documents';
import {
  SAMPLE_MAX_BYTES,
  addedFields,
  detectFormat,
  formProblems,
  initialForm,
  lostMappedFields,
  schemaImportCommand,
  sourceNameFromFile,
  xmlRecordCandidates,
  type ImportForm,
} from './import-plan';

const file = (name: string, head: string, size = head.length) => ({ name, head, size });

describe('detectFormat', () => {
  it('trusts telling extensions, and reads the content when the name says little', () => {
    expect(detectFormat('people.csv', 'a,b\n1,2\n')).toBe('csv');
    expect(detectFormat('people.tsv', 'a\tb\n')).toBe('tsv');
    expect(detectFormat('offences.xml', '<Export/>')).toBe('xml');
    expect(detectFormat('offences.xsd', '<xs:schema/>')).toBe('xsd');
    expect(detectFormat('people.schema.json', '{}')).toBe('jsonschema');
    expect(detectFormat('export.txt', 'a\tb\tc\n1\t2\t3\n')).toBe('tsv');
    expect(detectFormat('export.txt', '{"a":1}\n{"a":2}\n')).toBe('ndjson');
    expect(detectFormat('export', '[{"a":1}]')).toBe('json');
    expect(detectFormat('export', '<?xml version="1.0"?><Export/>')).toBe('xml');
  });

  it('tells NDJSON, JSON Schema and XSD apart from plain JSON and XML by content', () => {
    expect(detectFormat('people.json', '{"a":1}\n{"a":2}\n{"a":3}')).toBe('ndjson');
    expect(detectFormat('people.json', '{\n  "a": 1\n}\n')).toBe('json');
    expect(detectFormat('p.json', '{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object"}')).toBe('jsonschema');
    expect(detectFormat('p.xml', '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">')).toBe('xsd');
  });
});

describe('xmlRecordCandidates', () => {
  it('offers the detected record element first, then the root and its children', () => {
    const head = '<Export><Meta/><Offence><Id>1</Id></Offence><Offence><Id>2</Id></Offence></Export>';
    const c = xmlRecordCandidates(head);
    expect(c[0]).toBe('/Export/Offence');
    expect(c).toContain('/Export');
    expect(c).toContain('/Export/Meta');
    expect(new Set(c).size).toBe(c.length);
  });
  it('copes with a truncated head', () => {
    expect(xmlRecordCandidates('<Export><Offence><Id>1</Id></Offence><Offence><I')[0]).toBe('/Export/Offence');
  });
});

describe('initialForm and formProblems', () => {
  it('a project without sources imports a schema into a new source named after the file', () => {
    const f = initialForm(file('crime_export.csv', 'a,b\n'), []);
    expect(f).toEqual({ kind: 'schema', sourceId: '', newSourceName: 'Crime export', format: 'csv', recordPath: '' });
    expect(formProblems(f, file('crime_export.csv', 'a,b\n'), [])).toEqual({});
  });

  it('a data file for a project with sources defaults to a sample of the primary source', () => {
    const doc = sampleDocument();
    const f = initialForm(file('more.json', '[{"crimeRef":"x"}]'), doc.sources);
    expect(f).toMatchObject({ kind: 'sample', sourceId: doc.sources[0].id, format: 'json' });
  });

  it('schema documents always default to a schema import, with the XML record element detected', () => {
    expect(initialForm(file('x.xsd', '<xs:schema/>'), sampleDocument().sources).kind).toBe('schema');
    const xml = initialForm(file('x.xml', '<E><R/><R/></E>'), sampleDocument().sources);
    expect(xml).toMatchObject({ kind: 'sample', format: 'xml', recordPath: '/E/R' });
    const withPath = sampleDocument();
    withPath.sources[0] = { ...withPath.sources[0], format: 'xml', recordPath: '/E' };
    expect(initialForm(file('x.xml', '<E><R/><R/></E>'), withPath.sources).recordPath).toBe('/E');
  });

  it('explains what blocks the import', () => {
    const doc = sampleDocument();
    const f = (over: Partial<ImportForm>): ImportForm => ({ kind: 'sample', sourceId: doc.sources[0].id, newSourceName: '', format: 'csv', recordPath: '', ...over });
    const small = file('a.csv', 'a\n');
    expect(formProblems(f({ format: 'xsd' }), small, doc.sources).format).toMatch(/schema/);
    expect(formProblems(f({ sourceId: '' }), small, doc.sources).source).toMatch(/belongs to a source/);
    expect(formProblems(f({ sourceId: 'gone' }), small, doc.sources).source).toMatch(/no longer/);
    expect(formProblems(f({ kind: 'schema', sourceId: '', newSourceName: '  ' }), small, doc.sources).source).toMatch(/Name/);
    expect(formProblems(f({ kind: 'schema', sourceId: '', newSourceName: doc.sources[0].name.toUpperCase() }), small, doc.sources).source).toMatch(/already exists/);
    expect(formProblems(f({ format: 'xml', recordPath: 'Export Offence' }), small, doc.sources).recordPath).toMatch(/path/);
    expect(formProblems(f({}), file('big.csv', 'a\n', SAMPLE_MAX_BYTES + 1), doc.sources).file).toMatch(/64\.0 MB/);
  });

  it('names sources from files', () => {
    expect(sourceNameFromFile('people.schema.json')).toBe('People');
    expect(sourceNameFromFile('acme-rms_export.ndjson')).toBe('Acme rms export');
  });
});

const tree = (paths: string[]): FieldTree => ({
  id: 'source:new',
  name: 'new',
  origin: 'json',
  fields: paths.map((p) => ({ path: p, name: p, type: 'string', cardinality: 'optional' })),
});

describe('schemaImportCommand', () => {
  it('adds a first source as primary, undoably', () => {
    const doc: MappingDocument = { ...sampleDocument(), sources: [] };
    const form: ImportForm = { kind: 'schema', sourceId: '', newSourceName: 'Offences', format: 'xsd', recordPath: '' };
    const { command, sourceId } = schemaImportCommand(doc, form, { tree: tree(['a']), schemaHash: 'sha256:1', format: 'xsd', fileName: 'o.xsd', recordPath: '/Export/Offence' });
    const { doc: next, inverse } = applyCommand(doc, command);
    expect(sourceId).toBe('src-offences');
    expect(next.sources).toEqual([
      { id: 'src-offences', name: 'Offences', format: 'xml', primary: true, recordPath: '/Export/Offence', schema: { ...tree(['a']), name: 'Offences' }, schemaHash: 'sha256:1' },
    ]);
    expect(applyCommand(next, inverse).doc).toEqual(doc);
  });

  it('re-imports into an existing source: rules stay, the tree and hash change, undo restores all', () => {
    const doc = sampleDocument();
    const src = doc.sources[0];
    const form: ImportForm = { kind: 'schema', sourceId: src.id, newSourceName: '', format: 'json', recordPath: '' };
    const { command } = schemaImportCommand(doc, form, { tree: tree(['crimeRef', 'newField']), schemaHash: 'sha256:2', format: 'json', fileName: 'x.json' });
    const { doc: next, inverse } = applyCommand(doc, command);
    expect(next.sources[0].schema.fields.map((f) => f.path)).toEqual(['crimeRef', 'newField']);
    expect(next.sources[0].schema.name).toBe(src.name);
    expect(next.sources[0].schemaHash).toBe('sha256:2');
    expect(next.entities).toBe(doc.entities);
    expect(applyCommand(next, inverse).doc).toEqual(doc);
  });
});

describe('lostMappedFields / addedFields', () => {
  it('lists the mapped source fields a re-import removes, and only those', () => {
    const doc = sampleDocument();
    const src = doc.sources[0];
    const all = [...sourceTree.fields.flatMap((f) => [f.path, ...(f.children ?? []).map((c) => c.path)])];
    expect(lostMappedFields(doc, src.id, tree(all))).toEqual([]);
    const lost = lostMappedFields(doc, src.id, tree(all.filter((p) => p !== 'persons[].surname' && p !== 'address.line1')));
    // surname is mapped in the fixture; address.line1 is not, so only surname is reported.
    expect(lost).toEqual(['persons[].surname']);
    expect(addedFields(src.schema, tree([...all, 'extra']))).toEqual(['extra']);
  });
});
