/**
 * The plain-language table a force reviewer reads, for the example project, against a golden file.
 * Regenerate deliberately with `MAPWRIGHT_UPDATE_GOLDEN=1 npx vitest run mappings/bundle/describe.test.ts`
 * and read the diff: every row must say in words what happens before any code.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseMapping } from '../document/parse';
import { getModel } from '../model/index';
import { describeMapping, humanLabel } from './describe';
import { formulaInWords, type FormulaWords } from './describe-formula';

const example = fileURLToPath(new URL('../examples/acme-rms/mapping.json', import.meta.url));
const golden = fileURLToPath(new URL('./__fixtures__/acme-rms.describe.txt', import.meta.url));

const w: FormulaWords = {
  scopes: ['person'],
  field: (path, scope) => `the ${scope === '$record' ? 'record' : (scope ?? 'person')}'s ${path} field`,
  literal: (v) => (typeof v === 'string' ? `"${v}"` : String(v)),
  call: (fn, first, rest) => `${first}, put through ${fn}${rest.length ? `, using ${rest.join(' and ')}` : ''}`,
};

describe('describeMapping on the example project', () => {
  const doc = parseMapping(readFileSync(example, 'utf8')).document!;
  const d = describeMapping(doc, getModel(doc.target.modelId, doc.target.modelVersion));
  const text = [...d.rules.map((r) => `rule ${r.ruleId}: ${r.text}`), '', ...d.fields.map((f) => `${f.target} (${f.label}) [${f.section}]\n  ${f.description}`)].join('\n') + '\n';

  it('matches the golden plain-language table', () => {
    if (process.env.MAPWRIGHT_UPDATE_GOLDEN === '1' || !existsSync(golden)) writeFileSync(golden, text);
    expect(text).toBe(readFileSync(golden, 'utf8'));
  });

  it('starts every row and rule with words, never with code', () => {
    for (const line of [...d.rules.map((r) => r.text), ...d.fields.map((f) => f.description)]) {
      expect(line).not.toMatch(/^(the )?formula/i);
      expect(line).not.toMatch(/^[`{[]/);
      // Code appears only as the bracketed, secondary "(formula `…`)" detail.
      expect(line.replace(/\(formula `[^`]*`\)/g, '')).not.toMatch(/`/);
    }
  });
});

describe('formulaInWords', () => {
  it.each([
    ['!isEmpty(dob)', "the person's dob field is not empty"],
    ["role === 'OFF' && !isEmpty(dob)", 'the person\'s role field is "OFF" and the person\'s dob field is not empty'],
    ["upper(status) !== 'CANCELLED'", 'the person\'s status field, put through upper, is not "CANCELLED"'],
    ['count($record.vehicles) > 0', "the number of the record's vehicles field is more than 0"],
    ['person.name ?? $record.name', "the person's name field, or when that is empty the record's name field"],
    ['$["Crime Ref"]', "the person's Crime Ref field"],
    ["a > 1 ? 'big' : 'small'", 'if the person\'s a field is more than 1 then "big", otherwise "small"'],
  ])('%s', (code, words) => {
    expect(formulaInWords(code, w)).toBe(words);
  });

  it('gives up (undefined) on what it cannot say in words, so the caller shows the code', () => {
    expect(formulaInWords('`x${a}`', w)).toBeUndefined();
    expect(formulaInWords('a b', w)).toBeUndefined();
    expect(formulaInWords('notAFunction(a)', w)).toBeUndefined();
    expect(formulaInWords('a ? ', w)).toBeUndefined();
  });

  it('labels keep abbreviations a reader knows', () => {
    expect(humanLabel('vrm')).toBe('VRM');
    expect(humanLabel('names[0].family')).toBe('Names family');
    expect(humanLabel('pncId')).toBe('PNC ID');
  });
});
