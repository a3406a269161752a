import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureOutputEachTest } from '../test-helpers.node';
import { command, locateInFile } from './check';

const FIX = join(import.meta.dirname, '..', '..', 'checker', '__fixtures__');
const tmp = mkdtempSync(join(tmpdir(), 'mapwright-check-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const io = captureOutputEachTest();

describe('locateInFile', () => {
  it('maps escaped pointers and expression columns to file positions, counting UTF-16 code units', () => {
    const text = '{\n  "name": "Zoë",\n  "rules": { "a/b~c": { "kind": "expr",\n    "code": "\\u00e9 + 😀 + bad" }, "ü": 1 }\n}';
    const at = (pointer: string, line?: number, column?: number) => ({
      code: 'MW5000',
      severity: 'error' as const,
      message: 'm',
      location: { pointer, ...(line !== undefined ? { nodeId: 'n', line, column } : {}) },
    });
    const located = locateInFile([at('/rules/a~1b~0c', 1, 10), at('/rules/ü'), at('/rules/a~1b~0c/kind')], text, 'm.json', JSON.parse(text));
    // Column 10 of the decoded expression is "bad"; in the file it sits after the 6-character \u00e9 escape.
    expect(located.map((d) => [d.location.file, d.location.line, d.location.column])).toEqual([
      ['m.json', 4, 28],
      ['m.json', 4, 41],
      ['m.json', 3, 33],
    ]);
  });
});

describe('mapwright check', () => {
  it('exits 0 on a clean mapping and prints the summary', async () => {
    expect(await command.run([join(FIX, 'clean', 'mapping.json')])).toBe(0);
    expect(io.out).toMatch(/mapping\.json: 0 errors, 0 warnings, 0 notes\n$/);
    expect(io.err).toBe('');
  });

  it('prints one located line per problem and exits 1 on errors', async () => {
    expect(await command.run([join(FIX, 'unknown-target', 'mapping.json')])).toBe(1);
    const lines = io.out.trim().split('\n');
    expect(lines).toHaveLength(4);
    // The JSON pointer becomes a line and column in the mapping file.
    expect(lines[0]).toMatch(/^error MW5011 .*unknown-target\/mapping\.json:\d+:\d+ \(field crimeReferense, rule r-event\): Unknown target field "crimeReferense" on Event; did you mean "crimeReference"\?$/);
    expect(lines[3]).toBe(`${lines[3].split(':')[0]}: 3 errors, 0 warnings, 0 notes`);
  });

  it('gives expression problems their line and column in the file', async () => {
    expect(await command.run([join(FIX, 'expressions', 'mapping.json')])).toBe(1);
    const text = readFileSync(join(FIX, 'expressions', 'mapping.json'), 'utf8').split('\n');
    const m = /mapping\.json:(\d+):(\d+) .*`constructor` is not available/.exec(io.out);
    expect(m).not.toBeNull();
    const [line, col] = [Number(m![1]), Number(m![2])];
    expect(text[line - 1].slice(col - 1)).toMatch(/^constructor/);
  });

  it('writes JSON with --json', async () => {
    expect(await command.run(['--json', join(FIX, 'links', 'mapping.json')])).toBe(1);
    const j = JSON.parse(io.out) as { file: string; diagnostics: { code: string }[]; summary: { errors: number } };
    expect(j.diagnostics.map((d) => d.code)).toEqual(['MW5070', 'MW5071', 'MW5072', 'MW5071']);
    expect(j.summary.errors).toBe(4);
  });

  it('reads samples from --samples by source name, for the data checks', async () => {
    const dir = join(tmp, 'samples');
    cpSync(join(FIX, 'value-map-gaps'), join(tmp, 'vm'), { recursive: true });
    const samples = JSON.parse(readFileSync(join(FIX, 'value-map-gaps', 'samples.json'), 'utf8')) as Record<string, unknown[]>;
    cpSync(join(FIX, 'clean'), dir, { recursive: true });
    writeFileSync(join(dir, 'offences.ndjson'), samples['s-off'].map((r) => JSON.stringify(r)).join('\n'));
    writeFileSync(join(dir, 'vehicles.csv'), 'crime_ref,vrm,make\nCR/1,ab12 cde,Ford\n');
    expect(await command.run(['--samples', dir, join(FIX, 'clean', 'mapping.json')])).toBe(0);
    expect(io.out).toContain('warning MW5050');
    expect(io.out).toContain('"X" (2), "Z" (1)');
  });

  it('exits 2 for a path that does not exist, and for a bad project file', async () => {
    expect(await command.run([join(tmp, 'nope.json')])).toBe(2);
    expect(io.out).toContain('MW8801');
    const proj = join(tmp, 'badproj');
    cpSync(join(FIX, 'clean'), proj, { recursive: true });
    writeFileSync(join(proj, 'mapwright-project.json'), '{"format":"mapwright.project","formatVersion":2,"mapping":"mapping.json"}');
    io.out = '';
    expect(await command.run([proj])).toBe(2);
    expect(io.out).toContain('error MW8802');
    expect(io.out).toContain('"formatVersion" 2 is not supported');
  });
});
