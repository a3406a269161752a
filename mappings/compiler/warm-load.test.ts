import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MappingDocument } from '../document/types';
import { parseMapping } from '../document/parse';
import { parseRecords } from '../io/index';
import { getModel } from '../model/index';
import { buildJoinIndex } from '../runtime/run';
import { assembleModule, compileMapping, loadCompiled } from './compile';
import { testModel } from './test-models';
import { createWarmLoader } from './warm-load';

const ACME = join(import.meta.dirname, '..', 'examples', 'acme-rms');
const acme = parseMapping(readFileSync(join(ACME, 'mapping.json'), 'utf8'), { file: 'mapping.json' }).document as MappingDocument;
const model = getModel(acme.target.modelId, acme.target.modelVersion);
const rows = (file: string, format: 'ndjson' | 'csv') => parseRecords(readFileSync(join(ACME, 'samples', file), 'utf8'), { format }).flatMap((r) => ('value' in r ? [r.value] : []));
const records = rows('offences.ndjson', 'ndjson');
const joins = buildJoinIndex(acme, { 's-vehicles': rows('vehicles.csv', 'csv') });
const ctx = (i: number) => ({ file: 'offences.ndjson', record: i + 1, joins });

function compiled(doc: MappingDocument, m = model) {
  const r = compileMapping(doc, m);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r;
}

/** The example with the notes separator of the Event rule changed: an edit to one rule. */
function withSeparator(sep: string): MappingDocument {
  const d = structuredClone(acme);
  const rule = d.entities[0].fields.find((f) => f.id === 'r-event-notes')!;
  (rule.value as { separator?: string }).separator = sep;
  return d;
}

describe('createWarmLoader', () => {
  it('loads the same module that compileMapping returns as code', () => {
    const r = compiled(acme);
    expect(assembleModule(r.parts!)).toBe(r.code);
  });

  it('gives the same results as loadCompiled on every golden fixture, sharing one loader', () => {
    const root = join(import.meta.dirname, '__fixtures__');
    const loader = createWarmLoader();
    const cases = readdirSync(root).filter((n) => existsSync(join(root, n, 'mapping.json')));
    expect(cases.length).toBeGreaterThanOrEqual(20);
    for (const name of cases) {
      const doc = parseMapping(readFileSync(join(root, name, 'mapping.json'), 'utf8')).document!;
      const m = testModel(doc.target.modelId);
      const r = compiled(doc, m);
      const input = JSON.parse(readFileSync(join(root, name, 'input.json'), 'utf8')) as { records: unknown[]; joined?: Record<string, unknown[]>; params?: Record<string, unknown> };
      const j = buildJoinIndex(doc, input.joined ?? {});
      const cold = loadCompiled(r.code);
      // Twice: the second load is served from the loader's caches.
      for (const warm of [loader.load(r.parts!), loader.load(r.parts!)]) {
        expect(warm.meta).toEqual(cold.meta);
        input.records.forEach((rec, i) => {
          const c = { file: 'input.json', record: i + 1, joins: j, ...(input.params ? { params: input.params } : {}) };
          expect(warm.transform(rec, c), `${name} record ${i + 1}`).toEqual(cold.transform(rec, c));
        });
      }
    }
  });

  it('rebuilds only the edited rule and the transform after an edit, and runs the edit', () => {
    const loader = createWarmLoader();
    const before = loader.load(compiled(withSeparator('; ')).parts!);
    const first = loader.stats();
    // One function per entity and link rule, plus transform.
    expect(first.built).toBe(acme.entities.length + acme.links.length + 1);
    const edited = compiled(withSeparator(' | '));
    const after = loader.load(edited.parts!);
    expect(loader.stats().built - first.built).toBe(2);
    expect(loader.stats().reused - first.reused).toBe(acme.entities.length + acme.links.length - 1);
    const cold = loadCompiled(edited.code);
    const coldBefore = loadCompiled(compiled(withSeparator('; ')).code);
    let joinedNotes = 0;
    records.forEach((rec, i) => {
      const out = after.transform(rec, ctx(i));
      expect(out, `record ${i + 1}`).toEqual(cold.transform(rec, ctx(i)));
      const entities = out.ok ? (out.output.entities as { entityType: string; notes?: string }[]) : [];
      if (entities.some((e) => e.entityType === 'Event' && e.notes?.includes(' | '))) joinedNotes++;
      expect(before.transform(rec, ctx(i))).toEqual(coldBefore.transform(rec, ctx(i)));
    });
    expect(joinedNotes).toBeGreaterThan(0);
  });

  it('rebuilds a rule whose value map changed, even though the rule itself did not', () => {
    const loader = createWarmLoader();
    const doc = structuredClone(acme);
    loader.load(compiled(doc).parts!);
    const colours = doc.valueMaps.find((v) => v.id === 'vm-colour')!;
    for (const e of colours.entries) e.to = 'BLACK';
    const edited = compiled(doc);
    const warm = loader.load(edited.parts!);
    const cold = loadCompiled(edited.code);
    records.forEach((rec, i) => expect(warm.transform(rec, ctx(i)), `record ${i + 1}`).toEqual(cold.transform(rec, ctx(i))));
    const colour = records
      .map((rec, i) => warm.transform(rec, ctx(i)))
      .flatMap((r) => (r.ok ? (r.output.entities as { colour?: { code: string } }[]) : []))
      .map((o) => o.colour?.code)
      .filter(Boolean);
    expect(colour.length).toBeGreaterThan(0);
    expect(new Set(colour)).toEqual(new Set(['BLACK']));
  });

  it('keeps the rule, node and field of a failure inside a rule function', () => {
    const warm = createWarmLoader().load(compiled(acme).parts!);
    const rejects = records.map((rec, i) => warm.transform(rec, ctx(i))).flatMap((r) => (r.ok ? [] : [r.reject]));
    // An unmapped offence code fails inside the Event rule's function, with a reject policy.
    expect(rejects).toContainEqual(expect.objectContaining({ code: 'MW6102', ruleId: 'r-event', nodeId: 'n-map-offence', field: 'category' }));
    // A filter fails in the transform itself.
    expect(rejects).toContainEqual(expect.objectContaining({ code: 'MW6101', ruleId: 'r-filter-cancelled' }));
  });
});
