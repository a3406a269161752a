import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureOutputEachTest } from '../test-helpers.node';
import { command } from './test';

const ACME = join(import.meta.dirname, '..', '..', 'examples', 'acme-rms');
const tmp = mkdtempSync(join(tmpdir(), 'mapwright-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const io = captureOutputEachTest();

/** A copy of the example project with only the named tests, so edits do not touch the original. */
function project(name: string, tests: string[]) {
  const dir = join(tmp, name);
  cpSync(ACME, dir, { recursive: true, filter: (src) => !src.includes('/samples/') });
  const manifest = JSON.parse(readFileSync(join(dir, 'mapwright-project.json'), 'utf8')) as { tests: string[]; samples: unknown[] };
  manifest.tests = tests;
  manifest.samples = [];
  writeFileSync(join(dir, 'mapwright-project.json'), JSON.stringify(manifest));
  return dir;
}

describe('mapwright test', () => {
  it('passes tests that hold and prints the summary', async () => {
    const dir = project('ok', ['tests/normal-burglary.json', 'tests/reject-unknown-role.json']);
    expect(await command.run([dir])).toBe(0);
    expect(io.out.trim().split('\n')).toEqual([
      'PASS A burglary at a full address, with a victim and stolen property (' + io.out.split('(')[1].split(')')[0] + ')',
      expect.stringMatching(/^PASS A person role code Acme does not define rejects the record \(.*reject-unknown-role\.json\)$/),
      '2 passed, 0 failed',
    ]);
  });

  it('shows a colourless diff of expected and actual JSON for a failing test, and exits 1', async () => {
    const dir = project('diff', ['tests/normal-burglary.json']);
    const file = join(dir, 'tests', 'normal-burglary.json');
    const tc = JSON.parse(readFileSync(file, 'utf8')) as { expected: { output: { entities: { summary?: string }[] } } };
    tc.expected.output.entities[0].summary = 'Burglary (expected wrongly)';
    writeFileSync(file, JSON.stringify(tc));
    expect(await command.run([dir])).toBe(1);
    expect(io.out).toContain('FAIL A burglary');
    expect(io.out).toContain('  @@ /entities/0/summary (changed) @@\n  - "Burglary (expected wrongly)"\n  + "Burglary dwelling"\n');
    expect(io.out).not.toContain('\u001b[');
    expect(io.out).toMatch(/0 passed, 1 failed\n$/);
  });

  it('fails a test whose expected reject does not happen, and one that rejects unexpectedly', async () => {
    const dir = project('rejects', ['tests/normal-burglary.json', 'tests/reject-unknown-role.json']);
    const ok = join(dir, 'tests', 'normal-burglary.json');
    const bad = join(dir, 'tests', 'reject-unknown-role.json');
    const a = JSON.parse(readFileSync(ok, 'utf8')) as { expected: unknown };
    const b = JSON.parse(readFileSync(bad, 'utf8')) as { expected: unknown };
    [a.expected, b.expected] = [{ reject: { code: 'MW6102' } }, { output: {} }];
    writeFileSync(ok, JSON.stringify(a));
    writeFileSync(bad, JSON.stringify(b));
    expect(await command.run([dir])).toBe(1);
    expect(io.out).toContain('expected a reject MW6102, but an output document was written');
    expect(io.out).toMatch(/expected an output document, but the record was rejected: MW6102 Value "V" has no mapping .* \(rule r-link-person\)/);
  });

  it('reports an invalid test file as a failure with its reason', async () => {
    const dir = project('invalid', ['tests/broken.json']);
    writeFileSync(join(dir, 'tests', 'broken.json'), '{"id":"t","name":"x","input":{}}');
    expect(await command.run([dir])).toBe(1);
    expect(io.out).toMatch(/FAIL .*broken\.json\n {2}error MW8804 .*broken\.json: The test case is not valid: "expected" needs "output" or "reject"/);
  });

  it('exits 2 when the folder is not a project', async () => {
    expect(await command.run([tmp])).toBe(2);
    expect(io.err).toMatch(/MW8801 .*mapwright-project\.json: ENOENT/);
  });
});
