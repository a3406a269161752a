/**
 * A formula (an `expr` node's code) in words, for the plain-language mapping table:
 * `!isEmpty(dob) && role === 'OFF'` → `the person's dob field is not empty and the person's role
 * field is "OFF"`. acorn parses the same language the checker accepts; constructs with no good
 * wording make the whole formula fall back to `undefined`, and the caller shows the code alone.
 */
import * as acorn from 'acorn';
import { FUNCTIONS } from '../functions/index';

/** How names read: a loop variable, a field of the innermost scope, or of the record. */
export interface FormulaWords {
  /** Loop variables in scope, innermost last (`person`). */
  scopes: string[];
  /** `the record's crime_ref field` for a path read from a scope (`$record`, a loop variable) or the innermost one. */
  field(path: string, scope: string | undefined): string;
  /** A quoted literal. */
  literal(v: string | number | boolean | null): string;
  /** A library function applied to words: "X, put through trim (removes spaces at both ends)". */
  call(fn: string, first: string | undefined, rest: string[]): string;
}

class NoWords extends Error {}

const COMPARE: Record<string, string> = {
  '===': 'is',
  '!==': 'is not',
  '>': 'is more than',
  '<': 'is less than',
  '>=': 'is at least',
  '<=': 'is at most',
};
const ARITH: Record<string, string> = { '+': 'plus', '-': 'minus', '*': 'times', '/': 'divided by', '%': 'modulo', '**': 'to the power of' };

/** `a.b["c d"]` → ['a', 'b', 'c d'] when the chain is plain names and quoted keys. */
function chain(node: acorn.Expression): string[] | null {
  if (node.type === 'Identifier') return [node.name];
  if (node.type !== 'MemberExpression' || node.object.type === 'Super') return null;
  const base = chain(node.object as acorn.Expression);
  if (!base) return null;
  if (!node.computed && node.property.type === 'Identifier') return [...base, node.property.name];
  if (node.computed && node.property.type === 'Literal' && (typeof node.property.value === 'string' || typeof node.property.value === 'number')) return [...base, String(node.property.value)];
  return null;
}

/** A call's words end in its own clause ("…, put through upper (upper case)"); a comma closes it before "is …". */
function operand(node: acorn.Expression, w: FormulaWords): string {
  const t = words(node, w);
  return node.type === 'CallExpression' && t.includes(', ') ? `${t},` : t;
}

function words(node: acorn.Expression, w: FormulaWords): string {
  switch (node.type) {
    case 'Literal':
      if (node.value === null || typeof node.value === 'string' || typeof node.value === 'number' || typeof node.value === 'boolean') return w.literal(node.value);
      throw new NoWords();
    case 'ParenthesizedExpression':
      return words(node.expression, w);
    case 'Identifier':
    case 'MemberExpression': {
      const path = chain(node);
      if (path) {
        const [head, ...rest] = path as [string, ...string[]];
        if (head === '$record') return rest.length ? w.field(rest.join('.'), '$record') : 'the whole record';
        if (head === '$index') return 'the position in the list';
        if (head === '$') return rest.length ? w.field(rest.join('.'), undefined) : 'the current item';
        if (w.scopes.includes(head)) return rest.length ? w.field(rest.join('.'), head) : `the ${head}`;
        return w.field(path.join('.'), undefined);
      }
      if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') return `the ${node.property.name} part of ${words(node.object as acorn.Expression, w)}`;
      throw new NoWords();
    }
    case 'CallExpression': {
      if (node.callee.type !== 'Identifier' || !Object.prototype.hasOwnProperty.call(FUNCTIONS, node.callee.name)) throw new NoWords();
      const args = node.arguments.map((a) => {
        if (a.type === 'SpreadElement') throw new NoWords();
        return words(a, w);
      });
      const fn = node.callee.name;
      if (fn === 'isEmpty' && args.length === 1) return `${operand(node.arguments[0] as acorn.Expression, w)} is empty`;
      if (fn === 'count' && args.length === 1) return `the number of ${args[0]}`;
      return w.call(fn, args[0], args.slice(1));
    }
    case 'UnaryExpression': {
      const arg = node.argument;
      if (node.operator === '!') {
        if (arg.type === 'CallExpression' && arg.callee.type === 'Identifier' && arg.callee.name === 'isEmpty' && arg.arguments.length === 1 && arg.arguments[0]!.type !== 'SpreadElement') return `${operand(arg.arguments[0] as acorn.Expression, w)} is not empty`;
        return `not (${words(arg, w)})`;
      }
      if (node.operator === '-') return `minus ${words(arg, w)}`;
      throw new NoWords();
    }
    case 'BinaryExpression': {
      if (node.left.type === 'PrivateIdentifier') throw new NoWords();
      const op = COMPARE[node.operator] ?? ARITH[node.operator];
      if (!op) throw new NoWords();
      return `${operand(node.left, w)} ${op} ${words(node.right, w)}`;
    }
    case 'LogicalExpression': {
      const l = words(node.left, w);
      const r = words(node.right, w);
      if (node.operator === '&&') return `${l} and ${r}`;
      if (node.operator === '||') return `${l} or ${r}`;
      return `${l}, or when that is empty ${r}`;
    }
    case 'ConditionalExpression':
      return `if ${words(node.test, w)} then ${words(node.consequent, w)}, otherwise ${words(node.alternate, w)}`;
    case 'ArrayExpression':
      return node.elements.length
        ? `the list ${node.elements
            .map((e) => {
              if (!e || e.type === 'SpreadElement') throw new NoWords();
              return words(e, w);
            })
            .join(', ')}`
        : 'an empty list';
    default:
      throw new NoWords();
  }
}

/**
 * The formula in words, or undefined when some part of it has no plain wording (the caller then
 * shows the code itself).
 * @example formulaInWords("!isEmpty(dob)", w) // "the person's dob field is not empty"
 */
export function formulaInWords(code: string, w: FormulaWords): string | undefined {
  let ast: acorn.Expression;
  try {
    ast = acorn.parseExpressionAt(code, 0, { ecmaVersion: 'latest', sourceType: 'script' });
  } catch {
    return undefined;
  }
  if (code.slice(ast.end).trim()) return undefined;
  try {
    return words(ast, w);
  } catch (e) {
    if (e instanceof NoWords) return undefined;
    throw e;
  }
}
