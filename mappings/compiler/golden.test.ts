import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMapping } from '../document/parse';
import { createValidator } from '../model/index';
import { buildJoinIndex } from '../runtime/run';
import { compileMapping, loadCompiled, type TransformResult } from './compile';
import { createInterpreter } from './interpret';
import { testModel } from './test-models';

/**
 * Golden tests: one folder per construct under `__fixtures__/` with `mapping.json` (canonical
 * document), `input.json` (`{records, joined?, params?}`) and `expected.json` (one transform result
 * per record). The compiled transform and the reference interpreter must both produce `expected`.
 * Regenerate with `UPDATE_GOLDENS=1 npx vitest run mappings/compiler/golden.test.ts` and review.
 */
const root = new URL('./__fixtures__/', import.meta.url);
const cases = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(new URL(`${d.name}/mapping.json`, root)))
  .map((d) => d.name)
  .sort();

describe('golden mappings', () => {
  it('has a fixture per construct', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });
  for (const name of cases) {
    it(name, () => {
      const read = (f: string) => readFileSync(new URL(`${name}/${f}`, root), 'utf8');
      const parsed = parseMapping(read('mapping.json'), { file: `${name}/mapping.json` });
      expect(parsed.diagnostics).toEqual([]);
      const doc = parsed.document!;
      const model = testModel(doc.target.modelId);
      const compiled = compileMapping(doc, model);
      expect(compiled.diagnostics).toEqual([]);
      const { transform, meta } = loadCompiled(compiled.code);
      expect(meta).toMatchObject({ mappingId: doc.id, mappingVersion: doc.version });
      const input = JSON.parse(read('input.json')) as { records: unknown[]; joined?: Record<string, unknown[]>; params?: Record<string, unknown> };
      const joins = buildJoinIndex(doc, input.joined ?? {});
      const interpreter = createInterpreter(doc, model);
      const validate = createValidator(model);
      const results: TransformResult[] = input.records.map((record, i) => {
        const ctx = { file: 'input.json', record: i + 1, ...(input.params ? { params: input.params } : {}), joins };
        const out = transform(record, ctx);
        expect(interpreter.evaluate(record, ctx), `record ${i + 1}: compiled and interpreted results differ`).toEqual(out);
        // Determinism: a second run gives the same bytes.
        expect(JSON.stringify(transform(record, ctx))).toBe(JSON.stringify(out));
        if (out.ok) expect(validate(out.output).errors, `record ${i + 1} must be valid for the model`).toEqual([]);
        return out;
      });
      const expectedFile = new URL(`${name}/expected.json`, root);
      const text = `${JSON.stringify(results, null, 2)}\n`;
      if (process.env.UPDATE_GOLDENS || !existsSync(expectedFile)) writeFileSync(expectedFile, text);
      expect(text).toBe(readFileSync(expectedFile, 'utf8'));
      // Prototype pollution never escapes a run.
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }
});
