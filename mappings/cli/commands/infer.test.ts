import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../test-helpers.node';
import { inferSchema } from '../../schema/index';

const root = REPO_ROOT;
const fixtures = join(root, 'mappings', 'schema', '__fixtures__');
const mapwright = (args: string[], input?: string) => runCli(args, { cwd: root, ...(input !== undefined ? { input } : {}), timeoutMs: 60_000 });

describe('mapwright infer', { timeout: 180_000 }, () => {
  it('prints the same tree as the library, streaming the file', async () => {
    const file = join(fixtures, 'people-types.csv');
    const r = await mapwright(['infer', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const expected = inferSchema({ name: 'people-types.csv', format: 'csv', content: readFileSync(file, 'utf8'), file }).tree;
    expect(JSON.parse(r.stdout)).toEqual(expected);
  });

  it('imports an XSD with its includes, and exits 1 with located errors for bad input', async () => {
    const xsd = await mapwright(['infer', join(fixtures, 'offence.xsd'), '--record-path', 'Offence']);
    expect(xsd.code).toBe(0);
    expect(JSON.parse(xsd.stdout).fields.map((f: { path: string }) => f.path)).toContain('Address');
    const bad = await mapwright(['infer', join(fixtures, 'malformed.json')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/error MW1021 .*malformed\.json:3:11 \(record 2\)/);
  });

  it('exits 2 on usage errors and unreadable files', async () => {
    expect((await mapwright(['infer'])).code).toBe(2);
    expect(await mapwright(['infer', join(fixtures, 'nope.csv')])).toMatchObject({ code: 2, stderr: expect.stringMatching(/cannot read/) });
    expect(await mapwright(['infer', join(fixtures, 'people-types.csv'), '--format', 'yaml'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown format/) });
    expect(await mapwright(['infer', join(root, 'package-lock.lock')])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--format/) });
  });
});

describe('mapwright sample and redact', { timeout: 180_000 }, () => {
  it('samples reproducibly from a data file, as CSV with the same header', async () => {
    const a = await mapwright(['sample', join(fixtures, 'people-types.csv'), '--count', '5', '--seed', '9', '--format', 'csv']);
    const b = await mapwright(['sample', join(fixtures, 'people-types.csv'), '--count', '5', '--seed', '9', '--format', 'csv']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const lines = a.stdout.trim().split('\n');
    expect(lines[0]).toBe(readFileSync(join(fixtures, 'people-types.csv'), 'utf8').split('\n')[0]);
    expect(lines).toHaveLength(6);
    expect((await mapwright(['sample', join(fixtures, 'people-types.csv')])).code).toBe(2);
  });

  it('redacts a CSV keeping header and rows, reporting unreadable records', async () => {
    const r = await mapwright(['redact', join(fixtures, 'ragged-duplicates.csv')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/MW1003 .*:4:1 \(record 2\)/);
    expect(r.stderr).toMatch(/1 records written, 2 unreadable/);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('id,name,name_2,column_4,notes');
    const ok = await mapwright(['redact', join(fixtures, 'people-types.csv'), '--seed', '3']);
    expect(ok.code).toBe(0);
    const out = ok.stdout.trim().split('\n');
    expect(out).toHaveLength(4);
    expect(ok.stdout).not.toMatch(/Hughes|Patel|hughes@/);
    expect(ok.stderr).toMatch(/3 records written, 0 unreadable; masked/);
  });
});
