import { defineCodes, type CatalogEntry } from '../diagnostics/catalog';

type M = { message: string };
type Name = { name: string };

const e = <A>(message: (a: A) => string, hint?: string): CatalogEntry<A> => ({ severity: 'error', message, ...(hint ? { hint } : {}) });

/**
 * MW4xxx — the expression language. 40xx syntax and limits, 41xx sandbox (constructs and names
 * that are never allowed), 42xx names and fields, 43xx types and calls, 44xx literal arguments
 * (regexes, date patterns), 49xx run-time failures (thrown as `ExprRuntimeError`).
 */
export const EXPR = defineCodes({
  MW4001: e<M>((a) => `Syntax error: ${a.message}`),
  MW4002: e<{ length: number; max: number }>((a) => `Expression is ${a.length} characters long; the limit is ${a.max}`),
  MW4003: e<{ max: number }>((a) => `Expression is nested more than ${a.max} levels deep`, 'Split it into several value nodes'),
  MW4004: e<{ max: number }>((a) => `Expression has more than ${a.max} parts`, 'Split it into several value nodes'),
  MW4005: e<{ text: string }>((a) => `Unexpected text after the expression: ${a.text}`, 'An expression is a single value; there are no statements or semicolons'),
  MW4006: e<M>((a) => a.message),
  MW4101: e<{ what: string }>((a) => `Not allowed in expressions: ${a.what}`),
  MW4102: e<{ op: string; strict: string }>((a) => `\`${a.op}\` is not allowed: it converts types loosely`, 'Use `===` or `!==`'),
  MW4103: e<Name>((a) => `\`${a.name}\` is not available in expressions`, 'Expressions can only read fields, scope variables and call library functions'),
  MW4104: e<Name>((a) => `Property \`${a.name}\` is not allowed`, 'Built-in properties of objects and functions cannot be read'),
  MW4105: e<M>((a) => a.message),
  MW4106: e<M>((a) => a.message),
  MW4107: e<{ text: string }>((a) => `Number ${a.text} is too large`),
  MW4201: e<{ name: string; suggestion?: string }>((a) => `Unknown field \`${a.name}\`${a.suggestion ? ` — did you mean \`${a.suggestion}\`?` : ''}`),
  MW4202: e<{ name: string; owner: string; suggestion?: string }>(
    (a) => `\`${a.owner}\` has no field \`${a.name}\`${a.suggestion ? ` — did you mean \`${a.suggestion}\`?` : ''}`,
  ),
  MW4203: e<{ name: string; suggestion?: string }>((a) => `Unknown function \`${a.name}\`${a.suggestion ? ` — did you mean \`${a.suggestion}\`?` : ''}`),
  MW4204: e<Name>((a) => `\`${a.name}\` is a function; call it as \`${a.name}(…)\``),
  MW4205: e<{ name: string; type: string }>((a) => `\`${a.name}\` is a ${a.type} value, not a function`, 'Only library functions can be called, by name: `trim(x)`, not `x.trim()`'),
  MW4301: e<{ name: string; expected: string; got: number }>((a) => `\`${a.name}\` takes ${a.expected} argument(s) but was given ${a.got}`),
  MW4302: e<{ name: string; index: number; param: string; expected: string; got: string; hint?: string }>(
    (a) => `Argument ${a.index} (\`${a.param}\`) of \`${a.name}\` must be ${a.expected}, not ${a.got}${a.hint ? `; ${a.hint}` : ''}`,
  ),
  MW4303: e<{ op: string; got: string; expected: string }>((a) => `\`${a.op}\` needs ${a.expected}, not ${a.got}`),
  MW4304: e<{ type: string; name: string }>((a) => `${a.type[0].toUpperCase()}${a.type.slice(1)} has no property \`${a.name}\``),
  MW4401: e<{ name: string; param: string; what: string }>((a) => `Argument \`${a.param}\` of \`${a.name}\` must be a ${a.what} written as a literal string`),
  MW4402: e<{ pattern: string; reason: string }>(
    (a) => `Regular expression /${a.pattern}/ may take exponential time (${a.reason})`,
    'Remove nested or overlapping repetition, e.g. write (a+)+ as a+',
  ),
  MW4403: e<{ pattern: string; reason: string }>((a) => `Invalid regular expression /${a.pattern}/: ${a.reason}`),
  MW4404: e<{ pattern: string; reason: string }>((a) => `Invalid date pattern '${a.pattern}': ${a.reason}`),
  MW4405: e<{ name: string; param: string; max: number }>((a) => `Argument \`${a.param}\` of \`${a.name}\` must be at most ${a.max}`),
  MW4901: e<M>((a) => a.message),
  MW4902: e<M>((a) => a.message),
  MW4903: e<M>((a) => a.message, 'Supply the pseudonymisation key at run time (e.g. `--param hmacKey=…` or the run dialog); it is never stored in the mapping'),
  MW4904: e<M>((a) => a.message),
  MW4905: e<M>((a) => a.message),
});

export type ExprCode = keyof typeof EXPR;
