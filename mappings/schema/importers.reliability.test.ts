/**
 * Reliability: the schema importers (samples, XSD, JSON Schema) and the mapping-document parser fed
 * mutated copies of valid inputs. They must never throw: every problem is a located diagnostic.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { inferSchema, type SchemaFormat } from './index';
import { parseMapping } from '../document/index';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { mutate, mutationArb } from '../../reliability/mutate';
import { report, ROOT, runs, SEED } from '../../reliability/support';

const INPUTS = path.join(ROOT, 'reliability', 'corpora', 'inputs');
const read = (f: string) => new Uint8Array(fs.readFileSync(path.join(INPUTS, f)));
const decode = (b: Uint8Array) => new TextDecoder().decode(b);
const PASSWD = fs.existsSync('/etc/passwd') ? fs.readFileSync('/etc/passwd', 'utf8').split('\n')[0] : 'root:x:0:0';
const counts: Record<string, number> = {};
afterAll(() => report('importers fuzz', counts));

function checkDiagnostics(ds: Diagnostic[], block: RegExp) {
  for (const d of ds) {
    expect(d.code).toMatch(block);
    expect(d.message.length).toBeGreaterThan(5);
    expect(d.location).toBeDefined();
  }
}

const SAMPLES: { file: string; format: SchemaFormat; extra?: Record<string, string> }[] = [
  { file: 'people.csv', format: 'csv' },
  { file: 'people.tsv', format: 'tsv' },
  { file: 'people.ndjson', format: 'ndjson' },
  { file: 'people.json', format: 'json' },
  { file: 'offences.xml', format: 'xml' },
  { file: 'offence.xsd', format: 'xsd', extra: { 'common.xsd': decode(read('common.xsd')) } },
  { file: 'offence.schema.json', format: 'jsonschema' },
];

describe('importers: mutated inputs give diagnostics, never exceptions', () => {
  for (const s of SAMPLES) {
    const n = runs(120);
    it(`${s.format}: ${n} mutated copies of ${s.file}`, () => {
      const valid = read(s.file);
      fc.assert(
        fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 6 }), (ms) => {
          counts[s.format] = (counts[s.format] ?? 0) + 1;
          const content = decode(mutate(valid, ms));
          let r: ReturnType<typeof inferSchema>;
          try {
            r = inferSchema({ name: 'fuzz', format: s.format, content, file: s.file, ...(s.extra ? { files: s.extra } : {}) });
          } catch (e) {
            throw new Error(`inferSchema(${s.format}) threw: ${(e as Error).stack}`);
          }
          expect(Array.isArray(r.tree.fields)).toBe(true);
          checkDiagnostics(r.diagnostics, /^MW[12]\d{3}$/);
          expect(JSON.stringify(r.tree)).not.toContain(PASSWD);
        }),
        { numRuns: n, seed: SEED },
      );
    });
  }

  it('XSD: include/import of files outside the given set is never read from disk', () => {
    const xsd = decode(read('offence.xsd')).replace('common.xsd', '/etc/passwd');
    const r = inferSchema({ name: 'x', format: 'xsd', content: xsd, file: 'offence.xsd' });
    expect(JSON.stringify(r)).not.toContain(PASSWD);
    expect(r.diagnostics.some((d) => d.severity === 'error' || d.severity === 'warning')).toBe(true);
    const ext = `<?xml version="1.0"?><!DOCTYPE xs:schema [<!ENTITY x SYSTEM "file:///etc/passwd">]>${decode(read('offence.xsd')).replace(/^<\?xml[^>]*>/, '')}`;
    const r2 = inferSchema({ name: 'x', format: 'xsd', content: ext, file: 'offence.xsd', files: { 'common.xsd': decode(read('common.xsd')) } });
    expect(JSON.stringify(r2)).not.toContain(PASSWD);
    counts.hostile = (counts.hostile ?? 0) + 2;
  });

  it('JSON Schema: remote and file $refs are not fetched; recursive $refs terminate', () => {
    for (const ref of ['file:///etc/passwd', 'http://127.0.0.1:1/x.json', '#/$defs/a', '#']) {
      const schema = JSON.stringify({ type: 'object', properties: { a: { $ref: ref }, b: { $ref: '#/properties/b' } }, $defs: { a: { $ref: '#/$defs/a' } } });
      const r = inferSchema({ name: 'x', format: 'jsonschema', content: schema, file: 'x.schema.json' });
      expect(JSON.stringify(r)).not.toContain(PASSWD);
      counts.hostile = (counts.hostile ?? 0) + 1;
    }
  });
});

describe('mapping documents: mutated files give located diagnostics', () => {
  const n = runs(200);
  it(`${n} mutated copies of a valid mapping.json`, () => {
    const valid = read('mapping.json');
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 5 }), (ms) => {
        counts.mapping = (counts.mapping ?? 0) + 1;
        const text = decode(mutate(valid, ms));
        let r: ReturnType<typeof parseMapping>;
        try {
          r = parseMapping(text, { file: 'mapping.json' });
        } catch (e) {
          throw new Error(`parseMapping threw: ${(e as Error).stack}`);
        }
        checkDiagnostics(r.diagnostics, /^MW\d{4}$/);
        if (r.diagnostics.some((d) => d.severity === 'error')) {
          for (const d of r.diagnostics.filter((x) => x.severity === 'error')) expect(d.location.file).toBe('mapping.json');
        }
      }),
      { numRuns: n, seed: SEED },
    );
  });
});
