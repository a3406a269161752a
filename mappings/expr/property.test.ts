/**
 * Property: for random well-typed expressions over random records, the compiled JavaScript (run with
 * `new Function`) and the reference evaluator agree — same value, or the same run-time error.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldNode } from '../model/field-tree';
import { FUNCTION_IMPLS } from '../functions/impl/index';
import { checkExpression, compileExpression, EXPR_RUNTIME, prepareExpression } from './index';
import type { ExprScope } from './types';

const field = (name: string, type: FieldNode['type'], extra: Partial<FieldNode> = {}): FieldNode => ({ path: name, name, type, cardinality: 'optional', ...extra });
const SCOPE: ExprScope = {
  fields: [
    field('s', 'string'),
    field('t', 'string'),
    field('n', 'number'),
    field('i', 'integer'),
    field('b', 'boolean'),
    field('o', 'object', { children: [field('x', 'string'), field('y', 'number')] }),
    field('arr', 'array', { itemType: 'string' }),
    field('d', 'any'),
  ],
  variables: { $index: { type: 'integer' } },
};

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: arb }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant(undefined) });
const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('sw1a1aa', '05/03/2024', ' John SMITH ', '£1,250.00', 'aeiou', '__proto__', 'constructor', ''));
const record = fc.record({
  s: maybe(text),
  t: maybe(text),
  n: maybe(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 })),
  i: maybe(fc.integer({ min: -1000, max: 1000 })),
  b: maybe(fc.boolean()),
  o: maybe(fc.record({ x: maybe(text), y: maybe(fc.integer()) })),
  arr: maybe(fc.array(text, { maxLength: 5 })),
  d: fc.jsonValue({ maxDepth: 2 }),
});

const lit = (v: unknown) => JSON.stringify(v);

const { str, num, bool, anyv } = fc.letrec<{ str: string; num: string; bool: string; anyv: string }>((tie) => {
  const S = tie('str');
  const N = tie('num');
  const B = tie('bool');
  return {
    str: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom('s', 't', 'o.x', 'o?.x', 'arr[0]', 'arr[$index]'),
      text.map(lit),
      fc.tuple(S, N).map(([a, b]) => `\`<\${${a}}|\${${b}}>\``),
      S.map((a) => `trim(${a})`),
      S.map((a) => `upper(${a})`),
      S.map((a) => `titleCase(${a})`),
      fc.tuple(S, S).map(([a, b]) => `(${a} + ${b})`),
      fc.tuple(S, N).map(([a, b]) => `(${a} + ${b})`),
      fc.tuple(B, S, S).map(([c, a, b]) => `(${c} ? ${a} : ${b})`),
      fc.tuple(S, S).map(([a, b]) => `(${a} ?? ${b})`),
      fc.tuple(S, S).map(([a, b]) => `(${a} || ${b})`),
      fc.tuple(S, fc.integer({ min: -5, max: 5 }), fc.integer({ min: -5, max: 8 })).map(([a, x, y]) => `substring(${a}, ${x}, ${y})`),
      S.map((a) => `padStart(${a}, 6, '0')`),
      fc.tuple(S, N).map(([a, b]) => `concat(${a}, '-', ${b})`),
      N.map((a) => `toString(${a})`),
      S.map((a) => `join(split(${a}, 'a'), '+')`),
      S.map((a) => `replace(${a}, 'a', 'bb')`),
      S.map((a) => `regexReplace(${a}, '[aeiou]', '_')`),
      S.map((a) => `regexExtract(${a}, '(\\\\d+)', 1)`),
      S.map((a) => `normalisePostcode(${a})`),
      S.map((a) => `parseDate(${a}, 'dd/MM/yyyy')`),
      S.map((a) => `familyName(${a})`),
      S.map((a) => `(${a})[1]`),
      fc.constantFrom('d.x', 'd[s]', 'd[0]', "d['y']"),
    ),
    num: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom('n', 'i', 'o.y', '$index', 'arr.length', 's.length'),
      fc.integer({ min: -100, max: 100 }).map(String).map((x) => `(${x})`),
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -100, max: 100 }).map((x) => `(${String(x)})`),
      fc.tuple(N, N, fc.constantFrom('+', '-', '*', '/', '%')).map(([a, b, op]) => `(${a} ${op} ${b})`),
      N.map((a) => `-(${a})`),
      N.map((a) => `round(${a}, 2)`),
      N.map((a) => `toInteger(${a})`),
      S.map((a) => `length(${a})`),
      S.map((a) => `parseNumber(${a})`),
      fc.tuple(B, N, N).map(([c, a, b]) => `(${c} ? ${a} : ${b})`),
      fc.tuple(N, N).map(([a, b]) => `(${a} ?? ${b})`),
    ),
    bool: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom('b', 'true', 'false'),
      B.map((a) => `!${a}`),
      fc.tuple(N, N, fc.constantFrom('<', '>', '<=', '>=', '===', '!==')).map(([a, b, op]) => `(${a} ${op} ${b})`),
      fc.tuple(S, S, fc.constantFrom('===', '!==', '<')).map(([a, b, op]) => `(${a} ${op} ${b})`),
      fc.tuple(B, B, fc.constantFrom('&&', '||')).map(([a, b, op]) => `(${a} ${op} ${b})`),
      S.map((a) => `isEmpty(${a})`),
      S.map((a) => `contains(${a}, 'a', true)`),
      S.map((a) => `regexTest(${a}, '^[a-z]+$', 'i')`),
      S.map((a) => `isValidPostcode(${a})`),
      fc.constantFrom("typeof d === 'string'", 'd === null'),
    ),
    anyv: fc.oneof(
      { depthSize: 'small' },
      S,
      N,
      B,
      fc.tuple(S, N).map(([a, b]) => `[${a}, ${b}]`),
      fc.tuple(S, N, B).map(([a, b, c]) => `{ a: ${a}, 'b c': ${b}, c: ${c} }`),
      fc.tuple(S, S).map(([a, b]) => `coalesce(${a}, ${b}, d)`),
      S.map((a) => `splitName(${a})`),
      S.map((a) => `partialDate(${a})`),
      S.map((a) => `{ x: ${a} }.x`),
    ),
  };
});

type Outcome = { ok: unknown } | { error: string };
const outcome = (f: () => unknown): Outcome => {
  try {
    return { ok: f() };
  } catch (e) {
    const err = e as Error & { code?: string };
    return { error: `${err.name}:${err.code ?? ''}:${err.message}` };
  }
};

describe('compiled expressions equal the reference evaluator', () => {
  it.each([
    ['text', str],
    ['number', num],
    ['boolean', bool],
    ['any', anyv],
  ] as const)('for random %s expressions over random records', (_kind, arb) => {
    fc.assert(
      fc.property(arb, record, fc.integer({ min: -1, max: 6 }), (code, rec, index) => {
        const checked = checkExpression(code, SCOPE);
        expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        const js = compileExpression(code, SCOPE, { bindings: { '': 'rec', $index: 'idx' } }).js!;
        const fn = new Function('$rt', '$fn', '$ctx', 'rec', 'idx', `"use strict"; return (${js});`);
        const evaluate = prepareExpression(code, SCOPE);
        const compiled = outcome(() => fn(EXPR_RUNTIME, FUNCTION_IMPLS, { params: {} }, rec, index));
        const reference = outcome(() => evaluate({ scopes: { '': rec, $index: index } }));
        expect(compiled).toEqual(reference);
      }),
      { numRuns: 150 },
    );
  });
});
