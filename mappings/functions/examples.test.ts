/** Every documented example runs through the evaluator and the compiled code, so docs cannot drift. */
import { describe, expect, it } from 'vitest';
import { compileExpression, evaluateExpression, EXPR_RUNTIME } from '../expr/index';
import { FUNCTION_IMPLS } from './impl/index';
import { FUNCTIONS } from './registry';

const EMPTY = { fields: [] };
const cases = Object.values(FUNCTIONS).flatMap((def) => def.examples.map((ex) => [def.name, ex.call, ex] as const));

describe('function library examples', () => {
  it.each(cases)('%s: %s', (_name, call, ex) => {
    const params = ex.params ?? {};
    expect(evaluateExpression(call, EMPTY, { scopes: { '': {} } }, { params })).toEqual(ex.result);
    const js = compileExpression(call, EMPTY, { bindings: { '': 's' } }).js;
    expect(js).toBeDefined();
    const compiled = new Function('$rt', '$fn', '$ctx', 's', `"use strict"; return (${js});`);
    expect(compiled(EXPR_RUNTIME, FUNCTION_IMPLS, { params }, {})).toEqual(ex.result);
  });
});

describe('function registry', () => {
  it('documents every implementation and implements every documented function', () => {
    expect(Object.keys(FUNCTIONS).sort()).toEqual(Object.keys(FUNCTION_IMPLS).sort());
  });
  it.each(Object.values(FUNCTIONS).map((d) => [d.name, d] as const))('%s is fully documented', (name, def) => {
    expect(def.name).toBe(name);
    expect(def.summary.length).toBeGreaterThan(5);
    expect(def.doc.length).toBeGreaterThan(10);
    expect(def.examples.length).toBeGreaterThan(0);
    expect(def.impl).toBe(FUNCTION_IMPLS[name as keyof typeof FUNCTION_IMPLS]);
    expect(name).toMatch(/^[a-z][A-Za-z0-9]*$/);
    const variadic = def.params.findIndex((p) => p.variadic);
    expect(variadic === -1 || variadic === def.params.length - 1).toBe(true);
    // optional parameters come last
    const firstOptional = def.params.findIndex((p) => p.optional);
    if (firstOptional >= 0) expect(def.params.slice(firstOptional).every((p) => p.optional || p.variadic)).toBe(true);
  });
  it('has no inherited keys (a null-prototype registry)', () => {
    expect(Object.getPrototypeOf(FUNCTIONS)).toBeNull();
    expect('constructor' in FUNCTIONS).toBe(false);
  });
});

describe('empty handling', () => {
  // Every function accepts empty arguments without throwing, except where a run-time key is required.
  const NEEDS_ARGS = new Set(['pseudonymise', 'uuid5', 'split', 'regexTest', 'regexExtract', 'regexReplace', 'formatDate', 'pluck']);
  it.each(Object.keys(FUNCTION_IMPLS).filter((n) => !NEEDS_ARGS.has(n)))('%s(null, …) does not throw', (name) => {
    const def = FUNCTIONS[name];
    const args = def.params.filter((p) => !p.optional && !p.variadic).map(() => null);
    expect(() => (def.context ? def.impl({ params: {} }, ...args) : def.impl(...args))).not.toThrow();
  });
  it.each(['trim', 'upper', 'lower', 'titleCase', 'parseDate', 'partialDate', 'normalisePostcode', 'normaliseVrm', 'parseNumber', 'splitName', 'familyName', 'excelDate', 'toUtc', 'fromUtc', 'round', 'toInteger', 'digitsOnly', 'collapseSpaces'])(
    '%s gives null for null, undefined, empty and blank text',
    (name) => {
      const impl = FUNCTIONS[name].impl;
      for (const v of [null, undefined, '', '   ']) expect(impl(v)).toBeNull();
    },
  );
});
