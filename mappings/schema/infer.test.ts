import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findField, type FieldTree } from '../model/field-tree';
import { parseRecords } from '../io/index';
import { createSampleSession, detectXmlRecordPath, formatFromFileName, inferSchema, readerOptionsForTree } from './index';
import { DATE_PATTERNS, matchDatePattern } from './values';

const dir = join(import.meta.dirname, '__fixtures__');
const read = (f: string) => readFileSync(join(dir, f), 'utf8');
const field = (tree: FieldTree, path: string) => {
  const f = findField(tree.fields, path);
  if (!f) throw new Error(`no field ${path} in ${JSON.stringify(tree.fields.map((x) => x.path))}`);
  return f;
};
const csv = (text: string) => inferSchema({ name: 't', format: 'csv', content: text }).tree;

describe('CSV value typing', () => {
  it('types integers, decimals, grouped numbers and keeps leading-zero codes as strings', () => {
    const t = csv('a,b,c,d\n1,1.5,"1,234",007\n-2,3,"12,000.50",012\n');
    expect(field(t, 'a')).toMatchObject({ type: 'integer' });
    expect(field(t, 'b')).toMatchObject({ type: 'number' });
    expect(field(t, 'c')).toMatchObject({ type: 'number', pattern: '#,##0.###' });
    expect(field(t, 'd')).toMatchObject({ type: 'string' });
  });

  it('reads 0/1 as boolean only for flag-like names; words in any case', () => {
    const t = csv('count,isActive,ok,yn\n0,1,Yes,Y\n1,0,no,N\n1,1,YES,n\n');
    expect(field(t, 'count').type).toBe('integer');
    expect(field(t, 'isActive')).toMatchObject({ type: 'boolean', pattern: '1|0' });
    expect(field(t, 'ok')).toMatchObject({ type: 'boolean', pattern: 'Yes|no' });
    expect(field(t, 'yn')).toMatchObject({ type: 'boolean', pattern: 'Y|N' });
  });

  it.each([
    ['01/02/2024', 'dd/MM/yyyy', 'date'],
    ['1/2/24', 'd/M/yy', 'date'],
    ['2024-02-01', 'yyyy-MM-dd', 'date'],
    ['2024-02', 'yyyy-MM', 'date'],
    ['01 Feb 2024', 'dd MMM yyyy', 'date'],
    ['01/02/2024 13:45', 'dd/MM/yyyy HH:mm', 'datetime'],
    ['2024-02-01T13:45:00+01:00', "yyyy-MM-dd'T'HH:mm:ssXXX", 'datetime'],
    ['2024-02-01T13:45:00.123Z', "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", 'datetime'],
    ['13:45', 'HH:mm', 'time'],
  ])('recognises %s as %s', (value, pattern, type) => {
    expect(field(csv(`v\n${value}\n`), 'v')).toMatchObject({ type, pattern });
  });

  it('prefers the UK reading and falls back to US only when UK is impossible', () => {
    expect(field(csv('v\n01/02/2024\n12/11/2023\n'), 'v').pattern).toBe('dd/MM/yyyy');
    expect(field(csv('v\n12/25/2024\n01/31/2023\n'), 'v').pattern).toBe('MM/dd/yyyy');
    expect(field(csv('v\n31/02/2024\n'), 'v').type).toBe('string');
  });

  it('records how many values agreed and warns when most but not all did', () => {
    const { tree, diagnostics } = inferSchema({ name: 't', format: 'csv', content: 'n\n1\n2\n3\nN/A\n\n' });
    expect(field(tree, 'n')).toMatchObject({ type: 'string', stats: { seen: 4, total: 4, empty: 0 } });
    expect(diagnostics.map((d) => d.code)).toContain('MW1202');
  });

  it('every date pattern recognises what it describes and rejects impossible dates', () => {
    for (const dp of DATE_PATTERNS) expect(matchDatePattern(dp, '99/99/9999')).toBe(false);
  });
});

describe('JSON and NDJSON inference', () => {
  it('unions keys across records, merges integer and number, marks optional keys', () => {
    const t = inferSchema({ name: 't', format: 'ndjson', content: '{"a":1,"b":"x"}\n{"a":2.5}\n{"a":3,"b":null,"c":{"d":[1,2]}}\n' }).tree;
    expect(field(t, 'a')).toMatchObject({ type: 'number', cardinality: 'one' });
    expect(field(t, 'b')).toMatchObject({ type: 'string', cardinality: 'optional', stats: { seen: 1, total: 3, empty: 1 } });
    expect(field(t, 'c.d[]')).toMatchObject({ type: 'array', itemType: 'integer', cardinality: 'many' });
  });

  it('survives 5000 levels of nesting: the record is refused with a located error', () => {
    const { tree, diagnostics } = inferSchema({ name: 'deep', format: 'json', content: read('deep-5000.json'), file: 'deep.json' });
    expect(diagnostics.map((d) => [d.code, d.location.line])).toEqual([
      ['MW1024', 1],
      ['MW1204', undefined],
    ]);
    expect(tree.fields).toEqual([]);
  });

  it('types nesting deeper than the inference limit as any, with a warning', () => {
    let v: unknown = 'leaf';
    for (let i = 0; i < 100; i++) v = { n: v };
    const { tree, diagnostics } = inferSchema({ name: 'deep', format: 'json', content: JSON.stringify([v]) });
    expect(diagnostics.map((d) => d.code)).toEqual(['MW1203']);
    expect(tree.fields[0].path).toBe('n');
  });

  it('locates malformed JSON', () => {
    const { diagnostics } = inferSchema({ name: 'm', format: 'json', content: read('malformed.json'), file: 'malformed.json' });
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'MW1021', location: { file: 'malformed.json', line: 3, column: 11, record: 2 } })]);
  });

  it('reports records that are not objects', () => {
    const { diagnostics } = inferSchema({ name: 'm', format: 'ndjson', content: '{"a":1}\n[1]\n"x"\n' });
    expect(diagnostics.map((d) => [d.code, d.location.line])).toEqual([
      ['MW1205', 2],
      ['MW1205', 3],
    ]);
  });
});

describe('XML inference', () => {
  it('detects the record element', () => {
    expect(detectXmlRecordPath(read('namespaces.xml'))).toBe('/Export/Offence');
    expect(detectXmlRecordPath('<Doc><Header/><Body/></Doc>')).toBe('/Doc');
  });

  it('locates malformed XML', () => {
    const { diagnostics } = inferSchema({ name: 'm', format: 'xml', content: read('malformed.xml'), file: 'malformed.xml' });
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'MW1041', location: expect.objectContaining({ file: 'malformed.xml', line: 7, column: 1 }) })]);
  });

  it('reads records back with the inferred record path and repeated elements', () => {
    const text = read('namespaces.xml');
    const { tree } = inferSchema({ name: 'x', format: 'xml', content: text });
    const options = readerOptionsForTree(tree, 'n.xml')!;
    expect(options).toEqual({ file: 'n.xml', format: 'xml', recordPath: '/Export/Offence', repeated: ['Person', 'Person.Alias'] });
    const rs = parseRecords(text, options).map((r) => ('value' in r ? r.value : r)) as { Person: { Alias?: unknown }[] }[];
    expect(rs[1].Person).toEqual([{ '@role': 'witness', Surname: 'King', Alias: [null] }]);
    expect(Array.isArray(rs[0].Person[1])).toBe(false);
  });

  it('records positions of elements and attributes', () => {
    const t = inferSchema({ name: 'x', format: 'xml', content: read('namespaces.xml'), file: 'n.xml' }).tree;
    expect(field(t, 'Code').position).toEqual({ file: 'n.xml', line: 4, column: 5 });
    expect(field(t, 'Person[].Surname').xml).toEqual({ namespace: 'urn:acme:person', prefix: 'p' });
  });
});

describe('CSV malformed input', () => {
  it('locates an unterminated quote', () => {
    const { diagnostics } = inferSchema({ name: 'm', format: 'csv', content: read('malformed.csv'), file: 'malformed.csv' });
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'MW1001', location: { file: 'malformed.csv', line: 3, column: 3, record: 2 } })]);
  });
});

describe('streaming inference', () => {
  it('gives the same tree however the text is split', () => {
    const text = read('people-types.csv');
    const whole = inferSchema({ name: 'p', format: 'csv', content: text });
    fc.assert(
      fc.property(fc.array(fc.nat({ max: text.length }), { maxLength: 8 }), (points) => {
        const ps = [...new Set(points)].sort((a, b) => a - b);
        const diagnostics: never[] = [];
        const s = createSampleSession('csv', { name: 'p', content: text.slice(0, 200), diagnostics });
        let last = 0;
        for (const p of [...ps, text.length]) {
          s.push(text.slice(last, p));
          last = p;
        }
        expect(s.finish()).toEqual(whole.tree);
      }),
      { numRuns: 50 },
    );
  });

  it('guesses formats from file names', () => {
    expect(['a.csv', 'b.TSV', 'c.jsonl', 'd.schema.json', 'e.json', 'f.xsd', 'g.bin'].map(formatFromFileName)).toEqual(['csv', 'tsv', 'ndjson', 'jsonschema', 'json', 'xsd', undefined]);
  });
});
