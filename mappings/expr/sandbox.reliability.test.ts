/**
 * Reliability: the expression sandbox against a corpus of escape attempts
 * (`reliability/corpora/expression-escapes.txt`) plus generated ones. Every attempt must be refused
 * by the checker with a located MW4xxx error, or pass the check and then be stopped by a run-time
 * limit (ExprRuntimeError) — in-process (check, compile, evaluator, compiled code) and through the
 * `mapwright eval` CLI. Canaries (a `globalThis.__pwned` setter, a file the payloads try to write,
 * Object.prototype pollution) prove nothing ran.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkExpression, compileExpression, evaluateExpression, EXPR_RUNTIME, ExprRuntimeError, FORBIDDEN_GLOBALS, FORBIDDEN_MEMBERS } from './index';
import { FUNCTION_IMPLS } from '../functions/impl/index';
import { TEST_SCOPE } from './__fixtures__/scope';
import { mapwright, readCorpus, report, runs, SEED, tempDir } from '../../reliability/support';

const tmp = tempDir('mapwright-sandbox-');
const CANARY = path.join(tmp.dir, 'pwned');
const corpus = readCorpus('expression-escapes.txt').map((l) => l.replaceAll('@CANARY@', CANARY));

/** Hostile but well-formed data: long strings for the limits, keys that name built-ins. */
const RECORD = {
  name: 'a'.repeat(9_000) + '!',
  k: 'constructor',
  data: { x: 1 },
  count: 3,
  amount: 1.5,
  items: [{ code: 'a', qty: 1 }],
  tags: ['x'],
  persons: [{ surname: 'S' }],
};
const BINDINGS = { '': 's', person: 'p', $record: 'r', $index: 'i' };

/** refused: check error; limited: a run-time limit threw; guarded: a data-dependent key read nothing. */
type Outcome = 'refused' | 'limited' | 'guarded';

/** Checks, and if the check passes, runs both engines; returns how the attempt was stopped. */
function attempt(code: string): Outcome {
  const r = checkExpression(code, TEST_SCOPE);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  const compiled = compileExpression(code, TEST_SCOPE, { bindings: BINDINGS });
  if (errors.length > 0) {
    for (const d of errors) {
      expect(d.code).toMatch(/^MW4\d{3}$/);
      expect(d.location.line).toBeGreaterThanOrEqual(1);
      expect(d.location.column).toBeGreaterThanOrEqual(1);
    }
    expect(compiled.js, 'refused code is never compiled').toBeUndefined();
    return 'refused';
  }
  // Passed the check (a computed key or a big value): both engines must either hit a limit or read
  // nothing — and agree on which.
  const scopes = { '': RECORD, $record: RECORD, person: RECORD.persons[0], $index: 0 };
  const fn = new Function('$rt', '$fn', '$ctx', 's', 'p', 'r', 'i', `"use strict"; return (${compiled.js});`);
  const outcome = (run: () => unknown): Outcome => {
    try {
      const v = run();
      expect(v, `${code} read something`).toBeUndefined();
      return 'guarded';
    } catch (e) {
      expect(e).toBeInstanceOf(ExprRuntimeError);
      return 'limited';
    }
  };
  const evaluated = outcome(() => evaluateExpression(code, TEST_SCOPE, { scopes }));
  expect(outcome(() => fn(EXPR_RUNTIME, FUNCTION_IMPLS, {}, RECORD, RECORD.persons[0], RECORD, 0))).toBe(evaluated);
  return evaluated;
}

let pwned = 0;
const counts = { corpus: corpus.length, refused: 0, limited: 0, guarded: 0, generated: 0, cli: 0 };

beforeAll(() => {
  Object.defineProperty(globalThis, '__pwned', {
    configurable: true,
    set: () => void pwned++,
    get: () => (pwned++, undefined),
  });
});
afterAll(() => {
  delete (globalThis as Record<string, unknown>).__pwned;
  report('expression sandbox', counts);
  tmp.cleanup();
});

function assertCanaries() {
  expect(pwned, 'globalThis.__pwned was touched').toBe(0);
  expect(fs.existsSync(CANARY), `${CANARY} was created`).toBe(false);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
}

describe(`sandbox corpus: ${corpus.length} escape attempts`, () => {
  it('holds at least 150 distinct attempts', () => {
    expect(new Set(corpus).size).toBe(corpus.length);
    expect(corpus.length).toBeGreaterThanOrEqual(150);
  });

  it.each(corpus.map((c) => [c.length > 70 ? `${c.slice(0, 70)}…` : c, c]))('in-process: %s', (_label, code) => {
    counts[attempt(code)]++;
    assertCanaries();
  });

  const huge = [
    `'${'x'.repeat(20_000)}'`,
    `${'('.repeat(10_000)}1${')'.repeat(10_000)}`,
    `${'['.repeat(5_000)}1${']'.repeat(5_000)}`,
    `${'!'.repeat(9_999)}1`,
    `${'1+'.repeat(4_999)}1`,
    `${'trim('.repeat(1_600)}1${')'.repeat(1_600)}`,
    `data${'.a'.repeat(4_000)}`,
    `'${'\\u0041'.repeat(1_900)}'`,
    `data${"['constructor']".repeat(600)}`,
  ];
  it(`in-process: ${huge.length} generated DoS attempts (huge source, deep nesting) are refused fast`, () => {
    for (const code of huge) {
      const r = checkExpression(code, TEST_SCOPE);
      expect(r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
      counts.refused++;
    }
    assertCanaries();
  });
});

describe('sandbox: generated attempts (fast-check)', () => {
  const dangerousGlobals = [...FORBIDDEN_GLOBALS];
  const dangerousMembers = [...FORBIDDEN_MEMBERS];
  const safeMembers = ['a', 'b', 'code', 'x', 'surname', 'length'];
  const escapeIdent = (s: string) => s.replace(/^./, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const member = fc.oneof(
    fc.constantFrom(...dangerousMembers).map((m) => ({ m, bad: true })),
    fc.constantFrom(...safeMembers).map((m) => ({ m, bad: false })),
  );
  const access = (m: string, style: number) =>
    [
      `.${m}`,
      `['${m}']`,
      `?.${m}`,
      `?.['${m}']`,
      `[\`${m}\`]`,
      `['${m.slice(0, 1)}' + '${m.slice(1)}']`,
      `[concat('${m.slice(0, 2)}', '${m.slice(2)}')]`,
      /^[A-Za-z_$]/.test(m) ? `.${escapeIdent(m)}` : `['${m}']`,
    ][style];
  const root = fc.oneof(
    fc.constantFrom('data', '$record', '$', 'person', 'items[0]', "''", '(0)', '[]', '({})', 'tags').map((r) => ({ r, bad: false })),
    fc.constantFrom(...dangerousGlobals).map((r) => ({ r, bad: true })),
    fc.constantFrom(...dangerousGlobals).map((r) => ({ r: escapeIdent(r), bad: true })),
  );
  const chain = fc
    .tuple(root, fc.array(fc.tuple(member, fc.integer({ min: 0, max: 7 })), { minLength: 0, maxLength: 6 }), fc.constantFrom('', '()', "('return process')()"))
    .filter(([r, ms]) => r.bad || ms.some(([m]) => m.bad));

  it(`random member chains through dangerous names are refused (${runs(400)} runs)`, () => {
    fc.assert(
      fc.property(chain, ([r, ms, tail]) => {
        const code = r.r + ms.map(([m, style]) => access(m.m, style)).join('') + tail;
        counts.generated++;
        const o = attempt(code);
        // A literal dangerous name is always refused; only computed keys (concat) get past the
        // checker, and those must read nothing.
        expect(o === 'refused' || (o === 'guarded' && /concat\(|\$\{/.test(code))).toBe(true);
      }),
      { numRuns: runs(400), seed: SEED },
    );
    assertCanaries();
  });

  it(`dangerous names wrapped in calls, templates, objects and lists are refused (${runs(200)} runs)`, () => {
    const bad = fc.oneof(fc.constantFrom(...dangerousGlobals), fc.constantFrom(...dangerousMembers).map((m) => `data.${m}`));
    const wrap = fc.constantFrom(
      (x: string) => `trim(${x})`,
      (x: string) => `\`\${${x}}\``,
      (x: string) => `({ a: ${x} })`,
      (x: string) => `[1, ${x}]`,
      (x: string) => `flag ? 1 : ${x}`,
      (x: string) => `coalesce(name, ${x})`,
      (x: string) => `(${x})`,
      (x: string) => `!${x}`,
      (x: string) => `${x} ?? 1`,
    );
    fc.assert(
      fc.property(bad, fc.array(wrap, { minLength: 1, maxLength: 4 }), (x, ws) => {
        counts.generated++;
        expect(attempt(ws.reduce((acc, w) => w(acc), x))).toBe('refused');
      }),
      { numRuns: runs(200), seed: SEED },
    );
    assertCanaries();
  });
});

describe('sandbox: the CLI refuses the same attempts', () => {
  // Each CLI start costs about a second of tsx start-up, so a representative batch runs in parallel.
  const sample = [
    "data.constructor.constructor('return process')()",
    `require('fs').writeFileSync('${CANARY}', 'pwned')`,
    'process.mainModule.require(\'child_process\').execSync(\'id\')',
    "data['constr' + 'uctor']",
    '\\u0065val(\'globalThis.__pwned = 1\')',
    "import('node:child_process')",
    "regexTest(name, '(a+)+$')",
    'padStart(name, 1e9)',
    `${'('.repeat(10_000)}1${')'.repeat(10_000)}`,
  ];
  it(`mapwright eval: ${sample.length} attempts exit 1 with an MW4xxx error and no output`, async () => {
    const input = path.join(tmp.dir, 'record.json');
    fs.writeFileSync(input, JSON.stringify({ name: 'aaaa', data: { x: 1 }, k: 'constructor' }));
    const results = await Promise.all(sample.map((code) => mapwright(['eval', code, '--input', input], { timeoutMs: 90_000 })));
    results.forEach((r, i) => {
      expect(r.code, `${sample[i].slice(0, 60)}: ${r.stderr}`).toBe(1);
      expect(r.stderr).toMatch(/MW4\d{3}/);
      expect(r.stdout).toBe('');
      counts.cli++;
    });
    assertCanaries();
  });
});
