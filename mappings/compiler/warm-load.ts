/**
 * Loading compiled mappings in an editor, where every edit compiles a new module that differs from
 * the last one in one rule. `loadCompiled` evaluates a whole module each time, so every rule's code
 * starts cold: parsed again, interpreted, and optimised again by V8 only after many records. That
 * cold start was most of the preview's first-stage time after an edit (measured in issue 7). This
 * loader evaluates a module from its parts (`CompileResult.parts`) and keeps each function and each
 * constant it has already built, by exact text: a rule that did not change keeps the very function
 * object it had, warm, and only changed rules (and the small `transform`) are evaluated again.
 *
 * Same code, same result: a unit's text, the constants it reads and the functions it calls are its
 * cache key, and `assembleModule` joins the same parts into the module that `mapwright run` and the
 * bundle load (`warm-load.test.ts` checks both give the same results on every golden fixture).
 */
import { ENGINE } from '../runtime/engine';
import { PRELUDE, type CompiledMeta, type CompiledParts, type CompiledTransform, type CompiledUnit } from './compile';

export interface WarmLoader {
  /** A transform for compiled parts, reusing every function and constant already built from the same text. */
  load(parts: CompiledParts): CompiledTransform;
  /** Functions built and reused so far (for tests and benchmarks). */
  stats(): { built: number; reused: number; cached: number };
}

interface Built {
  /** Serial number, part of the key of functions that call this one. */
  serial: number;
  fn: unknown;
}

/**
 * Functions and constants kept. A few documents' worth: an editing session replaces rules one at a
 * time, and undo goes back a few steps; the oldest entries go first.
 */
const MAX_ENTRIES = 512;

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  cache.set(key, value);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return value;
}

function recall<V>(cache: Map<string, V>, key: string): V | undefined {
  const hit = cache.get(key);
  if (hit !== undefined) {
    // Most recently used last, so the oldest go first.
    cache.delete(key);
    cache.set(key, hit);
  }
  return hit;
}

/**
 * A loader with its own caches (one per worker that previews). Only parts produced by
 * `compileMapping` are accepted, as with `loadCompiled`: user text in them is JSON literals or
 * checked expression code.
 */
export function createWarmLoader(engine: unknown = ENGINE): WarmLoader {
  const constants = new Map<string, unknown>();
  const functions = new Map<string, Built>();
  let serial = 0;
  let built = 0;
  let reused = 0;

  /** Values of constants by `name = text`; the missing ones are evaluated together. */
  function constantValues(parts: CompiledParts): Map<string, unknown> {
    const byName = new Map<string, unknown>();
    const missing: { key: string; name: string; text: string }[] = [];
    const all = [{ name: 'NS', text: parts.ns }, ...parts.consts];
    for (const c of all) {
      const key = `${c.name} = ${c.text}`;
      if (constants.has(key)) byName.set(c.name, recall(constants, key));
      else missing.push({ key, ...c });
    }
    if (missing.length) {
      const make = new Function('ENGINE', `'use strict';\n${PRELUDE}\nreturn [\n${missing.map((c) => c.text).join(',\n')}\n];`) as (e: unknown) => unknown[];
      const values = make(engine);
      missing.forEach((c, i) => {
        byName.set(c.name, values[i]);
        remember(constants, c.key, values[i]);
      });
    }
    return byName;
  }

  function unitFunction(unit: CompiledUnit, parts: CompiledParts, values: Map<string, unknown>, callees: Map<string, Built>): Built {
    const uses = ['NS', ...unit.uses];
    const constText = new Map([['NS', parts.ns], ...parts.consts.map((c) => [c.name, c.text] as const)]);
    const key = [unit.text, ...uses.map((n) => `${n} = ${constText.get(n)}`), ...unit.calls.map((n) => `${n}#${callees.get(n)!.serial}`)].join('\u0000');
    const hit = recall(functions, key);
    if (hit) {
      reused++;
      return hit;
    }
    const params = [...uses, ...unit.calls];
    const make = new Function('ENGINE', ...params, `'use strict';\n${PRELUDE}\nreturn ${unit.text};`) as (...a: unknown[]) => unknown;
    const fn = make(engine, ...uses.map((n) => values.get(n)), ...unit.calls.map((n) => callees.get(n)!.fn));
    built++;
    return remember(functions, key, { serial: serial++, fn });
  }

  return {
    load(parts) {
      const values = constantValues(parts);
      const callees = new Map<string, Built>();
      for (const u of parts.units) callees.set(u.name, unitFunction(u, parts, values, callees));
      const transform = unitFunction(parts.transform, parts, values, callees).fn as CompiledTransform['transform'];
      // A copy: callers own the meta they get, as with a freshly evaluated module.
      return { transform, meta: JSON.parse(JSON.stringify(parts.meta)) as CompiledMeta };
    },
    stats: () => ({ built, reused, cached: functions.size }),
  };
}
