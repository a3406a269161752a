import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMapping } from '../document/parse';
import type { MappingDocument } from '../document/types';
import { parseRecords } from '../io/index';
import { createValidator, getModel } from '../model/index';
import { buildJoinIndex } from '../runtime/run';
import { compileMapping, loadCompiled } from './compile';
import { createInterpreter } from './interpret';
import { locateError, traceRecord, type RecordTrace } from './trace';

/**
 * Traced values against the compiled transform, on the built-in example (every mapping construct).
 * The golden file `__fixtures__/trace/acme-trace.json` holds the traces of the first records;
 * regenerate with `UPDATE_GOLDENS=1 npx vitest run mappings/compiler/trace.test.ts` and review.
 */
const ACME = join(import.meta.dirname, '..', 'examples', 'acme-rms');
const doc = parseMapping(readFileSync(join(ACME, 'mapping.json'), 'utf8'), { file: 'mapping.json' }).document as MappingDocument;
const model = getModel(doc.target.modelId, doc.target.modelVersion);
const rows = (file: string, format: 'ndjson' | 'csv') => parseRecords(readFileSync(join(ACME, 'samples', file), 'utf8'), { format });
const records = rows('offences.ndjson', 'ndjson').flatMap((r) => ('value' in r ? [r.value] : []));
const joins = buildJoinIndex(doc, { 's-vehicles': rows('vehicles.csv', 'csv').flatMap((r) => ('value' in r ? [r.value] : [])) });
const { transform } = loadCompiled(compileMapping(doc, model).code);
const interpreter = createInterpreter(doc, model);
const ctx = (i: number) => ({ file: 'offences.ndjson', record: i + 1, joins });

const empty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

describe('traceRecord', () => {
  it('gives the compiled transform’s result for every sample record', () => {
    expect(records.length).toBeGreaterThan(20);
    records.forEach((r, i) => expect(traceRecord(interpreter, r, ctx(i)).result, `record ${i + 1}`).toEqual(transform(r, ctx(i))));
  });

  it('traces the value each single-instance field rule wrote into the compiled output', () => {
    let checked = 0;
    records.forEach((r, i) => {
      const out = transform(r, ctx(i));
      if (!out.ok) return;
      const t = traceRecord(interpreter, r, ctx(i));
      const entities = out.output.entities as Record<string, unknown>[];
      for (const rule of doc.entities) {
        if (rule.forEach || t.rules[rule.id]?.made !== 1) continue;
        const entity = entities.find((e) => (e.provenance as { ruleIds: string[] }).ruleIds.includes(rule.id))!;
        for (const f of rule.fields) {
          if (f.target.includes('[') || f.target.includes('.')) continue;
          const traced = t.fields[f.id];
          expect(traced?.count, `${f.id} evaluated once`).toBe(1);
          const v = traced.values[0];
          if (empty(v) || (v && typeof v === 'object' && Object.keys(v).length === 0)) expect(entity[f.target], `${f.id}: empty is not written`).toBeUndefined();
          else {
            expect(entity[f.target], `record ${i + 1} ${f.id}`).toEqual(v);
            checked++;
          }
        }
      }
    });
    expect(checked).toBeGreaterThan(100);
  });

  it('records loop iterations, skipped rules and filters', () => {
    const i = records.findIndex((r, n) => Array.isArray((r as { persons?: unknown[] }).persons) && (r as { persons: unknown[] }).persons.length >= 2 && transform(r, ctx(n)).ok);
    const t = traceRecord(interpreter, records[i], ctx(i));
    const persons = (records[i] as { persons: unknown[] }).persons.length;
    expect(t.nodes['n-name'].count).toBe(persons);
    expect(t.rules['r-person'].made + t.rules['r-person'].skipped).toBe(persons);
    expect(t.filters['r-filter-ref']).toBe(true);
    const noRef = traceRecord(interpreter, { ...(records[0] as object), crime_ref: '' }, ctx(0));
    expect(noRef.result).toMatchObject({ ok: false, reject: { ruleId: 'r-filter-ref' } });
    expect(noRef.filters['r-filter-ref']).toBe(false);
    expect(noRef.rules).toEqual({});
  });

  it('matches the golden traces of the first records', () => {
    const traces: RecordTrace[] = records.slice(0, 2).map((r, i) => traceRecord(interpreter, r, ctx(i)));
    // undefined (an empty value) has no JSON form; the golden file writes it as a marker.
    const text = `${JSON.stringify(traces, (_k, v: unknown) => (v === undefined ? '<absent>' : v), 2)}\n`;
    const file = join(import.meta.dirname, '__fixtures__', 'trace', 'acme-trace.json');
    if (process.env.UPDATE_GOLDENS || !existsSync(file)) writeFileSync(file, text);
    expect(text).toBe(readFileSync(file, 'utf8'));
  });
});

describe('locateError', () => {
  const first = records.findIndex((r, i) => {
    const o = transform(r, ctx(i));
    return o.ok && (o.output.entities as { entityType: string }[]).some((e) => e.entityType === 'Person' && 'dateOfBirth' in e);
  });
  const out = transform(records[first], ctx(first));
  if (!out.ok) throw new Error('expected an output');
  const validate = createValidator(model);

  it('maps a bad value to the entity rule and the field rule that wrote it', () => {
    const broken = structuredClone(out.output) as { entities: Record<string, unknown>[] };
    const at = broken.entities.findIndex((e) => e.entityType === 'Person' && 'dateOfBirth' in e);
    (broken.entities[at].dateOfBirth as { precision: string }).precision = 'fortnight';
    const errors = validate(broken).errors;
    expect(errors.map((e) => e.path)).toEqual([`entities/${at}/dateOfBirth/precision`]);
    const dobRule = doc.entities.find((e) => e.id === 'r-person')!.fields.find((f) => f.target === 'dateOfBirth')!;
    expect(locateError(doc, broken, errors[0].path)).toEqual({ ruleId: 'r-person', fieldRuleIds: [dobRule.id], modelPath: 'dateOfBirth.precision' });
  });

  it('maps an indexed target (names[0]) and a link’s role', () => {
    const o = out.output as { entities: Record<string, unknown>[]; links: unknown[] };
    const at = o.entities.findIndex((e) => e.entityType === 'Person');
    const names = doc.entities.find((e) => e.id === 'r-person')!.fields.find((f) => f.target === 'names[0]')!;
    expect(locateError(doc, o, `entities/${at}/names/0/family`)).toMatchObject({ ruleId: 'r-person', fieldRuleIds: [names.id], modelPath: 'names[].family' });
    const link = (o.links[0] as { provenance: { ruleIds: string[] } }).provenance.ruleIds[0];
    expect(locateError(doc, o, 'links/0/role')).toMatchObject({ ruleId: link, modelPath: 'role' });
  });

  it('names the entity rule when no field rule wrote the path, and nothing for unknown paths', () => {
    const o = out.output as { entities: Record<string, unknown>[] };
    expect(locateError(doc, o, 'entities/0/provenance')).toEqual({ ruleId: (o.entities[0].provenance as { ruleIds: string[] }).ruleIds[0], fieldRuleIds: [], modelPath: 'provenance' });
    expect(locateError(doc, o, 'entities/999/x')).toEqual({ fieldRuleIds: [], modelPath: 'entities[].x' });
  });
});
