/**
 * The reference evaluator: a plain AST interpreter with exactly the compiled code's semantics (it
 * calls the same `EXPR_RUNTIME` helpers and `FUNCTION_IMPLS`), used by `mapwright eval`, previews,
 * and the property test that compiled output equals evaluation.
 */
import type * as acorn from 'acorn';
import { FUNCTIONS } from '../functions/registry';
import { analyse, type Analysis } from './analyse';
import { ExprCheckError } from './compile';
import { EXPR_RUNTIME as rt } from './runtime';
import type { ExprContext, ExprScope, ExprValues } from './types';

type BinaryHelper = (a: unknown, b: unknown) => unknown;
const BINARY: Record<string, BinaryHelper> = {
  '+': rt.add, '-': rt.sub, '*': rt.mul, '/': rt.div, '%': rt.mod, '**': rt.pow,
  '<': rt.lt, '>': rt.gt, '<=': rt.le, '>=': rt.ge, '===': rt.eq, '!==': rt.ne,
};

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

function run(a: Analysis, values: ExprValues, ctx: ExprContext): unknown {
  const scopes = values.scopes;
  const scopeValue = (name: string) => (own(scopes, name) ? scopes[name] : undefined);
  const ev = (node: acorn.Node): unknown => {
    const n = node as acorn.AnyNode;
    switch (n.type) {
      case 'Literal':
        return n.value;
      case 'Identifier': {
        const r = a.resolved.get(n)!;
        if (r.kind === 'field') return rt.get(scopeValue(r.scope), r.name);
        if (r.kind === 'variable') return scopeValue(r.name);
        if (r.kind === 'self') return scopeValue('');
        return undefined;
      }
      case 'TemplateLiteral':
        return rt.tpl(
          n.quasis.map((q) => q.value.cooked ?? ''),
          n.expressions.map(ev),
        );
      case 'UnaryExpression': {
        const x = ev(n.argument);
        if (n.operator === '!') return !x;
        if (n.operator === 'typeof') return rt.typeOf(x);
        if (n.operator === '-') return rt.neg(x);
        if (n.operator === '+') return rt.pos(x);
        break;
      }
      case 'BinaryExpression': {
        const f = BINARY[n.operator];
        if (f) {
          const l = ev(n.left);
          return f(l, ev(n.right));
        }
        break;
      }
      case 'LogicalExpression': {
        const l = ev(n.left);
        if (n.operator === '&&') return l && ev(n.right);
        if (n.operator === '||') return l || ev(n.right);
        return l ?? ev(n.right);
      }
      case 'ConditionalExpression':
        return ev(n.test) ? ev(n.consequent) : ev(n.alternate);
      case 'ChainExpression':
      case 'ParenthesizedExpression':
        return ev(n.expression);
      case 'MemberExpression': {
        const obj = ev(n.object);
        return rt.get(obj, n.computed ? ev(n.property) : (n.property as acorn.Identifier).name);
      }
      case 'CallExpression': {
        const def = FUNCTIONS[(n.callee as acorn.Identifier).name];
        const args = n.arguments.map((x) => ev(x));
        return def.context ? def.impl(ctx, ...args) : def.impl(...args);
      }
      case 'ArrayExpression':
        return n.elements.map((e) => ev(e!));
      case 'ObjectExpression': {
        const pairs: unknown[] = [];
        for (const p of n.properties) {
          const prop = p as acorn.Property;
          pairs.push(prop.key.type === 'Identifier' ? prop.key.name : String((prop.key as acorn.Literal).value), ev(prop.value));
        }
        return rt.obj(pairs);
      }
    }
    throw new Error(`evaluateExpression: cannot evaluate ${n.type}`);
  };
  return ev(a.ast!);
}

/**
 * Prepares an expression once for many evaluations. Throws `ExprCheckError` (a `MappingError`
 * carrying every diagnostic) if it does not check.
 */
export function prepareExpression(code: string, scope: ExprScope): (values: ExprValues, options?: { params?: Record<string, unknown> }) => unknown {
  const a = analyse(code, scope);
  if (!a.ast || a.diagnostics.some((d) => d.severity === 'error')) throw new ExprCheckError(a.diagnostics);
  return (values, options) => run(a, values, { params: options?.params ?? {} });
}

/**
 * Checks and evaluates an expression against run-time values. `values.scopes['']` is the innermost
 * scope object, other keys are variables. Run-time failures throw `ExprRuntimeError` (code MW49xx);
 * an expression that does not check throws `ExprCheckError`.
 * @example evaluateExpression("upper(surname)", { fields }, { scopes: { '': { surname: 'Smith' } } }) // 'SMITH'
 */
export function evaluateExpression(code: string, scope: ExprScope, values: ExprValues, options?: { params?: Record<string, unknown> }): unknown {
  return prepareExpression(code, scope)(values, options);
}
