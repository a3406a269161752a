import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FUNCTION_IMPLS } from '../functions/impl/index';
import { compileExpression, evaluateExpression, EXPR_RUNTIME, ExprCheckError, ExprRuntimeError } from './index';
import { TEST_SCOPE } from './__fixtures__/scope';

const RECORD = {
  name: 'SMITH, John',
  dateOfBirth: '05/03/1990',
  amount: 12.5,
  count: 3,
  flag: true,
  k: 'code',
  data: { x: 1, list: [1, 2] },
  'Crime ID': 'CR/1/24',
  items: [{ code: 'A', qty: 2 }, { code: 'B' }],
  persons: [{ surname: 'Smith', address: { postcode: 'sw1a1aa' } }],
  tags: ['v', 's'],
};
const PERSON = RECORD.persons[0];

function both(code: string, record: Record<string, unknown> = RECORD, params: Record<string, unknown> = {}): unknown {
  const values = { scopes: { '': record, person: PERSON, $record: record, $index: 0 } };
  const evaluated = (() => {
    try {
      return { v: evaluateExpression(code, TEST_SCOPE, values, { params }) };
    } catch (e) {
      return { e };
    }
  })();
  const js = compileExpression(code, TEST_SCOPE, { bindings: { '': 'rec', person: 'p', $record: 'rec', $index: 'ix' } }).js!;
  const fn = new Function('$rt', '$fn', '$ctx', 'rec', 'p', 'ix', `"use strict"; return (${js});`);
  const compiled = (() => {
    try {
      return { v: fn(EXPR_RUNTIME, FUNCTION_IMPLS, { params }, record, PERSON, 0) };
    } catch (e) {
      return { e };
    }
  })();
  expect(String(compiled.e ?? '')).toBe(String(evaluated.e ?? ''));
  if (evaluated.e) throw evaluated.e;
  expect(compiled.v).toEqual(evaluated.v);
  return evaluated.v;
}

describe('expression semantics (evaluator and compiled code agree)', () => {
  it.each<[string, unknown]>([
    ['name', 'SMITH, John'],
    ["$['Crime ID']", 'CR/1/24'],
    ['person.address.postcode', 'sw1a1aa'],
    ['normalisePostcode(person.address.postcode)', 'SW1A 1AA'],
    ['items[1].qty', undefined],
    ['items[5].code', undefined],
    ['items[1]?.qty ?? 0', 0],
    ['data.missing.deeper', undefined],
    ['items.length + tags.length', 4],
    ['name.length', 11],
    ['name[0]', 'S'],
    ['data[k]', undefined],
    ["data['x'] + 1", 2],
    ["givenNames(name)[0] + ' ' + titleCase(familyName(name))", 'John Smith'],
    ['`${count} items for ${name}`', '3 items for SMITH, John'],
    ['`missing: ${data.nothing}.`', 'missing: .'],
    ["name + ' ' + data.nothing", 'SMITH, John '],
    ['count + data.nothing', null],
    ['count * amount', 37.5],
    ['count % 2', 1],
    ['2 ** 10', 1024],
    ['-count', -3],
    ['count > 2 && flag', true],
    ["'a' < 'b'", true],
    ['data.nothing === null', true],
    ['data.nothing === undefined', true],
    ['data.nothing !== null', false],
    ['data.nothing < 1', false],
    ['typeof data.x', 'number'],
    ['typeof data.nothing', 'undefined'],
    ['flag ? "yes" : "no"', 'yes'],
    ["data.nothing || 'fallback'", 'fallback'],
    ['0 ?? 5', 0],
    ['[name, count]', ['SMITH, John', 3]],
    ["{ given: givenNames(name), 'family name': familyName(name) }", { given: ['John'], 'family name': 'SMITH' }],
    ["parseDate(dateOfBirth, 'dd/MM/yyyy')", '1990-03-05'],
    ["age(parseDate(dateOfBirth, 'dd/MM/yyyy'), '2024-03-05')", 34],
    ['pluck(items, "code")', ['A', 'B']],
    ['sum(pluck(items, "qty"))', 2],
    ['$index', 0],
    ['$record.count', 3],
    ['undefined', undefined],
  ])('%s → %j', (code, expected) => {
    expect(both(code)).toEqual(expected);
  });

  it.each([
    ['count / 0', 'MW4904'],
    ["count - data.list", 'MW4902'],
    ['data.list + 1', 'MW4902'],
    ["data.x < 'a'", 'MW4902'],
    ['`${data}`', 'MW4902'],
    ['10 ** 400', 'MW4904'],
    ['pseudonymise(name)', 'MW4903'],
  ])('%s fails at run time with %s', (code, errorCode) => {
    expect(() => both(code)).toThrow(expect.objectContaining({ code: errorCode }));
    expect(() => both(code)).toThrow(ExprRuntimeError);
  });

  it('passes the run-time context to context functions', () => {
    expect(both('pseudonymise(name)', RECORD, { hmacKey: 'k'.repeat(16) })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses to evaluate an expression that does not check', () => {
    expect(() => evaluateExpression('nmae', TEST_SCOPE, { scopes: { '': RECORD } })).toThrow(ExprCheckError);
    try {
      evaluateExpression('trim(nmae, 1)', TEST_SCOPE, { scopes: { '': RECORD } });
    } catch (e) {
      expect((e as ExprCheckError).diagnostics.map((d) => d.code).sort()).toEqual(['MW4201', 'MW4301']);
    }
  });
});

describe('compileExpression output (golden)', () => {
  it('matches the golden file', () => {
    const cases = JSON.parse(readFileSync(new URL('./__fixtures__/compile-golden.json', import.meta.url), 'utf8')) as { code: string; js: string }[];
    for (const c of cases) {
      expect(compileExpression(c.code, TEST_SCOPE, { bindings: { '': 's', person: 'p', $record: 'r', $index: 'i' } }).js).toBe(c.js);
    }
  });
  it('uses the caller-chosen identifiers for the function table, helpers and context', () => {
    const r = compileExpression('pseudonymise(upper(name))', TEST_SCOPE, { bindings: { '': 's' }, fn: 'F', rt: 'R', ctx: 'C' });
    expect(r.js).toBe('F["pseudonymise"](C, F["upper"](R.get(s, "name")))');
    expect(r.functionsUsed).toEqual(['pseudonymise', 'upper']);
  });
  it('returns diagnostics and no code when the expression does not check', () => {
    const r = compileExpression('process.exit()', TEST_SCOPE, { bindings: { '': 's' } });
    expect(r.js).toBeUndefined();
    expect(r.diagnostics.length).toBeGreaterThan(0);
  });
});
