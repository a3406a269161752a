import { describe, expect, it } from 'vitest';
import { checkExpression, compileExpression } from './index';
import { TEST_SCOPE } from './__fixtures__/scope';
import type { ExprScope } from './types';

// checkExpression and compileExpression reuse analyses of the same text in an equivalent scope;
// these pin that reuse never leaks between scopes or between callers.
describe('shared analyses', () => {
  it('gives each caller its own diagnostics and field references to change', () => {
    const first = checkExpression('nosuchfield', TEST_SCOPE);
    expect(first.diagnostics.length).toBeGreaterThan(0);
    const expected = structuredClone(first.diagnostics);
    first.diagnostics[0].location.pointer = '/changed';
    first.diagnostics.push({ ...first.diagnostics[0], message: 'added' });
    expect(checkExpression('nosuchfield', TEST_SCOPE).diagnostics).toEqual(expected);
    expect(compileExpression('nosuchfield', TEST_SCOPE, { bindings: { '': 's' } }).diagnostics).toEqual(expected);
  });

  it('analyses again in a scope with a different field list or different variables', () => {
    const name = TEST_SCOPE.fields[0].name;
    expect(checkExpression(name, TEST_SCOPE).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const without: ExprScope = { ...TEST_SCOPE, fields: TEST_SCOPE.fields.slice(1) };
    expect(checkExpression(name, without).diagnostics.some((d) => d.severity === 'error')).toBe(true);
    const withVar: ExprScope = { fields: without.fields, variables: { ...without.variables, [name]: { type: 'string' } } };
    expect(checkExpression(name, withVar).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(checkExpression(name, without).diagnostics.some((d) => d.severity === 'error')).toBe(true);
  });

  it('sees a field list that grew in place', () => {
    const fields = [...TEST_SCOPE.fields.slice(1)];
    const scope: ExprScope = { ...TEST_SCOPE, fields };
    const name = TEST_SCOPE.fields[0].name;
    expect(checkExpression(name, scope).diagnostics.some((d) => d.severity === 'error')).toBe(true);
    fields.push(TEST_SCOPE.fields[0]);
    expect(checkExpression(name, scope).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
