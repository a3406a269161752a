/**
 * The built-in example projects must stay complete and working: the mapping is a valid document
 * the checker finds no errors in, it uses every mapping construct (it is the product's showcase),
 * its saved tests pass through the real CLI, and a full run over the sample export validates every
 * written document against the target model while rejecting each messy record with a reason.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkMapping } from '../checker/index';
import { childNodes } from '../checker/check';
import { parseMapping } from '../document/parse';
import { serializeMapping } from '../document/serialize';
import type { MappingDocument, ProjectManifest, ValueNode } from '../document/types';
import { parseRecords } from '../io/index';
import { createValidator, getModel } from '../model/index';

const ROOT = join(import.meta.dirname, '..', '..');
const ACME = join(import.meta.dirname, 'acme-rms');
const CLI = join(ROOT, 'bin', 'mapwright.mjs');
const tmp = mkdtempSync(join(tmpdir(), 'mapwright-examples-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const manifest = JSON.parse(readFileSync(join(ACME, 'mapwright-project.json'), 'utf8')) as ProjectManifest;
const text = readFileSync(join(ACME, manifest.mapping), 'utf8');
const parsed = parseMapping(text, { file: 'mapping.json' });
const doc = parsed.document as MappingDocument;
const model = getModel('pole', '1.0.0');

function records(file: string, format: 'ndjson' | 'csv') {
  return parseRecords(readFileSync(join(ACME, file), 'utf8'), { format }).flatMap((r) => ('value' in r ? [r.value] : []));
}

function allNodes(d: MappingDocument): ValueNode[] {
  const out: ValueNode[] = [];
  const walk = (n: ValueNode | undefined) => {
    if (!n) return;
    out.push(n);
    for (const [c] of childNodes(n, '')) walk(c);
  };
  walk(d.recordId);
  d.filters.forEach((f) => walk(f.when));
  d.joins.forEach((j) => j.on.forEach((o) => walk(o.primary)));
  for (const r of [...d.entities, ...d.links]) {
    walk(r.when);
    if ('key' in r) r.key?.forEach(walk);
    if ('role' in r) walk(r.role);
    r.fields.forEach((f) => walk(f.value));
  }
  return out;
}

describe('acme-rms example', () => {
  it('is a valid, canonical mapping document with no checker errors against its samples', () => {
    expect(parsed.diagnostics).toEqual([]);
    const samples = { 's-offences': records('samples/offences.ndjson', 'ndjson'), 's-vehicles': records('samples/vehicles.csv', 'csv') };
    const ds = checkMapping(doc, { model, samples });
    expect(ds.filter((d) => d.severity === 'error')).toEqual([]);
    // The value-map gaps the checker sees are exactly the supplier's documented bad codes.
    const gaps = ds.filter((d) => d.code === 'MW5050').map((d) => d.message.match(/"([^"]+)" \(\d+\)/)?.[1]).sort();
    expect(gaps).toEqual(['99', 'MAUVE', 'Q', 'V', 'XYZ-99', 'Z7']);
  });

  it('is stored in the canonical serialisation, so saving it in the app makes no diff', () => {
    expect(serializeMapping(doc)).toBe(text);
  });

  it('uses every mapping construct', () => {
    const kinds = new Set(allNodes(doc).map((n) => n.kind));
    expect([...kinds].sort()).toEqual(['aggregate', 'array', 'call', 'cond', 'const', 'expr', 'field', 'map', 'object']);
    const fns = new Set(allNodes(doc).flatMap((n) => (n.kind === 'call' ? [n.fn] : [])));
    for (const fn of ['trim', 'titleCase', 'parseDate', 'partialDate', 'normalisePostcode', 'normaliseVrm', 'parseNumber', 'bngToWgs84', 'toUtc', 'defaultIfEmpty']) {
      expect(fns, fn).toContain(fn);
    }
    expect(doc.filters.length).toBeGreaterThan(0);
    expect(doc.joins.map((j) => j.cardinality)).toEqual(['many']);
    expect(doc.entities.some((e) => e.forEach && e.forEach.path.startsWith('vehicle_rows'))).toBe(true);
    expect(doc.entities.filter((e) => e.forEach).length).toBeGreaterThanOrEqual(4);
    expect(doc.entities.some((e) => e.keepUnmapped)).toBe(true);
    expect(doc.entities.some((e) => e.key?.length)).toBe(true);
    expect(doc.entities.some((e) => e.when)).toBe(true);
    expect(doc.links.some((l) => l.when)).toBe(true);
    expect(allNodes(doc).some((n) => n.kind === 'field' && n.scope === '$record')).toBe(true);
    expect(allNodes(doc).some((n) => n.kind === 'cond' && n.branches.length >= 2 && n.else)).toBe(true);
    const policies = new Set(doc.valueMaps.map((v) => v.unmapped.policy));
    expect(policies).toEqual(new Set(['default', 'reject']));
    expect(doc.valueMaps.some((v) => v.crosswalk && v.output === 'coded')).toBe(true);
    expect(new Set(doc.valueMaps.map((v) => v.output))).toEqual(new Set(['code', 'coded']));
    expect(doc.valueMaps.find((v) => v.id === 'vm-ethnicity')!.entries.every((e) => e.quality)).toBe(true);
    const roles = allNodes({ ...doc, entities: [], filters: [], joins: [], recordId: undefined } as MappingDocument).filter((n) => n.kind === 'const').map((n) => (n as { value: unknown }).value);
    for (const r of ['OCCURRED_AT', 'STOLEN_IN', 'USED_IN']) expect(roles).toContain(r);
  });

  it('has a canvas position for every node, rule, source and the target', () => {
    const ids = [...allNodes(doc).map((n) => n.id), ...doc.entities.map((e) => e.id), ...doc.links.map((l) => l.id), ...doc.sources.map((s) => `source:${s.id}`), 'target'];
    expect(ids.filter((id) => !doc.layout.nodes[id])).toEqual([]);
    // Sources sit left of every value node, and value nodes left of the rules.
    const x = (id: string) => doc.layout.nodes[id].x;
    const sourceX = Math.max(...doc.sources.map((s) => x(`source:${s.id}`)));
    const ruleX = Math.min(...doc.entities.map((e) => x(e.id)));
    for (const n of allNodes(doc)) expect(x(n.id)).toBeGreaterThan(sourceX);
    for (const n of allNodes(doc)) expect(x(n.id)).toBeLessThan(ruleX);
    expect(x('target')).toBeGreaterThan(ruleX);
  });

  it('has at least 8 saved tests, with normal records and expected rejects', () => {
    expect(manifest.tests.length).toBeGreaterThanOrEqual(8);
    const cases = manifest.tests.map((t) => JSON.parse(readFileSync(join(ACME, t), 'utf8')) as { expected: object });
    expect(cases.filter((c) => 'reject' in c.expected).length).toBeGreaterThanOrEqual(3);
    expect(cases.filter((c) => 'output' in c.expected).length).toBeGreaterThanOrEqual(5);
  });

  it('`mapwright check` finds no errors', () => {
    const r = cli('check', 'mappings/examples/acme-rms');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/mapping\.json: 0 errors, \d+ warnings/);
  });

  it('`mapwright test` passes every saved test', () => {
    const r = cli('test', 'mappings/examples/acme-rms');
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(`${manifest.tests.length} passed, 0 failed`);
    expect(r.stdout).not.toContain('FAIL');
  });

  it('`mapwright run` writes only valid POLE documents and rejects each messy record with a reason', () => {
    const out = join(tmp, 'out.ndjson');
    const r = cli(
      'run',
      'mappings/examples/acme-rms',
      '--input',
      'mappings/examples/acme-rms/samples/offences.ndjson',
      '--out',
      out,
    );
    expect(r.code, r.stderr).toBe(0);
    // The join source defaults to the project's own sample file, and says so.
    expect(r.stderr).toContain('reads the project\'s samples/vehicles.csv');
    const summary = /read (\d+), wrote (\d+), rejected (\d+)\n$/.exec(r.stderr);
    expect(summary, r.stderr).not.toBeNull();
    const [read, written, rejected] = summary!.slice(1).map(Number);
    expect(read).toBe(300);
    expect(written + rejected).toBe(read);

    const validate = createValidator(model);
    const docs = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as unknown);
    expect(docs.length).toBe(written);
    for (const d of docs) expect(validate(d).errors).toEqual([]);

    const rejects = readFileSync(`${out}.rejects.ndjson`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { record: number; code: string; message: string });
    expect(rejects.length).toBe(rejected);
    for (const rj of rejects) expect(rj.message.length).toBeGreaterThan(10);
    const rejectedLines = new Set(rejects.map((x) => x.record));
    const messy = JSON.parse(readFileSync(join(ACME, 'samples/messy-records.json'), 'utf8')) as { line: number; problem: string }[];
    // Problems that make a record unusable are rejected; the others are written with the value flagged or normalised.
    const mustReject = ['impossible-date', 'unknown-offence-code', 'missing-crime-ref', 'malformed-json', 'unknown-ethnicity-and-sex', 'bad-postcode-and-grid', 'unknown-role', 'unknown-force', 'empty-offence', 'unknown-vehicle-colour'];
    const cancelled = new Set(rejects.filter((x) => x.message.includes('Cancelled')).map((x) => x.record));
    for (const m of messy) {
      if (cancelled.has(m.line)) continue; // also a cancelled crime: filtered out before its problem matters
      expect(rejectedLines.has(m.line), `${m.problem} (line ${m.line})`).toBe(mustReject.includes(m.problem));
    }
    // Every non-messy reject is a cancelled crime, which the supplier says must not be sent on.
    const messyLines = new Set(messy.map((m) => m.line));
    for (const rj of rejects.filter((x) => !messyLines.has(x.record))) expect(rj.message).toContain('Cancelled');
    // A date of birth that is not a date is kept for the reviewer, not dropped.
    expect(readFileSync(out, 'utf8')).toContain('Date of birth not understood, as recorded: 45/13/1990');
  });
});
