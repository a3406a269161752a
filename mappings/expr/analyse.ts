/**
 * Parsing and checking: the one place that decides what an expression may contain. Everything is
 * an allow-list — `check()` handles the node kinds the language has and rejects every other kind
 * with a located diagnostic, so a new JavaScript feature is rejected until someone allows it.
 * The compiler, the evaluator and the language services all work from an `Analysis`.
 */
import * as acorn from 'acorn';
import type { Diagnostic, Location } from '../diagnostics/diagnostic';
import { diag } from '../diagnostics/catalog';
import { fieldsByName, type FieldNode } from '../model/field-tree';
import { FUNCTIONS } from '../functions/registry';
import type { FunctionDef, FunctionReturn } from '../functions/types';
import { regexProblem } from '../functions/impl/regex-safety';
import { datePatternProblem } from '../functions/impl/dates';
import { EXPR } from './codes';
import type { ExprScope, ExprType, FieldRefUse } from './types';

export const EXPR_LIMITS = {
  /** Longest expression source accepted (characters). */
  maxSource: 10_000,
  /** Deepest nesting of brackets or AST nodes. */
  maxDepth: 100,
  /** Most AST nodes in one expression. */
  maxNodes: 2_000,
} as const;

/**
 * `length` and `name` are own properties of every function but also the commonest data names (a
 * string's or list's length; a person's name). They stay readable because no expression can ever
 * hold a function value: `$rt.get` returns undefined for functions and calls are by library name.
 */
const DATA_NAMES = new Set(['length', 'name']);

/**
 * Names that never resolve, whatever the scope holds: JavaScript globals that reach code or the host,
 * and the built-in members of objects and functions. Member names are checked against
 * `FORBIDDEN_MEMBERS`; identifiers against both sets.
 */
export const FORBIDDEN_MEMBERS: ReadonlySet<string> = new Set(
  [
    ...Object.getOwnPropertyNames(Object.prototype),
    ...Object.getOwnPropertyNames(Function.prototype),
    'prototype', '__proto__', 'constructor', 'caller', 'callee', 'arguments',
  ].filter((n) => !DATA_NAMES.has(n)),
);

export const FORBIDDEN_GLOBALS: ReadonlySet<string> = new Set([
  'globalThis', 'global', 'window', 'self', 'top', 'parent', 'frames', 'document', 'navigator', 'location',
  'process', 'require', 'module', 'exports', '__dirname', '__filename', 'Buffer', 'import', 'eval', 'Function',
  'AsyncFunction', 'GeneratorFunction', 'Object', 'Array', 'String', 'Number', 'Boolean', 'Symbol', 'Reflect',
  'Proxy', 'Atomics', 'SharedArrayBuffer', 'WebAssembly', 'Promise', 'JSON', 'Math', 'Date', 'RegExp', 'Error',
  'Intl', 'setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'clearTimeout', 'clearInterval',
  'fetch', 'XMLHttpRequest', 'WebSocket', 'Worker', 'importScripts', 'postMessage', 'structuredClone',
  'this', 'arguments', 'NaN', 'Infinity', 'escape', 'unescape', 'decodeURI', 'encodeURI', 'Deno', 'Bun',
]);

/** What an identifier or member resolved to; the compiler and evaluator follow this, never the raw text. */
export type Resolution =
  | { kind: 'field'; scope: string; name: string; field?: FieldNode }
  | { kind: 'variable'; name: string }
  | { kind: 'self' }
  | { kind: 'undefined' };

export interface Analysis {
  code: string;
  ast?: acorn.Expression;
  type: ExprType;
  diagnostics: Diagnostic[];
  fieldRefs: FieldRefUse[];
  functionsUsed: string[];
  /** Resolution of every Identifier used as a value. */
  resolved: Map<acorn.Node, Resolution>;
  /** Static type of every checked node (for hovers). */
  types: Map<acorn.Node, ExprType>;
  /** Field behind a node (identifier or member), for hovers and field refs. */
  fields: Map<acorn.Node, { scope: string; field: FieldNode }>;
}

const ANY: ExprType = { type: 'any' };
const STRINGY = new Set(['string', 'date', 'datetime', 'time']);
const NUMERIC = new Set(['number', 'integer']);

/** Type of a field tree node as a value (cardinality `many` → array). */
export function fieldType(f: FieldNode): ExprType {
  const one: ExprType =
    f.type === 'array'
      ? { type: 'array', item: f.itemType ? { type: f.itemType, ...(f.children ? { fields: f.children } : {}) } : ANY }
      : { type: f.type, ...(f.children ? { fields: f.children } : {}) };
  return f.cardinality === 'many' && f.type !== 'array' ? { type: 'array', item: one } : one;
}

const PLURAL: Partial<Record<string, string>> = {
  string: 'text', integer: 'whole numbers', number: 'numbers', boolean: 'true/false values', object: 'objects',
  array: 'lists', date: 'dates', datetime: 'date-times', time: 'times',
};

/** Human-readable type, for messages and hovers: `text`, `list of text`, `object`. */
export function typeLabel(t: ExprType): string {
  switch (t.type) {
    case 'string':
      return 'text';
    case 'array':
      return t.item && t.item.type !== 'any' ? `a list of ${PLURAL[t.item.type] ?? 'values'}` : 'a list';
    case 'object':
      return 'an object';
    case 'any':
      return 'any value';
    case 'null':
      return 'empty';
    case 'integer':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true/false';
    default:
      return `a ${t.type}`;
  }
}

export function unify(a: ExprType, b: ExprType): ExprType {
  if (a.type === 'null') return b;
  if (b.type === 'null') return a;
  if (a.type === b.type) {
    if (a.type === 'array') return { type: 'array', item: unify(a.item ?? ANY, b.item ?? ANY) };
    if (a.type === 'object') return a.fields === b.fields ? a : { type: 'object' };
    return a;
  }
  if (NUMERIC.has(a.type) && NUMERIC.has(b.type)) return { type: 'number' };
  if (STRINGY.has(a.type) && STRINGY.has(b.type)) return { type: 'string' };
  return ANY;
}

/** Returns a hint if `actual` cannot be passed where `expected` is required (undefined = fine). */
export function mismatch(actual: ExprType, expected: FunctionDef['params'][number]): string | undefined {
  const e = expected.type;
  const a = actual.type;
  if (e === 'any' || a === 'any' || a === 'null') return undefined;
  const scalar = STRINGY.has(a) || NUMERIC.has(a) || a === 'boolean';
  if (STRINGY.has(e)) return scalar ? undefined : 'pick a field of it';
  if (NUMERIC.has(e)) return NUMERIC.has(a) ? undefined : STRINGY.has(a) ? 'use parseNumber() to read a number from text' : '';
  if (e === 'boolean') return a === 'boolean' ? undefined : 'compare it, e.g. `x === "Y"`, or use toBoolean()';
  if (e === 'array') return a === 'array' ? undefined : 'wrap it in a list: `[x]`';
  if (e === 'object') return a === 'object' ? undefined : '';
  return undefined;
}

export function expectedLabel(p: FunctionDef['params'][number]): string {
  if (STRINGY.has(p.type)) return p.type === 'string' ? 'text' : `a ${p.type} (text)`;
  return typeLabel({ type: p.type, ...(p.itemType ? { item: { type: p.itemType } } : {}) });
}

/** Synthetic field nodes describing a function's returned object, so completions can list them. */
const returnShapes = new WeakMap<FunctionReturn, ExprType>();
export function returnType(r: FunctionReturn): ExprType {
  let t = returnShapes.get(r);
  if (t) return t;
  const fields: FieldNode[] | undefined = r.fields?.map((f) => ({
    path: f.name,
    name: f.name,
    type: f.type,
    ...(f.itemType ? { itemType: f.itemType } : {}),
    cardinality: 'optional',
    ...(f.doc ? { doc: f.doc } : {}),
  }));
  if (r.type === 'array') t = { type: 'array', item: { type: r.itemType ?? 'any', ...(fields ? { fields } : {}) } };
  else t = { type: r.type, ...(fields ? { fields } : {}) };
  returnShapes.set(r, t);
  return t;
}

/** Edit distance counting a swap of neighbours as one edit (optimal string alignment), for suggestions. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** Initials of the words of a camelCase, snake_case or spaced name: `dateOfBirth` → `dob`. */
function initials(name: string): string {
  return (name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? []).map((w) => w[0].toLowerCase()).join('');
}

/**
 * The closest candidate: within a third of the name's length in edits (case differences count as
 * near), or whose word initials spell the name (`dob` → `dateOfBirth`).
 */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  if (name.length > 64) return undefined;
  let best: string | undefined;
  let bestScore = Infinity;
  const lower = name.toLowerCase();
  for (const c of candidates) {
    if (c.length > 64) continue;
    let score = c.toLowerCase() === lower ? 0.5 : editDistance(lower, c.toLowerCase());
    if (lower.length >= 2 && initials(c) === lower) score = Math.min(score, 1);
    if (score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best !== undefined && bestScore <= Math.max(1, Math.floor(name.length / 3)) ? best : undefined;
}

const CONSTRUCT_NAMES: Record<string, string> = {
  AssignmentExpression: 'Assignment (`=`, `+=`, …)',
  UpdateExpression: '`++` and `--`',
  SequenceExpression: 'The comma operator',
  NewExpression: '`new`',
  ThisExpression: '`this`',
  Super: '`super`',
  ArrowFunctionExpression: 'Defining functions (`=>`)',
  FunctionExpression: 'Defining functions',
  ClassExpression: 'Classes',
  AwaitExpression: '`await`',
  YieldExpression: '`yield`',
  TaggedTemplateExpression: 'Tagged templates (a function before a template)',
  ImportExpression: '`import()`',
  MetaProperty: '`import.meta` and `new.target`',
  SpreadElement: 'Spread (`...`)',
  PrivateIdentifier: 'Private names (`#x`)',
};

function loc(node: acorn.Node): Location {
  const l = node.loc!;
  return { line: l.start.line, column: l.start.column + 1, endLine: l.end.line, endColumn: l.end.column + 1 };
}

/** 1-based line/column of a 0-based offset. */
export function positionAt(code: string, offset: number): { line: number; column: number } {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset && i < code.length; i++) {
    if (code[i] === '\n') {
      line++;
      col = 1;
    } else col++;
  }
  return { line, column: col };
}

function rangeLoc(code: string, start: number, end: number): Location {
  const s = positionAt(code, start);
  const e = positionAt(code, end);
  return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
}

/**
 * Bracket nesting, measured before acorn runs so a hostile 10,000-deep expression never reaches a
 * recursive parser. Strings are skipped; template literals are counted as if code (conservative).
 */
function maxBracketDepth(code: string): { depth: number; at: number } {
  let depth = 0;
  let max = 0;
  let at = 0;
  let quote: string | undefined;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[' || c === '{') {
      depth++;
      if (depth > max) {
        max = depth;
        at = i;
      }
    } else if (c === ')' || c === ']' || c === '}') depth--;
  }
  return { depth: max, at };
}

const TRAILING_OK = /^(?:\s|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*$/;

/** Parses and checks an expression against a scope. Never throws on user input. */
export function analyse(code: string, scope: ExprScope): Analysis {
  const a: Analysis = {
    code,
    type: ANY,
    diagnostics: [],
    fieldRefs: [],
    functionsUsed: [],
    resolved: new Map(),
    types: new Map(),
    fields: new Map(),
  };
  const report = (d: Diagnostic) => a.diagnostics.push(d);
  if (typeof code !== 'string') {
    report(diag(EXPR.MW4006, { message: 'Expression source must be text' }, { line: 1, column: 1 }));
    return a;
  }
  if (code.length > EXPR_LIMITS.maxSource) {
    report(diag(EXPR.MW4002, { length: code.length, max: EXPR_LIMITS.maxSource }, { line: 1, column: 1 }));
    return a;
  }
  if (code.trim() === '') {
    report(diag(EXPR.MW4001, { message: 'the expression is empty' }, { line: 1, column: 1 }));
    return a;
  }
  const nesting = maxBracketDepth(code);
  if (nesting.depth > EXPR_LIMITS.maxDepth) {
    report(diag(EXPR.MW4003, { max: EXPR_LIMITS.maxDepth }, rangeLoc(code, nesting.at, nesting.at + 1)));
    return a;
  }
  let ast: acorn.Expression;
  try {
    ast = acorn.parseExpressionAt(code, 0, { ecmaVersion: 'latest', locations: true, sourceType: 'script', allowReserved: true, preserveParens: true });
  } catch (e) {
    if (e instanceof RangeError) {
      report(diag(EXPR.MW4003, { max: EXPR_LIMITS.maxDepth }, { line: 1, column: 1 }));
      return a;
    }
    const err = e as SyntaxError & { pos?: number; loc?: { line: number; column: number } };
    if (/stack space/i.test(err.message)) {
      // acorn catches its own stack overflow on deeply nested operators (`!!!!…`, `1+1+…`).
      report(diag(EXPR.MW4003, { max: EXPR_LIMITS.maxDepth }, err.loc ? { line: err.loc.line, column: err.loc.column + 1 } : { line: 1, column: 1 }));
      return a;
    }
    const message = err.message.replace(/\s*\(\d+:\d+\)$/, '');
    report(diag(EXPR.MW4001, { message }, err.loc ? { line: err.loc.line, column: err.loc.column + 1 } : { line: 1, column: 1 }));
    return a;
  }
  const rest = code.slice(ast.end);
  if (!TRAILING_OK.test(rest)) {
    const offset = ast.end + (rest.length - rest.trimStart().length);
    const text = rest.trim();
    report(diag(EXPR.MW4005, { text: text.length > 20 ? `${text.slice(0, 20)}…` : text }, rangeLoc(code, offset, code.length)));
    return a;
  }
  // Depth and size limits, measured iteratively so the measurement itself cannot overflow the stack.
  const stack: [unknown, number][] = [[ast, 1]];
  let nodes = 0;
  while (stack.length) {
    const [n, depth] = stack.pop()!;
    if (!n || typeof n !== 'object') continue;
    if (Array.isArray(n)) {
      for (const c of n) stack.push([c, depth]);
      continue;
    }
    const node = n as acorn.Node;
    if (typeof node.type !== 'string') continue;
    nodes++;
    if (depth > EXPR_LIMITS.maxDepth) {
      report(diag(EXPR.MW4003, { max: EXPR_LIMITS.maxDepth }, loc(node)));
      return a;
    }
    if (nodes > EXPR_LIMITS.maxNodes) {
      report(diag(EXPR.MW4004, { max: EXPR_LIMITS.maxNodes }, loc(node)));
      return a;
    }
    for (const [k, v] of Object.entries(node)) if (k !== 'loc' && v && typeof v === 'object') stack.push([v, depth + 1]);
  }
  a.ast = ast;
  const checker = new Checker(a, scope);
  a.type = checker.check(ast);
  a.fieldRefs = checker.refs();
  a.functionsUsed = [...checker.functions].sort();
  return a;
}

/**
 * Analyses reused for the same expression text in an equivalent scope. Checking and compiling a
 * mapping analyse many expressions more than once in the same scope (measured on a 1,000-rule
 * mapping: a third of the analyses of one check + compile were repeats; reusing them saved ~23% of
 * its CPU time). The checker and the compiler resolve scopes against the same record field list
 * (checker/scope.ts recordFields, one per document), so a compile right after a check reuses the
 * check's analyses (together with that, check + compile of a 1,000-rule mapping took ~55% of the
 * CPU time it took when each built its own lists, measured in one run). Keyed weakly by the
 * innermost field list, so entries go when the field list goes, then by the expression text and a
 * structural key of the variables (field lists by identity and length, as {@link fieldsByName}
 * does; `doc` is left out because it only labels hovers, and hovers call {@link analyse} directly).
 * An analysis is read-only for its users: callers of {@link analyseShared} copy before changing.
 */
const sharedAnalyses = new WeakMap<readonly FieldNode[], Map<string, Analysis>>();
/** Per field list, so a long editing session on one tree cannot grow the cache without bound. */
const SHARED_ANALYSES_MAX = 4096;
const listIds = new WeakMap<readonly FieldNode[], number>();
let nextListId = 1;
function listKey(fields: readonly FieldNode[] | undefined): string {
  if (!fields) return '-';
  let id = listIds.get(fields);
  if (id === undefined) listIds.set(fields, (id = nextListId++));
  return `${id}.${fields.length}`;
}

/** A copy of a diagnostic (and its location) that its receiver may change. */
export function copyDiagnostic(d: Diagnostic): Diagnostic {
  return { ...d, location: { ...d.location } };
}

/** {@link analyse}, reusing an earlier analysis of the same text in an equivalent scope. Never throws on user input. */
export function analyseShared(code: string, scope: ExprScope): Analysis {
  if (typeof code !== 'string' || code.length > EXPR_LIMITS.maxSource) return analyse(code, scope);
  let key = `${listKey(scope.fields)}`;
  const vars = scope.variables ?? {};
  for (const name of Object.keys(vars).sort()) {
    const v = vars[name];
    key += `\u0000${name}\u0001${v.type}\u0001${v.many ? 1 : 0}\u0001${v.itemType ?? ''}\u0001${listKey(v.fields)}`;
  }
  key += `\u0000\u0000${code}`;
  let byKey = sharedAnalyses.get(scope.fields);
  if (!byKey) sharedAnalyses.set(scope.fields, (byKey = new Map()));
  const hit = byKey.get(key);
  if (hit) return hit;
  const a = analyse(code, scope);
  if (byKey.size >= SHARED_ANALYSES_MAX) byKey.clear();
  byKey.set(key, a);
  return a;
}


class Checker {
  readonly functions = new Set<string>();
  private readonly refList: { node: acorn.Node; ref: FieldRefUse }[] = [];
  private readonly consumed = new Set<acorn.Node>();
  private readonly fieldByName: ReadonlyMap<string, FieldNode>;
  private readonly variables: Record<string, { type: ExprType; doc?: string }>;

  constructor(
    private readonly a: Analysis,
    private readonly scope: ExprScope,
  ) {
    // Shared per field list (a Checker is built per expression; see fieldsByName).
    this.fieldByName = fieldsByName(scope.fields);
    this.variables = { $: { type: { type: 'object', fields: scope.fields }, doc: 'The current scope object' } };
    for (const [name, v] of Object.entries(scope.variables ?? {})) {
      let t: ExprType =
        v.type === 'array'
          ? { type: 'array', item: { type: v.itemType ?? 'any', ...(v.fields ? { fields: v.fields } : {}) } }
          : { type: v.type, ...(v.fields ? { fields: v.fields } : {}) };
      if (v.many && v.type !== 'array') t = { type: 'array', item: t };
      this.variables[name] = { type: t, ...(v.doc ? { doc: v.doc } : {}) };
    }
  }

  refs(): FieldRefUse[] {
    const seen = new Set<string>();
    const out: FieldRefUse[] = [];
    for (const { node, ref } of this.refList) {
      if (this.consumed.has(node)) continue;
      const key = `${ref.scope}\u0000${ref.path}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(ref);
      }
    }
    return out;
  }

  private report(d: Diagnostic): ExprType {
    this.a.diagnostics.push(d);
    return ANY;
  }

  private noteField(node: acorn.Node, scope: string, field: FieldNode): void {
    this.a.fields.set(node, { scope, field });
    this.refList.push({ node, ref: { path: field.path, scope } });
  }

  check(node: acorn.Node): ExprType {
    const t = this.checkNode(node);
    this.a.types.set(node, t);
    return t;
  }

  private checkNode(node: acorn.Node): ExprType {
    const n = node as acorn.AnyNode;
    switch (n.type) {
      case 'Literal':
        return this.literal(n);
      case 'Identifier':
        return this.identifier(n);
      case 'TemplateLiteral': {
        for (const e of n.expressions) {
          const t = this.check(e);
          if (t.type === 'object' || t.type === 'array') this.report(diag(EXPR.MW4303, { op: 'A template', expected: 'text, numbers or true/false', got: typeLabel(t) }, loc(e)));
        }
        return { type: 'string' };
      }
      case 'UnaryExpression':
        return this.unary(n);
      case 'BinaryExpression':
        return this.binary(n);
      case 'LogicalExpression': {
        const l = this.check(n.left);
        const r = this.check(n.right);
        return n.operator === '&&' ? (l.type === 'boolean' && r.type === 'boolean' ? l : ANY) : unify(l, r);
      }
      case 'ConditionalExpression':
        this.check(n.test);
        return unify(this.check(n.consequent), this.check(n.alternate));
      case 'ChainExpression':
      case 'ParenthesizedExpression':
        return this.check(n.expression);
      case 'MemberExpression':
        return this.member(n);
      case 'CallExpression':
        return this.call(n);
      case 'ArrayExpression': {
        let item: ExprType | undefined;
        for (const el of n.elements) {
          if (el === null) {
            this.report(diag(EXPR.MW4101, { what: 'An empty slot in a list (`[a,,b]`)' }, loc(n)));
            continue;
          }
          const t = this.check(el);
          item = item ? unify(item, t) : t;
        }
        return { type: 'array', item: item ?? ANY };
      }
      case 'ObjectExpression':
        return this.object(n);
      default:
        return this.report(diag(EXPR.MW4101, { what: CONSTRUCT_NAMES[n.type] ?? `\`${n.type}\`` }, loc(n)));
    }
  }

  private object(n: acorn.ObjectExpression): ExprType {
    const fields: FieldNode[] = [];
    const seen = new Set<string>();
    for (const prop of n.properties) {
      if (prop.type === 'SpreadElement') {
        this.report(diag(EXPR.MW4101, { what: CONSTRUCT_NAMES.SpreadElement }, loc(prop)));
        continue;
      }
      if (prop.kind !== 'init') {
        this.report(diag(EXPR.MW4101, { what: 'Getters and setters (`get x() {…}`)' }, loc(prop)));
        continue;
      }
      if (prop.method) {
        this.report(diag(EXPR.MW4101, { what: 'Methods in objects (`x() {…}`)' }, loc(prop)));
        continue;
      }
      if (prop.computed) {
        this.report(diag(EXPR.MW4101, { what: 'Computed keys (`[k]: v`)' }, loc(prop.key)));
        continue;
      }
      let key: string;
      if (prop.key.type === 'Identifier') key = prop.key.name;
      else if (prop.key.type === 'Literal' && typeof prop.key.value === 'string') key = prop.key.value;
      else {
        this.report(diag(EXPR.MW4106, { message: 'Object keys must be names or text in quotes' }, loc(prop.key)));
        continue;
      }
      if (FORBIDDEN_MEMBERS.has(key)) {
        this.report(diag(EXPR.MW4104, { name: key }, loc(prop.key)));
        continue;
      }
      if (seen.has(key)) this.report(diag(EXPR.MW4106, { message: `Key \`${key}\` appears twice` }, loc(prop.key)));
      seen.add(key);
      const t = this.check(prop.value as acorn.Expression);
      fields.push({
        path: key,
        name: key,
        type: t.type,
        cardinality: 'optional',
        ...(t.fields ? { children: [...t.fields] } : {}),
        ...(t.type === 'array' && t.item ? { itemType: t.item.type, ...(t.item.fields ? { children: [...t.item.fields] } : {}) } : {}),
      });
    }
    return { type: 'object', fields };
  }

  private literal(n: acorn.Literal): ExprType {
    if ('regex' in n && n.regex) {
      return this.report(diag(EXPR.MW4105, { message: 'Regular expression literals (`/…/`) are not allowed; pass the pattern as text to regexTest, regexExtract or regexReplace' }, loc(n)));
    }
    if ('bigint' in n && n.bigint !== undefined) return this.report(diag(EXPR.MW4106, { message: 'BigInt literals (`123n`) are not allowed' }, loc(n)));
    const v = n.value;
    if (v === null) return { type: 'null' };
    if (typeof v === 'string') return { type: 'string' };
    if (typeof v === 'boolean') return { type: 'boolean' };
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return this.report(diag(EXPR.MW4107, { text: n.raw ?? String(v) }, loc(n)));
      return { type: Number.isInteger(v) ? 'integer' : 'number' };
    }
    return this.report(diag(EXPR.MW4101, { what: 'This literal' }, loc(n)));
  }

  private identifier(n: acorn.Identifier): ExprType {
    const name = n.name;
    if (FORBIDDEN_MEMBERS.has(name) || name === 'this') return this.report(diag(EXPR.MW4103, { name }, loc(n)));
    if (name === 'undefined') {
      this.a.resolved.set(n, { kind: 'undefined' });
      return { type: 'null' };
    }
    if (name === '$') {
      this.a.resolved.set(n, { kind: 'self' });
      return this.variables.$.type;
    }
    if (Object.prototype.hasOwnProperty.call(this.variables, name)) {
      this.a.resolved.set(n, { kind: 'variable', name });
      return this.variables[name].type;
    }
    const field = this.fieldByName.get(name);
    if (field) {
      this.a.resolved.set(n, { kind: 'field', scope: '', name, field });
      this.noteField(n, '', field);
      return fieldType(field);
    }
    if (Object.prototype.hasOwnProperty.call(FUNCTIONS, name)) return this.report(diag(EXPR.MW4204, { name }, loc(n)));
    if (FORBIDDEN_GLOBALS.has(name)) return this.report(diag(EXPR.MW4103, { name }, loc(n)));
    const candidates = [...this.fieldByName.keys(), ...Object.keys(this.variables)];
    return this.report(diag(EXPR.MW4201, { name, suggestion: suggest(name, candidates) }, loc(n)));
  }

  private unary(n: acorn.UnaryExpression): ExprType {
    if (n.operator === '!') {
      this.check(n.argument);
      return { type: 'boolean' };
    }
    if (n.operator === 'typeof') {
      this.check(n.argument);
      return { type: 'string' };
    }
    if (n.operator === '-' || n.operator === '+') {
      const t = this.check(n.argument);
      if (!NUMERIC.has(t.type) && t.type !== 'any' && t.type !== 'null') {
        return this.report(diag(EXPR.MW4303, { op: n.operator, expected: 'a number', got: typeLabel(t) }, loc(n)));
      }
      return t.type === 'integer' ? t : { type: 'number' };
    }
    const what = n.operator === '~' ? 'The bitwise operator `~`' : `\`${n.operator}\``;
    return this.report(diag(EXPR.MW4101, { what }, loc(n)));
  }

  private binary(n: acorn.BinaryExpression): ExprType {
    const op = n.operator;
    if (op === '==' || op === '!=') {
      this.report(diag(EXPR.MW4102, { op, strict: `${op}=` }, loc(n)));
      if (n.left.type !== 'PrivateIdentifier') this.check(n.left);
      this.check(n.right);
      return { type: 'boolean' };
    }
    if (op === 'in' || op === 'instanceof') return this.report(diag(EXPR.MW4101, { what: `The \`${op}\` operator` }, loc(n)));
    if (['&', '|', '^', '<<', '>>', '>>>'].includes(op)) return this.report(diag(EXPR.MW4101, { what: `The bitwise operator \`${op}\`` }, loc(n)));
    if (n.left.type === 'PrivateIdentifier') return this.report(diag(EXPR.MW4101, { what: CONSTRUCT_NAMES.PrivateIdentifier }, loc(n.left)));
    const l = this.check(n.left);
    const r = this.check(n.right);
    const loose = (t: ExprType) => t.type === 'any' || t.type === 'null';
    const bad = (t: ExprType, expected: string, operand: acorn.Node) => {
      this.report(diag(EXPR.MW4303, { op, expected, got: typeLabel(t) }, loc(operand)));
    };
    if (op === '===' || op === '!==') return { type: 'boolean' };
    if (op === '+') {
      if (STRINGY.has(l.type) || STRINGY.has(r.type)) {
        for (const [t, o] of [[l, n.left], [r, n.right]] as const) if (t.type === 'object' || t.type === 'array') bad(t, 'text, numbers or true/false', o);
        return { type: 'string' };
      }
      for (const [t, o] of [[l, n.left], [r, n.right]] as const) if (!NUMERIC.has(t.type) && !loose(t)) bad(t, 'numbers or text', o);
      if (loose(l) || loose(r)) return ANY;
      return l.type === 'integer' && r.type === 'integer' ? { type: 'integer' } : { type: 'number' };
    }
    if (['-', '*', '/', '%', '**'].includes(op)) {
      for (const [t, o] of [[l, n.left], [r, n.right]] as const) if (!NUMERIC.has(t.type) && !loose(t)) bad(t, 'numbers', o);
      return l.type === 'integer' && r.type === 'integer' && op !== '/' && op !== '**' ? { type: 'integer' } : { type: 'number' };
    }
    // < > <= >=
    const kind = (t: ExprType) => (NUMERIC.has(t.type) ? 'n' : STRINGY.has(t.type) ? 's' : loose(t) ? '?' : 'x');
    const kl = kind(l);
    const kr = kind(r);
    if (kl === 'x') bad(l, 'numbers or text', n.left);
    else if (kr === 'x') bad(r, 'numbers or text', n.right);
    else if (kl !== '?' && kr !== '?' && kl !== kr) {
      this.report(diag(EXPR.MW4303, { op, expected: 'two numbers or two texts', got: `${typeLabel(l)} and ${typeLabel(r)}` }, loc(n)));
    }
    return { type: 'boolean' };
  }

  private member(n: acorn.MemberExpression): ExprType {
    if (n.object.type === 'Super') return this.report(diag(EXPR.MW4101, { what: CONSTRUCT_NAMES.Super }, loc(n.object)));
    const obj = this.check(n.object);
    let name: string | undefined;
    if (!n.computed) {
      if (n.property.type !== 'Identifier') return this.report(diag(EXPR.MW4101, { what: CONSTRUCT_NAMES.PrivateIdentifier }, loc(n.property)));
      name = n.property.name;
    } else {
      // Constant keys are checked statically, including spellings assembled from pieces
      // (`a['constr' + 'uctor']`); data-dependent keys are left to the run-time guard.
      const folded = constantKey(n.property as acorn.Expression);
      if (folded !== undefined && FORBIDDEN_MEMBERS.has(folded)) return this.report(diag(EXPR.MW4104, { name: folded }, loc(n.property)));
      if (n.property.type === 'Literal' && typeof n.property.value === 'string') {
        name = n.property.value;
        this.a.types.set(n.property, { type: 'string' });
      }
    }
    if (name !== undefined) {
      if (FORBIDDEN_MEMBERS.has(name)) return this.report(diag(EXPR.MW4104, { name }, loc(n.property)));
      return this.memberByName(n, obj, name);
    }
    const key = this.check(n.property as acorn.Expression);
    const keyNumeric = NUMERIC.has(key.type);
    if (!keyNumeric && !STRINGY.has(key.type) && key.type !== 'any' && key.type !== 'null') {
      return this.report(diag(EXPR.MW4303, { op: '[…]', expected: 'a number or text key', got: typeLabel(key) }, loc(n.property)));
    }
    if (obj.type === 'array') {
      // An element of a known collection field is still that field (`persons[0].surname` reads `persons[].surname`).
      const parent = this.a.fields.get(n.object);
      if (parent) {
        this.consumed.add(n.object);
        this.noteField(n, parent.scope, parent.field);
      }
      return keyNumeric || key.type === 'any' ? (obj.item ?? ANY) : ANY;
    }
    if (STRINGY.has(obj.type)) return { type: 'string' };
    if (obj.type === 'object' || obj.type === 'any' || obj.type === 'null') return ANY;
    return this.report(diag(EXPR.MW4304, { type: typeLabel(obj), name: '[…]' }, loc(n)));
  }

  private memberByName(n: acorn.MemberExpression, obj: ExprType, name: string): ExprType {
    if (obj.type === 'object' && obj.fields) {
      const field = obj.fields.find((f) => f.name === name);
      if (!field) {
        const owner = this.a.code.slice(n.object.start, n.object.end);
        return this.report(diag(EXPR.MW4202, { name, owner, suggestion: suggest(name, obj.fields.map((f) => f.name)) }, loc(n.property)));
      }
      const parent = this.a.fields.get(n.object);
      const scope = parent?.scope ?? this.scopeOf(n.object);
      if (scope !== undefined) {
        if (parent) this.consumed.add(n.object);
        this.noteField(n, scope, field);
      }
      return fieldType(field);
    }
    if (obj.type === 'object' || obj.type === 'any' || obj.type === 'null') return ANY;
    if (obj.type === 'array' || STRINGY.has(obj.type)) {
      if (name === 'length') return { type: 'integer' };
      if (/^(0|[1-9]\d*)$/.test(name)) return obj.type === 'array' ? (obj.item ?? ANY) : { type: 'string' };
    }
    return this.report(diag(EXPR.MW4304, { type: typeLabel(obj), name }, loc(n.property)));
  }

  /** Scope name of a variable or `$` reference at the root of a member chain. */
  private scopeOf(node: acorn.Node): string | undefined {
    const r = this.a.resolved.get(node);
    if (r?.kind === 'variable') return r.name;
    if (r?.kind === 'self') return '';
    return undefined;
  }

  private call(n: acorn.CallExpression): ExprType {
    if (n.optional) return this.report(diag(EXPR.MW4101, { what: 'Optional calls (`f?.()`)' }, loc(n)));
    const callee = n.callee;
    if (callee.type !== 'Identifier') {
      if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') {
        const name = callee.property.name;
        if (FORBIDDEN_MEMBERS.has(name)) return this.report(diag(EXPR.MW4104, { name }, loc(callee.property)));
        const lib = Object.prototype.hasOwnProperty.call(FUNCTIONS, name) ? ` — write \`${name}(…)\`` : '';
        this.report(diag(EXPR.MW4106, { message: `Methods cannot be called; only library functions, by name${lib}` }, loc(callee)));
      } else if (callee.type === 'Super') {
        this.report(diag(EXPR.MW4101, { what: CONSTRUCT_NAMES.Super }, loc(callee)));
      } else {
        this.report(diag(EXPR.MW4106, { message: 'Only library functions can be called, by name, e.g. `trim(x)`' }, loc(callee)));
      }
      return ANY;
    }
    const name = callee.name;
    if (!Object.prototype.hasOwnProperty.call(FUNCTIONS, name)) {
      for (const arg of n.arguments) if (arg.type !== 'SpreadElement') this.check(arg);
      if (FORBIDDEN_GLOBALS.has(name) || FORBIDDEN_MEMBERS.has(name)) return this.report(diag(EXPR.MW4103, { name }, loc(callee)));
      if (Object.prototype.hasOwnProperty.call(this.variables, name) || this.fieldByName.has(name)) {
        const t = Object.prototype.hasOwnProperty.call(this.variables, name) ? this.variables[name].type : fieldType(this.fieldByName.get(name)!);
        return this.report(diag(EXPR.MW4205, { name, type: t.type === 'any' ? 'data' : typeLabel(t).replace(/^an? /, '') }, loc(callee)));
      }
      return this.report(diag(EXPR.MW4203, { name, suggestion: suggest(name, Object.keys(FUNCTIONS)) }, loc(callee)));
    }
    const def = FUNCTIONS[name];
    this.functions.add(name);
    const params = def.params;
    const variadic = params.length > 0 && params[params.length - 1].variadic === true;
    const min = params.filter((p) => !p.optional && !p.variadic).length;
    const max = variadic ? Infinity : params.length;
    const args = n.arguments;
    for (const arg of args) if (arg.type === 'SpreadElement') this.report(diag(EXPR.MW4101, { what: CONSTRUCT_NAMES.SpreadElement }, loc(arg)));
    if (args.length < min || args.length > max) {
      const expected = min === max ? String(min) : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
      this.report(diag(EXPR.MW4301, { name, expected, got: args.length }, loc(n)));
    }
    const argTypes: ExprType[] = [];
    args.forEach((arg, i) => {
      if (arg.type === 'SpreadElement') return;
      const t = this.check(arg);
      argTypes.push(t);
      const p = params[Math.min(i, params.length - 1)];
      if (!p || (i >= params.length && !variadic)) return;
      const problem = mismatch(t, p);
      if (problem !== undefined) {
        this.report(diag(EXPR.MW4302, { name, index: i + 1, param: p.name, expected: expectedLabel(p), got: typeLabel(t), hint: problem || undefined }, loc(arg)));
      }
      if (p.literal) this.literalArg(def, p, arg, args);
      if (p.max !== undefined) {
        const v = constantNumber(arg);
        if (v !== undefined && v > p.max) this.report(diag(EXPR.MW4405, { name, param: p.name, max: p.max }, loc(arg)));
      }
    });
    if (def.returns.type === 'any' && def.name in SAME_AS_ARGS) return argTypes.reduce<ExprType>((x, y) => unify(x, y), { type: 'null' });
    return returnType(def.returns);
  }

  private literalArg(def: FunctionDef, p: FunctionDef['params'][number], arg: acorn.Expression, args: acorn.CallExpression['arguments']): void {
    const values: { value: string; node: acorn.Node }[] = [];
    if (arg.type === 'Literal' && typeof arg.value === 'string') values.push({ value: arg.value, node: arg });
    else if (p.literal === 'datePattern' && arg.type === 'ArrayExpression' && arg.elements.every((e) => e?.type === 'Literal' && typeof e.value === 'string')) {
      for (const e of arg.elements) values.push({ value: (e as acorn.Literal).value as string, node: e! });
    } else if (p.literal === 'datePattern') {
      return; // dynamic patterns are validated at run time
    } else {
      this.report(diag(EXPR.MW4401, { name: def.name, param: p.name, what: p.literal === 'regex' ? 'regular expression' : 'set of flags' }, loc(arg)));
      return;
    }
    for (const { value, node } of values) {
      if (p.literal === 'regex') {
        // The flags change what the pattern matches (`i`), so check them together when literal.
        const flagsAt = def.params.findIndex((q) => q.literal === 'regexFlags');
        const flagsArg = flagsAt >= 0 ? args[flagsAt] : undefined;
        const flags = flagsArg?.type === 'Literal' && typeof flagsArg.value === 'string' ? flagsArg.value : '';
        const problem = regexProblem(value, /^[imsu]*$/.test(flags) ? flags : '');
        if (problem) this.report(diag(problem.kind === 'unsafe' ? EXPR.MW4402 : EXPR.MW4403, { pattern: value, reason: problem.reason }, loc(node)));
      } else if (p.literal === 'regexFlags') {
        const problem = regexProblem('', value);
        if (problem) this.report(diag(EXPR.MW4106, { message: `Invalid regular expression ${problem.reason}` }, loc(node)));
      } else {
        const reason = datePatternProblem(value, true);
        if (reason) this.report(diag(EXPR.MW4404, { pattern: value, reason }, loc(node)));
      }
    }
  }
}

function constantNumber(node: acorn.Expression): number | undefined {
  if (node.type === 'Literal' && typeof node.value === 'number') return node.value;
  return undefined;
}

/** The value of a key expression built only from constants (literals, plain templates, `+`). */
function constantKey(node: acorn.Expression): string | undefined {
  if (node.type === 'ParenthesizedExpression') return constantKey(node.expression);
  if (node.type === 'Literal' && (typeof node.value === 'string' || typeof node.value === 'number')) return String(node.value);
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked ?? undefined;
  if (node.type === 'BinaryExpression' && node.operator === '+' && node.left.type !== 'PrivateIdentifier') {
    const l = constantKey(node.left);
    const r = constantKey(node.right);
    return l !== undefined && r !== undefined ? l + r : undefined;
  }
  return undefined;
}

/** Functions whose result has the type of their arguments (first non-empty, fallback…). */
export const SAME_AS_ARGS: Record<string, true> = { coalesce: true, defaultIfEmpty: true };
