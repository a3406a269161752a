/**
 * Differences between two versions of a target model, so a mapping written against the old one can
 * be checked against the new one: fields added, removed or retyped (type, cardinality, format,
 * code-list binding, allowed values), and codes added to or withdrawn from each code list.
 */
import { isCodeActive } from './code-lists';
import { walkFields, type FieldNode } from './field-tree';
import type { TargetModel } from './target-model';

export interface FieldShape {
  type: string;
  itemType?: string;
  cardinality: string;
  format?: string;
  codeList?: string;
  enum?: (string | number | boolean)[];
}

export interface FieldChange {
  kind: 'added' | 'removed' | 'retyped';
  /** `document` for the output document, an entity name (`Person`), or `Link`. */
  scope: string;
  path: string;
  before?: FieldShape;
  after?: FieldShape;
  /** For `retyped`: which aspects changed, e.g. `['cardinality', 'format']`. */
  changed?: (keyof FieldShape)[];
}

export interface CodeListChange {
  scheme: string;
  kind: 'added' | 'removed' | 'changed';
  fromVersion?: string;
  toVersion?: string;
  /** Codes new in the list (or re-activated). */
  added: string[];
  /** Codes removed, deprecated or given an end date: existing value maps to them need attention. */
  withdrawn: string[];
  relabelled: { code: string; from: string; to: string }[];
}

export interface ModelDiff {
  from: { id: string; version: string };
  to: { id: string; version: string };
  fields: FieldChange[];
  codeLists: CodeListChange[];
  /** True when nothing that can break a mapping changed (only additions). */
  compatible: boolean;
}

function shape(f: FieldNode): FieldShape {
  return {
    type: f.type,
    cardinality: f.cardinality,
    ...(f.itemType ? { itemType: f.itemType } : {}),
    ...(f.format ? { format: f.format } : {}),
    ...(f.codeList ? { codeList: f.codeList } : {}),
    ...(f.enum ? { enum: f.enum } : {}),
  };
}

function flatten(fields: readonly FieldNode[]): Map<string, FieldNode> {
  const m = new Map<string, FieldNode>();
  for (const f of walkFields(fields)) m.set(f.path, f);
  return m;
}

function scopes(model: TargetModel): Map<string, FieldNode[]> {
  const m = new Map<string, FieldNode[]>([['document', model.tree.fields]]);
  for (const e of model.entities) m.set(e.name, e.tree);
  if (model.links) m.set('Link', model.links.tree);
  return m;
}

const ASPECTS: (keyof FieldShape)[] = ['type', 'itemType', 'cardinality', 'format', 'codeList', 'enum'];

/**
 * Compares two target models field by field and code by code.
 * @example diffModels(getModel('pole', '1.0.0'), next).fields.filter((c) => c.kind === 'removed')
 */
export function diffModels(before: TargetModel, after: TargetModel): ModelDiff {
  const fields: FieldChange[] = [];
  const a = scopes(before);
  const b = scopes(after);
  for (const scope of new Set([...a.keys(), ...b.keys()])) {
    const old = flatten(a.get(scope) ?? []);
    const next = flatten(b.get(scope) ?? []);
    for (const [path, f] of old) {
      const g = next.get(path);
      if (!g) {
        fields.push({ kind: 'removed', scope, path, before: shape(f) });
        continue;
      }
      const s1 = shape(f);
      const s2 = shape(g);
      const changed = ASPECTS.filter((k) => JSON.stringify(s1[k]) !== JSON.stringify(s2[k]));
      if (changed.length) fields.push({ kind: 'retyped', scope, path, before: s1, after: s2, changed });
    }
    for (const [path, g] of next) if (!old.has(path)) fields.push({ kind: 'added', scope, path, after: shape(g) });
  }

  const codeLists: CodeListChange[] = [];
  const schemes = new Set([...Object.keys(before.codeLists), ...Object.keys(after.codeLists)]);
  for (const scheme of [...schemes].sort()) {
    const l1 = before.codeLists[scheme];
    const l2 = after.codeLists[scheme];
    if (!l1 || !l2) {
      const list = (l1 ?? l2)!;
      const codes = list.codes.map((c) => c.code);
      codeLists.push({
        scheme,
        kind: l1 ? 'removed' : 'added',
        ...(l1 ? { fromVersion: l1.version } : { toVersion: l2!.version }),
        added: l1 ? [] : codes,
        withdrawn: l1 ? codes : [],
        relabelled: [],
      });
      continue;
    }
    const old = new Map(l1.codes.map((c) => [c.code, c]));
    const next = new Map(l2.codes.map((c) => [c.code, c]));
    const added: string[] = [];
    const withdrawn: string[] = [];
    const relabelled: CodeListChange['relabelled'] = [];
    for (const [code, c] of next) {
      const o = old.get(code);
      if (!o || (!isCodeActive(o) && isCodeActive(c))) added.push(code);
      else if (o.label !== c.label) relabelled.push({ code, from: o.label, to: c.label });
    }
    for (const [code, o] of old) {
      const c = next.get(code);
      if (isCodeActive(o) && (!c || !isCodeActive(c))) withdrawn.push(code);
    }
    if (added.length || withdrawn.length || relabelled.length || l1.version !== l2.version) {
      codeLists.push({
        scheme,
        kind: 'changed',
        fromVersion: l1.version,
        toVersion: l2.version,
        added,
        withdrawn,
        relabelled,
      });
    }
  }
  const compatible =
    fields.every((f) => f.kind === 'added' && f.after?.cardinality !== 'one') &&
    codeLists.every((c) => c.withdrawn.length === 0);
  return {
    from: { id: before.id, version: before.version },
    to: { id: after.id, version: after.version },
    fields,
    codeLists,
    compatible,
  };
}
