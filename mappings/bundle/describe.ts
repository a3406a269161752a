/**
 * The plain-language mapping table: for each target field, where its value comes from and every
 * step on the way, in words a reviewer who does not read code can follow. Pure; the review report,
 * `mapwright review` and the app's review mode share it.
 */
import type { EntityRule, Json, LinkRule, MappingDocument, ValueMapDecl, ValueNode } from '../document/types';
import { FUNCTIONS } from '../functions/index';
import { findField, type DataProtectionClass, type FieldNode } from '../model/field-tree';
import type { TargetModel } from '../model/target-model';
import { formulaInWords, type FormulaWords } from './describe-formula';

export interface DescribedField {
  /** Entity or link rule id (`root` for the document's own fields). */
  ruleId: string;
  /** What the rule makes, in words: "Person — People on the crime (one for each persons[])". */
  section: string;
  /** Target path, entity-qualified: `Person.dateOfBirth`. */
  target: string;
  /** Human label of the field: "Date of birth". */
  label: string;
  /** Where the value comes from, in words. */
  description: string;
  comment?: string;
  /** Names of the value maps the value goes through ("Acme sex codes"), as a reviewer sees them. */
  valueMaps: string[];
  dataProtection?: DataProtectionClass;
}

export interface DescribedRule {
  ruleId: string;
  kind: 'entity' | 'link' | 'filter' | 'join' | 'root';
  /** "Creates a Person for each element of persons[] (as person), when …". */
  text: string;
}

export interface MappingDescription {
  rules: DescribedRule[];
  fields: DescribedField[];
}

// Abbreviations a reader knows in capitals (vehicle registration mark, Police National Computer…).
const ACRONYMS = new Set(['vrm', 'pnc', 'id', 'uk', 'gb', 'url', 'uri', 'crs', 'wgs84', 'bng', 'cro', 'dvla', 'nhs', 'ni', 'ip', 'imei', 'vin']);

/** `dateOfBirth.value` → "Date of birth value"; `names[0].family` → "Names family"; `vrm` → "VRM". */
export function humanLabel(path: string): string {
  const words = path
    .replace(/\[\d*\]/g, '')
    .split('.')
    .flatMap((s) => s.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[\s_]+/))
    .filter(Boolean)
    .map((w) => (ACRONYMS.has(w.toLowerCase()) ? w.toUpperCase() : w.toLowerCase()));
  const text = words.join(' ');
  return text ? text[0]!.toUpperCase() + text.slice(1) : path;
}

function lit(v: Json): string {
  if (v === null) return 'nothing (empty)';
  if (typeof v === 'string') return `"${v}"`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return `\`${JSON.stringify(v)}\``;
}

function policyText(m: ValueMapDecl): string {
  switch (m.unmapped.policy) {
    case 'reject':
      return 'values not in the list reject the record';
    case 'default':
      return `values not in the list become "${m.unmapped.value}"`;
    default:
      return 'values not in the list are passed on unchanged, marked as unmapped';
  }
}

interface Ctx {
  doc: MappingDocument;
  /** Loop variable name → what it is ("person" → "the person"). */
  scopes: string[];
  maps: Set<string>;
}

function fieldText(path: string, scope: string | undefined, ctx: Ctx): string {
  const owner = scope === '$record' || (!scope && !ctx.scopes.length) ? "the record's" : `the ${scope ?? ctx.scopes[ctx.scopes.length - 1]}'s`;
  return `${owner} ${path} field`;
}

// Keeps acronyms ("UK postcode", "VRM") and proper names ("British National Grid") as written.
const lc = (s: string) => (s && !/^([A-Z]{2}|(British|English|Welsh|Scottish|Irish|Ordnance|National|Home Office|Europe|London)\b)/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

function callText(fn: string, first: string | undefined, rest: string[]): string {
  const def = Object.prototype.hasOwnProperty.call(FUNCTIONS, fn) ? FUNCTIONS[fn] : undefined;
  const what = def ? `${fn} (${lc(def.summary.replace(/\.$/, ''))})` : fn;
  if (first === undefined) return `the result of ${what}`;
  return `${first}, put through ${what}${rest.length ? `, using ${rest.join(' and ')}` : ''}`;
}

function formulaWords(ctx: Ctx): FormulaWords {
  return { scopes: ctx.scopes, field: (path, scope) => fieldText(path, scope, ctx), literal: lit, call: callText };
}

const constOf = (n: ValueNode | undefined): Json | undefined => (n?.kind === 'const' ? n.value : undefined);
const article = (w: string) => (/^[AEIOU]/i.test(w) ? 'an' : 'a');

/** One value node in words. */
export function describeValue(node: ValueNode, ctx: Ctx): string {
  switch (node.kind) {
    case 'field':
      return fieldText(node.path, node.scope, ctx);
    case 'const':
      return `the fixed value ${lit(node.value)}`;
    case 'expr': {
      // Words first; the code stays as the exact, secondary detail a technical reviewer can check.
      const said = formulaInWords(node.code, formulaWords(ctx));
      return said ? `${said} (formula \`${node.code}\`)` : `the result of the formula \`${node.code}\``;
    }
    case 'map': {
      const m = ctx.doc.valueMaps.find((v) => v.id === node.valueMap);
      ctx.maps.add(m?.name ?? node.valueMap);
      const name = m ? `"${m.name}"` : node.valueMap;
      return `${describeValue(node.input, ctx)}, translated by the value map ${name}${m ? ` (${m.entries.length} entr${m.entries.length === 1 ? 'y' : 'ies'}${m.targetScheme ? ` into ${m.targetScheme}` : ''}${m.crosswalk ? `, plus the model's crosswalk ${m.crosswalk}` : ''}; ${policyText(m)})` : ''}`;
    }
    case 'call': {
      const [first, ...rest] = node.args;
      return callText(node.fn, first ? describeValue(first, ctx) : undefined, rest.map((a) => (a.kind === 'const' ? lit(a.value) : describeValue(a, ctx))));
    }
    case 'cond': {
      const parts = node.branches.map((b, i) => `${i === 0 ? 'if' : 'otherwise if'} ${describeValue(b.when, ctx)}: ${describeValue(b.then, ctx)}`);
      parts.push(node.else ? `otherwise ${describeValue(node.else, ctx)}` : 'otherwise left empty');
      return parts.join('; ');
    }
    case 'aggregate': {
      const input = describeValue(node.input, ctx);
      switch (node.op) {
        case 'first':
          return `the first of ${input}`;
        case 'last':
          return `the last of ${input}`;
        case 'count':
          return `how many there are of ${input}`;
        case 'distinct':
          return `the distinct values of ${input}`;
        default:
          return `${input}, joined with "${node.separator ?? ', '}"`;
      }
    }
    case 'object': {
      const keys = Object.keys(node.fields).sort();
      const scheme = constOf(node.fields.scheme);
      // A coded value ({code, scheme}) is how the model writes a code from a code list: say it that way.
      if (keys.length === 2 && keys[0] === 'code' && keys[1] === 'scheme' && typeof scheme === 'string') {
        const code = constOf(node.fields.code);
        return typeof code === 'string' ? `the code "${code}" from the ${scheme} code list` : `a code from the ${scheme} code list: ${describeValue(node.fields.code!, ctx)}`;
      }
      // A FuzzyDate ({value, precision}) reads as a date with its precision.
      const precision = constOf(node.fields.precision);
      if (keys.length === 2 && keys[0] === 'precision' && keys[1] === 'value' && typeof precision === 'string') return `${describeValue(node.fields.value!, ctx)}, as a date precise to the ${precision}`;
      return `made up of ${Object.entries(node.fields)
        .map(([k, v]) => `${humanLabel(k).toLowerCase()}: ${describeValue(v, ctx)}`)
        .join('; ')}`;
    }
    case 'array':
      if (!node.items.length) return 'an empty list';
      if (node.items.every((v) => v.kind === 'const')) return `the list ${node.items.map((v) => lit(constOf(v) ?? null)).join(', ')}`;
      return `a list of ${node.items.map((v) => describeValue(v, ctx)).join('; ')}`;
  }
}

function loopScopes(doc: MappingDocument, rule: EntityRule | LinkRule): string[] {
  const chain: string[] = [];
  let r: EntityRule | LinkRule | undefined = rule;
  const seen = new Set<string>();
  while (r && !seen.has(r.id)) {
    seen.add(r.id);
    if (r.forEach) chain.unshift(r.forEach.as);
    r = r.parent ? doc.entities.find((e) => e.id === r!.parent) : undefined;
  }
  return chain;
}

function entityName(doc: MappingDocument, id: string): string {
  const e = doc.entities.find((x) => x.id === id);
  return e ? `${e.entity}${e.label ? ` (${e.label})` : ''}` : id;
}

function modelField(model: TargetModel | undefined, entity: string | undefined, target: string): FieldNode | undefined {
  if (!model) return undefined;
  const path = target.replace(/\[\d*\]/g, '[]');
  const tree = entity === undefined ? model.tree.fields : entity === '$link' ? model.links?.tree ?? [] : model.entities.find((e) => e.name === entity)?.tree ?? [];
  return findField(tree, path) ?? findField(tree, target);
}

/**
 * Describes a whole mapping: the rules (filters, joins, what each entity and link rule creates)
 * and one row per target field rule.
 * @example describeMapping(doc, getModel('pole')).fields.find((f) => f.target === 'Person.dateOfBirth')?.description
 */
export function describeMapping(doc: MappingDocument, model?: TargetModel): MappingDescription {
  const rules: DescribedRule[] = [];
  const fields: DescribedField[] = [];
  const base = (scopes: string[]): Ctx => ({ doc, scopes, maps: new Set() });
  for (const f of doc.filters) rules.push({ ruleId: f.id, kind: 'filter', text: `Records are rejected ("${f.reason}") unless ${describeValue(f.when, base([]))}.` });
  for (const j of doc.joins) {
    const src = doc.sources.find((s) => s.id === j.source);
    rules.push({
      ruleId: j.id,
      kind: 'join',
      text: `Rows of ${src?.name ?? j.source} are attached to each record as ${j.as}${j.cardinality === 'many' ? '[] (all matching rows)' : ' (the first matching row)'} where ${j.on.map((o) => `its ${o.foreign.replace(/^\[\s*"(.*)"\s*\]$/, '"$1"')} field equals ${describeValue(o.primary, base([]))}`).join(' and ')}.`,
    });
  }
  const push = (ruleId: string, section: string, entity: string | undefined, scopes: string[], list: { id: string; target: string; value: ValueNode; comment?: string }[]) => {
    for (const f of list) {
      const ctx = base(scopes);
      const description = describeValue(f.value, ctx);
      const node = modelField(model, entity, f.target);
      const prefix = entity === undefined ? '' : entity === '$link' ? 'Link.' : `${entity}.`;
      fields.push({
        ruleId,
        section,
        target: `${prefix}${f.target}`,
        label: humanLabel(f.target),
        description: description[0]!.toUpperCase() + description.slice(1),
        ...(f.comment ? { comment: f.comment } : {}),
        valueMaps: [...ctx.maps],
        ...(node?.dataProtection ? { dataProtection: node.dataProtection } : {}),
      });
    }
  };
  if (doc.root.fields.length) {
    rules.push({ ruleId: 'root', kind: 'root', text: `The output document's own fields are filled once per record.` });
    push('root', 'The output document', undefined, [], doc.root.fields);
  }
  for (const e of doc.entities) {
    const scopes = loopScopes(doc, e);
    const loop = e.forEach ? ` for each element of ${e.forEach.path} (called ${e.forEach.as})` : ' once per record';
    const when = e.when ? `, when ${describeValue(e.when, base(scopes))}` : '';
    const key = e.key?.length ? `; the same ${e.entity} is recognised by ${e.key.map((k) => describeValue(k, base(scopes))).join(' together with ')}` : '';
    rules.push({ ruleId: e.id, kind: 'entity', text: `Creates ${article(e.entity)} ${e.entity}${e.label ? ` ("${e.label}")` : ''}${loop}${when}${key}.` });
    push(e.id, `${e.entity}${e.label ? ` — ${e.label}` : ''}`, e.entity, scopes, e.fields);
  }
  for (const l of doc.links) {
    const scopes = loopScopes(doc, l);
    const role = describeValue(l.role, base(scopes));
    rules.push({
      ruleId: l.id,
      kind: 'link',
      text: `Links ${entityName(doc, l.from)} to ${entityName(doc, l.to)}${l.forEach ? ` for each element of ${l.forEach.path}` : ''}${l.when ? `, when ${describeValue(l.when, base(scopes))}` : ''}; the link's role is${/^if /.test(role) ? ':' : ''} ${role}.`,
    });
    push(l.id, `Link ${entityName(doc, l.from)} → ${entityName(doc, l.to)}`, '$link', scopes, l.fields);
  }
  return { rules, fields };
}
