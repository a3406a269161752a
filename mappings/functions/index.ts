/**
 * The function library.
 *
 * - `FUNCTIONS` — every documented function by name (`FunctionDef`: category, summary, markdown doc,
 *   typed params, return shape, runnable examples, implementation). The checker, language services,
 *   docs and the canvas palette read it.
 * - `FUNCTION_IMPLS` — the bare implementations by name, with no docs, for compiled code and bundles
 *   (`import { FUNCTION_IMPLS as $fn } from '…/functions/impl/index'`). Context functions
 *   (`FunctionDef.context`, e.g. `pseudonymise`) take `{ params }` as their first argument.
 * - `ExprRuntimeError` — what implementations throw on bad data (code MW49xx); the runtime turns it
 *   into a reject with the message.
 *
 * Naming: flat camelCase names (`parseDate`, `normalisePostcode`), called as `name(args)`; there
 * are no namespaces and no methods.
 * Empty handling: unless a function's doc says otherwise, empty input (missing, null, or text of only
 * spaces) gives `null`; predicates give `false`; list functions treat empty as an empty list.
 */
export { FUNCTIONS } from './registry';
export { renderFunctionReference } from './reference';
export { FUNCTION_IMPLS, ExprRuntimeError, LIMITS, RUNTIME_CODES, type FunctionName, type FunctionContext } from './impl/index';
export { regexProblem } from './impl/regex-safety';
export { datePatternProblem, DEFAULT_DATE_PATTERNS, PARTIAL_DATE_PATTERNS, type FuzzyDate } from './impl/dates';
export type { SplitName } from './impl/names';
export type { FunctionDef, FunctionParam, FunctionReturn, FunctionCategory } from './types';
