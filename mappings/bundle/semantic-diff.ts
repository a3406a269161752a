/**
 * A field-level semantic diff of two mapping documents: what a reviewer needs to know changed in
 * behaviour, per target field, rule, value-map entry, filter, join, source and target model.
 * Layout, node ids and comments are ignored (they change no output); field rules are matched by
 * target path, so a rule re-created with a new id but the same meaning is no change. Pure: the CLI
 * `diff` and the app's review mode share it.
 */
import type { EntityRule, FieldRule, Json, LinkRule, MappingDocument, ValueMapDecl, ValueNode } from '../document/types';

export type ChangeArea = 'mapping' | 'target' | 'source' | 'join' | 'filter' | 'valueMap' | 'valueMapEntry' | 'rule' | 'field';

export interface MappingChange {
  kind: 'added' | 'removed' | 'changed';
  area: ChangeArea;
  /** Rule, value map, filter, join or source id the change is in. */
  id: string;
  /** For field changes: `Person.sex`; for value-map entries: the source code. */
  subject?: string;
  /** One sentence: "Event.offence: source field changed from offenceCode to localOffenceCode". */
  text: string;
  before?: Json;
  after?: Json;
}

export interface MappingDiff {
  old: { id: string; name: string; version: string };
  new: { id: string; name: string; version: string };
  changes: MappingChange[];
}

/** A value node with its ids removed, for comparing meaning. */
function strip(v: unknown): Json {
  if (Array.isArray(v)) return v.map(strip);
  if (v && typeof v === 'object') {
    const out: { [k: string]: Json } = {};
    for (const k of Object.keys(v).sort()) if (k !== 'id') out[k] = strip((v as Record<string, unknown>)[k]);
    return out;
  }
  return v as Json;
}

const same = (a: unknown, b: unknown) => JSON.stringify(strip(a)) === JSON.stringify(strip(b));
const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(strip(v)));

function short(n: ValueNode | undefined): string {
  if (!n) return 'nothing';
  switch (n.kind) {
    case 'field':
      return `field ${n.scope && n.scope !== '$record' ? `${n.scope}.` : ''}${n.path}`;
    case 'const':
      return `constant ${JSON.stringify(n.value)}`;
    case 'expr':
      return `formula \`${n.code}\``;
    case 'map':
      return `value map ${n.valueMap} of ${short(n.input)}`;
    case 'call':
      return `${n.fn}(${n.args.map(short).join(', ')})`;
    case 'cond':
      return `a condition with ${n.branches.length} branch${n.branches.length === 1 ? '' : 'es'}`;
    case 'aggregate':
      return `${n.op} of ${short(n.input)}`;
    case 'object':
      return `an object {${Object.keys(n.fields).join(', ')}}`;
    case 'array':
      return `a list of ${n.items.length}`;
  }
}

/** The specific differences between two value trees, walking them in parallel. */
function valueChanges(a: ValueNode | undefined, b: ValueNode | undefined, at = ''): string[] {
  if (same(a, b)) return [];
  const where = at ? ` (at ${at})` : '';
  if (!a || !b || a.kind !== b.kind) return [`value changed from ${short(a)} to ${short(b)}${where}`];
  switch (a.kind) {
    case 'field': {
      const bb = b as typeof a;
      return [`source field changed from ${short(a).slice(6)} to ${short(bb).slice(6)}${where}`];
    }
    case 'const':
      return [`constant changed from ${JSON.stringify(a.value)} to ${JSON.stringify((b as typeof a).value)}${where}`];
    case 'expr':
      return [`formula changed from \`${a.code}\` to \`${(b as typeof a).code}\`${where}`];
    case 'map': {
      const bb = b as typeof a;
      return [...(a.valueMap !== bb.valueMap ? [`value map changed from ${a.valueMap} to ${bb.valueMap}${where}`] : []), ...valueChanges(a.input, bb.input, at)];
    }
    case 'call': {
      const bb = b as typeof a;
      if (a.fn !== bb.fn || a.args.length !== bb.args.length) return [`changed from ${short(a)} to ${short(bb)}${where}`];
      return a.args.flatMap((x, i) => valueChanges(x, bb.args[i], at ? `${at}, ${a.fn} argument ${i + 1}` : `${a.fn} argument ${i + 1}`));
    }
    case 'aggregate': {
      const bb = b as typeof a;
      if (a.op !== bb.op || a.separator !== bb.separator) return [`changed from ${short(a)} to ${short(bb)}${where}`];
      return valueChanges(a.input, bb.input, at);
    }
    case 'object': {
      const bb = b as typeof a;
      const keys = [...new Set([...Object.keys(a.fields), ...Object.keys(bb.fields)])].sort();
      return keys.flatMap((k) => {
        const p = at ? `${at}.${k}` : k;
        if (!(k in a.fields)) return [`part ${p} added: ${short(bb.fields[k])}`];
        if (!(k in bb.fields)) return [`part ${p} removed (was ${short(a.fields[k])})`];
        return valueChanges(a.fields[k], bb.fields[k], p);
      });
    }
    case 'cond': {
      const bb = b as typeof a;
      if (a.branches.length !== bb.branches.length) return [`condition changed from ${a.branches.length} to ${bb.branches.length} branches${where}`];
      return [
        ...a.branches.flatMap((br, i) => [...valueChanges(br.when, bb.branches[i]!.when, `${at ? `${at}, ` : ''}branch ${i + 1} condition`), ...valueChanges(br.then, bb.branches[i]!.then, `${at ? `${at}, ` : ''}branch ${i + 1} value`)]),
        ...valueChanges(a.else, bb.else, `${at ? `${at}, ` : ''}otherwise`),
      ];
    }
    case 'array': {
      const bb = b as typeof a;
      if (a.items.length !== bb.items.length) return [`list changed from ${a.items.length} to ${bb.items.length} items${where}`];
      return a.items.flatMap((x, i) => valueChanges(x, bb.items[i], `${at ? `${at}` : ''}[${i}]`));
    }
  }
}

function byId<T extends { id: string }>(list: readonly T[]): Map<string, T> {
  return new Map(list.map((x) => [x.id, x]));
}

function describeRule(r: EntityRule | LinkRule, doc: MappingDocument): string {
  if ('entity' in r) return `creates ${r.entity}${r.label ? ` (${r.label})` : ''} ${r.forEach ? `for each ${r.forEach.path}` : 'once per record'}${r.when ? ' when a condition holds' : ''}`;
  const name = (id: string) => doc.entities.find((e) => e.id === id)?.entity ?? id;
  return `links ${name(r.from)} (${r.from}) to ${name(r.to)} (${r.to})${r.forEach ? ` for each ${r.forEach.path}` : ''}`;
}

function fieldsDiff(out: MappingChange[], ruleId: string, prefix: string, a: readonly FieldRule[], b: readonly FieldRule[]) {
  const am = new Map(a.map((f) => [f.target, f]));
  const bm = new Map(b.map((f) => [f.target, f]));
  for (const t of [...new Set([...am.keys(), ...bm.keys()])]) {
    const x = am.get(t);
    const y = bm.get(t);
    const subject = `${prefix}${t}`;
    if (!x) out.push({ kind: 'added', area: 'field', id: ruleId, subject, text: `${subject}: now mapped from ${short(y!.value)}`, after: strip(y!.value) });
    else if (!y) out.push({ kind: 'removed', area: 'field', id: ruleId, subject, text: `${subject}: no longer mapped (was ${short(x.value)})`, before: strip(x.value) });
    else for (const c of valueChanges(x.value, y.value)) out.push({ kind: 'changed', area: 'field', id: ruleId, subject, text: `${subject}: ${c}`, before: strip(x.value), after: strip(y.value) });
  }
}

function prop<T>(out: MappingChange[], area: ChangeArea, id: string, label: string, a: T, b: T) {
  if (!same(a, b)) out.push({ kind: 'changed', area, id, text: `${label} changed from ${a === undefined ? 'none' : show(a)} to ${b === undefined ? 'none' : show(b)}`, ...(a !== undefined ? { before: strip(a) } : {}), ...(b !== undefined ? { after: strip(b) } : {}) });
}

function usersOf(doc: MappingDocument, vm: string): string[] {
  const uses: string[] = [];
  const hit = (n: unknown): boolean => JSON.stringify(n).includes(`"valueMap":${JSON.stringify(vm)}`);
  for (const e of doc.entities) for (const f of e.fields) if (hit(f.value)) uses.push(`${e.entity}.${f.target}`);
  for (const l of doc.links) if (hit(l.role)) uses.push(`link ${l.id} role`);
  for (const f of doc.root.fields) if (hit(f.value)) uses.push(f.target);
  return uses;
}

function valueMapDiff(out: MappingChange[], a: ValueMapDecl, b: ValueMapDecl, doc: MappingDocument) {
  const label = `value map ${a.id}`;
  for (const k of ['name', 'sourceScheme', 'targetScheme', 'crosswalk', 'caseInsensitive', 'unmapped', 'output'] as const) prop(out, 'valueMap', a.id, `${label} ${k}`, a[k], b[k]);
  const ae = new Map(a.entries.map((e) => [e.from, e]));
  const be = new Map(b.entries.map((e) => [e.from, e]));
  const uses = usersOf(doc, a.id);
  const usedBy = uses.length ? ` (used by ${uses.join(', ')})` : '';
  for (const from of [...new Set([...ae.keys(), ...be.keys()])]) {
    const x = ae.get(from);
    const y = be.get(from);
    if (!x) out.push({ kind: 'added', area: 'valueMapEntry', id: a.id, subject: from, text: `${label} entry '${from}' added: → ${y!.to} (${y!.quality})${usedBy}`, after: strip(y) });
    else if (!y) out.push({ kind: 'removed', area: 'valueMapEntry', id: a.id, subject: from, text: `${label} entry '${from}' removed (was → ${x.to})${usedBy}`, before: strip(x) });
    else if (!same(x, y)) {
      const parts = [x.to !== y.to ? `changed from ${x.to} to ${y.to}` : '', x.quality !== y.quality ? `quality ${x.quality} → ${y.quality}` : '', x.note !== y.note ? 'note changed' : ''].filter(Boolean);
      out.push({ kind: 'changed', area: 'valueMapEntry', id: a.id, subject: from, text: `${label} entry '${from}' ${parts.join(', ')}${usedBy}`, before: strip(x), after: strip(y) });
    }
  }
}

/**
 * Diffs two mapping documents by meaning.
 * @example diffMappings(v1, v2).changes.map((c) => c.text)
 * // → ["Person.sex: source field changed from sex to gender", "value map vm-sex entry 'X' changed from U to I (used by Person.sex)"]
 */
export function diffMappings(a: MappingDocument, b: MappingDocument): MappingDiff {
  const out: MappingChange[] = [];
  if (a.id !== b.id) out.push({ kind: 'changed', area: 'mapping', id: b.id, text: `these are different mappings (id ${a.id} vs ${b.id})` });
  prop(out, 'mapping', b.id, 'namespace for entity ids', a.namespace, b.namespace);
  prop(out, 'mapping', b.id, 'provenance source system', a.sourceSystem, b.sourceSystem);
  for (const c of valueChanges(a.recordId, b.recordId)) out.push({ kind: 'changed', area: 'mapping', id: b.id, text: `record id: ${c}` });
  prop(out, 'target', `${b.target.modelId}`, 'target model', `${a.target.modelId} ${a.target.modelVersion}`, `${b.target.modelId} ${b.target.modelVersion}`);

  const sa = byId(a.sources);
  const sb = byId(b.sources);
  for (const id of [...new Set([...sa.keys(), ...sb.keys()])]) {
    const x = sa.get(id);
    const y = sb.get(id);
    if (!x) out.push({ kind: 'added', area: 'source', id, text: `source ${id} added: ${y!.name} (${y!.format})` });
    else if (!y) out.push({ kind: 'removed', area: 'source', id, text: `source ${id} removed (was ${x.name})` });
    else {
      for (const k of ['name', 'format', 'primary', 'recordPath'] as const) prop(out, 'source', id, `source ${id} ${k}`, x[k], y[k]);
      if (!same(x.schema.fields, y.schema.fields)) out.push({ kind: 'changed', area: 'source', id, text: `source ${id} (${y.name}): its field schema changed` });
    }
  }
  const ja = byId(a.joins);
  const jb = byId(b.joins);
  for (const id of [...new Set([...ja.keys(), ...jb.keys()])]) {
    const x = ja.get(id);
    const y = jb.get(id);
    if (!x) out.push({ kind: 'added', area: 'join', id, text: `join ${id} added: ${y!.source} as ${y!.as} (${y!.cardinality})` });
    else if (!y) out.push({ kind: 'removed', area: 'join', id, text: `join ${id} removed (was ${x.source} as ${x.as})` });
    else if (!same(x, y)) {
      for (const k of ['source', 'as', 'cardinality'] as const) prop(out, 'join', id, `join ${id} ${k}`, x[k], y[k]);
      if (!same(x.on, y.on)) out.push({ kind: 'changed', area: 'join', id, text: `join ${id}: key changed`, before: strip(x.on), after: strip(y.on) });
    }
  }
  const fa = byId(a.filters);
  const fb = byId(b.filters);
  for (const id of [...new Set([...fa.keys(), ...fb.keys()])]) {
    const x = fa.get(id);
    const y = fb.get(id);
    if (!x) out.push({ kind: 'added', area: 'filter', id, text: `filter ${id} added: rejects "${y!.reason}" unless ${short(y!.when)}` });
    else if (!y) out.push({ kind: 'removed', area: 'filter', id, text: `filter ${id} removed (rejected "${x.reason}")` });
    else {
      prop(out, 'filter', id, `filter ${id} reason`, x.reason, y.reason);
      for (const c of valueChanges(x.when, y.when)) out.push({ kind: 'changed', area: 'filter', id, text: `filter ${id}: ${c}` });
    }
  }
  const va = byId(a.valueMaps);
  const vb = byId(b.valueMaps);
  for (const id of [...new Set([...va.keys(), ...vb.keys()])]) {
    const x = va.get(id);
    const y = vb.get(id);
    if (!x) out.push({ kind: 'added', area: 'valueMap', id, text: `value map ${id} added: "${y!.name}" with ${y!.entries.length} entries` });
    else if (!y) out.push({ kind: 'removed', area: 'valueMap', id, text: `value map ${id} removed (was "${x.name}")` });
    else valueMapDiff(out, x, y, b);
  }
  fieldsDiff(out, 'root', '', a.root.fields, b.root.fields);
  const rules = (d: MappingDocument) => new Map<string, EntityRule | LinkRule>([...d.entities, ...d.links].map((r) => [r.id, r]));
  const ra = rules(a);
  const rb = rules(b);
  for (const id of [...new Set([...ra.keys(), ...rb.keys()])]) {
    const x = ra.get(id);
    const y = rb.get(id);
    if (!x) {
      out.push({ kind: 'added', area: 'rule', id, text: `rule ${id} added: ${describeRule(y!, b)}`, after: strip(y) });
      continue;
    }
    if (!y) {
      out.push({ kind: 'removed', area: 'rule', id, text: `rule ${id} removed (it ${describeRule(x, a)})`, before: strip(x) });
      continue;
    }
    const prefix = 'entity' in y ? `${y.entity}.` : `link ${id} `;
    if ('entity' in x && 'entity' in y) {
      for (const k of ['entity', 'forEach', 'parent', 'keepUnmapped'] as const) prop(out, 'rule', id, `rule ${id} ${k}`, x[k], y[k]);
      for (const c of valueChanges(x.when, y.when)) out.push({ kind: 'changed', area: 'rule', id, text: `rule ${id} condition: ${c}` });
      if (!same(x.key, y.key)) out.push({ kind: 'changed', area: 'rule', id, text: `rule ${id}: identity key changed from ${(x.key ?? []).map(short).join(' + ') || 'none'} to ${(y.key ?? []).map(short).join(' + ') || 'none'}` });
    } else if (!('entity' in x) && !('entity' in y)) {
      for (const k of ['from', 'to', 'forEach', 'parent'] as const) prop(out, 'rule', id, `rule ${id} ${k}`, x[k], y[k]);
      for (const c of valueChanges(x.role, y.role)) out.push({ kind: 'changed', area: 'rule', id, text: `rule ${id} role: ${c}` });
      for (const c of valueChanges(x.when, y.when)) out.push({ kind: 'changed', area: 'rule', id, text: `rule ${id} condition: ${c}` });
    } else {
      out.push({ kind: 'changed', area: 'rule', id, text: `rule ${id} changed from an ${'entity' in x ? 'entity' : 'link'} rule to a${'entity' in y ? 'n entity' : ' link'} rule` });
    }
    fieldsDiff(out, id, prefix, x.fields, y.fields);
  }
  return { old: { id: a.id, name: a.name, version: a.version }, new: { id: b.id, name: b.name, version: b.version }, changes: out };
}

/** The diff as text lines, one per change, with `+`, `-` or `~`. */
export function formatMappingDiff(d: MappingDiff): string[] {
  const head = `${d.old.name} ${d.old.version} → ${d.new.name} ${d.new.version}: ${d.changes.length} change${d.changes.length === 1 ? '' : 's'}`;
  return [head, ...d.changes.map((c) => `${c.kind === 'added' ? '+' : c.kind === 'removed' ? '-' : '~'} ${c.text}`)];
}
