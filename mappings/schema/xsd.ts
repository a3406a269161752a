/**
 * XSD → field tree. saxes parses each schema document into a small element tree with positions;
 * the walker below covers the parts of XML Schema that supplier exports use (global and local
 * elements, named and anonymous complex/simple types, sequence/choice/all, groups, attributes and
 * attribute groups, simple/complex content extension, enumerations, include/import among the given
 * files). Hand-written because no pure JavaScript XSD library exists that yields a typed content
 * model with positions; unsupported constructs produce a warning rather than silence.
 */
import { SaxesParser } from 'saxes';
import type { Diagnostic, Location } from '../diagnostics/diagnostic';
import { diag } from '../diagnostics/catalog';
import { joinPath, type FieldNode, type FieldTree, type FieldType } from '../model/field-tree';
import { SCHEMA } from './codes';

const XS = 'http://www.w3.org/2001/XMLSchema';

interface XNode {
  local: string;
  uri: string;
  attrs: Record<string, string>;
  children: XNode[];
  text: string;
  ns: Record<string, string>;
  file: string;
  line: number;
  column: number;
  /** The schema document (root `xs:schema`) this node belongs to. */
  schema?: SchemaDoc;
}

interface SchemaDoc {
  file: string;
  targetNamespace: string;
  elementQualified: boolean;
  attributeQualified: boolean;
  root: XNode;
}

type Key = string; // `${namespace}#${local}`

interface Globals {
  elements: Map<Key, XNode>;
  complexTypes: Map<Key, XNode>;
  simpleTypes: Map<Key, XNode>;
  groups: Map<Key, XNode>;
  attributeGroups: Map<Key, XNode>;
  attributes: Map<Key, XNode>;
}

function parseXsdDocument(text: string, file: string): { root?: XNode; error?: Diagnostic } {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XNode[] = [];
  let root: XNode | undefined;
  let error: Diagnostic | undefined;
  let tagLine = 1;
  let tagCol = 1;
  parser.on('opentagstart', (t) => {
    tagLine = parser.line;
    tagCol = Math.max(1, parser.column - t.name.length - 1);
  });
  parser.on('opentag', (t) => {
    const parentNs = stack.length ? stack[stack.length - 1].ns : {};
    const ns = t.ns && Object.keys(t.ns).length ? { ...parentNs, ...t.ns } : parentNs;
    const attrs: Record<string, string> = {};
    for (const a of Object.values(t.attributes)) if (a.uri !== 'http://www.w3.org/2000/xmlns/') attrs[a.prefix ? `${a.prefix}:${a.local}` : a.local] = a.value;
    const node: XNode = { local: t.local, uri: t.uri, attrs, children: [], text: '', ns, file, line: tagLine, column: tagCol };
    if (stack.length) stack[stack.length - 1].children.push(node);
    else root = node;
    stack.push(node);
  });
  parser.on('text', (t) => {
    if (stack.length) stack[stack.length - 1].text += t;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('doctype', () => {
    error ??= diag(SCHEMA.MW1301, { message: 'DOCTYPE declarations are not allowed in schema files' }, { file, line: parser.line, column: parser.column });
  });
  parser.on('error', (e) => {
    error ??= diag(SCHEMA.MW1301, { message: e.message.replace(/^.*?\d+:\d+: /, '') }, { file, line: parser.line, column: parser.column });
  });
  parser.write(text).close();
  return error ? { error } : { root };
}

function dirname(f: string): string {
  const i = f.lastIndexOf('/');
  return i >= 0 ? f.slice(0, i + 1) : '';
}
function normalise(path: string): string {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '..') out.pop();
    else if (seg !== '.' && seg !== '') out.push(seg);
  }
  return out.join('/');
}

export interface XsdOptions {
  /** The main schema file (default: the first file given). */
  entry?: string;
  /**
   * The record element: a global element name, or a slash path into local elements
   * (`Export/Offence`). Default: the entry file's first global element.
   */
  root?: string;
  name?: string;
}

/**
 * Builds a field tree from XSD documents. `files` maps file names to their text; `xs:include` and
 * `xs:import` resolve among them (relative to the including file, then by base name).
 * @example xsdToFieldTree({ 'offence.xsd': text, 'common.xsd': common }, { root: 'Offence' })
 */
export function xsdToFieldTree(files: Record<string, string>, options: XsdOptions = {}): { tree: FieldTree; diagnostics: Diagnostic[] } {
  const names = Object.keys(files);
  const entry = options.entry ?? names[0];
  const diagnostics: Diagnostic[] = [];
  const name = options.name ?? (entry ?? 'schema').replace(/^.*\//, '').replace(/\.xsd$/i, '');
  const tree: FieldTree = { id: `xsd:${name}`, name, origin: 'xsd', fields: [] };
  if (!entry || files[entry] === undefined) {
    diagnostics.push(diag(SCHEMA.MW1303, { file: entry ?? '(none)' }, {}));
    return { tree, diagnostics };
  }
  const g: Globals = { elements: new Map(), complexTypes: new Map(), simpleTypes: new Map(), groups: new Map(), attributeGroups: new Map(), attributes: new Map() };
  const loaded = new Map<string, SchemaDoc>();
  const findFile = (loc: string, from: string): string | undefined => {
    const rel = normalise(dirname(from) + loc);
    if (files[rel] !== undefined) return rel;
    if (files[loc] !== undefined) return loc;
    const base = loc.replace(/^.*\//, '');
    return names.find((n) => n === base || n.endsWith(`/${base}`));
  };
  const load = (file: string, chameleonNs?: string): SchemaDoc | undefined => {
    const cached = loaded.get(file);
    if (cached) return cached;
    const parsed = parseXsdDocument(files[file], file);
    if (parsed.error || !parsed.root) {
      if (parsed.error) diagnostics.push(parsed.error);
      return undefined;
    }
    const root = parsed.root;
    if (root.local !== 'schema' || root.uri !== XS) {
      diagnostics.push(diag(SCHEMA.MW1301, { message: `the root element is <${root.local}>, expected xs:schema` }, { file, line: root.line, column: root.column }));
      return undefined;
    }
    const doc: SchemaDoc = {
      file,
      // an included schema without a target namespace takes the includer's ("chameleon" include)
      targetNamespace: root.attrs.targetNamespace ?? chameleonNs ?? '',
      elementQualified: root.attrs.elementFormDefault === 'qualified',
      attributeQualified: root.attrs.attributeFormDefault === 'qualified',
      root,
    };
    loaded.set(file, doc);
    const tag = (n: XNode) => {
      n.schema = doc;
      n.children.forEach(tag);
    };
    tag(root);
    for (const c of root.children) {
      if (c.uri !== XS) continue;
      const key = `${doc.targetNamespace}#${c.attrs.name}`;
      switch (c.local) {
        case 'element':
          g.elements.set(key, c);
          break;
        case 'complexType':
          g.complexTypes.set(key, c);
          break;
        case 'simpleType':
          g.simpleTypes.set(key, c);
          break;
        case 'group':
          g.groups.set(key, c);
          break;
        case 'attributeGroup':
          g.attributeGroups.set(key, c);
          break;
        case 'attribute':
          g.attributes.set(key, c);
          break;
        case 'include':
        case 'import':
        case 'redefine': {
          const loc = c.attrs.schemaLocation;
          if (!loc) break;
          const target = findFile(loc, file);
          if (!target) {
            diagnostics.push(diag(SCHEMA.MW1303, { file: loc }, { file, line: c.line, column: c.column }));
            break;
          }
          load(target, c.local === 'import' ? undefined : doc.targetNamespace);
          break;
        }
        case 'annotation':
        case 'notation':
          break;
        default:
          diagnostics.push(diag(SCHEMA.MW1307, { what: `xs:${c.local}` }, { file, line: c.line, column: c.column }));
      }
    }
    return doc;
  };
  const entryDoc = load(entry);
  if (!entryDoc) return { tree, diagnostics };

  const loc = (n: XNode): Location => ({ file: n.file, line: n.line, column: n.column });
  const resolveQName = (n: XNode, qname: string): Key => {
    const i = qname.indexOf(':');
    const prefix = i >= 0 ? qname.slice(0, i) : '';
    const local = i >= 0 ? qname.slice(i + 1) : qname;
    // a schema that refers to its own components without a prefix is tolerated by `lookup`
    const ns = prefix ? (n.ns[prefix] ?? '') : (n.ns[''] ?? '');
    return `${ns}#${local}`;
  };
  const lookup = <T>(map: Map<Key, T>, key: Key): T | undefined => {
    const hit = map.get(key);
    if (hit) return hit;
    // tolerate schemas that refer to their own components without a prefix
    const local = key.slice(key.indexOf('#'));
    for (const [k, v] of map) if (k.endsWith(local)) return v;
    return undefined;
  };
  const xs = (n: XNode, local: string) => n.children.filter((c) => c.uri === XS && c.local === local);
  const docOf = (n: XNode): string | undefined => {
    const texts = xs(n, 'annotation').flatMap((a) => xs(a, 'documentation').map((d) => d.text.trim().replace(/\s+/g, ' ')));
    return texts.filter(Boolean).join('\n') || undefined;
  };

  interface Scalar {
    type: FieldType;
    format?: string;
    pattern?: string;
    enum?: (string | number | boolean)[];
    doc?: string[];
  }
  const builtin = (local: string): Scalar => {
    switch (local) {
      case 'int':
      case 'integer':
      case 'long':
      case 'short':
      case 'byte':
      case 'nonNegativeInteger':
      case 'positiveInteger':
      case 'nonPositiveInteger':
      case 'negativeInteger':
      case 'unsignedInt':
      case 'unsignedLong':
      case 'unsignedShort':
      case 'unsignedByte':
        return { type: 'integer' };
      case 'decimal':
      case 'float':
      case 'double':
        return { type: 'number' };
      case 'boolean':
        return { type: 'boolean' };
      case 'date':
        return { type: 'date', format: 'date', pattern: 'yyyy-MM-dd' };
      case 'dateTime':
        return { type: 'datetime', format: 'date-time' };
      case 'time':
        return { type: 'time', format: 'time' };
      case 'gYearMonth':
        return { type: 'date', pattern: 'yyyy-MM' };
      case 'gYear':
        return { type: 'string', pattern: 'yyyy' };
      case 'anyURI':
        return { type: 'string', format: 'uri' };
      case 'duration':
        return { type: 'string', format: 'duration' };
      case 'anyType':
        return { type: 'any' };
      default:
        return { type: 'string' };
    }
  };
  const simpleFromNode = (st: XNode, depth: number): Scalar => {
    if (depth > 32) return { type: 'string' };
    const r = xs(st, 'restriction')[0];
    if (r) {
      let base: Scalar = { type: 'string' };
      if (r.attrs.base) base = scalarOf(r, r.attrs.base, depth + 1);
      else if (xs(r, 'simpleType')[0]) base = simpleFromNode(xs(r, 'simpleType')[0], depth + 1);
      const out: Scalar = { ...base, doc: [...(base.doc ?? [])] };
      const enums = xs(r, 'enumeration').map((e) => e.attrs.value);
      if (enums.length) out.enum = enums.map((v) => (out.type === 'integer' || out.type === 'number' ? Number(v) : out.type === 'boolean' ? v === 'true' : v));
      for (const facet of ['pattern', 'length', 'minLength', 'maxLength', 'minInclusive', 'maxInclusive', 'totalDigits', 'fractionDigits']) {
        for (const f of xs(r, facet)) out.doc!.push(`${facet}: ${f.attrs.value}`);
      }
      return out;
    }
    if (xs(st, 'list')[0]) return { type: 'string', doc: ['space-separated list'] };
    if (xs(st, 'union')[0]) return { type: 'string', doc: ['union of simple types'] };
    return { type: 'string' };
  };
  const scalarOf = (at: XNode, qname: string, depth = 0): Scalar => {
    const key = resolveQName(at, qname);
    if (key.startsWith(`${XS}#`)) return builtin(key.slice(XS.length + 1));
    const st = lookup(g.simpleTypes, key);
    if (st) return simpleFromNode(st, depth);
    if (lookup(g.complexTypes, key)) return { type: 'object' };
    diagnostics.push(diag(SCHEMA.MW1302, { kind: 'type', name: qname }, loc(at)));
    return { type: 'any' };
  };

  interface Occ {
    optional: boolean;
    many: boolean;
  }
  const occurs = (n: XNode): { min: number; max: number } => ({
    min: n.attrs.minOccurs !== undefined ? Number(n.attrs.minOccurs) : 1,
    max: n.attrs.maxOccurs === 'unbounded' ? Number.POSITIVE_INFINITY : n.attrs.maxOccurs !== undefined ? Number(n.attrs.maxOccurs) : 1,
  });

  const applyScalar = (node: FieldNode, s: Scalar) => {
    if (s.format) node.format = s.format;
    if (s.pattern) node.pattern = s.pattern;
    if (s.enum) node.enum = s.enum;
    const docs = [node.doc, ...(s.doc ?? [])].filter(Boolean);
    if (docs.length) node.doc = docs.join('\n');
  };

  /** Fields of a complex type definition (particles, attributes, content extensions). */
  const complexFields = (ct: XNode, path: string, visiting: Set<XNode>, depth: number): FieldNode[] => {
    const fields: FieldNode[] = [];
    const content = (def: XNode) => {
      for (const c of def.children) {
        if (c.uri !== XS) continue;
        switch (c.local) {
          case 'sequence':
          case 'choice':
          case 'all':
            particle(c, { optional: false, many: false });
            break;
          case 'group':
            groupRef(c, { optional: false, many: false });
            break;
          case 'attribute':
            attribute(c);
            break;
          case 'attributeGroup':
            attributeGroup(c, 0);
            break;
          case 'simpleContent': {
            const ext = xs(c, 'extension')[0] ?? xs(c, 'restriction')[0];
            if (ext) {
              const t: FieldNode = { path: joinPath(path, '#text'), name: '#text', type: 'string', cardinality: 'optional', xml: { text: true }, position: loc(ext) as FieldNode['position'] };
              if (ext.attrs.base) {
                const s = scalarOf(ext, ext.attrs.base);
                if (s.type === 'object') {
                  const baseCt = lookup(g.complexTypes, resolveQName(ext, ext.attrs.base));
                  if (baseCt) content(baseCt);
                } else {
                  t.type = s.type;
                  applyScalar(t, s);
                  fields.push(t);
                }
              }
              content(ext);
            }
            break;
          }
          case 'complexContent': {
            const ext = xs(c, 'extension')[0] ?? xs(c, 'restriction')[0];
            if (ext) {
              if (ext.local === 'extension' && ext.attrs.base) {
                const baseCt = lookup(g.complexTypes, resolveQName(ext, ext.attrs.base));
                if (baseCt) {
                  if (visiting.has(baseCt)) break;
                  visiting.add(baseCt);
                  content(baseCt);
                  visiting.delete(baseCt);
                } else if (!resolveQName(ext, ext.attrs.base).startsWith(`${XS}#`)) {
                  diagnostics.push(diag(SCHEMA.MW1302, { kind: 'complexType', name: ext.attrs.base }, loc(ext)));
                }
              }
              content(ext);
            }
            break;
          }
          case 'anyAttribute':
          case 'annotation':
            break;
          case 'any':
            break;
          default:
            diagnostics.push(diag(SCHEMA.MW1307, { what: `xs:${c.local}` }, loc(c)));
        }
      }
    };
    const particle = (p: XNode, outer: Occ) => {
      const o = occurs(p);
      const occ: Occ = { optional: outer.optional || o.min === 0 || p.local === 'choice', many: outer.many || o.max > 1 };
      for (const c of p.children) {
        if (c.uri !== XS) continue;
        if (c.local === 'element') element(c, occ);
        else if (c.local === 'sequence' || c.local === 'choice' || c.local === 'all') particle(c, occ);
        else if (c.local === 'group') groupRef(c, occ);
        else if (c.local === 'any') fields.push({ path: joinPath(path, '*'), name: '*', type: 'any', cardinality: 'optional', doc: 'xs:any: any element', position: loc(c) as FieldNode['position'] });
      }
    };
    const groupRef = (r: XNode, outer: Occ) => {
      if (!r.attrs.ref) return;
      const grp = lookup(g.groups, resolveQName(r, r.attrs.ref));
      if (!grp) {
        diagnostics.push(diag(SCHEMA.MW1302, { kind: 'group', name: r.attrs.ref }, loc(r)));
        return;
      }
      const o = occurs(r);
      const occ: Occ = { optional: outer.optional || o.min === 0, many: outer.many || o.max > 1 };
      for (const c of grp.children) if (c.uri === XS && (c.local === 'sequence' || c.local === 'choice' || c.local === 'all')) particle(c, occ);
    };
    const attribute = (a: XNode) => {
      let decl = a;
      if (a.attrs.ref) {
        const d = lookup(g.attributes, resolveQName(a, a.attrs.ref));
        if (!d) {
          diagnostics.push(diag(SCHEMA.MW1302, { kind: 'attribute', name: a.attrs.ref }, loc(a)));
          return;
        }
        decl = d;
      }
      const name = decl.attrs.name ?? a.attrs.ref?.replace(/^.*:/, '') ?? '?';
      const node: FieldNode = {
        path: joinPath(path, `@${name}`),
        name: `@${name}`,
        type: 'string',
        cardinality: a.attrs.use === 'required' ? 'one' : 'optional',
        position: loc(a) as FieldNode['position'],
        xml: { attribute: true, ...(decl.schema && (a.attrs.ref || decl.schema.attributeQualified || decl.attrs.form === 'qualified') && decl.schema.targetNamespace ? { namespace: decl.schema.targetNamespace } : {}) },
      };
      const d = docOf(decl);
      if (d) node.doc = d;
      const s = decl.attrs.type ? scalarOf(decl, decl.attrs.type) : xs(decl, 'simpleType')[0] ? simpleFromNode(xs(decl, 'simpleType')[0], 0) : { type: 'string' as FieldType };
      node.type = s.type;
      applyScalar(node, s);
      if (a.attrs.use === 'prohibited') return;
      fields.push(node);
    };
    const attributeGroup = (r: XNode, d: number) => {
      if (!r.attrs.ref || d > 16) return;
      const grp = lookup(g.attributeGroups, resolveQName(r, r.attrs.ref));
      if (!grp) {
        diagnostics.push(diag(SCHEMA.MW1302, { kind: 'attributeGroup', name: r.attrs.ref }, loc(r)));
        return;
      }
      for (const c of grp.children) {
        if (c.uri !== XS) continue;
        if (c.local === 'attribute') attribute(c);
        else if (c.local === 'attributeGroup') attributeGroup(c, d + 1);
      }
    };
    const element = (e: XNode, occ: Occ) => {
      const node = elementNode(e, path, occ, visiting, depth + 1);
      if (node) fields.push(node);
    };
    content(ct);
    if (ct.attrs.mixed === 'true' && !fields.some((f) => f.name === '#text')) {
      fields.push({ path: joinPath(path, '#text'), name: '#text', type: 'string', cardinality: 'optional', xml: { text: true } });
    }
    return fields;
  };

  /** Node for an element declaration (local or `ref=` to a global one). */
  const elementNode = (site: XNode, parentPath: string, occ: Occ, visiting: Set<XNode>, depth: number): FieldNode | undefined => {
    let decl = site;
    let global = false;
    if (site.attrs.ref) {
      const d = lookup(g.elements, resolveQName(site, site.attrs.ref));
      if (!d) {
        diagnostics.push(diag(SCHEMA.MW1302, { kind: 'element', name: site.attrs.ref }, loc(site)));
        return undefined;
      }
      decl = d;
      global = true;
    } else if (site.schema && site.schema.root.children.includes(site)) global = true;
    const name = decl.attrs.name;
    if (!name) return undefined;
    const o = occurs(site);
    const many = occ.many || o.max > 1;
    const optional = occ.optional || o.min === 0 || decl.attrs.nillable === 'true';
    const path = joinPath(parentPath, name, many);
    const qualified = global || decl.attrs.form === 'qualified' || (decl.attrs.form !== 'unqualified' && decl.schema?.elementQualified);
    const ns = qualified ? decl.schema?.targetNamespace : undefined;
    const node: FieldNode = {
      path,
      name,
      type: 'any',
      cardinality: many ? 'many' : optional ? 'optional' : 'one',
      position: loc(site) as FieldNode['position'],
      ...(ns ? { xml: { namespace: ns } } : {}),
    };
    if (many) {
      node.minOccurs = occ.optional ? 0 : o.min;
      if (Number.isFinite(o.max) && !occ.many) node.maxOccurs = o.max;
    }
    const d = docOf(decl) ?? (decl !== site ? docOf(site) : undefined);
    if (d) node.doc = d;
    // the type: named, inline complex, inline simple, or none (anyType)
    let ct: XNode | undefined = xs(decl, 'complexType')[0];
    let scalar: Scalar | undefined;
    if (!ct && decl.attrs.type) {
      const key = resolveQName(decl, decl.attrs.type);
      ct = key.startsWith(`${XS}#`) ? undefined : lookup(g.complexTypes, key);
      if (!ct) scalar = scalarOf(decl, decl.attrs.type);
    } else if (!ct && xs(decl, 'simpleType')[0]) scalar = simpleFromNode(xs(decl, 'simpleType')[0], 0);
    if (ct) {
      node.type = 'object';
      const recursive = visiting.has(ct) || depth > 48;
      if (recursive) {
        const tn = ct.attrs.name ?? name;
        diagnostics.push(diag(SCHEMA.MW1304, { name: tn }, loc(site)));
        node.doc = [node.doc, `Recursive type ${tn}: nested levels are not expanded`].filter(Boolean).join('\n');
      } else {
        visiting.add(ct);
        const children = complexFields(ct, path, visiting, depth);
        visiting.delete(ct);
        if (children.length) node.children = children;
        else if (ct.attrs.mixed !== 'true') node.type = 'object';
      }
    } else if (scalar) {
      node.type = scalar.type;
      applyScalar(node, scalar);
    }
    if (many) {
      node.itemType = node.type;
      node.type = 'array';
    }
    return node;
  };

  // choose the record element
  const globalsOfEntry = entryDoc.root.children.filter((c) => c.uri === XS && c.local === 'element' && c.attrs.name);
  if (globalsOfEntry.length === 0 && !options.root) {
    diagnostics.push(diag(SCHEMA.MW1305, {}, loc(entryDoc.root)));
    return { tree, diagnostics };
  }
  const segments = (options.root ?? globalsOfEntry[0].attrs.name).replace(/^\/+/, '').split('/').filter(Boolean);
  const first = lookup(g.elements, `${entryDoc.targetNamespace}#${segments[0]}`);
  if (!first) {
    const available = [...g.elements.values()].map((e) => e.attrs.name).join(', ');
    diagnostics.push(diag(SCHEMA.MW1306, { name: segments[0], available }, { file: entry }));
    return { tree, diagnostics };
  }
  let node = elementNode(first, '', { optional: false, many: false }, new Set(), 0);
  for (const seg of segments.slice(1)) {
    const next = node?.children?.find((c) => c.name === seg);
    if (!next) {
      const available = (node?.children ?? []).map((c) => c.name).join(', ');
      diagnostics.push(diag(SCHEMA.MW1306, { name: segments.join('/'), available }, { file: entry }));
      return { tree, diagnostics };
    }
    node = next;
  }
  if (node) {
    tree.fields = rebase(node.children ?? [], node.path);
    tree.recordPath = `/${segments.join('/')}`;
  }
  return { tree, diagnostics };
}

/** Re-roots paths so the record element's own path prefix disappears. */
function rebase(fields: FieldNode[], prefix: string): FieldNode[] {
  if (!prefix) return fields;
  const strip = (p: string) => (p.startsWith(`${prefix}.`) ? p.slice(prefix.length + 1) : p.startsWith(prefix) ? p.slice(prefix.length) : p);
  return fields.map((f) => ({ ...f, path: strip(f.path), ...(f.children ? { children: rebase(f.children, prefix) } : {}) }));
}
