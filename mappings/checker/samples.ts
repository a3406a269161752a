/**
 * Evaluates value nodes over sample records, for the checks that need data: value-map gaps, join
 * key matches and filters that reject everything. This is a best-effort reading, not the
 * transform: anything it cannot evaluate statically (expressions, failing functions) comes back
 * as `UNKNOWN` and the data checks skip it rather than guess.
 */
import type { JoinDecl, MappingDocument, ValueMapDecl, ValueNode } from '../document/types';
import { parsePath } from '../model/field-tree';
import { joinKey } from '../runtime/helpers';
import type { ExprScope } from '../expr/types';
import { exprScopeOf, type RuleScope } from './scope';

/** Marks a value the checker could not work out from the samples. */
export const UNKNOWN: unique symbol = Symbol('unknown');
export type Sampled = unknown[] | typeof UNKNOWN;

/** Scope values for one loop iteration: frame name → element (`$record` → the record). */
export type Binding = Record<string, unknown>;

export interface SampleEnv {
  /** Function implementations by name (from the function library). */
  fn: (name: string) => ((...args: unknown[]) => unknown) | undefined;
  /** Whether the function receives the run-time context first. */
  fnTakesContext: (name: string) => boolean;
  valueMaps: Map<string, ValueMapDecl>;
  /** Resolves a value map entry (explicit entries, then the crosswalk); undefined = unmapped. */
  lookup: (vm: ValueMapDecl, value: string) => string | undefined;
  /** Evaluates expression code in a scope; throws when it cannot. */
  expr?: (code: string, scope: ExprScope, binding: Binding) => unknown;
}

/** Reads a relative path from a value; `[]` segments fan out over arrays. */
export function readPath(value: unknown, path: string): unknown[] {
  if (path === '') return value === undefined ? [] : [value];
  let segs: { name: string; many: boolean }[];
  try {
    segs = parsePath(path);
  } catch {
    return [];
  }
  let current: unknown[] = [value];
  for (const seg of segs) {
    const next: unknown[] = [];
    for (const v of current) {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) continue;
      const child = (v as Record<string, unknown>)[seg.name];
      if (child === undefined) continue;
      if (seg.many) {
        if (Array.isArray(child)) next.push(...child);
        else if (child !== null) next.push(child); // a single XML repeat reads as one element
      } else next.push(child);
    }
    current = next;
  }
  return current;
}

/** Every loop iteration of a rule's scope for one record, outermost loop first. */
export function bindings(scope: RuleScope, record: unknown): Binding[] {
  let out: Binding[] = [{ $record: record, '': record }];
  for (const frame of scope.frames.slice(1)) {
    const next: Binding[] = [];
    for (const b of out) {
      const inner = b[''];
      for (const el of readPath(inner, frame.loopPath ?? '')) next.push({ ...b, [frame.name]: el, '': el });
    }
    out = next;
  }
  return out;
}

function truthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  return v !== null && v !== undefined && v !== false && v !== 0 && v !== '' && !Number.isNaN(v);
}

/** Evaluates a node in one binding. Many-valued nodes return several values; absent → []. */
export function evalNode(node: ValueNode, b: Binding, env: SampleEnv, scope?: ExprScope): Sampled {
  switch (node.kind) {
    case 'const':
      return [node.value];
    case 'field': {
      const base = node.scope ? b[node.scope] : b[''];
      if (base === undefined && node.scope && !(node.scope in b)) return UNKNOWN;
      return readPath(base, node.path);
    }
    case 'call': {
      const impl = env.fn(node.fn);
      if (!impl) return UNKNOWN;
      const args: unknown[] = [];
      for (const a of node.args) {
        const v = evalNode(a, b, env, scope);
        if (v === UNKNOWN) return UNKNOWN;
        args.push(v.length <= 1 ? (v[0] ?? null) : v);
      }
      try {
        const r = env.fnTakesContext(node.fn) ? impl({ params: {} }, ...args) : impl(...args);
        return r === undefined ? [] : [r];
      } catch {
        return UNKNOWN;
      }
    }
    case 'map': {
      const vm = env.valueMaps.get(node.valueMap);
      const input = evalNode(node.input, b, env, scope);
      if (!vm || input === UNKNOWN) return UNKNOWN;
      const out: unknown[] = [];
      for (const v of input) {
        if (v === null || v === undefined || v === '') continue;
        const hit = env.lookup(vm, String(v));
        if (hit !== undefined) out.push(hit);
        else if (vm.unmapped.policy === 'default') out.push(vm.unmapped.value);
        else if (vm.unmapped.policy === 'passthrough') out.push(String(v));
        else return UNKNOWN; // a reject: the record would not produce a value at all
      }
      return out;
    }
    case 'cond': {
      for (const br of node.branches) {
        const w = evalNode(br.when, b, env, scope);
        if (w === UNKNOWN) return UNKNOWN;
        if (truthy(w.length <= 1 ? w[0] : w)) return evalNode(br.then, b, env, scope);
      }
      return node.else ? evalNode(node.else, b, env, scope) : [];
    }
    case 'aggregate': {
      const v = evalNode(node.input, b, env, scope);
      if (v === UNKNOWN) return UNKNOWN;
      switch (node.op) {
        case 'first':
          return v.length ? [v[0]] : [];
        case 'last':
          return v.length ? [v[v.length - 1]] : [];
        case 'count':
          return [v.length];
        case 'join':
          return [v.filter((x) => x !== null && x !== undefined && x !== '').map(String).join(node.separator ?? ', ')];
        case 'distinct':
          return [[...new Set(v)]];
      }
      return UNKNOWN;
    }
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, n] of Object.entries(node.fields)) {
        const v = evalNode(n, b, env, scope);
        if (v === UNKNOWN) return UNKNOWN;
        if (v.length) o[k] = v.length === 1 ? v[0] : v;
      }
      return [o];
    }
    case 'array': {
      const items: unknown[] = [];
      for (const n of node.items) {
        const v = evalNode(n, b, env, scope);
        if (v === UNKNOWN) return UNKNOWN;
        items.push(...v);
      }
      return [items];
    }
    case 'expr': {
      if (!env.expr || !scope) return UNKNOWN;
      try {
        const v = env.expr(node.code, scope, b);
        return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
      } catch {
        return UNKNOWN;
      }
    }
  }
}

/** A filter's verdict on one record: true keep, false reject, undefined unknown. */
export function filterKeeps(node: ValueNode, record: unknown, env: SampleEnv, scope?: ExprScope): boolean | undefined {
  const v = evalNode(node, { $record: record, '': record }, env, scope);
  if (v === UNKNOWN) return undefined;
  return truthy(v.length <= 1 ? v[0] : v);
}

/** Key string used to match join keys: the runtime's own, so the checker and a run agree. */
function keyOf(values: unknown[][]): string | undefined {
  return joinKey(values.map((v) => v[0]));
}

export interface JoinStats {
  total: number;
  unmatched: number;
  foreignTotal: number;
  foreignUnmatched: number;
  /** First 1-based record numbers with no match. */
  unmatchedRecords: number[];
}

/**
 * Attaches joined rows to each primary record (as the transform sees them) and counts keys that
 * match nothing on either side. Returns undefined stats for a join whose keys cannot be evaluated.
 */
export function applyJoins(
  doc: MappingDocument,
  records: unknown[],
  samples: Record<string, unknown[]>,
  env: SampleEnv,
  root: RuleScope,
): { records: unknown[]; stats: Map<string, JoinStats | undefined> } {
  const stats = new Map<string, JoinStats | undefined>();
  let out = records;
  for (const j of doc.joins) {
    const rows = samples[j.source];
    if (!rows) {
      stats.set(j.id, undefined);
      continue;
    }
    const r = joinOne(j, out, rows, env, exprScopeOf(root));
    out = r.records;
    stats.set(j.id, r.stats);
  }
  return { records: out, stats };
}

function joinOne(j: JoinDecl, records: unknown[], rows: unknown[], env: SampleEnv, scope: ExprScope) {
  const index = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const k = keyOf(j.on.map((o) => readPath(row, o.foreign)));
    if (k === undefined) return;
    const list = index.get(k) ?? [];
    list.push(i);
    index.set(k, list);
  });
  const used = new Set<number>();
  let unknown = false;
  const unmatchedRecords: number[] = [];
  let unmatched = 0;
  const out = records.map((rec, n) => {
    const keyVals: unknown[][] = [];
    for (const o of j.on) {
      const v = evalNode(o.primary, { $record: rec, '': rec }, env, scope);
      if (v === UNKNOWN) {
        unknown = true;
        return rec;
      }
      keyVals.push(v);
    }
    const k = keyOf(keyVals);
    const hits = k === undefined ? [] : (index.get(k) ?? []);
    hits.forEach((i) => used.add(i));
    if (!hits.length) {
      unmatched++;
      if (unmatchedRecords.length < 5) unmatchedRecords.push(n + 1);
    }
    if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) return rec;
    const matched = hits.map((i) => rows[i]);
    return { ...(rec as object), [j.as]: j.cardinality === 'many' ? matched : matched[0] };
  });
  const stats: JoinStats | undefined = unknown
    ? undefined
    : { total: records.length, unmatched, foreignTotal: rows.length, foreignUnmatched: rows.length - used.size, unmatchedRecords };
  return { records: out, stats };
}
