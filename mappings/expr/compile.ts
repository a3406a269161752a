/**
 * Expression → JavaScript expression text. The output contains user text only as JSON literals
 * (`JSON.stringify`) or as the checked structure: every identifier is replaced by a caller-chosen
 * binding or a `$rt.get(scope, "name")` read, every operator that could run user-influenced code
 * goes through a runtime helper, and functions are called as `$fn["name"](…)` with names from the
 * registry only.
 */
import type * as acorn from 'acorn';
import { MappingError, type Diagnostic } from '../diagnostics/diagnostic';
import { FUNCTIONS } from '../functions/registry';
import { analyseShared, copyDiagnostic, type Analysis } from './analyse';
import type { CompileOptions, CompileResult, ExprScope } from './types';

const JS_IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const RESERVED = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await arguments eval undefined NaN Infinity'.split(' '),
);

/** Thrown when an expression that does not check is evaluated; carries every diagnostic. */
export class ExprCheckError extends MappingError {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics[0]);
    this.name = 'ExprCheckError';
    this.diagnostics = diagnostics;
  }
}

const BINARY: Record<string, string> = {
  '+': 'add', '-': 'sub', '*': 'mul', '/': 'div', '%': 'mod', '**': 'pow',
  '<': 'lt', '>': 'gt', '<=': 'le', '>=': 'ge', '===': 'eq', '!==': 'ne',
};

/**
 * A JSON string literal that is also safe to embed anywhere: line/paragraph separators and `<`
 * are escaped so generated code can sit inside HTML review reports or older parsers unchanged.
 */
export function jsString(s: string): string {
  return JSON.stringify(s).replace(/[\u2028\u2029<]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function ident(name: string, what: string): string {
  if (!JS_IDENT.test(name) || RESERVED.has(name)) throw new Error(`compileExpression: ${what} "${name}" is not a plain JavaScript identifier`);
  return name;
}

/**
 * Checks and compiles an expression to a JavaScript expression. Returns diagnostics and no `js`
 * when it does not check. Throws only for caller bugs (a binding missing or not an identifier).
 * @example compileExpression('trim(surname)', scope, { bindings: { '': 's1' } }).js
 *   // → '$fn["trim"]($rt.get(s1, "surname"))'
 */
export function compileExpression(code: string, scope: ExprScope, options: CompileOptions): CompileResult {
  const a = analyseShared(code, scope);
  // The analysis may be shared (see analyseShared): hand out copies a caller may change.
  const result: CompileResult = { type: a.type, fieldRefs: a.fieldRefs.map((r) => ({ ...r })), functionsUsed: [...a.functionsUsed], diagnostics: a.diagnostics.map(copyDiagnostic) };
  if (!a.ast || a.diagnostics.some((d) => d.severity === 'error')) return result;
  return { ...result, js: generate(a, options) };
}

/** Code generation from a checked analysis (exported for the compiler's own tests). */
export function generate(a: Analysis, options: CompileOptions): string {
  const rt = ident(options.rt ?? '$rt', 'rt');
  const fn = ident(options.fn ?? '$fn', 'fn');
  const ctx = ident(options.ctx ?? '$ctx', 'ctx');
  const binding = (name: string): string => {
    const b = Object.prototype.hasOwnProperty.call(options.bindings, name) ? options.bindings[name] : undefined;
    if (b === undefined) throw new Error(`compileExpression: no binding for scope ${name === '' ? "'' (the innermost scope)" : `"${name}"`}`);
    return ident(b, `binding for "${name}"`);
  };
  const gen = (node: acorn.Node): string => {
    const n = node as acorn.AnyNode;
    switch (n.type) {
      case 'Literal':
        return n.value === null ? 'null' : typeof n.value === 'string' ? jsString(n.value) : String(n.value);
      case 'Identifier': {
        const r = a.resolved.get(n);
        if (!r) throw new Error(`compileExpression: unresolved identifier at ${n.start}`);
        if (r.kind === 'field') return `${rt}.get(${binding(r.scope)}, ${jsString(r.name)})`;
        if (r.kind === 'variable') return binding(r.name);
        if (r.kind === 'self') return binding('');
        return '(void 0)';
      }
      case 'TemplateLiteral':
        return `${rt}.tpl([${n.quasis.map((q) => jsString(q.value.cooked ?? '')).join(', ')}], [${n.expressions.map(gen).join(', ')}])`;
      case 'UnaryExpression': {
        const x = gen(n.argument);
        if (n.operator === '!') return `(!(${x}))`;
        if (n.operator === 'typeof') return `${rt}.typeOf(${x})`;
        if (n.operator === '-') return `${rt}.neg(${x})`;
        if (n.operator === '+') return `${rt}.pos(${x})`;
        break;
      }
      case 'BinaryExpression': {
        const f = BINARY[n.operator];
        if (f) return `${rt}.${f}(${gen(n.left)}, ${gen(n.right)})`;
        break;
      }
      case 'LogicalExpression':
        return `((${gen(n.left)}) ${n.operator} (${gen(n.right)}))`;
      case 'ConditionalExpression':
        return `((${gen(n.test)}) ? (${gen(n.consequent)}) : (${gen(n.alternate)}))`;
      case 'ChainExpression':
      case 'ParenthesizedExpression':
        return gen(n.expression);
      case 'MemberExpression': {
        const key = !n.computed ? jsString((n.property as acorn.Identifier).name) : gen(n.property);
        return `${rt}.get(${gen(n.object)}, ${key})`;
      }
      case 'CallExpression': {
        const name = (n.callee as acorn.Identifier).name;
        const def = FUNCTIONS[name];
        if (!def) break;
        const args = n.arguments.map((x) => gen(x));
        if (def.context) args.unshift(ctx);
        return `${fn}[${jsString(name)}](${args.join(', ')})`;
      }
      case 'ArrayExpression':
        return `[${n.elements.map((e) => gen(e!)).join(', ')}]`;
      case 'ObjectExpression': {
        const parts: string[] = [];
        for (const p of n.properties) {
          const prop = p as acorn.Property;
          const key = prop.key.type === 'Identifier' ? prop.key.name : String((prop.key as acorn.Literal).value);
          parts.push(jsString(key), gen(prop.value));
        }
        return `${rt}.obj([${parts.join(', ')}])`;
      }
    }
    // Unreachable after a clean check; refuse rather than emit anything unchecked.
    throw new Error(`compileExpression: cannot compile ${n.type}`);
  };
  return gen(a.ast!);
}
