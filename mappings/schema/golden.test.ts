/**
 * Golden tests: every importer on real-shaped and awkward inputs. Regenerate the expected trees
 * with `UPDATE_GOLDENS=1 npx vitest run mappings/schema/golden.test.ts`, then review the diff.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inferSchema, type SchemaFormat } from './index';

const dir = join(import.meta.dirname, '__fixtures__');
const update = process.env.UPDATE_GOLDENS === '1';

const cases: { file: string; format: SchemaFormat; recordPath?: string; includes?: string[] }[] = [
  { file: 'police-uk-semicolon-bom-crlf.csv', format: 'csv' },
  { file: 'people-types.csv', format: 'csv' },
  { file: 'ragged-duplicates.csv', format: 'csv' },
  { file: 'simple.tsv', format: 'tsv' },
  { file: 'nested.json', format: 'json' },
  { file: 'deep-50.json', format: 'json' },
  { file: 'bad-line.ndjson', format: 'ndjson' },
  { file: 'namespaces.xml', format: 'xml' },
  { file: 'offence.xsd', format: 'xsd', includes: ['common.xsd'] },
  { file: 'vehicle.schema.json', format: 'jsonschema' },
];

describe('golden field trees', () => {
  for (const c of cases) {
    it(`${c.file} (${c.format})`, () => {
      const content = readFileSync(join(dir, c.file), 'utf8');
      const files = Object.fromEntries((c.includes ?? []).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
      const result = inferSchema({ name: c.file, format: c.format, content, file: c.file, files, ...(c.recordPath ? { recordPath: c.recordPath } : {}) });
      const goldenPath = join(dir, `${c.file}.golden.json`);
      const actual = JSON.parse(JSON.stringify(result));
      if (update) writeFileSync(goldenPath, `${JSON.stringify(actual, null, 2)}\n`);
      expect(existsSync(goldenPath), `missing golden ${goldenPath}: run with UPDATE_GOLDENS=1 and review it`).toBe(true);
      expect(actual).toEqual(JSON.parse(readFileSync(goldenPath, 'utf8')));
    });
  }
});
