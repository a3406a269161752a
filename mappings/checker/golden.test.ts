/**
 * Golden tests: each `__fixtures__/<case>/mapping.json` (+ `samples.json`) checked against POLE v1
 * must give exactly `expected-diagnostics.json`. Set UPDATE_GOLDEN=1 to rewrite the cases from
 * `__fixtures__/cases.ts` and the expectations from the checker (then review the diff).
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allCodes } from '../diagnostics/catalog';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { parseMapping } from '../document/parse';
import type { MappingDocument } from '../document/types';
import { getModel } from '../model/index';
import { checkMapping } from './index';
import { CASES } from './__fixtures__/cases';

const FIX = join(import.meta.dirname, '__fixtures__');
const update = process.env.UPDATE_GOLDEN === '1';
const model = getModel('pole', '1.0.0');

if (update) {
  for (const c of CASES) {
    const dir = join(FIX, c.name);
    mkdirSync(dir, { recursive: true });
    const { doc, samples } = c.build();
    writeFileSync(join(dir, 'mapping.json'), `${JSON.stringify(doc, null, 2)}\n`);
    if (samples) writeFileSync(join(dir, 'samples.json'), `${JSON.stringify(samples, null, 2)}\n`);
  }
}

const cases = readdirSync(FIX, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

function run(name: string): Diagnostic[] {
  const dir = join(FIX, name);
  const doc = JSON.parse(readFileSync(join(dir, 'mapping.json'), 'utf8')) as MappingDocument;
  const samplesFile = join(dir, 'samples.json');
  const samples = existsSync(samplesFile) ? (JSON.parse(readFileSync(samplesFile, 'utf8')) as Record<string, unknown[]>) : undefined;
  return checkMapping(doc, { model, ...(samples ? { samples } : {}) });
}

describe('checker golden cases', () => {
  it('has a fixture directory for every case', () => {
    expect(cases).toEqual(CASES.map((c) => c.name).sort());
  });

  for (const name of cases) {
    it(name, () => {
      const actual = run(name);
      const file = join(FIX, name, 'expected-diagnostics.json');
      if (update) writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`);
      expect(actual).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    });
  }

  it('the clean case is a valid mapping document with no diagnostics at all', () => {
    const text = readFileSync(join(FIX, 'clean', 'mapping.json'), 'utf8');
    expect(parseMapping(text).diagnostics).toEqual([]);
    expect(run('clean')).toEqual([]);
  });

  it('every broken case reports something, and every diagnostic has a location', () => {
    for (const name of cases.filter((n) => n !== 'clean')) {
      const ds = run(name);
      expect(ds.length, name).toBeGreaterThan(0);
      for (const d of ds) {
        expect(d.location.pointer, `${name}: ${d.message}`).toMatch(/^\//);
        expect(d.location.ruleId ?? d.location.nodeId ?? d.location.field ?? d.location.pointer, `${name}: ${d.message}`).toBeTruthy();
        expect(d.message.length).toBeGreaterThan(10);
      }
    }
  });

  it('covers every MW5 diagnostic code at least once', () => {
    const seen = new Set(cases.flatMap((n) => run(n).map((d) => d.code)));
    const mw5 = allCodes().map((c) => c.code).filter((c) => c.startsWith('MW5'));
    // MW5005 (shadowed loop variable) and MW5121 (no extensions field) are unit-tested in check.test.ts.
    const missing = mw5.filter((c) => !seen.has(c) && c !== 'MW5005' && c !== 'MW5121');
    expect(missing).toEqual([]);
  });
});
