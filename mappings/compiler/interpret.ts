/**
 * The reference interpreter: evaluates a mapping document by walking the same plan the compiler
 * uses, with value nodes evaluated as trees and expressions by `evaluateExpression` (no code
 * generation). Deliberately plain and slow; property tests hold the compiled transform to it.
 */
import type { FieldRule, Json, MappingDocument, ValueNode } from '../document/types';
import { checkExpression, evaluateExpression } from '../expr/index';
import { FUNCTION_IMPLS } from '../functions/impl/index';
import type { TargetModel } from '../model/target-model';
import { RUN_CODES } from '../runtime/codes';
import {
  aggCount,
  aggDistinct,
  aggFirst,
  aggJoin,
  aggLast,
  errorReject,
  extensions,
  isEmpty,
  joined,
  joinKey,
  keyedId,
  many,
  mapValue,
  mergeInto,
  own,
  positionalId,
  recordIdText,
  RejectSignal,
  roleCoded,
  setOwn,
  setPath,
  typeName,
  uuidBytes,
  type TargetSeg,
} from '../runtime/helpers';
import { libraryFunctions, type TransformContext, type TransformReject, type TransformResult } from './compile';
import { buildPlan, computeReadSets, exprScope, resolveScope, ruleScopes, sourceSegs, walkValue, type Op, type Plan, type ScopeEnv } from './plan';

interface Frame {
  env: ScopeEnv;
  /** Scope values by depth: 0 = record, then loop elements. */
  values: unknown[];
  /** Set only when tracing (see trace.ts); the plain path pays one property check per node. */
  tracer?: Tracer;
}

/**
 * Observes one interpreted record: every value node's result (once per loop iteration), every
 * field rule's written value, and entity/link instances. Used by `traceMapping` (trace.ts).
 */
export interface Tracer {
  value(nodeId: string, value: unknown): void;
  field(ruleId: string, fieldRuleId: string, value: unknown): void;
  /** An entity or link rule iteration: `made` false when its `when` was falsy (or an end was missing). */
  instance(ruleId: string, made: boolean, id?: string): void;
  filter(filterId: string, kept: boolean): void;
}

class Where {
  ruleId?: string;
  nodeId?: string;
  field?: string;
  set(ruleId: string | undefined, nodeId?: string, field?: string) {
    this.ruleId = ruleId || undefined;
    this.nodeId = nodeId;
    this.field = field;
  }
}

function cloneJson(v: Json): unknown {
  if (Array.isArray(v)) return v.map(cloneJson);
  if (v !== null && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v)) setOwn(o, k, cloneJson(v[k]));
    return o;
  }
  return v;
}

function evaluate(plan: Plan, node: ValueNode, f: Frame, ctx: TransformContext): unknown {
  const v = evaluateNode(plan, node, f, ctx);
  f.tracer?.value(node.id, v);
  return v;
}

function evaluateNode(plan: Plan, node: ValueNode, f: Frame, ctx: TransformContext): unknown {
  switch (node.kind) {
    case 'field': {
      const d = resolveScope(f.env, node.scope) ?? 0;
      const segs = sourceSegs(node.path);
      const base = f.values[d];
      if (segs.some((s) => s[1])) return many(base, segs);
      let v = base;
      for (const [name] of segs) v = own(v, name);
      return v;
    }
    case 'const':
      return cloneJson(node.value);
    case 'call': {
      const args = node.args.map((a) => evaluate(plan, a, f, ctx));
      const impl = (FUNCTION_IMPLS as unknown as Record<string, (...a: unknown[]) => unknown>)[node.fn];
      return plan.functions[node.fn]?.context ? impl({ params: ctx.params }, ...args) : impl(...args);
    }
    case 'expr': {
      const scopes: Record<string, unknown> = { '': f.values[f.env.loops.length], $record: f.values[0] };
      f.env.loops.forEach((l, i) => (scopes[l.as] = f.values[i + 1]));
      return evaluateExpression(node.code, exprScope(f.env), { scopes }, { params: ctx.params });
    }
    case 'map':
      return mapValue(plan.valueMaps.get(node.valueMap)!, evaluate(plan, node.input, f, ctx));
    case 'cond':
      for (const b of node.branches) if (evaluate(plan, b.when, f, ctx)) return evaluate(plan, b.then, f, ctx);
      return node.else ? evaluate(plan, node.else, f, ctx) : undefined;
    case 'aggregate': {
      const input = evaluate(plan, node.input, f, ctx);
      if (node.op === 'first') return aggFirst(input);
      if (node.op === 'last') return aggLast(input);
      if (node.op === 'count') return aggCount(input);
      if (node.op === 'distinct') return aggDistinct(input);
      return aggJoin(input, node.separator ?? ', ');
    }
    case 'object': {
      const parts = Object.keys(node.fields).map((k) => [k, node.fields[k], evaluate(plan, node.fields[k], f, ctx)] as const);
      const computed = parts.filter(([, n]) => n.kind !== 'const');
      if (computed.length && computed.every(([, , v]) => isEmpty(v))) return undefined;
      const o: Record<string, unknown> = {};
      for (const [k, , v] of parts) if (!isEmpty(v)) setOwn(o, k, v);
      return o;
    }
    case 'array': {
      const items = node.items.map((n) => evaluate(plan, n, f, ctx)).filter((v) => !isEmpty(v));
      return items.length ? items : undefined;
    }
  }
}

function assign(o: Record<string, unknown>, segs: TargetSeg[], v: unknown, target: string) {
  if (isEmpty(v)) return;
  if (segs.length === 1 && segs[0][1] === null) setOwn(o, segs[0][0], v);
  else setPath(o, segs, v, target);
}

/** Iterates a loop chain, calling `body` with the frame values and indexes of every iteration. */
function iterate(f0: Frame, env: ScopeEnv, body: (values: unknown[], indexes: number[]) => void) {
  const walk = (depth: number, values: unknown[], indexes: number[]) => {
    if (depth === env.loops.length) return body(values, indexes);
    const coll = many(values[depth], env.loops[depth].segs);
    for (let i = 0; i < coll.length; i++) walk(depth + 1, [...values, coll[i]], [...indexes, i]);
  };
  walk(0, [f0.values[0]], []);
}

/** Prepared interpreter for one document and model. */
export interface Interpreter {
  plan: Plan;
  evaluate(record: unknown, ctx: TransformContext): TransformResult;
  /** Like `evaluate`, reporting every intermediate value to `tracer`. */
  evaluateTraced(record: unknown, ctx: TransformContext, tracer: Tracer): TransformResult;
}

/** Builds the plan once for repeated evaluation (tests); throws when the document does not compile. */
export function createInterpreter(doc: MappingDocument, model: TargetModel): Interpreter {
  const plan = buildPlan(doc, model, { functions: libraryFunctions() });
  const errors = plan.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`The mapping does not compile: ${errors.map((d) => d.message).join('; ')}`);
  // Field reads of expressions, for keepUnmapped (the compiler gets them from compileExpression).
  const refs = new Map<string, { path: string; scope: string }[]>();
  for (const { env, nodes } of ruleScopes(plan)) {
    for (const { node } of nodes) walkValue(node, (n) => n.kind === 'expr' && refs.set(n.id, checkExpression(n.code, exprScope(env)).fieldRefs));
  }
  computeReadSets(plan, refs);
  return { plan, evaluate: (record, ctx) => run(plan, record, ctx), evaluateTraced: (record, ctx, tracer) => run(plan, record, ctx, tracer) };
}

/**
 * Evaluates a mapping on one record by walking the document (reference semantics for the compiler).
 * @example evaluateMapping(doc, model, record, { record: 1 }) // → { ok: true, output }
 */
export function evaluateMapping(doc: MappingDocument, model: TargetModel, record: unknown, ctx: TransformContext): TransformResult {
  return createInterpreter(doc, model).evaluate(record, ctx);
}

function run(plan: Plan, record: unknown, ctx: TransformContext, tracer?: Tracer): TransformResult {
  const { doc } = plan;
  const where = new Where();
  const ns = uuidBytes(doc.namespace);
  try {
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      return { ok: false, reject: { code: RUN_CODES.notObject, message: `The record is ${typeName(record)}, not an object.` } };
    }
    const rootFieldsNoJoins = plan.rootFields.filter((f) => !doc.joins.some((j) => j.as === f.name));
    let rec = record as Record<string, unknown>;
    if (doc.joins.length) {
      const keys = doc.joins.map((j) => {
        where.set(undefined, j.id);
        return joinKey(j.on.map((o) => evaluate(plan, o.primary, { env: { loops: [], rootFields: rootFieldsNoJoins }, values: [record], tracer }, ctx)));
      });
      rec = { ...rec };
      doc.joins.forEach((j, i) => setOwn(rec, j.as, joined(ctx.joins, j.id, keys[i], j.cardinality)));
    }
    const top: Frame = { env: { loops: [], rootFields: plan.rootFields }, values: [rec], tracer };
    for (const flt of doc.filters) {
      where.set(flt.id, flt.when.id);
      const kept = !!evaluate(plan, flt.when, top, ctx);
      tracer?.filter(flt.id, kept);
      if (!kept) return { ok: false, reject: { code: RUN_CODES.filtered, message: `Filtered out: ${flt.reason}`, ruleId: flt.id } };
    }
    let rid: string | undefined;
    if (doc.recordId) {
      where.set(undefined, doc.recordId.id, 'provenance.sourceRecordId');
      rid = recordIdText(evaluate(plan, doc.recordId, top, ctx));
    }
    const rref = rid !== undefined ? rid : ctx.record !== undefined ? ctx.record : null;
    const prov = (ruleId: string) => ({
      sourceSystem: doc.sourceSystem,
      ...(rid !== undefined ? { sourceRecordId: rid } : {}),
      ...(ctx.file !== undefined ? { sourceFile: ctx.file } : {}),
      ...(ctx.record !== undefined ? { sourceRow: ctx.record } : {}),
      mappingId: doc.id,
      mappingVersion: doc.version,
      ruleIds: [ruleId],
    });
    const colls = new Map(plan.collections.map((c) => [c, [] as Record<string, unknown>[]]));
    const out: Record<string, unknown> = {};
    const field = (o: Record<string, unknown>, op: { rule: FieldRule; segs: TargetSeg[] }, f: Frame, ruleId?: string) => {
      where.set(ruleId ?? op.rule.id, op.rule.value.id, op.rule.target);
      const v = evaluate(plan, op.rule.value, f, ctx);
      tracer?.field(ruleId ?? 'root', op.rule.id, v);
      assign(o, op.segs, v, op.rule.target);
    };
    for (const op of plan.root.ops) {
      if (op.kind === 'modelVersion') out.modelVersion = op.value;
      else if (op.kind === 'mapping') out.mapping = { id: doc.id, version: doc.version };
      else if (op.kind === 'collection') setOwn(out, op.name, colls.get(op.name));
      else field(out, op, top);
    }
    const byId = new Map<string, Record<string, unknown>>();
    const inst = new Map<string, string>();
    const ops = (o: Record<string, unknown>, list: Op[], f: Frame, ruleId: string, stamps: Record<string, () => unknown>) => {
      for (const op of list) {
        if (op.kind === 'stamp') {
          const v = stamps[op.top]?.();
          if (v !== undefined) o[op.top] = v;
        } else field(o, op, f, ruleId);
      }
    };
    const add = (coll: string, id: string, o: Record<string, unknown>, order: Map<string, number>) => {
      const prev = byId.get(id);
      if (prev === undefined) {
        byId.set(id, o);
        colls.get(coll)!.push(o);
      } else mergeInto(prev, o, order);
    };
    for (const e of plan.entities) {
      const r = e.rule;
      const env: ScopeEnv = { loops: e.loops, rootFields: plan.rootFields };
      iterate(top, env, (values, indexes) => {
        const f: Frame = { env, values, tracer };
        if (r.when) {
          where.set(r.id, r.when.id);
          if (!evaluate(plan, r.when, f, ctx)) return void tracer?.instance(r.id, false);
        }
        const keys = (r.key ?? []).map((k) => {
          where.set(r.id, k.id);
          return evaluate(plan, k, f, ctx);
        });
        const keyed = keys.length > 0 && !keys.every(isEmpty);
        const id = keyed ? keyedId(ns, r.entity, keys) : positionalId(ns, r.entity, r.id, rref, indexes);
        const o: Record<string, unknown> = {};
        ops(o, e.ops, f, r.id, {
          id: () => id,
          entityType: () => r.entity,
          provenance: () => prov(r.id),
          extensions: () => extensions(values[values.length - 1], e.readSet ?? new Set()),
        });
        if (keyed) add(e.collection, id, o, e.order);
        else colls.get(e.collection)!.push(o);
        tracer?.instance(r.id, true, id);
        inst.set(`${e.index}|${indexes.join(',')}`, id);
      });
    }
    for (const l of plan.links) {
      const r = l.rule;
      const env: ScopeEnv = { loops: l.loops, rootFields: plan.rootFields };
      iterate(top, env, (values, indexes) => {
        const f: Frame = { env, values, tracer };
        if (r.when) {
          where.set(r.id, r.when.id);
          if (!evaluate(plan, r.when, f, ctx)) return void tracer?.instance(r.id, false);
        }
        const from = inst.get(`${l.from.index}|${indexes.slice(0, l.from.loops.length).join(',')}`);
        const to = inst.get(`${l.to.index}|${indexes.slice(0, l.to.loops.length).join(',')}`);
        if (from === undefined || to === undefined) return void tracer?.instance(r.id, false);
        where.set(r.id, r.role.id, 'role');
        const role0 = evaluate(plan, r.role, f, ctx);
        if (isEmpty(role0)) throw new RejectSignal(RUN_CODES.emptyRole, `Link rule "${r.id}" computed an empty role.`, 'role');
        const role = roleCoded(role0, plan.linkRoleScheme, plan.roleLabels ?? new Map());
        const id = keyedId(ns, 'Link', [from, to, typeof role === 'object' && role !== null ? own(role, 'code') : role]);
        const o: Record<string, unknown> = {};
        ops(o, l.ops, f, r.id, {
          id: () => id,
          entityType: () => 'Link',
          from: () => from,
          to: () => to,
          role: () => role,
          provenance: () => prov(r.id),
        });
        add(l.collection, id, o, l.order);
        tracer?.instance(r.id, true, id);
      });
    }
    return { ok: true, output: out };
  } catch (e) {
    const r: TransformReject = errorReject(e);
    if (where.ruleId !== undefined) r.ruleId = where.ruleId;
    if (where.nodeId !== undefined) r.nodeId = where.nodeId;
    if (r.field === undefined && where.field !== undefined) r.field = where.field;
    return { ok: false, reject: r };
  }
}
