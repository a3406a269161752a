/**
 * The expression language: a safe-by-construction subset of JavaScript expressions used in
 * mapping `expr` nodes, conditions and keys.
 *
 * **Language.** Literals (text, numbers, true/false, null; no regex or BigInt literals), names,
 * untagged templates, `! - + typeof`, `+ - * / % **`, `< > <= >= === !==` (`==`/`!=` are refused
 * with a hint), `&& || ??`, `?:`, member access `a.b`, `a[k]`, `a?.b` (all null-safe: reading from
 * an empty value gives empty), calls of library functions by flat name only (`trim(x)`,
 * `parseDate(d, 'dd/MM/yyyy')`), list literals and object literals with plain or quoted keys.
 * Anything else — assignment, `new`, `this`, functions, classes, `await`/`yield`, tagged
 * templates, `import()`, `import.meta`, spread, `in`/`instanceof`, `delete`, `void`, bitwise
 * operators, the comma operator — is rejected by the checker with a located MW41xx diagnostic.
 *
 * **Names.** A bare name is a variable of the scope (`ExprScope.variables`, e.g. a loop variable
 * `person`, `$record`, `$index`), else a field of the innermost scope, else an error with a
 * "did you mean". `$` is the innermost scope object (`$["Crime ID"]` for awkward names). Globals
 * (`process`, `globalThis`, `require`, `eval`, `Function`, …) and the built-in members of objects
 * and functions (`constructor`, `__proto__`, `prototype`, `__defineGetter__`, `call`, …, except
 * `length` and `name`) never resolve. acorn decodes `\u0063onstructor`, so escapes do not help.
 *
 * **Semantics** (identical in compiled code and the evaluator; see `runtime.ts`): member reads go
 * through `$rt.get` (own data properties of plain objects and arrays only); `+` adds numbers or
 * joins text (empty joins as ''), never calling `toString` on objects; arithmetic with an empty
 * operand is empty, with text is an error, and a non-finite result is an error; comparisons need two
 * numbers or two texts; `===` treats missing and null alike. Run-time failures throw
 * `ExprRuntimeError` (MW49xx) and become record rejects.
 *
 * **Limits.** Source ≤ 10,000 characters, nesting ≤ 100 (measured before parsing, so 10,000
 * parentheses cannot overflow the parser's stack), ≤ 2,000 AST nodes, strings ≤ 1,000,000
 * characters, regex patterns literal and statically checked for catastrophic backtracking, regex
 * inputs ≤ 10,000 characters. There are no loops, so evaluation time is bounded by the data size.
 *
 * @example
 * const scope = { fields: sourceTree.fields, variables: { $record: { type: 'object', fields: sourceTree.fields } } };
 * checkExpression("parseDate(dob, 'dd/MM/yyyy')", scope).diagnostics; // []
 * compileExpression("upper(surname)", scope, { bindings: { '': 'r' } }).js; // '$fn["upper"]($rt.get(r, "surname"))'
 * evaluateExpression("upper(surname)", scope, { scopes: { '': { surname: 'Smith' } } }); // 'SMITH'
 */
import { analyseShared, copyDiagnostic } from './analyse';
import type { CheckResult, ExprScope } from './types';

export type {
  CheckResult,
  CompileOptions,
  CompileResult,
  CompletionItem,
  ExprContext,
  ExprRange,
  ExprScope,
  ExprType,
  ExprValues,
  ExprVariable,
  FieldRefUse,
  HoverResult,
  SignatureHelpResult,
} from './types';
export { EXPR, type ExprCode } from './codes';
export { EXPR_LIMITS, FORBIDDEN_GLOBALS, FORBIDDEN_MEMBERS, fieldType, typeLabel } from './analyse';
export { compileExpression, ExprCheckError, jsString } from './compile';
export { checkCall, compileCall, type CallArg } from './calls';
export { evaluateExpression, prepareExpression } from './evaluate';
export { EXPR_RUNTIME, type ExprRuntime } from './runtime';
export { completions, hover, signatureHelp, signatureOf } from './services';
export { ExprRuntimeError } from '../functions/impl/errors';

/**
 * Parses and type-checks an expression against a scope. Never throws on user input; every problem
 * is a diagnostic with a 1-based line/column range inside the expression text.
 * @example checkExpression('dob', { fields }) // diagnostics: Unknown field `dob` — did you mean `dateOfBirth`?
 */
export function checkExpression(code: string, scope: ExprScope): CheckResult {
  const a = analyseShared(code, scope);
  // The analysis may be shared (see analyseShared): hand out copies a caller may change.
  return {
    type: a.type,
    diagnostics: a.diagnostics.map(copyDiagnostic),
    ...(a.ast ? { ast: a.ast } : {}),
    fieldRefs: a.fieldRefs.map((r) => ({ ...r })),
    functionsUsed: [...a.functionsUsed],
  };
}
