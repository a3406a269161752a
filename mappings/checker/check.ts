/**
 * The whole-document checker: one pass over a mapping document that reports every problem it can
 * find without running the transform, each with a MW5xxx code and a location (rule, node, field,
 * JSON pointer, and line/column inside expressions). Sample data, when given, adds the checks
 * that need values: value-map gaps, join keys that match nothing, filters that reject everything.
 *
 * The collaborators (function library, expression checker) are passed in as `CheckerDeps` so the
 * rules here stay testable with a tiny model; `index.ts` wires the real ones.
 */
import type { Diagnostic, Location } from '../diagnostics/diagnostic';
import { diag, type CatalogEntry } from '../diagnostics/catalog';
import type {
  EntityRule,
  FieldRule,
  Json,
  LinkRule,
  MappingDocument,
  ValueMapDecl,
  ValueNode,
} from '../document/types';
import type { CheckResult, ExprScope } from '../expr/types';
import type { FunctionDef } from '../functions/types';
import type { FieldNode, FieldTree, FieldType } from '../model/field-tree';
import { normaliseCode } from '../runtime/helpers';
import { CHECK } from './codes';
import { ENGINE_FIELDS, LINK_RULE_FIELDS, type ModelView } from './model-view';
import {
  UNKNOWN,
  applyJoins,
  bindings,
  evalNode,
  filterKeeps,
  readPath,
  type SampleEnv,
} from './samples';
import {
  exprScopeOf,
  isCollection,
  loopChain,
  primarySource,
  recordFields,
  resolveRef,
  resolveRootScope,
  resolveRuleScope,
  walkPath,
  type RuleScope,
} from './scope';
import { suggest } from './suggest';

/** The checker's collaborators. */
export interface CheckerDeps {
  fn(name: string): FunctionDef | undefined;
  functionNames(): Iterable<string>;
  checkExpression(code: string, scope: ExprScope): CheckResult;
  /** Prepares an expression for evaluation over sample values (throws when it cannot); optional. */
  prepareExpression?(code: string, scope: ExprScope): (values: { scopes: Record<string, unknown> }) => unknown;
}

export interface CheckOptions {
  model: ModelView;
  /** Sample records by source id (primary and joined sources). */
  samples?: Record<string, unknown[]>;
  /** File the document was read from, for locations. */
  file?: string;
  /** 1-based record numbers of the sample records (when unreadable records were left out). */
  recordNumbers?: Record<string, number[]>;
}

/** Coverage figures for the coverage panel and the review report. */
export interface Coverage {
  perEntity: { ruleId: string; entity: string; label?: string; required: number; mapped: number; percent: number }[];
  /** Leaf source fields (record-relative paths; joined sources under their join name) no rule reads. */
  unusedSourceFields: string[];
  unmappedRequired: { ruleId: string; entity: string; field: string }[];
  /** Sample values a value map has no entry for, with how often they occur. */
  codeValuesWithoutMapping: { valueMap: string; valueMapName: string; value: string; count: number }[];
}

/** The static picture of one value node's output. */
interface VType {
  type: FieldType;
  /** Yields several values per rule instance (a path through a collection not covered by a loop). */
  many: boolean;
  /** For arrays: the item type. */
  item?: FieldType;
  /** Produced by a value map (for scheme and output-shape checks). */
  valueMap?: ValueMapDecl;
  /** The constant, when the node is one. */
  constant?: { value: Json };
  /** Human description of where many values come from, for MW5030. */
  manySource?: string;
}

interface Site {
  ruleId?: string;
  scope: RuleScope;
}

interface TargetSlot {
  node: FieldNode;
  /** Path as written in the rule. */
  path: string;
  /** `x[]`: the value is one element appended to the collection. */
  append: boolean;
  owner: string;
}

const ANY: VType = { type: 'any', many: false };

/** Functions that convert between types, in order of preference; the first that exists is named in hints. */
const CONVERSIONS: Record<string, string[]> = {
  'string>integer': ['parseInteger', 'parseNumber', 'toInteger'],
  'string>number': ['parseNumber', 'toNumber'],
  'string>boolean': ['parseBoolean', 'toBoolean'],
  'string>date': ['parseDate'],
  'string>datetime': ['parseDateTime', 'parseDate'],
  'string>time': ['parseTime'],
  'number>integer': ['round', 'toInteger'],
  'number>string': ['formatNumber', 'toString', 'text'],
  'integer>string': ['formatNumber', 'toString', 'text'],
  'boolean>string': ['toString', 'text'],
};

/** Runs every check. Diagnostics come back in document order. */
export function analyse(doc: MappingDocument, opts: CheckOptions, deps: CheckerDeps): { diagnostics: Diagnostic[]; coverage: Coverage } {
  const c = new Checker(doc, opts, deps);
  c.run();
  return { diagnostics: c.out, coverage: c.coverage() };
}

function ptr(...parts: (string | number)[]): string {
  return parts.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function truthyValues(vs: unknown[]): boolean {
  const v = vs.length <= 1 ? vs[0] : vs;
  if (Array.isArray(v)) return v.length > 0;
  return v !== null && v !== undefined && v !== false && v !== 0 && v !== '' && !Number.isNaN(v);
}

function truthyConst(v: Json): boolean {
  if (Array.isArray(v)) return v.length > 0;
  return v !== null && v !== false && v !== 0 && v !== '';
}

/** A constant condition: a const node, or an expression that is just `true`/`false`. */
function constantOf(node: ValueNode): { value: Json } | undefined {
  if (node.kind === 'const') return { value: node.value };
  if (node.kind === 'expr') {
    const t = node.code.trim();
    if (t === 'true' || t === 'false') return { value: t === 'true' };
  }
  return undefined;
}

/**
 * The constant strings a node can produce, when every outcome is a constant (a const, or a cond
 * whose branches are all constants); undefined when any outcome is computed.
 */
function constantOutcomes(node: ValueNode): { value: string; node: ValueNode }[] | undefined {
  if (node.kind === 'const') return typeof node.value === 'string' ? [{ value: node.value, node }] : node.value === null ? [] : undefined;
  if (node.kind === 'cond') {
    const out: { value: string; node: ValueNode }[] = [];
    for (const n of [...node.branches.map((b) => b.then), ...(node.else ? [node.else] : [])]) {
      const sub = constantOutcomes(n);
      if (!sub) return undefined;
      out.push(...sub);
    }
    return out;
  }
  return undefined;
}

function normaliseTargetPath(path: string): string {
  // `names[0].family` addresses one element; the tree names the element path `names[].family`.
  return path.replace(/\[\d+\]/g, '[]');
}

function elementType(f: FieldNode): FieldType {
  if (f.type === 'array') return f.itemType ?? (f.children?.length ? 'object' : 'any');
  return f.type;
}

class Checker {
  readonly out: Diagnostic[] = [];
  private readonly model: ModelView;
  private readonly valueMaps = new Map<string, ValueMapDecl>();
  private readonly usedMaps = new Set<string>();
  /** Absolute record paths read by some rule (source coverage). */
  private readonly usedPaths = new Set<string>();
  /** Map nodes and the scope they run in, for the sample gap check. */
  private readonly mapSites: { node: ValueNode & { kind: 'map' }; scope: RuleScope; pointer: string; ruleId?: string; when?: ValueNode }[] = [];
  private readonly perEntity: Coverage['perEntity'] = [];
  private readonly unmappedRequired: Coverage['unmappedRequired'] = [];
  private readonly gaps = new Map<string, Map<string, { count: number; firstRecord: number }>>();
  private readonly ruleScopes = new Map<EntityRule | LinkRule, RuleScope>();

  constructor(
    private readonly doc: MappingDocument,
    private readonly opts: CheckOptions,
    private readonly deps: CheckerDeps,
  ) {
    this.model = opts.model;
    for (const vm of doc.valueMaps ?? []) if (!this.valueMaps.has(vm.id)) this.valueMaps.set(vm.id, vm);
  }

  private loc(l: Location): Location {
    const out: Location = {};
    if (this.opts.file) out.file = this.opts.file;
    for (const [k, v] of Object.entries(l)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
    return out;
  }

  private report<A>(entry: CatalogEntry<A>, args: A, l: Location, extra?: { hint?: string; severity?: Diagnostic['severity'] }): Diagnostic {
    const d = diag(entry as CatalogEntry<A> & { code?: never }, args, this.loc(l), extra?.severity);
    if (extra?.hint) d.hint = extra.hint;
    this.out.push(d);
    return d;
  }

  run(): void {
    const doc = this.doc;
    this.checkIds();
    this.checkHeader();
    const root = resolveRootScope(doc);
    this.checkJoins(root);
    if (doc.recordId) this.value(doc.recordId, { scope: root }, '/recordId');
    doc.filters.forEach((f, i) => this.checkFilter(f.when, f.reason, f.id, ptr('filters', i, 'when'), root));
    this.checkValueMaps();
    doc.root.fields.forEach((fr, i) => this.checkField(fr, { scope: root }, ptr('root', 'fields', i), this.model.root, 'the output document', undefined));
    doc.entities.forEach((r, i) => this.checkEntity(r, i));
    doc.links.forEach((l, i) => this.checkLink(l, i));
    this.checkSamples(root);
    doc.valueMaps.forEach((vm, i) => {
      if (!this.usedMaps.has(vm.id)) this.report(CHECK.MW5056, { valueMap: vm.name || vm.id }, { pointer: ptr('valueMaps', i) });
    });
  }

  // --- document-level -------------------------------------------------------------------------------

  private checkIds(): void {
    const seen = new Map<string, string>();
    const visit = (id: string | undefined, pointer: string, nodeId?: boolean) => {
      if (!id) return;
      const first = seen.get(id);
      if (first !== undefined) this.report(CHECK.MW5120, { id, first }, { pointer, ...(nodeId ? { nodeId: id } : { ruleId: id }) });
      else seen.set(id, pointer);
    };
    const visitNode = (n: ValueNode | undefined, p: string) => {
      if (!n) return;
      visit(n.id, p, true);
      for (const [child, cp] of childNodes(n, p)) visitNode(child, cp);
    };
    const d = this.doc;
    d.sources.forEach((s, i) => visit(s.id, ptr('sources', i)));
    d.joins.forEach((j, i) => {
      visit(j.id, ptr('joins', i));
      j.on.forEach((o, k) => visitNode(o.primary, ptr('joins', i, 'on', k, 'primary')));
    });
    visitNode(d.recordId, '/recordId');
    d.filters.forEach((f, i) => {
      visit(f.id, ptr('filters', i));
      visitNode(f.when, ptr('filters', i, 'when'));
    });
    d.valueMaps.forEach((v, i) => visit(v.id, ptr('valueMaps', i)));
    const fields = (fs: FieldRule[], base: string) =>
      fs.forEach((f, i) => {
        visit(f.id, `${base}/fields/${i}`);
        visitNode(f.value, `${base}/fields/${i}/value`);
      });
    fields(d.root.fields, '/root');
    d.entities.forEach((r, i) => {
      const base = ptr('entities', i);
      visit(r.id, base);
      visitNode(r.when, `${base}/when`);
      r.key?.forEach((k, j) => visitNode(k, `${base}/key/${j}`));
      fields(r.fields, base);
    });
    d.links.forEach((l, i) => {
      const base = ptr('links', i);
      visit(l.id, base);
      visitNode(l.role, `${base}/role`);
      visitNode(l.when, `${base}/when`);
      fields(l.fields, base);
    });
  }

  private checkHeader(): void {
    const primaries = this.doc.sources.filter((s) => s.primary).length;
    if (primaries !== 1) this.report(CHECK.MW5004, { count: primaries }, { pointer: '/sources' });
    const t = this.doc.target;
    if (t && (t.modelId !== this.model.id || t.modelVersion !== this.model.version)) {
      this.report(CHECK.MW5012, { docModel: `${t.modelId}@${t.modelVersion}`, model: this.model.label }, { pointer: '/target' });
    }
  }

  /** Joins that cannot run as declared; the sample checks leave them out rather than echo them. */
  private readonly badJoins = new Set<string>();

  private checkJoins(root: RuleScope): void {
    const primary = primarySource(this.doc);
    const primaryNames = new Set((primary?.schema.fields ?? []).map((f) => f.name));
    this.doc.joins.forEach((j, i) => {
      const p = ptr('joins', i);
      const src = this.doc.sources.find((s) => s.id === j.source);
      if (!src || src.primary) {
        this.report(CHECK.MW5101, { source: j.source }, { pointer: `${p}/source`, ruleId: j.id });
        this.badJoins.add(j.id);
      }
      if (primaryNames.has(j.as)) this.badJoins.add(j.id);
      if (primaryNames.has(j.as)) this.report(CHECK.MW5102, { as: j.as }, { pointer: `${p}/as`, ruleId: j.id, field: j.as });
      j.on.forEach((o, k) => {
        this.usedPaths.add(`${j.as}${j.cardinality === 'many' ? '[]' : ''}.${o.foreign}`);
        const v = this.value(o.primary, { scope: root }, `${p}/on/${k}/primary`);
        if (v.many) this.report(CHECK.MW5030, { source: v.manySource ?? 'This key', path: `join key ${k + 1}` }, { pointer: `${p}/on/${k}/primary`, ruleId: j.id, nodeId: o.primary.id });
        if (src) {
          const res = walkPath(src.schema.fields, o.foreign);
          if (!res.ok) {
            const s = suggest(res.at, res.candidates) ?? suggestPath(o.foreign, src.schema);
            this.report(CHECK.MW5104, { path: o.foreign, source: src.name, ...(s ? { suggestion: s } : {}) }, { pointer: `${p}/on/${k}/foreign`, ruleId: j.id, field: o.foreign });
          }
        }
      });
    });
  }

  private checkFilter(when: ValueNode, reason: string, id: string, pointer: string, root: RuleScope): void {
    this.value(when, { ruleId: id, scope: root }, pointer);
    const k = constantOf(when);
    if (k && !truthyConst(k.value)) this.report(CHECK.MW5111, { reason }, { pointer, ruleId: id, nodeId: when.id });
  }

  private checkValueMaps(): void {
    this.doc.valueMaps.forEach((vm, i) => {
      const p = ptr('valueMaps', i);
      const name = vm.name || vm.id;
      const codes = vm.targetScheme ? this.model.codes(vm.targetScheme) : undefined;
      if (vm.targetScheme && !codes) this.report(CHECK.MW5054, { scheme: vm.targetScheme, model: this.model.label }, { pointer: `${p}/targetScheme` });
      if (vm.crosswalk) {
        const cw = this.model.crosswalk(vm.crosswalk);
        if (!cw) this.report(CHECK.MW5055, { crosswalk: vm.crosswalk, model: this.model.label }, { pointer: `${p}/crosswalk` });
        else if (vm.targetScheme && cw.toScheme !== vm.targetScheme) {
          this.report(CHECK.MW5057, { valueMap: name, scheme: cw.toScheme, path: `the value map's target`, fieldScheme: vm.targetScheme }, { pointer: `${p}/crosswalk` });
        }
      }
      const seen = new Map<string, number>();
      vm.entries.forEach((e, k) => {
        const key = vm.caseInsensitive ? normaliseCode(e.from) : e.from;
        if (seen.has(key)) this.report(CHECK.MW5052, { valueMap: name, from: e.from }, { pointer: `${p}/entries/${k}/from`, field: e.from });
        else seen.set(key, k);
        if (codes && !codes.has(e.to)) {
          const s = suggest(e.to, codes);
          this.report(CHECK.MW5051, { valueMap: name, code: e.to, scheme: vm.targetScheme!, ...(s ? { suggestion: s } : {}) }, { pointer: `${p}/entries/${k}/to` });
        }
      });
      if (codes && vm.unmapped.policy === 'default' && !codes.has(vm.unmapped.value)) {
        const s = suggest(vm.unmapped.value, codes);
        this.report(CHECK.MW5051, { valueMap: name, code: vm.unmapped.value, scheme: vm.targetScheme!, ...(s ? { suggestion: s } : {}) }, { pointer: `${p}/unmapped/value` });
      }
    });
  }

  // --- rules --------------------------------------------------------------------------------------

  private scopeOf(rule: EntityRule | LinkRule, pointer: string): RuleScope {
    const ruleId = rule.id;
    const cached = this.ruleScopes.get(rule);
    if (cached) return cached;
    const s = resolveRuleScope(this.doc, rule);
    this.ruleScopes.set(rule, s);
    for (const pr of s.problems) {
      // Only report problems that belong to this rule; a broken parent reports its own.
      if (pr.ruleId !== ruleId && pr.kind !== 'parent-cycle') continue;
      switch (pr.kind) {
        case 'unknown-parent': {
          const sug = suggest(pr.parent, this.doc.entities.map((e) => e.id));
          this.report(CHECK.MW5080, { parent: pr.parent, ...(sug ? { suggestion: sug } : {}) }, { pointer: `${pointer}/parent`, ruleId });
          break;
        }
        case 'parent-cycle':
          this.report(CHECK.MW5081, { chain: pr.chain.join(' → ') }, { pointer: `${pointer}/parent`, ruleId });
          break;
        case 'bad-loop': {
          const inner = s.frames[s.frames.length - 1];
          const res = walkPath(inner.fields, pr.path);
          if (!res.ok && pr.reason === 'unknown') {
            const sug = suggest(res.at, res.candidates);
            this.report(CHECK.MW5001, { path: pr.path, scope: scopeLabel(inner.name), ...(sug ? { suggestion: sug } : {}) }, { pointer: `${pointer}/forEach/path`, ruleId, field: pr.path });
          } else this.report(CHECK.MW5003, { path: pr.path }, { pointer: `${pointer}/forEach/path`, ruleId, field: pr.path });
          break;
        }
        case 'shadowed':
          this.report(CHECK.MW5005, { name: pr.name }, { pointer: `${pointer}/forEach/as`, ruleId });
          break;
      }
    }
    return s;
  }

  private checkEntity(r: EntityRule, i: number): void {
    const p = ptr('entities', i);
    const scope = this.scopeOf(r, p);
    const site: Site = { ruleId: r.id, scope };
    const tree = this.model.entity(r.entity);
    if (!tree) {
      const s = suggest(r.entity, this.model.entityNames);
      this.report(CHECK.MW5010, { entity: r.entity, model: this.model.label, ...(s ? { suggestion: s } : {}) }, { pointer: `${p}/entity`, ruleId: r.id });
    }
    if (r.when) this.checkWhen(r.when, site, `${p}/when`, `Rule "${r.label ?? r.id}"`);
    r.key?.forEach((k, j) => {
      const v = this.value(k, site, `${p}/key/${j}`);
      if (v.many) this.report(CHECK.MW5030, { source: v.manySource ?? 'This key', path: `identity key ${j + 1}` }, { pointer: `${p}/key/${j}`, ruleId: r.id, nodeId: k.id });
    });
    const assigned = new Map<string, string>();
    r.fields.forEach((fr, j) => {
      this.checkField(fr, site, `${p}/fields/${j}`, tree, r.entity, assigned);
    });
    if (r.keepUnmapped) {
      for (const f of scope.frames[scope.frames.length - 1].fields) if (!isCollection(f) && !f.children?.length) this.usedPaths.add(f.path);
      if (tree && !tree.fields.some((f) => f.name === 'extensions')) {
        this.report(CHECK.MW5121, { entity: r.entity, field: 'extensions' }, { pointer: `${p}/keepUnmapped`, ruleId: r.id });
      }
    }
    if (tree) this.checkRequired(r, tree, p);
  }

  private checkRequired(r: EntityRule, tree: FieldTree, p: string): void {
    const mappedTop = new Set(r.fields.map((f) => topName(f.target)));
    let required = 0;
    let mapped = 0;
    for (const f of tree.fields) {
      if (f.cardinality !== 'one' || ENGINE_FIELDS.has(f.name)) continue;
      required++;
      if (mappedTop.has(f.name)) {
        mapped++;
        continue;
      }
      this.unmappedRequired.push({ ruleId: r.id, entity: r.entity, field: f.path });
      this.report(CHECK.MW5040, { path: f.path, entity: r.entity, rule: r.label ? `"${r.label}"` : r.id }, { pointer: `${p}/fields`, ruleId: r.id, field: f.path });
    }
    this.perEntity.push({
      ruleId: r.id,
      entity: r.entity,
      ...(r.label ? { label: r.label } : {}),
      required,
      mapped,
      percent: required ? Math.round((mapped / required) * 100) : 100,
    });
  }

  private checkLink(l: LinkRule, i: number): void {
    const p = ptr('links', i);
    const scope = this.scopeOf(l, p);
    const site: Site = { ruleId: l.id, scope };
    const chain = loopChain(scope);
    for (const end of ['from', 'to'] as const) {
      const target = this.doc.entities.find((e) => e.id === l[end]);
      if (!target) {
        const s = suggest(l[end], this.doc.entities.map((e) => e.id));
        this.report(CHECK.MW5070, { end, rule: l[end], ...(s ? { suggestion: s } : {}) }, { pointer: `${p}/${end}`, ruleId: l.id });
        continue;
      }
      const idx = this.doc.entities.indexOf(target);
      const tChain = loopChain(this.scopeOf(target, ptr('entities', idx)));
      const reachable = tChain.length <= chain.length && tChain.every((c, k) => chain[k] === c);
      if (!reachable) {
        this.report(
          CHECK.MW5071,
          { end, rule: target.label ?? target.id, ruleLoop: loopLabel(tChain), linkLoop: loopLabel(chain) },
          { pointer: `${p}/${end}`, ruleId: l.id },
        );
      }
    }
    const role = this.value(l.role, site, `${p}/role`);
    const scheme = this.model.linkRoleScheme;
    const codes = scheme ? this.model.codes(scheme) : undefined;
    if (codes) {
      for (const k of constantOutcomes(l.role) ?? []) {
        if (codes.has(k.value)) continue;
        const s = suggest(k.value, codes);
        this.report(CHECK.MW5072, { role: k.value, ...(s ? { suggestion: s } : {}) }, { pointer: `${p}/role`, ruleId: l.id, nodeId: k.node.id });
      }
      if (role.valueMap?.targetScheme && role.valueMap.targetScheme !== scheme) {
        this.report(CHECK.MW5057, { valueMap: role.valueMap.name, scheme: role.valueMap.targetScheme, path: 'the link role', fieldScheme: scheme! }, { pointer: `${p}/role`, ruleId: l.id, nodeId: l.role.id });
      }
    }
    if (role.many) this.report(CHECK.MW5030, { source: role.manySource ?? 'The role', path: 'the link role' }, { pointer: `${p}/role`, ruleId: l.id, nodeId: l.role.id });
    if (l.when) this.checkWhen(l.when, site, `${p}/when`, `Link rule "${l.id}"`);
    const assigned = new Map<string, string>();
    l.fields.forEach((fr, j) => this.checkField(fr, site, `${p}/fields/${j}`, this.model.link, 'Link', assigned, LINK_RULE_FIELDS));
  }

  private checkWhen(when: ValueNode, site: Site, pointer: string, what: string): void {
    this.value(when, site, pointer);
    const k = constantOf(when);
    if (k && !truthyConst(k.value)) this.report(CHECK.MW5090, { what }, { pointer, ruleId: site.ruleId, nodeId: when.id });
  }

  private checkField(
    fr: FieldRule,
    site: Site,
    pointer: string,
    tree: FieldTree | undefined,
    owner: string,
    assigned: Map<string, string> | undefined,
    reserved: ReadonlySet<string> = new Set(),
  ): void {
    const v = this.value(fr.value, { ...site, ruleId: site.ruleId ?? fr.id }, `${pointer}/value`);
    const ruleId = site.ruleId ?? fr.id;
    const l = { pointer: `${pointer}/target`, ruleId, field: fr.target };
    if (assigned && !fr.target.endsWith('[]')) {
      const prev = assigned.get(fr.target);
      if (prev) this.report(CHECK.MW5013, { path: fr.target, entity: owner, other: prev }, l);
      else assigned.set(fr.target, fr.id);
    }
    if (!tree) {
      if (owner === 'the output document') this.report(CHECK.MW5011, { path: fr.target, entity: owner }, l);
      return;
    }
    const top = topName(fr.target);
    if (ENGINE_FIELDS.has(top) || reserved.has(top)) {
      this.report(CHECK.MW5014, { path: fr.target, entity: owner }, l);
      return;
    }
    const slot = resolveTarget(tree, fr.target, owner);
    if (!slot) {
      const s = suggestPath(normaliseTargetPath(fr.target), tree);
      this.report(CHECK.MW5011, { path: fr.target, entity: owner, ...(s ? { suggestion: s } : {}) }, l);
      return;
    }
    this.assign(v, fr.value, slot, { pointer: `${pointer}/value`, ruleId, nodeId: fr.value.id, field: fr.target });
  }

  /** Checks that a value fits a target slot: type, shape, code list and cardinality. */
  private assign(v: VType, node: ValueNode, slot: TargetSlot, l: Location): void {
    const t = slot.node;
    const wantsArray = isCollection(t) && !slot.append;
    if (v.many && !wantsArray) {
      this.report(CHECK.MW5030, { source: v.manySource ?? 'This value', path: slot.path }, l);
    }
    const targetType: FieldType = wantsArray ? 'array' : slot.append ? elementType(t) : t.type;
    // Value maps: the output shape must suit the field, and the code list must be the field's.
    if (v.valueMap) {
      const vm = v.valueMap;
      const objectTarget = targetType === 'object';
      if (vm.output === 'code' && objectTarget) {
        this.report(CHECK.MW5058, { valueMap: vm.name, output: 'plain codes', path: slot.path, expected: 'a Coded object' }, l);
        return;
      }
      if (vm.output === 'coded' && targetType === 'string') {
        this.report(CHECK.MW5058, { valueMap: vm.name, output: 'Coded objects', path: slot.path, expected: 'a plain code' }, l);
        return;
      }
      const fieldScheme = t.codeList ?? t.children?.find((c) => c.name === 'code')?.codeList;
      if (fieldScheme && vm.targetScheme && fieldScheme !== vm.targetScheme && this.model.codes(vm.targetScheme)) {
        this.report(CHECK.MW5057, { valueMap: vm.name, scheme: vm.targetScheme, path: slot.path, fieldScheme }, l);
      }
      return;
    }
    if (node.kind === 'object' && targetType === 'object') {
      this.assignObject(node, slot, l);
      return;
    }
    if (wantsArray) {
      if (!v.many && v.type !== 'array' && v.type !== 'any' && v.type !== 'null') {
        this.report(CHECK.MW5021, { from: v.type, to: 'a list', path: slot.path, fn: `the target path ${slot.path}[] to append one element` }, l);
      }
      return;
    }
    const fromType = v.type === 'array' && v.many ? (v.item ?? 'any') : v.type;
    this.compatible(fromType, targetType, slot, l, t);
    // A constant into a code-list field must be a code of that list.
    if (t.codeList && (targetType === 'string' || targetType === 'any')) this.checkConstantCodes(node, t.codeList, slot.path, l);
  }

  private compatible(from: FieldType, to: FieldType, slot: TargetSlot, l: Location, t: FieldNode): void {
    if (from === to || from === 'any' || to === 'any' || from === 'null') return;
    if (from === 'integer' && to === 'number') return;
    if ((from === 'date' || from === 'datetime' || from === 'time') && to === 'string') return;
    if (from === 'date' && to === 'datetime') return;
    const scalar = (x: FieldType) => x !== 'object' && x !== 'array';
    if (!scalar(from) || !scalar(to)) {
      let hint: string | undefined;
      if (to === 'object' && from === 'string') {
        const kids = new Set((t.children ?? []).map((c) => c.name));
        if ((kids.has('code') && kids.has('scheme')) || t.codeList) hint = 'A Coded field needs a value map with output "coded", or an object node with code and scheme.';
        else if (kids.has('precision')) hint = `A partial date needs ${this.fnName(['partialDate', 'parseDate'])} or an object node with value and precision.`;
        else hint = 'Build the object with an object node.';
      } else if (from === 'object' && scalar(to)) hint = 'Pick one field of the object, or convert it with a function.';
      else if (from === 'array') hint = 'Pick one element (first, last) or join the list into text.';
      this.report(CHECK.MW5020, { from: from, to, path: slot.path }, l, hint ? { hint } : undefined);
      return;
    }
    const conv = CONVERSIONS[`${from}>${to}`];
    if (conv) {
      this.report(CHECK.MW5021, { from: from, to, path: slot.path, fn: this.fnName(conv) }, l);
      return;
    }
    this.report(CHECK.MW5020, { from: from, to, path: slot.path }, l);
  }

  private fnName(candidates: string[]): string {
    for (const c of candidates) if (this.deps.fn(c)) return c;
    return 'a conversion function';
  }

  /** Reports constant codes (directly or as cond outcomes) that are not in the code list. */
  private checkConstantCodes(node: ValueNode, scheme: string, path: string, l: Location): void {
    const codes = this.model.codes(scheme);
    if (!codes) return;
    for (const k of constantOutcomes(node) ?? []) {
      if (codes.has(k.value)) continue;
      const s = suggest(k.value, codes);
      this.report(CHECK.MW5059, { code: k.value, scheme, path, ...(s ? { suggestion: s } : {}) }, { ...l, nodeId: k.node.id });
    }
  }

  private assignObject(node: ValueNode & { kind: 'object' }, slot: TargetSlot, l: Location): void {
    // A Coded built by hand: its code must be in the scheme it names, and that scheme must be the field's.
    const schemeNode = node.fields.scheme;
    const codeNode = node.fields.code;
    const fieldScheme = slot.node.codeList;
    if (schemeNode?.kind === 'const' && typeof schemeNode.value === 'string' && codeNode) {
      const scheme = schemeNode.value;
      if (fieldScheme && scheme !== fieldScheme) {
        this.report(CHECK.MW5062, { path: slot.path, fieldScheme, scheme }, { ...l, nodeId: schemeNode.id, pointer: `${l.pointer}/fields/scheme` });
      } else if (this.model.codes(scheme)) {
        this.checkConstantCodes(codeNode, scheme, `${slot.path}.code`, { ...l, pointer: `${l.pointer}/fields/code` });
      } else if (fieldScheme) {
        // A scheme the model does not know is fine only where the field names no list (a supplier's own codes).
        this.report(CHECK.MW5054, { scheme, model: this.model.label }, { ...l, nodeId: schemeNode.id, pointer: `${l.pointer}/fields/scheme` });
      }
    }
    const kids = slot.node.children ?? [];
    if (!kids.length) return; // an unexpanded definition: the target schema judges it at run time
    for (const [k, child] of Object.entries(node.fields)) {
      const kn = kids.find((c) => c.name === k);
      if (!kn) {
        const s = suggest(k, kids.map((c) => c.name));
        this.report(CHECK.MW5011, { path: `${slot.path}.${k}`, entity: slot.owner, ...(s ? { suggestion: s } : {}) }, { ...l, nodeId: child.id });
        continue;
      }
      const cv = this.types.get(child) ?? ANY;
      this.assign(cv, child, { node: kn, path: `${slot.path}.${k}`, append: false, owner: slot.owner }, { ...l, nodeId: child.id, pointer: `${l.pointer}/fields/${escapeKey(k)}` });
    }
    for (const kn of kids) {
      if (kn.cardinality === 'one' && !(kn.name in node.fields)) {
        const rule = this.doc.entities.find((e) => e.id === l.ruleId);
        this.report(CHECK.MW5040, { path: `${slot.path}.${kn.name}`, entity: slot.owner, rule: rule?.label ? `"${rule.label}"` : (l.ruleId ?? '') }, l);
      }
    }
  }

  // --- value nodes -----------------------------------------------------------------------------------

  /** Inferred types by node, so object nodes can check their parts against the target. */
  private readonly types = new Map<ValueNode, VType>();

  private value(node: ValueNode, site: Site, pointer: string): VType {
    const v = this.infer(node, site, pointer);
    this.types.set(node, v);
    return v;
  }

  private infer(node: ValueNode, site: Site, pointer: string): VType {
    const l = (extra?: Location): Location => ({ pointer, ruleId: site.ruleId, nodeId: node.id, ...extra });
    switch (node.kind) {
      case 'const':
        return { type: jsonType(node.value), many: false, constant: { value: node.value } };
      case 'field': {
        const res = resolveRef(site.scope, node.path, node.scope);
        if (!res.ok && site.scope.broken) return ANY; // the rule's scope problem is reported once, on the rule
        if (!res.ok) {
          if (res.reason === 'unknown-scope') {
            this.report(CHECK.MW5002, { scope: res.scope, visible: site.scope.frames.map((f) => f.name).join(', ') }, l({ field: node.path }));
          } else {
            let s = suggest(res.at.split('.').pop() ?? res.at, res.candidates);
            if (s && res.at.includes('.')) s = `${res.at.slice(0, res.at.lastIndexOf('.') + 1)}${s}`;
            // A field further down (`surname` for `persons[].surname`): suggest its full path.
            if (!s && !res.at.includes('.')) s = deeperPath(res.frame.fields, res.at);
            // A field of an outer scope read without naming it: suggest the scope.
            if (!s) {
              for (const f of site.scope.frames) {
                if (f === res.frame) continue;
                const alt = resolveRef(site.scope, node.path, f.name);
                if (alt.ok) {
                  s = `${f.name}: ${node.path}`;
                  break;
                }
              }
            }
            this.report(CHECK.MW5001, { path: node.path, scope: scopeLabel(res.frame.name), ...(s ? { suggestion: s } : {}) }, l({ field: node.path }));
          }
          return ANY;
        }
        this.usedPaths.add(res.absPath);
        const item = res.field && res.field.type === 'array' && !res.many ? elementType(res.field) : undefined;
        return { type: res.type, many: res.many, ...(item ? { item } : {}), ...(res.many ? { manySource: `"${res.absPath}"` } : {}) };
      }
      case 'call': {
        const args = node.args.map((a, i) => this.value(a, site, `${pointer}/args/${i}`));
        const def = this.deps.fn(node.fn);
        if (!def) {
          const s = suggest(node.fn, this.deps.functionNames());
          this.report(CHECK.MW5060, { fn: node.fn, ...(s ? { suggestion: s } : {}) }, l());
          return { type: 'any', many: args.some((a) => a.many) };
        }
        const min = def.params.filter((p) => !p.optional && !p.variadic).length;
        const variadic = def.params.some((p) => p.variadic);
        const max = variadic ? Infinity : def.params.length;
        if (args.length < min || args.length > max) {
          const expected = variadic ? `at least ${min}` : min === max ? String(min) : `${min} to ${max}`;
          this.report(CHECK.MW5061, { fn: node.fn, expected, got: args.length }, l());
        }
        let many = false;
        let manySource: string | undefined;
        args.forEach((a, i) => {
          const param = def.params[Math.min(i, def.params.length - 1)];
          if (!param) return;
          // List functions take a many-valued input as one list (like an aggregate).
          const takesList = param.type === 'array' || def.category === 'lists';
          if (a.many && !takesList) {
            many = true;
            manySource ??= a.manySource;
          }
          const from = a.many && takesList ? 'array' : a.type;
          if (!argFits(from, param.type)) {
            this.report(CHECK.MW5022, { fn: node.fn, param: param.name, from, to: param.type }, { ...l(), nodeId: node.args[i].id, pointer: `${pointer}/args/${i}` });
          }
        });
        return { type: def.returns.type, many, ...(def.returns.itemType ? { item: def.returns.itemType } : {}), ...(manySource ? { manySource } : {}) };
      }
      case 'expr': {
        const scope = exprScopeOf(site.scope);
        let res: CheckResult;
        try {
          res = this.deps.checkExpression(node.code, scope);
        } catch (e) {
          // The expression checker should never throw; if it does, say so at the node, not crash.
          this.out.push({ code: 'MW4006', severity: 'error', message: `The expression could not be checked: ${(e as Error).message}`, location: this.loc(l()) });
          return ANY;
        }
        for (const d of res.diagnostics) {
          // Unknown names are echoes of the rule's own scope problem, reported once on the rule.
          if (site.scope.broken && d.code.startsWith('MW42')) continue;
          this.out.push({ ...d, location: this.loc({ ...d.location, ...l(), ...(d.location.field ? { field: d.location.field } : {}) }) });
        }
        for (const r of res.fieldRefs) this.usedPaths.add(r.path);
        const t = res.type;
        return { type: t.type, many: false, ...(t.item ? { item: t.item.type } : {}) };
      }
      case 'map': {
        const input = this.value(node.input, site, `${pointer}/input`);
        const vm = this.valueMaps.get(node.valueMap);
        this.usedMaps.add(node.valueMap);
        if (!vm) {
          const s = suggest(node.valueMap, [...this.valueMaps.keys()]);
          this.report(CHECK.MW5053, { valueMap: node.valueMap, ...(s ? { suggestion: s } : {}) }, l());
          return { type: 'any', many: input.many };
        }
        const rule = site.ruleId ? (this.doc.entities.find((e) => e.id === site.ruleId) ?? this.doc.links.find((e) => e.id === site.ruleId)) : undefined;
        this.mapSites.push({ node, scope: site.scope, pointer, ruleId: site.ruleId, ...(rule?.when && rule.when !== node ? { when: rule.when } : {}) });
        return {
          type: vm.output === 'coded' ? 'object' : 'string',
          many: input.many,
          valueMap: vm,
          ...(input.manySource ? { manySource: input.manySource } : {}),
        };
      }
      case 'cond': {
        let alwaysAt = -1;
        const thens: VType[] = [];
        node.branches.forEach((br, i) => {
          const bp = `${pointer}/branches/${i}`;
          this.value(br.when, site, `${bp}/when`);
          thens.push(this.value(br.then, site, `${bp}/then`));
          if (alwaysAt >= 0) {
            this.report(CHECK.MW5091, { what: `Branch ${i + 1}` }, { pointer: bp, ruleId: site.ruleId, nodeId: br.then.id });
            return;
          }
          const k = constantOf(br.when);
          if (k && truthyConst(k.value)) alwaysAt = i;
          else if (k) this.report(CHECK.MW5090, { what: `Branch ${i + 1}` }, { pointer: `${bp}/when`, ruleId: site.ruleId, nodeId: br.when.id });
        });
        if (node.else) {
          thens.push(this.value(node.else, site, `${pointer}/else`));
          if (alwaysAt >= 0) this.report(CHECK.MW5091, { what: 'The else branch' }, { pointer: `${pointer}/else`, ruleId: site.ruleId, nodeId: node.else.id });
        }
        return joinTypes(thens);
      }
      case 'aggregate': {
        const input = this.value(node.input, site, `${pointer}/input`);
        if (!input.many && input.type !== 'array' && input.type !== 'any') this.report(CHECK.MW5031, { op: node.op }, l());
        const itemType = input.many ? input.type : (input.item ?? 'any');
        switch (node.op) {
          case 'count':
            return { type: 'integer', many: false };
          case 'join':
            return { type: 'string', many: false };
          case 'distinct':
            return { type: 'array', item: itemType, many: false };
          default:
            return { type: itemType, many: false, ...(input.valueMap ? { valueMap: input.valueMap } : {}) };
        }
      }
      case 'object': {
        let many = false;
        for (const [k, child] of Object.entries(node.fields)) many = this.value(child, site, `${pointer}/fields/${escapeKey(k)}`).many || many;
        return { type: 'object', many };
      }
      case 'array': {
        const items = node.items.map((it, i) => this.value(it, site, `${pointer}/items/${i}`));
        return { type: 'array', item: joinTypes(items).type, many: false };
      }
    }
  }

  // --- samples ------------------------------------------------------------------------------------

  private sampleEnv(): SampleEnv {
    const model = this.model;
    return {
      fn: (name) => this.deps.fn(name)?.impl,
      fnTakesContext: (name) => this.deps.fn(name)?.context === true,
      valueMaps: this.valueMaps,
      lookup: (vm, value) => lookupValue(vm, value, model),
      ...(this.deps.prepareExpression ? { expr: (code: string, scope: ExprScope, b: Record<string, unknown>) => this.prepared(code, scope)({ scopes: b }) } : {}),
    };
  }

  private readonly preparedExprs = new Map<ExprScope, Map<string, (values: { scopes: Record<string, unknown> }) => unknown>>();

  /** Expressions are prepared once per scope, not once per sample record. */
  private prepared(code: string, scope: ExprScope) {
    let byCode = this.preparedExprs.get(scope);
    if (!byCode) this.preparedExprs.set(scope, (byCode = new Map()));
    let fn = byCode.get(code);
    if (!fn) {
      try {
        fn = this.deps.prepareExpression!(code, scope);
      } catch (e) {
        fn = () => {
          throw e;
        };
      }
      byCode.set(code, fn);
    }
    return fn;
  }

  private checkSamples(root: RuleScope): void {
    const samples = this.opts.samples;
    const primary = primarySource(this.doc);
    if (!samples || !primary || !samples[primary.id]) return;
    const env = this.sampleEnv();
    const { records, stats } = applyJoins({ ...this.doc, joins: this.doc.joins.filter((j) => !this.badJoins.has(j.id)) }, samples[primary.id], samples, env, root);
    const rootExpr = exprScopeOf(root);
    this.doc.joins.forEach((j, i) => {
      const st = stats.get(j.id);
      if (!st || st.total === 0) return;
      const l = { pointer: ptr('joins', i, 'on'), ruleId: j.id, field: j.on.map((o) => o.foreign).join(', ') };
      if (st.unmatched === st.total && st.foreignTotal > 0) this.report(CHECK.MW5100, { join: j.as, total: st.total, foreignTotal: st.foreignTotal }, l);
      else if (st.foreignUnmatched > 0) {
        this.report(CHECK.MW5103, { join: j.as, unmatched: st.unmatched, total: st.total, foreignUnmatched: st.foreignUnmatched, foreignTotal: st.foreignTotal }, l);
      }
    });
    // Filters: which records survive; a filter that rejects every record it can judge is a mistake.
    const kept: { record: unknown; n: number }[] = [];
    const rejectedBy = this.doc.filters.map(() => ({ judged: 0, rejected: 0 }));
    const numbers = this.opts.recordNumbers?.[primary.id];
    records.forEach((rec, n) => {
      let keep = true;
      this.doc.filters.forEach((f, i) => {
        const verdict = filterKeeps(f.when, rec, env, rootExpr);
        if (verdict === undefined) return;
        rejectedBy[i].judged++;
        if (!verdict) {
          rejectedBy[i].rejected++;
          keep = false;
        }
      });
      if (keep) kept.push({ record: rec, n: numbers?.[n] ?? n + 1 });
    });
    this.doc.filters.forEach((f, i) => {
      const r = rejectedBy[i];
      if (r.judged > 0 && r.rejected === r.judged && r.judged === records.length && !constantOf(f.when)) {
        this.report(CHECK.MW5110, { reason: f.reason, total: records.length }, { pointer: ptr('filters', i, 'when'), ruleId: f.id, nodeId: f.when.id });
      }
    });
    // Value-map gaps: every value the input produces over the kept records and loop iterations.
    for (const site of this.mapSites) {
      const vm = this.valueMaps.get(site.node.valueMap)!;
      const counts = this.gaps.get(vm.id) ?? new Map<string, { count: number; firstRecord: number }>();
      const siteExpr = exprScopeOf(site.scope);
      for (const { record, n } of kept) {
        for (const b of bindings(site.scope, record)) {
          // Iterations where the rule does not run cannot hit the value map.
          if (site.when) {
            const w = evalNode(site.when, b, env, siteExpr);
            if (w !== UNKNOWN && !truthyValues(w)) continue;
          }
          const vals = evalNode(site.node.input, b, env, siteExpr);
          if (vals === UNKNOWN) continue;
          for (const v of vals) {
            if (v === null || v === undefined || v === '' || typeof v === 'object') continue;
            const s = String(v);
            if (lookupValue(vm, s, this.model) !== undefined) continue;
            const c = counts.get(s);
            if (c) c.count++;
            else counts.set(s, { count: 1, firstRecord: n });
          }
        }
      }
      this.gaps.set(vm.id, counts);
    }
    this.doc.valueMaps.forEach((vm, i) => {
      const counts = this.gaps.get(vm.id);
      if (!counts || !counts.size) return;
      const site = this.mapSites.find((s) => s.node.valueMap === vm.id)!;
      const values = [...counts.entries()].sort((a, b) => b[1].count - a[1].count);
      const total = values.reduce((s, [, c]) => s + c.count, 0);
      const shown = values.slice(0, 8).map(([v, c]) => `"${v}" (${c.count})`).join(', ') + (values.length > 8 ? ` and ${values.length - 8} more` : '');
      const policy =
        vm.unmapped.policy === 'default'
          ? `they become "${vm.unmapped.value}"`
          : vm.unmapped.policy === 'passthrough'
            ? 'they pass through unchanged'
            : 'those records are rejected';
      const input = site.node.input.kind === 'field' ? site.node.input.path : undefined;
      this.report(
        CHECK.MW5050,
        { valueMap: vm.name || vm.id, values: shown, count: total, policy },
        { pointer: ptr('valueMaps', i, 'entries'), ruleId: site.ruleId, nodeId: site.node.id, record: values[0][1].firstRecord, ...(input ? { field: input } : {}) },
      );
    });
  }

  coverage(): Coverage {
    const fields = recordFields(this.doc);
    const unused: string[] = [];
    // Reading a whole object or collection reads its parts: a path is used when it, or a prefix of
    // it ending before a `.` or `[`, was read. Looking up each such prefix keeps this linear in the
    // number of source fields (scanning every used path per field was quadratic: ~7% of a check of
    // a 1,000-rule mapping).
    const isUsed = (path: string) => {
      if (this.usedPaths.has(path)) return true;
      for (let i = 1; i < path.length; i++) {
        const c = path[i];
        if ((c === '.' || c === '[') && this.usedPaths.has(path.slice(0, i))) return true;
      }
      return false;
    };
    const walk = (fs: readonly FieldNode[]) => {
      for (const f of fs) {
        if (f.children?.length) walk(f.children);
        else if (!isUsed(f.path)) unused.push(f.path);
      }
    };
    walk(fields);
    const codeValuesWithoutMapping: Coverage['codeValuesWithoutMapping'] = [];
    for (const vm of this.doc.valueMaps) {
      const counts = this.gaps.get(vm.id);
      if (!counts) continue;
      for (const [value, c] of [...counts.entries()].sort((a, b) => b[1].count - a[1].count)) {
        codeValuesWithoutMapping.push({ valueMap: vm.id, valueMapName: vm.name, value, count: c.count });
      }
    }
    return { perEntity: this.perEntity, unusedSourceFields: unused, unmappedRequired: this.unmappedRequired, codeValuesWithoutMapping };
  }
}

/** Looks a value up in a value map: explicit entries first, then the crosswalk. */
export function lookupValue(vm: ValueMapDecl, value: string, model: ModelView): string | undefined {
  const norm = (s: string) => (vm.caseInsensitive ? normaliseCode(s) : s);
  const v = norm(value);
  for (const e of vm.entries) if (norm(e.from) === v) return e.to;
  if (vm.crosswalk) {
    const cw = model.crosswalk(vm.crosswalk);
    if (cw) for (const e of cw.entries) if (norm(e.from) === v) return e.to;
  }
  return undefined;
}

/** The child value nodes of a node, with their JSON pointers. */
export function childNodes(n: ValueNode, p: string): [ValueNode, string][] {
  switch (n.kind) {
    case 'call':
      return n.args.map((a, i) => [a, `${p}/args/${i}`]);
    case 'map':
    case 'aggregate':
      return [[n.input, `${p}/input`]];
    case 'cond': {
      const out: [ValueNode, string][] = [];
      n.branches.forEach((b, i) => {
        out.push([b.when, `${p}/branches/${i}/when`], [b.then, `${p}/branches/${i}/then`]);
      });
      if (n.else) out.push([n.else, `${p}/else`]);
      return out;
    }
    case 'object':
      return Object.entries(n.fields).map(([k, v]) => [v, `${p}/fields/${escapeKey(k)}`]);
    case 'array':
      return n.items.map((it, i) => [it, `${p}/items/${i}`]);
    default:
      return [];
  }
}

function escapeKey(k: string): string {
  return k.replace(/~/g, '~0').replace(/\//g, '~1');
}

function topName(target: string): string {
  const m = /^(\["(?:[^"\\]|\\.)*"\]|[^.[]+)/.exec(target);
  if (!m) return target;
  return m[1].startsWith('[') ? (JSON.parse(m[1].slice(1, -1)) as string) : m[1];
}

function resolveTarget(tree: FieldTree, target: string, owner: string): TargetSlot | undefined {
  const norm = normaliseTargetPath(target);
  const res = walkPath(tree.fields, norm, '', { open: true });
  if (!res.ok) return undefined;
  if (res.open) return { node: { path: norm, name: topName(target), type: 'any', cardinality: 'optional' }, path: target, append: false, owner };
  if (!res.field) return undefined;
  return { node: res.field, path: target, append: norm.endsWith('[]'), owner };
}

/** The relative path of the first field named `name` (any case) below the top level, if any. */
function deeperPath(fields: readonly FieldNode[], name: string): string | undefined {
  const lower = name.toLowerCase();
  const walk = (fs: readonly FieldNode[], prefix: string): string | undefined => {
    for (const f of fs) {
      const seg = (/^[@#]?[A-Za-z_$][A-Za-z0-9_$-]*$/.test(f.name) ? f.name : `[${JSON.stringify(f.name)}]`) + (isCollection(f) ? '[]' : '');
      const path = prefix ? (seg.startsWith('[') ? prefix + seg : `${prefix}.${seg}`) : seg;
      if (prefix && f.name.toLowerCase() === lower) return path;
      const sub = f.children ? walk(f.children, path) : undefined;
      if (sub) return sub;
    }
    return undefined;
  };
  return walk(fields, '');
}

/** Suggests a full path for an unknown one by matching its last name anywhere in the tree. */
function suggestPath(path: string, tree: FieldTree): string | undefined {
  const all: string[] = [];
  const walk = (fs: readonly FieldNode[]) => {
    for (const f of fs) {
      all.push(f.path);
      if (f.children) walk(f.children);
    }
  };
  walk(tree.fields);
  return suggest(path, all);
}

function scopeLabel(name: string): string {
  return name === '$record' ? 'the record' : `the scope "${name}"`;
}

function loopLabel(chain: string[]): string {
  return chain.length ? `the loop over ${chain[chain.length - 1]}` : 'the record (no loop)';
}


function jsonType(v: Json): FieldType {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return Number.isInteger(v) ? 'integer' : 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'object';
  }
}

function argFits(from: FieldType, to: FieldType): boolean {
  if (from === to || from === 'any' || to === 'any' || from === 'null') return true;
  if (from === 'integer' && to === 'number') return true;
  if ((from === 'date' || from === 'datetime' || from === 'time') && to === 'string') return true;
  // Library functions read text leniently (a number where text is expected is formatted).
  if (to === 'string' && (from === 'integer' || from === 'number' || from === 'boolean')) return true;
  return false;
}

function joinTypes(ts: VType[]): VType {
  if (!ts.length) return ANY;
  const nonNull = ts.filter((t) => t.type !== 'null');
  const first = nonNull[0] ?? ts[0];
  const same = nonNull.every((t) => t.type === first.type);
  const many = ts.some((t) => t.many);
  const manySource = ts.find((t) => t.manySource)?.manySource;
  const vm = ts.every((t) => t.valueMap === first.valueMap) ? first.valueMap : undefined;
  if (same) return { type: first.type, many, ...(first.item ? { item: first.item } : {}), ...(vm ? { valueMap: vm } : {}), ...(manySource ? { manySource } : {}) };
  const numeric = nonNull.every((t) => t.type === 'integer' || t.type === 'number');
  return { type: numeric ? 'number' : 'any', many, ...(manySource ? { manySource } : {}) };
}

/** Reads a leaf from a sample record (exported for tests of sample-driven checks). */
export { readPath };
