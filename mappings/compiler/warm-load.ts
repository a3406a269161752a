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
 * Functions and constants kept: a few documents' worth, since an editing session replaces rules one
 * at a time and undo goes back a few steps. At least this many, and four times the largest module
 * loaded, so a mapping with thousands of rules still finds its unchanged rules; the oldest go first.
 */
const MIN_ENTRIES = 512;
const limit = (units: number) => Math.max(MIN_ENTRIES, 4 * units);

function remember<V>(cache: Map<string, V>, key: string, value: V, max: number): V {
  cache.set(key, value);
  while (cache.size > max) cache.delete(cache.keys().next().value!);
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
        remember(constants, c.key, values[i], limit(all.length));
      });
    }
    return byName;
  }

  /** The cache key of a unit: its text, the text of every constant it reads and the functions it calls. */
  function keyOf(unit: CompiledUnit, constText: Map<string, string>, callees: Map<string, Built>): string {
    let key = unit.text;
    key += `\u0000NS = ${constText.get('NS')}`;
    for (const n of unit.uses) key += `\u0000${n} = ${constText.get(n)}`;
    for (const n of unit.calls) key += `\u0000${n}#${callees.get(n)!.serial}`;
    return key;
  }

  /**
   * Builds units in one `new Function` (a 500-rule mapping would otherwise pay for 500 of them on
   * its first load): each receives the constants and functions it names as parameters.
   */
  function build(units: CompiledUnit[], values: Map<string, unknown>, callees: Map<string, Built>): Built[] {
    const names = [...new Set(['NS', ...units.flatMap((u) => [...u.uses, ...u.calls])])];
    const make = new Function('ENGINE', ...names, `'use strict';\n${PRELUDE}\nreturn [\n${units.map((u) => u.text).join(',\n')}\n];`) as (...a: unknown[]) => unknown[];
    const fns = make(engine, ...names.map((n) => (values.has(n) ? values.get(n) : callees.get(n)!.fn)));
    built += units.length;
    return fns.map((fn) => ({ serial: serial++, fn }));
  }

  /** Units by name: cached ones as they are, the rest built together and cached. */
  function units(list: CompiledUnit[], constText: Map<string, string>, values: Map<string, unknown>, callees: Map<string, Built>, into: Map<string, Built>) {
    const missing: { unit: CompiledUnit; key: string }[] = [];
    for (const unit of list) {
      const key = keyOf(unit, constText, callees);
      const hit = recall(functions, key);
      if (hit) {
        reused++;
        into.set(unit.name, hit);
      } else missing.push({ unit, key });
    }
    if (!missing.length) return;
    const made = build(
      missing.map((m) => m.unit),
      values,
      callees,
    );
    missing.forEach((m, i) => into.set(m.unit.name, remember(functions, m.key, made[i], limit(list.length))));
  }

  return {
    load(parts) {
      const values = constantValues(parts);
      const constText = new Map([['NS', parts.ns], ...parts.consts.map((c) => [c.name, c.text] as const)]);
      const callees = new Map<string, Built>();
      units(parts.units, constText, values, callees, callees);
      const top = new Map<string, Built>();
      units([parts.transform], constText, values, callees, top);
      // A copy: callers own the meta they get, as with a freshly evaluated module.
      return { transform: top.get('transform')!.fn as CompiledTransform['transform'], meta: JSON.parse(JSON.stringify(parts.meta)) as CompiledMeta };
    },
    stats: () => ({ built, reused, cached: functions.size }),
  };
}
