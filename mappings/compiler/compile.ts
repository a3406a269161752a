/**
 * Mapping document → an ES module of plain JavaScript:
 *
 * ```js
 * import { ENGINE } from 'mapwright-engine';
 * …constants: value-map tables, path segments, key orders, location tables (named by text hash)…
 * export const meta = {…};
 * function E0(rec, $ctx, …) { … }                // one function per entity rule, L0… per link rule
 * export function transform(record, ctx) { … }   // → { ok: true, output } | { ok: false, reject }
 * ```
 *
 * Safety: user text only ever enters the generated code as JSON literals (`JSON.stringify` of
 * constants, value-map entries, field names, messages, ids) or as expression code produced by
 * `compileExpression`, which emits only checked structure with guarded member reads. Field reads go
 * through `own()` (own properties only), so `__proto__` or `constructor` in data read as absent.
 *
 * Speed: straight-line code in one function per rule (a rule's text depends only on that rule, so
 * the editor's warm loader keeps unchanged rules' optimised code across edits, see warm-load.ts);
 * value maps are `Map`s built once at module load; no closures, no `JSON.parse`; the UUID namespace
 * is parsed once.
 */
import { diag } from '../diagnostics/catalog';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { DOC } from '../document/codes';
import type { FieldRule, Json, MappingDocument, ValueNode } from '../document/types';
import { compileExpression } from '../expr/index';
import { FUNCTIONS } from '../functions/index';
import { FUNCTION_IMPLS } from '../functions/impl/index';
import type { TargetModel } from '../model/target-model';
import { ENGINE } from '../runtime/engine';
import { RUN_CODES } from '../runtime/codes';
import { isEmpty, roleCoded, type PreparedValueMap, type Seg, type TargetSeg } from '../runtime/helpers';
import { buildPlan, computeReadSets, exprScope, resolveScope, ruleScopes, sourceSegs, walkValue, type EntityPlan, type FunctionInfo, type LinkPlan, type LoopFrame, type Op, type Plan, type ScopeEnv } from './plan';

export interface CompileOptions {
  /** Function registry override (tests); default: the function library. */
  functions?: Record<string, FunctionInfo>;
}

export interface CompileResult {
  /** ES module source; empty when `diagnostics` has errors. */
  code: string;
  diagnostics: Diagnostic[];
  /** The same module in pieces, for loaders that keep unchanged rules' code (absent with errors). */
  parts?: CompiledParts;
}

/**
 * One function of a compiled module: an entity or link rule's function, or `transform`. `text` is
 * the declaration as it appears in the module; `uses` are the module constants it reads (besides
 * the engine helpers and `NS`), `calls` the rule functions it calls.
 */
export interface CompiledUnit {
  name: string;
  text: string;
  uses: string[];
  calls: string[];
}

/**
 * A compiled module as parts: `code` is exactly these joined (see `assembleModule`). Constants are
 * named by a hash of their text, and each rule's function numbers its own locations, so a rule's
 * text changes only when that rule (or what it reads: sources, value maps, the model) changes.
 */
export interface CompiledParts {
  /** Expression of the UUID namespace constant `NS`. */
  ns: string;
  consts: { name: string; text: string }[];
  meta: CompiledMeta;
  units: CompiledUnit[];
  transform: CompiledUnit;
}

/** Reject returned by a transform. */
export interface TransformReject {
  code: string;
  message: string;
  ruleId?: string;
  nodeId?: string;
  field?: string;
}

export type TransformResult = { ok: true; output: Record<string, unknown> } | { ok: false; reject: TransformReject };

/** Run-time context of one transform call. */
export interface TransformContext {
  file?: string;
  /** 1-based record number. */
  record?: number;
  line?: number;
  /** Run parameters, e.g. `hmacKey` for pseudonymise(). */
  params?: Record<string, unknown>;
  /** Join index from `buildJoinIndex`. */
  joins?: Record<string, Map<string, unknown[]>>;
}

export interface CompiledMeta {
  mappingId: string;
  mappingVersion: string;
  name: string;
  target: { modelId: string; modelVersion: string };
  sourceSystem: string;
  sources: { id: string; name: string; format: string; primary: boolean }[];
  joins: { id: string; source: string; as: string; foreign: string[]; cardinality: 'one' | 'many' }[];
  /** Version of the engine interface the module expects. */
  engine: 1;
}

export interface CompiledTransform {
  transform: (record: unknown, ctx: TransformContext) => TransformResult;
  meta: CompiledMeta;
}

const HEADER = "import { ENGINE } from 'mapwright-engine';\n";
/** Engine helpers as module-level constants: direct calls, no property lookups per record. */
export const PRELUDE =
  'const { fn: $fn, rt: $rt, own: $own, many: $many, isEmpty: $isEmpty, RejectSignal: $RejectSignal, aggCount: $aggCount, aggDistinct: $aggDistinct, aggFirst: $aggFirst, aggJoin: $aggJoin, aggLast: $aggLast, coll1: $coll1, extensions: $extensions, joinKey: $joinKey, joined: $joined, keyedId: $keyedId, locate: $locate, mapValue: $mapValue, mergeInto: $mergeInto, positionalId: $positionalId, recordIdText: $recordIdText, rejectAt: $rejectAt, roleCoded: $roleCoded, setOwn: $setOwn, setPath: $setPath, typeName: $typeName, uuidBytes: $uuidBytes } = ENGINE;';

/**
 * 32-bit FNV-1a of a constant's text, as 8 hex digits: names constants by what they hold, so a
 * constant keeps its name when another rule gains or loses one. Hand-written because it is six
 * lines and names only need to be stable, not cryptographic (a clash gets a suffix).
 */
function textHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The function registry entries the compiler may call: documented AND implemented. */
export function libraryFunctions(): Record<string, FunctionInfo> {
  const out: Record<string, FunctionInfo> = {};
  for (const name of Object.keys(FUNCTIONS)) {
    if (Object.hasOwn(FUNCTION_IMPLS, name)) out[name] = { context: FUNCTIONS[name].context === true };
  }
  return out;
}

/** Field names that are safe as `o.name` in generated code (everything else is `o["…"]`). */
const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const lit = (v: unknown) => JSON.stringify(v);

class Gen {
  readonly consts: { name: string; text: string }[] = [];
  body: string[] = [];
  loc: { ruleId?: string; nodeId?: string; field?: string }[] = [];
  readonly exprRefs = new Map<string, { path: string; scope: string }[]>();
  readonly diagnostics: Diagnostic[] = [];
  private temps = 0;
  private constIds = new Map<string, string>();
  private constNames = new Set<string>();
  /** Constants read by the function being generated. */
  private uses = new Set<string>();
  private indent = 2;

  constructor(readonly plan: Plan) {}

  temp(): string {
    return `t${this.temps++}`;
  }
  /** A module-level constant, deduplicated by its text and named by it. */
  constant(prefix: string, text: string): string {
    let id = this.constIds.get(text);
    if (!id) {
      const base = `${prefix}_${textHash(text)}`;
      id = base;
      for (let n = 2; this.constNames.has(id); n++) id = `${base}_${n}`;
      this.constIds.set(text, id);
      this.constNames.add(id);
      this.consts.push({ name: id, text });
    }
    this.uses.add(id);
    return id;
  }

  /**
   * Generates one function of the module: `emit` writes its body, which gets its own temporaries
   * and location table; a failure inside is handled by `onError` (a statement using `e` and `at`).
   */
  unit(name: string, params: string[], calls: string[], emit: () => void, onError: string, ruleId?: string): CompiledUnit {
    const saved = { body: this.body, loc: this.loc, temps: this.temps, uses: this.uses, indent: this.indent };
    this.body = [];
    this.loc = [];
    this.temps = 0;
    this.uses = new Set();
    this.indent = 4;
    // A rule's function starts at its rule, so a failure before its first value names the rule.
    if (ruleId !== undefined) this.at(ruleId);
    emit();
    const locs = this.constant('LOC', lit(this.loc));
    const temps = this.temps ? [`  let ${Array.from({ length: this.temps }, (_, i) => `t${i}`).join(', ')};`] : [];
    const text = [`function ${name}(${params.join(', ')}) {`, `  let $l = ${ruleId !== undefined ? 0 : -1};`, ...temps, '  try {', ...this.body, '  } catch (e) {', `    const at = ${locs}[$l];`, `    ${onError}`, '  }', '}'].join('\n');
    const unit: CompiledUnit = { name, text, uses: [...this.uses].sort(), calls };
    Object.assign(this, saved);
    return unit;
  }
  line(s: string) {
    this.body.push(' '.repeat(this.indent) + s);
  }
  open(s: string) {
    this.line(s);
    this.indent += 2;
  }
  close(s = '}') {
    this.indent -= 2;
    this.line(s);
  }
  /** Registers a location for errors raised while `$l` holds its index. */
  at(ruleId: string | undefined, nodeId?: string, field?: string): number {
    // Plain assignments: this runs once per value node of a mapping (spreads were ~4% of compiling one).
    const l: { ruleId?: string; nodeId?: string; field?: string } = {};
    if (ruleId) l.ruleId = ruleId;
    if (nodeId) l.nodeId = nodeId;
    if (field) l.field = field;
    this.loc.push(l);
    return this.loc.length - 1;
  }

  segs(segs: readonly Seg[]): string {
    return this.constant('P', lit(segs));
  }

  json(v: Json): string {
    if (v === null || typeof v !== 'object') return lit(v);
    if (Array.isArray(v)) return `[${v.map((x) => this.json(x)).join(', ')}]`;
    // A computed key defines an own property even for "__proto__" (a literal key would set the prototype).
    return `{${Object.keys(v).map((k) => `${k === '__proto__' ? `[${lit(k)}]` : lit(k)}: ${this.json(v[k])}`).join(', ')}}`;
  }

  scopeVar(depth: number): string {
    return depth === 0 ? 'rec' : `s${depth}`;
  }

  value(node: ValueNode, env: ScopeEnv, pointer: string, ruleId: string | undefined): string {
    switch (node.kind) {
      case 'field': {
        const d = resolveScope(env, node.scope) ?? 0;
        const v = this.scopeVar(d);
        const segs = sourceSegs(node.path);
        if (segs.some((s) => s[1])) return `$many(${v}, ${this.segs(segs)})`;
        return segs.reduce((acc, [name]) => `$own(${acc}, ${lit(name)})`, v);
      }
      case 'const':
        return this.json(node.value);
      case 'call': {
        const info = this.plan.functions[node.fn];
        const args = node.args.map((a, i) => this.value(a, env, `${pointer}/args/${i}`, ruleId));
        return `$fn[${lit(node.fn)}](${[...(info?.context ? ['$ctx'] : []), ...args].join(', ')})`;
      }
      case 'expr': {
        const bindings: Record<string, string> = { '': this.scopeVar(env.loops.length), $record: 'rec' };
        env.loops.forEach((l, i) => (bindings[l.as] = this.scopeVar(i + 1)));
        const r = compileExpression(node.code, exprScope(env), { bindings, fn: '$fn', rt: '$rt', ctx: '$ctx' });
        this.exprRefs.set(node.id, r.fieldRefs);
        const errors = r.diagnostics.filter((d) => d.severity === 'error');
        if (errors.length || r.js === undefined) {
          for (const d of errors.length ? errors : r.diagnostics) {
            this.diagnostics.push({ ...d, location: { ...d.location, pointer: `${pointer}/code`, ...(ruleId ? { ruleId } : {}), nodeId: node.id } });
          }
          if (!errors.length) this.diagnostics.push(diag(DOC.MW3306, { detail: 'no code was produced' }, { pointer, nodeId: node.id }));
          return 'undefined';
        }
        return `(${r.js})`;
      }
      case 'map':
        return `$mapValue(${this.valueMapConst(node.valueMap)}, ${this.value(node.input, env, `${pointer}/input`, ruleId)})`;
      case 'cond': {
        let s = node.else ? this.value(node.else, env, `${pointer}/else`, ruleId) : 'undefined';
        for (let i = node.branches.length - 1; i >= 0; i--) {
          const b = node.branches[i];
          s = `(${this.value(b.when, env, `${pointer}/branches/${i}/when`, ruleId)}) ? ${this.value(b.then, env, `${pointer}/branches/${i}/then`, ruleId)} : ${s}`;
        }
        return `(${s})`;
      }
      case 'aggregate': {
        const input = this.value(node.input, env, `${pointer}/input`, ruleId);
        switch (node.op) {
          case 'first':
            return `$aggFirst(${input})`;
          case 'last':
            return `$aggLast(${input})`;
          case 'count':
            return `$aggCount(${input})`;
          case 'distinct':
            return `$aggDistinct(${input})`;
          case 'join':
            return `$aggJoin(${input}, ${lit(node.separator ?? ', ')})`;
        }
        break;
      }
      case 'object': {
        // Constant fields need no temporary and no emptiness test at run time: an empty constant
        // is never written, any other always is. An object of constants only is one literal (a
        // fresh object per evaluation: outputs are merged and changed after they are built).
        const key = (k: string) => (k === '__proto__' ? `[${lit(k)}]` : lit(k));
        const keys = Object.keys(node.fields).filter((k) => {
          const f = node.fields[k];
          return f.kind !== 'const' || !isEmpty(f.value);
        });
        const parts = keys.map((k) => ({ k, node: node.fields[k], t: node.fields[k].kind === 'const' ? undefined : this.temp() }));
        const computed = parts.filter((p) => p.t !== undefined);
        if (!computed.length) return `({${parts.map((p) => `${key(p.k)}: ${this.json((p.node as { value: Json }).value)}`).join(', ')}})`;
        const o = this.temp();
        const assigns = parts.map(({ k, t, node: n }) => {
          const v = t ?? this.json((n as { value: Json }).value);
          const set = k === '__proto__' ? `$setOwn(${o}, ${lit(k)}, ${v})` : `(${o}[${lit(k)}] = ${v})`;
          return t === undefined ? set : `$isEmpty(${t}) || ${set}`;
        });
        const evals = computed.map((p) => `${p.t} = ${this.value(p.node, env, `${pointer}/fields/${p.k.replace(/~/g, '~0').replace(/\//g, '~1')}`, ruleId)}`);
        const empty = computed.map((p) => `$isEmpty(${p.t})`).join(' && ');
        return `(${[...evals, `(${empty}) ? undefined : (${[`${o} = {}`, ...assigns, o].join(', ')})`].join(', ')})`;
      }
      case 'array': {
        const items = node.items.map((it, i) => ({ it, i })).filter(({ it }) => it.kind !== 'const' || !isEmpty(it.value));
        // Constant items only: one literal, or nothing when there are none.
        if (items.every(({ it }) => it.kind === 'const')) return items.length ? `[${items.map(({ it }) => this.json((it as { value: Json }).value)).join(', ')}]` : 'undefined';
        const a = this.temp();
        const t = this.temp();
        const pushes = items.map(({ it, i }) => (it.kind === 'const' ? `${a}.push(${this.json(it.value)})` : `(${t} = ${this.value(it, env, `${pointer}/items/${i}`, ruleId)}, $isEmpty(${t}) || ${a}.push(${t}))`));
        return `(${[`${a} = []`, ...pushes, `${a}.length ? ${a} : undefined`].join(', ')})`;
      }
    }
    throw new Error(`Unknown value node kind ${(node as { kind: string }).kind}`);
  }

  valueMapConst(id: string): string {
    const vm = this.plan.valueMaps.get(id) as PreparedValueMap;
    const text = `Object.freeze({ name: ${lit(vm.name)}, table: new Map(${lit([...vm.table.entries()])}), caseInsensitive: ${vm.caseInsensitive}, policy: ${lit(vm.policy)}, ${
      vm.fallback ? `fallback: ${lit(vm.fallback)}, ` : ''
    }labels: new Map(${lit([...(vm.labels ?? new Map()).entries()])}), output: ${lit(vm.output)}${vm.scheme !== undefined ? `, scheme: ${lit(vm.scheme)}` : ''}${
      vm.sourceScheme !== undefined ? `, sourceScheme: ${lit(vm.sourceScheme)}` : ''
    } })`;
    return this.constant('VM', text);
  }

  /** `if (!empty) target = value` for one field rule writing into object `o`. */
  fieldRule(o: string, op: { rule: FieldRule; segs: TargetSeg[] }, env: ScopeEnv, pointer: string, ruleId: string | undefined) {
    const l = this.at(ruleId ?? op.rule.id, op.rule.value.id, op.rule.target);
    const t = this.temp();
    this.line(`$l = ${l}; ${t} = ${this.value(op.rule.value, env, pointer, ruleId ?? op.rule.id)};`);
    const [first] = op.segs;
    let assign: string;
    if (op.segs.length === 1 && first[1] === null) assign = IDENT.test(first[0]) ? `${o}.${first[0]} = ${t}` : `${o}[${lit(first[0])}] = ${t}`;
    else assign = `$setPath(${o}, ${this.constant('T', lit(op.segs))}, ${t}, ${lit(op.rule.target)})`;
    this.line(`if (${t} !== undefined && ${t} !== null && ${t} !== '') ${assign};`);
  }

  /** Opens the loops of a chain; returns how many blocks to close. */
  loops(loops: LoopFrame[]): number {
    loops.forEach((l, i) => {
      const d = i + 1;
      const single = l.segs.length === 1 && l.segs[0][1];
      this.line(single ? `const c${d} = $coll1(${this.scopeVar(d - 1)}, ${lit(l.segs[0][0])});` : `const c${d} = $many(${this.scopeVar(d - 1)}, ${this.segs(l.segs)});`);
      this.open(`for (let i${d} = 0; i${d} < c${d}.length; i${d}++) {`);
      this.line(`const s${d} = c${d}[i${d}];`);
    });
    return loops.length;
  }

  resetTemps() {
    this.temps = 0;
  }

  setKey(o: string, key: string, v: string) {
    this.line(IDENT.test(key) ? `${o}.${key} = ${v};` : `${o}[${lit(key)}] = ${v};`);
  }
}

/** Map key of a loop iteration two or more levels deep: `i1 + ',' + i2`. */
function instanceKey(depth: number): string {
  return Array.from({ length: depth }, (_, i) => `i${i + 1}`).join(" + ',' + ");
}

/** Parameters of every rule's function: the record, the run context and the per-record provenance and identities. */
const RULE_PARAMS = ['rec', '$ctx', 'rid', 'rref', 'pb', 'pfull', 'pfile', 'prow', 'byId'];

/**
 * The module's functions: one per entity rule and link rule, then `transform`, which reads the
 * record, applies joins, filters and root fields, and calls the rule functions in order. Rules get
 * their own functions so that a rule's code depends only on that rule (see `CompiledParts`).
 */
function generate(plan: Plan, gen: Gen): { units: CompiledUnit[]; transform: CompiledUnit } {
  const { doc } = plan;
  const rootEnv: ScopeEnv = { loops: [], rootFields: plan.rootFields };
  const joinEnv: ScopeEnv = { loops: [], rootFields: plan.rootFields.filter((f) => !doc.joins.some((j) => j.as === f.name)) };
  const linked = new Set<number>();
  for (const l of plan.links) {
    linked.add(l.from.index);
    linked.add(l.to.index);
  }
  const collVar = new Map<string, string>();
  plan.collections.forEach((c, i) => collVar.set(c, `C${i}`));
  const units = [...plan.entities.map((e) => generateEntity(gen, plan, e, linked.has(e.index))), ...plan.links.map((l) => generateLink(gen, plan, l))];
  const needsById = plan.links.length > 0 || plan.entities.some((e) => e.rule.key?.length);
  const ruleArgs = `rec, $ctx, rid, rref, pb, pfull, pfile, prow, ${needsById ? 'byId' : 'undefined'}`;
  const transform = gen.unit(
    'transform',
    ['record', 'ctx'],
    units.map((u) => u.name),
    () => {
      gen.line(`if (record === null || typeof record !== 'object' || Array.isArray(record)) return { ok: false, reject: { code: ${lit(RUN_CODES.notObject)}, message: 'The record is ' + $typeName(record) + ', not an object.' } };`);
      gen.line('const $ctx = ctx;');
      gen.line('let rec = record;');
      if (doc.joins.length) {
        doc.joins.forEach((j, i) => {
          const parts = j.on.map((o, k) => gen.value(o.primary, joinEnv, `/joins/${i}/on/${k}/primary`, undefined));
          gen.line(`$l = ${gen.at(undefined, j.id)};`);
          gen.line(`const jk${i} = $joinKey([${parts.join(', ')}]);`);
        });
        gen.line('rec = { ...record };');
        doc.joins.forEach((j, i) => gen.line(`$setOwn(rec, ${lit(j.as)}, $joined(ctx.joins, ${lit(j.id)}, jk${i}, ${lit(j.cardinality)}));`));
      }
      doc.filters.forEach((f, i) => {
        gen.line(`$l = ${gen.at(f.id, f.when.id)};`);
        gen.line(
          `if (!(${gen.value(f.when, rootEnv, `/filters/${i}/when`, f.id)})) return { ok: false, reject: { code: ${lit(RUN_CODES.filtered)}, message: ${lit(`Filtered out: ${f.reason}`)}, ruleId: ${lit(f.id)} } };`,
        );
      });
      if (doc.recordId) {
        gen.line(`$l = ${gen.at(undefined, doc.recordId.id, 'provenance.sourceRecordId')};`);
        gen.line(`const rid = $recordIdText(${gen.value(doc.recordId, rootEnv, '/recordId', undefined)});`);
      } else gen.line('const rid = undefined;');
      if (units.length) {
        gen.line('const rref = rid !== undefined ? rid : ctx.record !== undefined ? ctx.record : null;');
        gen.line(`const pb = { sourceSystem: ${lit(doc.sourceSystem)} };`);
        gen.line('if (rid !== undefined) pb.sourceRecordId = rid;');
        gen.line('if (ctx.file !== undefined) pb.sourceFile = ctx.file;');
        gen.line('if (ctx.record !== undefined) pb.sourceRow = ctx.record;');
        gen.line(`pb.mappingId = ${lit(doc.id)};`);
        gen.line(`pb.mappingVersion = ${lit(doc.version)};`);
        // The usual case (record id, file and row all known) gets one object literal per entity:
        // spreading \`pb\` is several times slower in V8.
        gen.line('const pfull = rid !== undefined && ctx.file !== undefined && ctx.record !== undefined, pfile = ctx.file, prow = ctx.record;');
        if (needsById) gen.line('const byId = new Map();');
      }
      // Instance ids for links: the rule function's result at record level, an array in one loop, a Map deeper.
      for (const e of plan.entities) {
        if (!linked.has(e.index)) continue;
        const d = e.loops.length;
        gen.line(d === 0 ? `let I${e.index};` : d === 1 ? `const I${e.index} = [];` : `const I${e.index} = new Map();`);
      }
      plan.collections.forEach((_c, i) => gen.line(`const C${i} = [];`));
      // Root document, in model order (collections are filled after being attached).
      gen.line('const out = {};');
      for (const op of plan.root.ops) {
        if (op.kind === 'modelVersion') gen.line(`out.modelVersion = ${lit(op.value)};`);
        else if (op.kind === 'mapping') gen.line(`out.mapping = { id: ${lit(doc.id)}, version: ${lit(doc.version)} };`);
        else if (op.kind === 'collection') gen.setKey('out', op.name, collVar.get(op.name)!);
        else gen.fieldRule('out', op, rootEnv, `/root/fields/${doc.root.fields.indexOf(op.rule)}/value`, undefined);
      }
      plan.entities.forEach((e, i) => {
        const call = `${units[i].name}(${ruleArgs}, ${collVar.get(e.collection)}${linked.has(e.index) && e.loops.length ? `, I${e.index}` : ''});`;
        gen.line(linked.has(e.index) && !e.loops.length ? `I${e.index} = ${call}` : call);
      });
      plan.links.forEach((l, i) => gen.line(`${units[plan.entities.length + i].name}(${ruleArgs}, ${collVar.get(l.collection)}, I${l.from.index}, I${l.to.index});`));
      gen.line('return { ok: true, output: out };');
    },
    'return { ok: false, reject: $rejectAt(e, at) };',
  );
  return { units, transform };
}

/** Entity rule `E<n>`: fills collection `C`; a linked rule returns its id (record level) or records it in `I`. */
function generateEntity(gen: Gen, plan: Plan, e: EntityPlan, linked: boolean): CompiledUnit {
  const r = e.rule;
  const env: ScopeEnv = { loops: e.loops, rootFields: plan.rootFields };
  const p = `/entities/${e.index}`;
  const depth = e.loops.length;
  const params = [...RULE_PARAMS, 'C', ...(linked && depth > 0 ? ['I'] : [])];
  return gen.unit(
    `E${e.index}`,
    params,
    [],
    () => {
      gen.line(`// entity ${lit(r.id)} ${lit(r.entity)}`);
      gen.loops(e.loops);
      if (r.when) {
        gen.line(`$l = ${gen.at(r.id, r.when.id)};`);
        gen.open(`if (${gen.value(r.when, env, `${p}/when`, r.id)}) {`);
      }
      const idx = `[${Array.from({ length: depth }, (_, i) => `i${i + 1}`).join(', ')}]`;
      const positional = `$positionalId(NS, ${lit(r.entity)}, ${lit(r.id)}, rref, ${idx})`;
      const keyed = r.key && r.key.length > 0;
      if (keyed) {
        const ks = r.key!.map((k, i) => {
          gen.line(`$l = ${gen.at(r.id, k.id)};`);
          gen.line(`const k${i} = ${gen.value(k, env, `${p}/key/${i}`, r.id)};`);
          return `k${i}`;
        });
        // With every key value empty the entity is unkeyed (positional id, no deduplication).
        gen.line(`const keyed = !(${ks.map((k) => `$isEmpty(${k})`).join(' && ')});`);
        gen.line(`const id = keyed ? $keyedId(NS, ${lit(r.entity)}, [${ks.join(', ')}]) : ${positional};`);
      } else gen.line(`const id = ${positional};`);
      const scope = gen.scopeVar(depth);
      emitOps(gen, 'o', e.ops, env, `${p}/fields`, r.fields, r.id, {
        id: 'id',
        entityType: lit(r.entity),
        provenance: provenance(plan.doc.sourceSystem, plan.doc.id, plan.doc.version, r.id),
        extensions: () => {
          const rs = gen.constant('RS', `new Set(${lit([...(e.readSet ?? [])].sort())})`);
          gen.line(`{ const x = $extensions(${scope}, ${rs}); if (x !== undefined) o.extensions = x; }`);
        },
      });
      if (keyed) {
        const order = gen.constant('ORD', `new Map(${lit([...e.order.entries()])})`);
        gen.line(`if (keyed) { const prev = byId.get(id); if (prev === undefined) { byId.set(id, o); C.push(o); } else $mergeInto(prev, o, ${order}); } else C.push(o);`);
      } else gen.line('C.push(o);');
      if (linked) gen.line(depth === 0 ? 'return id;' : depth === 1 ? 'I[i1] = id;' : `I.set(${instanceKey(depth)}, id);`);
      if (r.when) gen.close();
      for (let i = 0; i < depth; i++) gen.close();
    },
    'throw $locate(e, at);',
    r.id,
  );
}

/** Link rule `L<n>`: links the instances `IF` and `IT` of its two entity rules into collection `C`. */
function generateLink(gen: Gen, plan: Plan, l: LinkPlan): CompiledUnit {
  const r = l.rule;
  const env: ScopeEnv = { loops: l.loops, rootFields: plan.rootFields };
  const p = `/links/${l.index}`;
  return gen.unit(
    `L${l.index}`,
    [...RULE_PARAMS, 'C', 'IF', 'IT'],
    [],
    () => {
      gen.line(`// link ${lit(r.id)}`);
      const depth = gen.loops(l.loops);
      if (r.when) {
        gen.line(`$l = ${gen.at(r.id, r.when.id)};`);
        gen.open(`if (${gen.value(r.when, env, `${p}/when`, r.id)}) {`);
      }
      const instance = (e: EntityPlan, v: string) => (e.loops.length === 0 ? v : e.loops.length === 1 ? `${v}[i1]` : `${v}.get(${instanceKey(e.loops.length)})`);
      gen.line(`const from = ${instance(l.from, 'IF')}, to = ${instance(l.to, 'IT')};`);
      gen.open('if (from !== undefined && to !== undefined) {');
      gen.line(`$l = ${gen.at(r.id, r.role.id, 'role')};`);
      if (r.role.kind === 'const' && typeof r.role.value === 'string' && r.role.value !== '') {
        // A constant role is coded at compile time (a fresh object literal per link).
        gen.line(`const role = ${gen.json(roleCoded(r.role.value, plan.linkRoleScheme, plan.roleLabels) as Json)};`);
        gen.line(`const id = $keyedId(NS, 'Link', [from, to, ${lit(r.role.value)}]);`);
      } else {
        gen.line(`const role0 = ${gen.value(r.role, env, `${p}/role`, r.id)};`);
        gen.line(`if ($isEmpty(role0)) throw new $RejectSignal(${lit(RUN_CODES.emptyRole)}, ${lit(`Link rule "${r.id}" computed an empty role.`)}, 'role');`);
        const labels = gen.constant('RL', `new Map(${lit([...(plan.roleLabels ?? new Map()).entries()])})`);
        gen.line(`const role = $roleCoded(role0, ${lit(plan.linkRoleScheme)}, ${labels});`);
        gen.line(`const id = $keyedId(NS, 'Link', [from, to, typeof role === 'object' && role !== null ? $own(role, 'code') : role]);`);
      }
      emitOps(gen, 'o', l.ops, env, `${p}/fields`, r.fields, r.id, {
        id: 'id',
        entityType: "'Link'",
        from: 'from',
        to: 'to',
        role: 'role',
        provenance: provenance(plan.doc.sourceSystem, plan.doc.id, plan.doc.version, r.id),
      });
      const order = gen.constant('ORD', `new Map(${lit([...l.order.entries()])})`);
      gen.line(`{ const prev = byId.get(id); if (prev === undefined) { byId.set(id, o); C.push(o); } else $mergeInto(prev, o, ${order}); }`);
      gen.close();
      if (r.when) gen.close();
      for (let i = 0; i < depth; i++) gen.close();
    },
    'throw $locate(e, at);',
    r.id,
  );
}

function provenance(sourceSystem: string, mappingId: string, mappingVersion: string, ruleId: string): string {
  return `(pfull ? { sourceSystem: ${lit(sourceSystem)}, sourceRecordId: rid, sourceFile: pfile, sourceRow: prow, mappingId: ${lit(mappingId)}, mappingVersion: ${lit(mappingVersion)}, ruleIds: [${lit(ruleId)}] } : { ...pb, ruleIds: [${lit(ruleId)}] })`;
}

/**
 * Emits the writes of one object in order. Leading stamps that are plain values go into the object
 * literal (one allocation with its final shape); the rest are assignments in order.
 */
function emitOps(gen: Gen, o: string, ops: Op[], env: ScopeEnv, pointer: string, rules: FieldRule[], ruleId: string, stamps: Partial<Record<string, string | (() => void)>>) {
  let i = 0;
  const initial: string[] = [];
  for (; i < ops.length; i++) {
    const op = ops[i];
    const v = op.kind === 'stamp' ? stamps[op.top] : undefined;
    if (typeof v !== 'string') break;
    initial.push(`${op.top}: ${v}`);
  }
  gen.line(`const ${o} = { ${initial.join(', ')} };`);
  for (; i < ops.length; i++) {
    const op = ops[i];
    if (op.kind === 'stamp') {
      const v = stamps[op.top];
      if (typeof v === 'string') gen.line(`${o}.${op.top} = ${v};`);
      else v?.();
    } else gen.fieldRule(o, op, env, `${pointer}/${rules.indexOf(op.rule)}/value`, ruleId);
  }
}

/**
 * Compiles a mapping document against its target model into an ES module (see the file comment).
 * The result's `code` is empty when there are errors; warnings may accompany valid code.
 * @example
 * const { code, diagnostics } = compileMapping(doc, getModel('pole', '1.0.0'));
 * const { transform } = loadCompiled(code);
 * transform(record, { record: 1, file: 'offences.ndjson' });
 */
export function compileMapping(doc: MappingDocument, model: TargetModel, options: CompileOptions = {}): CompileResult {
  const plan = buildPlan(doc, model, { functions: options.functions ?? libraryFunctions() });
  if (plan.diagnostics.some((d) => d.severity === 'error')) return { code: '', diagnostics: plan.diagnostics };
  const gen = new Gen(plan);
  // Expressions first, so keepUnmapped knows which fields they read.
  prescanExpressions(plan, gen);
  if (gen.diagnostics.some((d) => d.severity === 'error')) return { code: '', diagnostics: [...plan.diagnostics, ...gen.diagnostics] };
  computeReadSets(plan, gen.exprRefs);
  const { units, transform } = generate(plan, gen);
  if (gen.diagnostics.some((d) => d.severity === 'error')) return { code: '', diagnostics: [...plan.diagnostics, ...gen.diagnostics] };
  const meta: CompiledMeta = {
    mappingId: doc.id,
    mappingVersion: doc.version,
    name: doc.name,
    target: { modelId: doc.target.modelId, modelVersion: doc.target.modelVersion },
    sourceSystem: doc.sourceSystem,
    sources: doc.sources.map((s) => ({ id: s.id, name: s.name, format: s.format, primary: s.primary })),
    joins: doc.joins.map((j) => ({ id: j.id, source: j.source, as: j.as, foreign: j.on.map((o) => o.foreign), cardinality: j.cardinality })),
    engine: 1,
  };
  const parts: CompiledParts = { ns: `$uuidBytes(${lit(doc.namespace)})`, consts: gen.consts, meta, units, transform };
  return { code: assembleModule(parts), diagnostics: [...plan.diagnostics, ...gen.diagnostics], parts };
}

/** The ES module text of compiled parts (what `compileMapping` returns as `code`). */
export function assembleModule(p: CompiledParts): string {
  return [
    HEADER.trimEnd(),
    '// Generated by Mapwright from the mapping document; do not edit. User text appears only as JSON literals.',
    PRELUDE,
    `const NS = ${p.ns};`,
    ...p.consts.map((c) => `const ${c.name} = ${c.text};`),
    `export const meta = ${lit(p.meta)};`,
    ...p.units.map((u) => u.text),
    `export ${p.transform.text}`,
    '',
  ].join('\n');

}

/** Compiles every expression once (checking it) so their field reads are known before generating. */
function prescanExpressions(plan: Plan, gen: Gen) {
  for (const { env, nodes, ruleId } of ruleScopes(plan)) {
    for (const { node, pointer } of nodes) {
      walkValue(node, (n) => {
        if (n.kind === 'expr') gen.value(n, env, pointer, ruleId || undefined);
      });
    }
  }
  gen.resetTemps();
}


/**
 * Loads a compiled module in-process: the module body is evaluated with `new Function`, receiving
 * the engine object where the bundle version imports it from `mapwright-engine`. Only code produced
 * by `compileMapping` is accepted (the header and the two export lines are checked).
 */
export function loadCompiled(code: string, engine: unknown = ENGINE): CompiledTransform {
  if (!code.startsWith(HEADER)) throw new Error('Not a compiled Mapwright transform (missing the engine import)');
  const body = code
    .slice(HEADER.length)
    .replace(/^export const meta = /m, 'const meta = ')
    .replace(/^export function transform\(/m, 'function transform(');
  // Our generated code only (see the file comment): user text in it is JSON literals or checked expressions.
  const factory = new Function('ENGINE', `'use strict';\n${body}\nreturn { transform, meta };`) as (e: unknown) => CompiledTransform;
  return factory(engine);
}
