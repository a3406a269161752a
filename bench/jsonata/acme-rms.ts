/**
 * JSONata baseline for the throughput benchmark: `acme-rms.jsonata` with the Mapwright function
 * library registered as `$lib_<name>` (the same implementations the compiled transform calls) and
 * the engine's identity, join and merge helpers registered under their own names. JSONata has no
 * UUID v5, list-merging or located rejects of its own, so those are registered too; without them
 * it could not produce the same document.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsonata from 'jsonata';
import { FUNCTION_IMPLS } from '../../mappings/functions/impl/index';
import { aggFirst, aggJoin, errorReject, extensions, isEmpty, keyedId, positionalId, RejectSignal, uuidBytes, type JoinIndex } from '../../mappings/runtime/helpers';

type Obj = Record<string, unknown>;
const NS = uuidBytes('3b241101-e2bb-4255-8caf-4136c566a962');
const READ = new Set(['committed_from', 'committed_to', 'created', 'crime_ref', 'domestic_flag', 'force_code', 'location', 'offence', 'outcome', 'persons', 'property', 'reported', 'status', 'vehicle_rows', 'vehicles']);
const hasOwn = Object.prototype.hasOwnProperty;

/** JSONata treats undefined as "no value" (the key is left out); the engine's empty is null or ''. */
const v = (x: unknown) => (x === null || x === '' ? undefined : x);
const list = (x: unknown): unknown[] => (x === undefined || x === null ? [] : Array.isArray(x) ? x.filter((y) => y !== undefined && y !== null) : [x]);

/** Flattens JSONata sequences and merges duplicate ids, first instance winning per field. */
function dedupe(parts: unknown): Obj[] {
  const out: Obj[] = [];
  const byId = new Map<string, Obj>();
  const add = (x: unknown) => {
    if (Array.isArray(x)) return x.forEach(add);
    if (x === undefined || x === null) return;
    const o = x as Obj;
    const prev = byId.get(o.id as string);
    if (!prev) {
      byId.set(o.id as string, o);
      out.push(o);
    } else for (const k of Object.keys(o)) if (!hasOwn.call(prev, k)) prev[k] = o[k];
  };
  add(parts);
  return out;
}

export interface JsonataContext {
  file?: string;
  record?: number;
  joins?: JoinIndex;
}

/** Compiles the expression once; returns an async transform with the compiled transform's result shape. */
export function createJsonataTransform() {
  const expr = jsonata(readFileSync(join(import.meta.dirname, 'acme-rms.jsonata'), 'utf8'));
  for (const [name, fn] of Object.entries(FUNCTION_IMPLS)) expr.registerFunction(`lib_${name}`, fn as (...a: unknown[]) => unknown);
  expr.registerFunction('v', v);
  expr.registerFunction('o', (x: unknown) => (x && typeof x === 'object' && Object.keys(x).length ? x : undefined));
  expr.registerFunction('list', list);
  expr.registerFunction('codeText', (x: unknown) => (isEmpty(x) ? undefined : typeof x === 'string' ? x : typeof x === 'number' || typeof x === 'boolean' ? String(x) : JSON.stringify(x)));
  expr.registerFunction('normCode', (s: string) => s.trim().toLowerCase());
  expr.registerFunction('keyedId', (entity: string, keys: unknown[]) => keyedId(NS, entity, keys));
  expr.registerFunction('positionalId', (entity: string, rule: string, ref: string | number | null, idx: number[]) => positionalId(NS, entity, rule, ref, idx ?? []));
  expr.registerFunction('aggJoin', (rows: unknown, field: string, sep: string) => aggJoin(list(rows).map((r) => (r as Obj)[field]), sep));
  expr.registerFunction('firstOf', (x: unknown) => aggFirst(list(x)));
  expr.registerFunction('extensions', (rec: unknown) => extensions(rec, READ));
  expr.registerFunction('dedupe', dedupe);
  expr.registerFunction('reject', (code: string, message: string) => {
    throw new RejectSignal(code, message);
  });
  return async (record: unknown, ctx: JsonataContext) => {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) return { ok: false as const, reject: { code: 'MW6103', message: 'The record is not an object.' } };
    try {
      const joinedRows = (key: unknown) => {
        const hits = typeof key === 'string' ? ctx.joins?.['j-vehicle-rows']?.get(key) : undefined;
        return hits ? hits.slice() : [];
      };
      const r = (await expr.evaluate(record, { ctx: { file: ctx.file, record: ctx.record }, joinedRows })) as { ok: true; output: Obj };
      return r;
    } catch (e) {
      return { ok: false as const, reject: errorReject(e) };
    }
  };
}
