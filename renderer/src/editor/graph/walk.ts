/**
 * Walks the value trees of a mapping document and resolves loop scopes, so the graph projection
 * and the edit operations agree on where every value node lives and which record path a field
 * reference reads.
 */
import type {
  EntityRule,
  FieldRule,
  LinkRule,
  LoopSpec,
  MappingDocument,
  ValueNode,
} from '../../../../mappings/document/types';
import type { DocPath } from '../store/commands';

/** A loop in scope: its variable name and the absolute record path of its collection (`persons[]`). */
export interface LoopScope {
  as: string;
  prefix: string;
}

/** Who consumes a value: where its edge ends on the canvas. */
export type Consumer =
  | { kind: 'field-rule'; ruleId: string; fieldRuleId: string; target: string }
  | { kind: 'slot'; nodeId: string; slot: string }
  | { kind: 'when'; ruleId: string }
  | { kind: 'key'; ruleId: string; index: number }
  | { kind: 'role'; ruleId: string }
  | { kind: 'filter'; filterId: string }
  | { kind: 'record-id' };

export interface ValueSite {
  node: ValueNode;
  path: DocPath;
  consumer: Consumer;
  /** Rule whose scope the value is evaluated in (`root` for root and record-level values). */
  ruleId: string;
}

/** Appends a relative path to a scope prefix (`persons[]` + `dob` → `persons[].dob`). */
export function joinRecordPath(prefix: string, rel: string): string {
  if (!prefix) return rel;
  if (!rel) return prefix;
  return rel.startsWith('[') ? prefix + rel : `${prefix}.${rel}`;
}

type LoopRule = Pick<EntityRule, 'id' | 'parent'> & { forEach?: LoopSpec };

/** Loop chain for every entity and link rule, outermost first. */
export function ruleScopes(doc: MappingDocument): Map<string, LoopScope[]> {
  const rules = new Map<string, LoopRule>();
  for (const r of doc.entities) rules.set(r.id, r);
  for (const r of doc.links) rules.set(r.id, r);
  const out = new Map<string, LoopScope[]>();
  const resolve = (id: string, seen: Set<string>): LoopScope[] => {
    const cached = out.get(id);
    if (cached) return cached;
    const rule = rules.get(id);
    if (!rule || seen.has(id)) return []; // unknown parent or a cycle: the checker reports those
    seen.add(id);
    const outer = rule.parent ? resolve(rule.parent, seen) : [];
    const inner = outer.length ? outer[outer.length - 1].prefix : '';
    const chain = rule.forEach ? [...outer, { as: rule.forEach.as, prefix: joinRecordPath(inner, rule.forEach.path) }] : outer;
    out.set(id, chain);
    return chain;
  };
  for (const id of rules.keys()) resolve(id, new Set());
  return out;
}

/** The absolute record path a field reference reads, given the loop chain of its rule. */
export function absoluteFieldPath(ref: { path: string; scope?: string }, chain: readonly LoopScope[]): string {
  if (ref.scope === '$record') return ref.path;
  if (ref.scope) {
    const loop = [...chain].reverse().find((l) => l.as === ref.scope);
    return loop ? joinRecordPath(loop.prefix, ref.path) : ref.path;
  }
  const inner = chain.length ? chain[chain.length - 1].prefix : '';
  return joinRecordPath(inner, ref.path);
}

/**
 * The reference to write for an absolute source path read inside a loop chain: relative to the
 * innermost loop that contains it, else to an outer loop by name, else `$record`.
 */
export function relativeFieldRef(absPath: string, chain: readonly LoopScope[]): { path: string; scope?: string } {
  for (let i = chain.length - 1; i >= 0; i--) {
    const { prefix, as } = chain[i];
    if (absPath.startsWith(prefix + '.') || absPath.startsWith(prefix + '[')) {
      const rel = absPath.slice(prefix.length).replace(/^\./, '');
      return i === chain.length - 1 ? { path: rel } : { path: rel, scope: as };
    }
  }
  return chain.length ? { path: absPath, scope: '$record' } : { path: absPath };
}

/** The inputs of a value node, with the slot names used for handles and their keys in the node. */
export function childSlots(node: ValueNode): { slot: string; child: ValueNode; keys: (string | number)[] }[] {
  switch (node.kind) {
    case 'call':
      return node.args.map((child, i) => ({ slot: `arg${i}`, child, keys: ['args', i] }));
    case 'map':
    case 'aggregate':
      return [{ slot: 'input', child: node.input, keys: ['input'] }];
    case 'cond': {
      const out = node.branches.flatMap((b, i) => [
        { slot: `b${i}.when`, child: b.when, keys: ['branches', i, 'when'] as (string | number)[] },
        { slot: `b${i}.then`, child: b.then, keys: ['branches', i, 'then'] as (string | number)[] },
      ]);
      if (node.else) out.push({ slot: 'else', child: node.else, keys: ['else'] });
      return out;
    }
    case 'object':
      return Object.entries(node.fields).map(([k, child]) => ({ slot: `f.${k}`, child, keys: ['fields', k] }));
    case 'array':
      return node.items.map((child, i) => ({ slot: `i${i}`, child, keys: ['items', i] }));
    default:
      return [];
  }
}

/** Visits every value node in the document (pre-order), with its path and consumer. */
export function visitValues(doc: MappingDocument, visit: (site: ValueSite) => void): void {
  const walk = (node: ValueNode, path: DocPath, consumer: Consumer, ruleId: string) => {
    visit({ node, path, consumer, ruleId });
    for (const { slot, child, keys } of childSlots(node)) {
      walk(child, [...path, ...keys], { kind: 'slot', nodeId: node.id, slot }, ruleId);
    }
  };
  const fieldRules = (rules: FieldRule[], base: DocPath, ruleId: string) =>
    rules.forEach((fr, i) =>
      walk(fr.value, [...base, 'fields', i, 'value'], { kind: 'field-rule', ruleId, fieldRuleId: fr.id, target: fr.target }, ruleId),
    );
  if (doc.recordId) walk(doc.recordId, ['recordId'], { kind: 'record-id' }, 'root');
  doc.filters.forEach((f, i) => walk(f.when, ['filters', i, 'when'], { kind: 'filter', filterId: f.id }, 'root'));
  fieldRules(doc.root.fields, ['root'], 'root');
  const ruleParts = (rule: EntityRule | LinkRule, base: DocPath) => {
    if (rule.when) walk(rule.when, [...base, 'when'], { kind: 'when', ruleId: rule.id }, rule.id);
    if ('key' in rule && rule.key) rule.key.forEach((k, i) => walk(k, [...base, 'key', i], { kind: 'key', ruleId: rule.id, index: i }, rule.id));
    if ('role' in rule) walk(rule.role, [...base, 'role'], { kind: 'role', ruleId: rule.id }, rule.id);
    fieldRules(rule.fields, base, rule.id);
  };
  doc.entities.forEach((r, i) => ruleParts(r, ['entities', i]));
  doc.links.forEach((r, i) => ruleParts(r, ['links', i]));
}

/** Every id used anywhere in the document (for fresh-id generation and copy/paste re-keying). */
export function collectIds(doc: MappingDocument): Set<string> {
  const ids = new Set<string>();
  for (const s of doc.sources) ids.add(s.id);
  for (const j of doc.joins) ids.add(j.id);
  for (const v of doc.valueMaps) ids.add(v.id);
  for (const f of doc.filters) ids.add(f.id);
  for (const r of [...doc.entities, ...doc.links]) {
    ids.add(r.id);
    for (const fr of r.fields) ids.add(fr.id);
  }
  for (const fr of doc.root.fields) ids.add(fr.id);
  visitValues(doc, (s) => ids.add(s.node.id));
  return ids;
}

/** Finds a value node by id. */
export function findValue(doc: MappingDocument, id: string): ValueSite | undefined {
  let found: ValueSite | undefined;
  visitValues(doc, (s) => {
    if (!found && s.node.id === id) found = s;
  });
  return found;
}
