/**
 * Sandbox escape suite: every attempt must be refused by the checker with a located error, and a
 * subset is also run through the run-time guards (evaluator, compiled code, helpers) directly, to
 * show they hold even for code that bypassed the checker.
 */
import { describe, expect, it } from 'vitest';
import { checkExpression, compileExpression, evaluateExpression, EXPR_RUNTIME, ExprRuntimeError } from './index';
import { FUNCTION_IMPLS } from '../functions/impl/index';
import { TEST_SCOPE } from './__fixtures__/scope';

const deep = (open: string, close: string, n: number) => `${open.repeat(n)}1${close.repeat(n)}`;

const ATTEMPTS: string[] = [
  // prototype and constructor chains
  "data.constructor.constructor('return process')()",
  'data.constructor',
  "data['constructor']",
  "data['constr' + 'uctor']",
  "data['__pro' + 'to__']",
  'data[`constructor`]',
  "data['constr' + 'uct' + 'or']",
  'data.__proto__',
  "data['__proto__']",
  'data.__proto__.polluted',
  'data.prototype',
  'data.__defineGetter__',
  "data.__lookupGetter__('x')",
  "data.hasOwnProperty('x')",
  'data.valueOf()',
  'data.toString()',
  'data.isPrototypeOf(data)',
  'data.propertyIsEnumerable',
  'data.toLocaleString',
  'data.__defineSetter__',
  'data.__lookupSetter__',
  'name.constructor',
  'name.constructor.fromCharCode(65)',
  'items.constructor',
  'items.map',
  'name.call',
  'name.apply',
  'name.bind',
  "trim.call(null, 'x')",
  "trim.constructor('return process')()",
  '(0).constructor',
  "''.constructor.constructor('return this')()",
  '[].constructor',
  '({}).constructor',
  '`${data.constructor}`',
  'true.constructor',
  'data?.constructor',
  "data?.['constructor']",
  'data.caller',
  'data.callee',
  'data.arguments',
  'person.constructor',
  '$record.__proto__',
  '$.constructor',
  "$['__proto__']",
  // globals and host access
  'process',
  'process.env',
  "process.mainModule.require('child_process')",
  "require('fs')",
  'module',
  'exports',
  'globalThis',
  'global',
  'window',
  'self',
  'this',
  'this.constructor',
  'arguments',
  "eval('1')",
  "Function('return process')()",
  "new Function('return 1')",
  'Symbol',
  'Symbol.iterator',
  'Reflect.ownKeys(data)',
  'Proxy',
  'new Proxy({}, {})',
  'Atomics',
  'WebAssembly',
  "setTimeout('1', 0)",
  'setInterval',
  'setImmediate',
  'queueMicrotask',
  "fetch('http://example.invalid')",
  'XMLHttpRequest',
  'Buffer',
  '__dirname',
  "import('fs')",
  'import.meta',
  'new.target',
  'Object.keys(data)',
  'Object',
  'Array.from',
  "JSON.parse('{}')",
  'Math.random()',
  'Date.now()',
  'Promise',
  'Error',
  'structuredClone',
  'SharedArrayBuffer',
  'Intl',
  'constructor',
  '__proto__',
  'hasOwnProperty',
  // unicode and escaped spellings (acorn decodes them; the checker sees the real name)
  '\\u0070rocess',
  'pro\\u0063ess',
  '\\u{70}rocess',
  'data.\\u0063onstructor',
  'data.__\\u0070roto__',
  "\\u0065val('1')",
  'glob\\u0061lThis',
  "data['\\u0063onstructor']",
  'data["\\x63onstructor"]',
  '\\u0063onstructor',
  // object literals
  '({ get x() { return 1 } })',
  '({ set x(v) {} })',
  '({ x() { return 1 } })',
  '({ __proto__: data })',
  "({ ['a' + 'b']: 1 })",
  '({ ...data })',
  '({ constructor: 1 })',
  '({ "__proto__": null })',
  '({ async x() {} })',
  '({ *g() {} })',
  '({ a: globalThis })',
  // functions, classes and statements
  '() => 1',
  'function () { return 1 }',
  '(function () { return this })()',
  'class A {}',
  "name = 'x'",
  "name += 'x'",
  'data.x = 1',
  'name++',
  '--name',
  '(name, data)',
  'name, data',
  'delete data.x',
  'void 0',
  "'x' in data",
  'data instanceof Object',
  'await name',
  'yield name',
  'trim`name`',
  'String.raw`x`',
  'with (data) name',
  'trim(...items)',
  '[...items]',
  'name.trim()',
  'items.push(1)',
  'trim?.(name)',
  "name == 'x'",
  "name != 'x'",
  '1 | 2',
  '~count',
  '1 << 2',
  '/a/.test(name)',
  '1n',
  'super.x',
  'new Date()',
  'debugger',
  'name; process',
  'name // fine\nprocess',
  '#x in data',
  'async () => 1',
  'label: name',
  '`${process}`',
  '`${constructor}`',
  'coalesce(process, 1)',
  '[constructor]',
  '[1,,2]',
  '1e999',
  // size limits
  'padStart(name, 1e9)',
  "padEnd('', 2000000)",
  "'x'.repeat(1e9)",
  deep('(', ')', 10_000),
  deep('(', ')', 4_999),
  deep('[', ']', 4_999),
  deep('{a:', '}', 2_400),
  `${'!'.repeat(9_999)}1`,
  `${'- '.repeat(4_999)}1`,
  `${'typeof '.repeat(1_400)}1`,
  `${'trim('.repeat(1_600)}1${')'.repeat(1_600)}`,
  `${'1+'.repeat(4_999)}1`,
  `${'1?1:'.repeat(1_900)}1`,
  `${'a?.b'.repeat(1)}${'.b'.repeat(2_499)}`,
  'name + '.repeat(2_000) + 'name',
  `[${'1,'.repeat(3_000)}1]`,
  // catastrophic regexes and regex abuse
  "regexTest(name, '(a+)+$')",
  "regexTest(name, '(a|aa)*b')",
  "regexTest(name, '(.*a){20}')",
  "regexTest(name, '(\\\\w+\\\\s?)*$')",
  "regexTest(name, '^(a+)+$')",
  "regexTest(name, '(x+x+)+y')",
  "regexTest(name, '(\\\\d*)*')",
  "regexTest(name, '(a|a)*')",
  "regexTest(name, '.*.*.*=')",
  "regexTest(name, '(.+)\\\\1')",
  'regexTest(name, k)',
  "regexTest(name, 'a', 'g')",
  "regexReplace(name, '([a-z]+)*', '')",
  "regexExtract(name, '(?:a+){2,}')",
  "regexTest(name, '(a?){25}a{25}')",
  "regexTest(name, '(A|a)+', 'i')",
  "regexTest(name, '[')",
];

describe(`sandbox: ${ATTEMPTS.length} escape attempts are rejected at check time`, () => {
  it('has at least 120 distinct attempts', () => {
    expect(new Set(ATTEMPTS).size).toBe(ATTEMPTS.length);
    expect(ATTEMPTS.length).toBeGreaterThanOrEqual(120);
  });
  it.each(ATTEMPTS.map((a) => [a.length > 60 ? `${a.slice(0, 60)}… (${a.length} chars)` : a, a]))('%s', (_label, code) => {
    const r = checkExpression(code, TEST_SCOPE);
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    for (const d of errors) {
      expect(d.code).toMatch(/^MW4\d{3}$/);
      expect(d.location.line).toBeGreaterThanOrEqual(1);
      expect(d.location.column).toBeGreaterThanOrEqual(1);
      expect(d.message.length).toBeGreaterThan(10);
    }
    // Nothing that fails the check is ever compiled.
    expect(compileExpression(code, TEST_SCOPE, { bindings: { '': 's', person: 'p', $record: 'r', $index: 'i' } }).js).toBeUndefined();
  });
});

describe('sandbox: run-time guards hold for data-dependent keys and hostile values', () => {
  const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', '__defineGetter__', 'hasOwnProperty', 'caller', 'call'];
  const run = (code: string, record: Record<string, unknown>) => evaluateExpression(code, TEST_SCOPE, { scopes: { '': record } });
  const compiled = (code: string, record: Record<string, unknown>) => {
    const js = compileExpression(code, TEST_SCOPE, { bindings: { '': 's' } }).js!;
    return new Function('$rt', '$fn', '$ctx', 's', `"use strict"; return (${js});`)(EXPR_RUNTIME, FUNCTION_IMPLS, {}, s(record));
  };
  const s = (r: Record<string, unknown>) => r;

  it.each(HOSTILE_KEYS)('data[k] with k = %s from the data reads nothing inherited (evaluator and compiled)', (key) => {
    for (const target of [{}, [], 'text', { nested: {} }]) {
      const record = { data: target, k: key };
      expect(run('data[k]', record)).toBeUndefined();
      expect(compiled('data[k]', record)).toBeUndefined();
      expect(run('data[k][k]', record)).toBeUndefined();
    }
  });

  it('an own "__proto__" key from JSON is plain data, not the prototype', () => {
    const data = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    const v = run('data[k]', { data, k: '__proto__' });
    expect(v).toEqual({ polluted: true });
    expect(v).not.toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('getters on data objects are never invoked', () => {
    let called = 0;
    const data = Object.defineProperty({}, 'x', { get: () => ++called, enumerable: true });
    expect(run("data['x']", { data })).toBeUndefined();
    expect(compiled('data.x', { data })).toBeUndefined();
    expect(called).toBe(0);
  });

  it('functions and class instances in the data read as undefined', () => {
    const data = { fn: () => process, date: new Date(0), map: new Map([['a', 1]]) };
    expect(run('data.fn', { data })).toBeUndefined();
    expect(run('data.date.getTime', { data })).toBeUndefined();
    expect(run("data.map['a']", { data })).toBeUndefined();
  });

  it('`+` and templates never call toString/valueOf on data objects', () => {
    let called = 0;
    const data = { toString: () => (called++, 'x'), valueOf: () => (called++, 1) };
    expect(() => run("data + ''", { data })).toThrow(ExprRuntimeError);
    expect(() => run('`${data}`', { data })).toThrow(ExprRuntimeError);
    expect(() => run('data < 1', { data })).toThrow(ExprRuntimeError);
    expect(called).toBe(0);
  });

  it('object literals cannot set a prototype, even through the helper', () => {
    const o = EXPR_RUNTIME.obj(['__proto__', { polluted: true }]);
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(o, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('the runtime helpers and function table are frozen', () => {
    expect(Object.isFrozen(EXPR_RUNTIME)).toBe(true);
    expect(Object.isFrozen(FUNCTION_IMPLS)).toBe(true);
    expect(() => {
      (EXPR_RUNTIME as unknown as Record<string, unknown>).get = () => process;
    }).toThrow(TypeError);
  });

  it('huge strings are refused at run time', () => {
    expect(() => run('padStart(name, count)', { name: 'x', count: 1e9 })).toThrow(/over the limit/);
    const big = 'x'.repeat(600_000);
    expect(() => run('name + name', { name: big })).toThrow(/over the limit/);
    expect(() => run('`${name}${name}`', { name: big })).toThrow(/over the limit/);
    expect(() => run("join([name, name], '')", { name: big })).toThrow(/over the limit/);
    expect(() => run("replace(name, 'x', 'yy')", { name: big })).toThrow(/over the limit/);
  });

  it('regex implementations re-check patterns and cap their input, even when called directly', () => {
    expect(() => FUNCTION_IMPLS.regexTest('aaaa', '(a+)+$')).toThrow(/unsafe pattern/);
    expect(() => FUNCTION_IMPLS.regexReplace('aaaa', '(a|aa)*b', '')).toThrow(/unsafe pattern/);
    expect(() => FUNCTION_IMPLS.regexTest('a'.repeat(20_000), 'a+$')).toThrow(/limit/);
  });

  it('field names never reach generated code except as JSON strings', () => {
    const evil = '"]); process.exit(1); (["';
    const scope = { fields: [{ path: evil, name: evil, type: 'string' as const, cardinality: 'one' as const }] };
    const code = `$[${JSON.stringify(evil)}]`;
    const js = compileExpression(code, scope, { bindings: { '': 's' } }).js!;
    expect(js).toBe(`$rt.get(s, ${JSON.stringify(evil)})`);
    const value = new Function('$rt', 's', `return (${js});`)(EXPR_RUNTIME, { [evil]: 'ok' });
    expect(value).toBe('ok');
  });

  it('bindings must be plain identifiers', () => {
    expect(() => compileExpression('name', TEST_SCOPE, { bindings: { '': 's); process.exit(1); (s' } })).toThrow(/identifier/);
    expect(() => compileExpression('name', TEST_SCOPE, { bindings: {} })).toThrow(/no binding/);
  });
});
