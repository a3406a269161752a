import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../test-helpers.node';

/** Integration tests: the real `mapwright` binary on the fixtures in mappings/runtime/__fixtures__/cli. */
const fx = fileURLToPath(new URL('../../runtime/__fixtures__/cli/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'mapwright-run-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const mapwright = (args: string[]) => runCli(args, { cwd: fx });
const KEY = ['--param', 'hmacKey=0123456789abcdef0123456789abcdef'];
const lastLine = (s: string) => s.trimEnd().split('\n').pop();

describe('mapwright run', { timeout: 120_000 }, () => {
  it('writes output and rejects files and reconciles; --strict exits 1 on rejects', async () => {
    const out = join(tmp, 'out.ndjson');
    const r = await mapwright(['run', 'mapping.json', '--input', 'offences.ndjson', '--out', out, '--source', 's-vehicles00=vehicles.csv', '--strict', ...KEY]);
    expect(r.code).toBe(1);
    expect(lastLine(r.stderr)).toBe('read 6, wrote 2, rejected 4');
    expect(r.stderr).toContain('vehicles.csv:5:11');
    const docs = readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(docs.map((d) => d.entities[0].crimeReference)).toEqual(['AC/1', 'AC/6']);
    const first = docs[0];
    expect(first.entities.map((e: { entityType: string }) => e.entityType)).toEqual(['Event', 'Person', 'Person', 'Object', 'Object']);
    expect(first.entities[3]).toMatchObject({ vrm: 'AB12CDE', make: 'Ford, Focus' });
    expect(first.links.map((l: { role: { code: string } }) => l.role.code)).toEqual(['VICTIM', 'SUSPECT', 'USED_IN', 'USED_IN']);
    expect(docs[1].entities[0].notes).toMatch(/^[0-9a-f]{64}$/);
    const rejects = readFileSync(`${out}.rejects.ndjson`, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(rejects.map((x) => [x.record, x.code])).toEqual([
      [2, 'MW6101'],
      [3, 'MW1021'],
      [4, 'MW6102'],
      [5, 'MW6201'],
    ]);
    expect(rejects[3]).toMatchObject({ file: 'offences.ndjson', line: 5, field: 'entities/0/owningOrganisation' });
    expect(rejects[3].errors.length).toBeGreaterThan(0);
  });

  it('streams to stdout and prints rejects on stderr without --out; exit 0 without --strict', async () => {
    const r = await mapwright(['run', 'mapping.json', '--input', 'offences.ndjson', '--source', 'vehicles=vehicles.csv', '--no-validate', ...KEY]);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(3);
    expect(r.stderr).toMatch(/^reject offences.ndjson:4 \(record 4, rule r-link-person, field role\): MW6102 /m);
    expect(lastLine(r.stderr)).toBe('read 6, wrote 3, rejected 3');
  });

  it('runs a project folder (mapwright-project.json names the mapping)', async () => {
    const dir = join(tmp, 'project');
    mkdirSync(dir);
    copyFileSync(join(fx, 'mapping.json'), join(dir, 'offences-to-pole.json'));
    writeFileSync(join(dir, 'mapwright-project.json'), JSON.stringify({ format: 'mapwright.project', formatVersion: 1, id: 'p-1', name: 'CLI project', mapping: 'offences-to-pole.json', samples: [], tests: [] }));
    const out = join(tmp, 'project-out.ndjson');
    const r = await mapwright(['run', dir, '--input', 'offences.ndjson', '--out', out, '--rejects', join(tmp, 'project-rejects.ndjson'), '--source', 'vehicles=vehicles.csv', ...KEY]);
    expect(r.code).toBe(0);
    expect(lastLine(r.stderr)).toBe('read 6, wrote 2, rejected 4');
    expect(readFileSync(join(tmp, 'project-rejects.ndjson'), 'utf8').trimEnd().split('\n')).toHaveLength(4);
  });

  it('refuses to run a mapping with check errors, with the location in the file', async () => {
    const r = await mapwright(['run', 'bad-mapping.json', '--input', 'offences.ndjson']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad-mapping\.json:\d+:\d+ .*Unknown field `nosuchfield`/);
    expect(r.stdout).toBe('');
  });

  it('exits 2 on usage errors and unreadable input', async () => {
    expect((await mapwright(['run', 'mapping.json'])).code).toBe(2);
    const missingSource = await mapwright(['run', 'mapping.json', '--input', 'offences.ndjson']);
    expect(missingSource.code).toBe(2);
    expect(missingSource.stderr).toContain('--source s-vehicles00=FILE');
    const missingInput = await mapwright(['run', 'mapping.json', '--input', 'nope.ndjson', '--source', 'vehicles=vehicles.csv']);
    expect(missingInput.code).toBe(2);
    expect(missingInput.stderr).toContain('ENOENT');
    expect((await mapwright(['run', 'no-such-mapping.json', '--input', 'offences.ndjson'])).code).toBe(2);
  });
});

describe('mapwright eval', { timeout: 120_000 }, () => {
  it('evaluates a checked expression against a record', async () => {
    const r = await mapwright(['eval', 'upper(ref) + " " + normalisePostcode(postcode) + " " + length(persons)', '--input', 'record.json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toBe('AC/24/1 SW1A 1AA 2');
  });
  it('prints check diagnostics and exits 1 for a bad or unsafe expression', async () => {
    const r = await mapwright(['eval', 'ref.constructor', '--input', 'record.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error MW4\d{3} <expression>:1:\d+/m);
    expect(r.stdout).toBe('');
    const missingKey = await mapwright(['eval', 'pseudonymise(ref)', '--input', 'record.json']);
    expect(missingKey.code).toBe(1);
    expect(missingKey.stderr).toContain('hmacKey');
  });
});
