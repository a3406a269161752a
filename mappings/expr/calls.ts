/**
 * Library calls outside expression text: the mapping document's `call` value nodes
 * (`{ kind: 'call', fn: 'trim', args: [...] }`) are typed and compiled with the same rules as a
 * call written in an expression, so the canvas and the code view cannot disagree.
 */
import type { Diagnostic } from '../diagnostics/diagnostic';
import { diag } from '../diagnostics/catalog';
import { FUNCTIONS } from '../functions/registry';
import { regexProblem } from '../functions/impl/regex-safety';
import { datePatternProblem } from '../functions/impl/dates';
import { expectedLabel, mismatch, returnType, SAME_AS_ARGS, suggest, typeLabel, unify } from './analyse';
import { EXPR } from './codes';
import { jsString } from './compile';
import type { ExprType } from './types';

/** One argument of a call node: its static type and, for constant nodes, its value. */
export interface CallArg {
  type: ExprType;
  /** Present when the argument is a constant (needed for regex and date-pattern checks). */
  constant?: unknown;
}

/**
 * Type-checks a call of a library function by name. Diagnostics carry no location (the caller
 * knows the node); `location.field` names the parameter when one is at fault.
 * @example checkCall('round', [{ type: { type: 'string' } }]) // MW4302: must be a number, not text
 */
export function checkCall(name: string, args: readonly CallArg[]): { type: ExprType; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  if (!Object.prototype.hasOwnProperty.call(FUNCTIONS, name)) {
    diagnostics.push(diag(EXPR.MW4203, { name, suggestion: suggest(name, Object.keys(FUNCTIONS)) }, {}));
    return { type: { type: 'any' }, diagnostics };
  }
  const def = FUNCTIONS[name];
  const params = def.params;
  const variadic = params.length > 0 && params[params.length - 1].variadic === true;
  const min = params.filter((p) => !p.optional && !p.variadic).length;
  const max = variadic ? Infinity : params.length;
  if (args.length < min || args.length > max) {
    const expected = min === max ? String(min) : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    diagnostics.push(diag(EXPR.MW4301, { name, expected, got: args.length }, {}));
  }
  const flagsAt = params.findIndex((q) => q.literal === 'regexFlags');
  args.forEach((arg, i) => {
    const p = params[Math.min(i, params.length - 1)];
    if (!p || (i >= params.length && !variadic)) return;
    const where = { field: p.name };
    const problem = mismatch(arg.type, p);
    if (problem !== undefined) {
      diagnostics.push(diag(EXPR.MW4302, { name, index: i + 1, param: p.name, expected: expectedLabel(p), got: typeLabel(arg.type), hint: problem || undefined }, where));
    }
    if (p.max !== undefined && typeof arg.constant === 'number' && arg.constant > p.max) {
      diagnostics.push(diag(EXPR.MW4405, { name, param: p.name, max: p.max }, where));
    }
    if (!p.literal) return;
    const c = arg.constant;
    if (p.literal === 'regex') {
      if (typeof c !== 'string') diagnostics.push(diag(EXPR.MW4401, { name, param: p.name, what: 'regular expression' }, where));
      else {
        const flags = flagsAt >= 0 && typeof args[flagsAt]?.constant === 'string' ? (args[flagsAt].constant as string) : '';
        const r = regexProblem(c, /^[imsu]*$/.test(flags) ? flags : '');
        if (r) diagnostics.push(diag(r.kind === 'unsafe' ? EXPR.MW4402 : EXPR.MW4403, { pattern: c, reason: r.reason }, where));
      }
    } else if (p.literal === 'regexFlags') {
      const r = typeof c === 'string' ? regexProblem('', c) : { reason: 'flags must be written as literal text' };
      if (r) diagnostics.push(diag(EXPR.MW4106, { message: `Invalid regular expression ${r.reason}` }, where));
    } else if (p.literal === 'datePattern') {
      const patterns = typeof c === 'string' ? [c] : Array.isArray(c) && c.every((x) => typeof x === 'string') ? (c as string[]) : [];
      for (const pattern of patterns) {
        const reason = datePatternProblem(pattern, true);
        if (reason) diagnostics.push(diag(EXPR.MW4404, { pattern, reason }, where));
      }
    }
  });
  const type = def.returns.type === 'any' && SAME_AS_ARGS[name] ? args.reduce<ExprType>((x, y) => unify(x, y.type), { type: 'null' }) : returnType(def.returns);
  return { type, diagnostics };
}

const JS_IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * JavaScript for a call of a library function whose arguments are already compiled, in the same
 * form `compileExpression` emits (`$fn["name"]($ctx, …)` for context functions).
 * Throws for an unknown function (check first).
 */
export function compileCall(name: string, argsJs: readonly string[], options: { fn?: string; ctx?: string } = {}): string {
  if (!Object.prototype.hasOwnProperty.call(FUNCTIONS, name)) throw new Error(`compileCall: unknown function "${name}"`);
  const fn = options.fn ?? '$fn';
  const ctx = options.ctx ?? '$ctx';
  if (!JS_IDENT.test(fn) || !JS_IDENT.test(ctx)) throw new Error('compileCall: fn and ctx must be plain identifiers');
  const args = FUNCTIONS[name].context ? [ctx, ...argsJs] : [...argsJs];
  return `${fn}[${jsString(name)}](${args.join(', ')})`;
}
