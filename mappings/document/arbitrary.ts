/**
 * fast-check generators for mapping documents, for property tests here and in other modules
 * (checker, bundles, diff). Documents are schema-valid with unique ids; semantics (field paths that
 * exist, functions that type-check) are not guaranteed — use them for format-level properties.
 */
import fc from 'fast-check';
import type { FieldNode } from '../model/field-tree';
import type { EntityRule, FieldRule, Json, LinkRule, MappingDocument, ValueMapDecl, ValueNode } from './types';

const ident = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,8}$/);
const text = fc.string({ maxLength: 12 });
const uuid = fc.uuid();
const json: fc.Arbitrary<Json> = fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>;

/** Ids unique within one document: a counter suffix makes collisions impossible. */
function idMaker() {
  let n = 0;
  return (prefix: string) => `${prefix}-${(n++).toString(32).padStart(10, '0')}`;
}
type Ids = ReturnType<typeof idMaker>;

function valueNode(ids: Ids, depth: number): fc.Arbitrary<ValueNode> {
  const leaf = fc.oneof(
    fc.record({ path: ident, scope: fc.option(fc.constantFrom('$record', 'item'), { nil: undefined }) }).map(({ path, scope }) => ({ id: ids('n'), kind: 'field' as const, path, ...(scope ? { scope } : {}) })),
    json.map((value) => ({ id: ids('n'), kind: 'const' as const, value })),
    fc.constantFrom('trim(name)', 'upper(code) + "-x"', 'a ?? b').map((code) => ({ id: ids('n'), kind: 'expr' as const, code })),
  );
  if (depth <= 0) return leaf;
  const sub = () => valueNode(ids, depth - 1);
  return fc.oneof(
    { weight: 3, arbitrary: leaf },
    { weight: 1, arbitrary: fc.record({ fn: fc.constantFrom('trim', 'upper', 'coalesce'), args: fc.array(sub(), { maxLength: 2 }) }).map(({ fn, args }) => ({ id: ids('n'), kind: 'call' as const, fn, args })) },
    { weight: 1, arbitrary: sub().map((input) => ({ id: ids('n'), kind: 'map' as const, valueMap: 'vm-0000000000', input })) },
    {
      weight: 1,
      arbitrary: fc
        .record({ branches: fc.array(fc.record({ when: sub(), then: sub() }), { minLength: 1, maxLength: 2 }), else: fc.option(sub(), { nil: undefined }) })
        .map((c) => ({ id: ids('n'), kind: 'cond' as const, branches: c.branches, ...(c.else ? { else: c.else } : {}) })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ op: fc.constantFrom('first', 'last', 'join', 'count', 'distinct' as const), input: sub(), separator: fc.option(text, { nil: undefined }) })
        .map((a) => ({ id: ids('n'), kind: 'aggregate' as const, op: a.op, input: a.input, ...(a.separator !== undefined ? { separator: a.separator } : {}) })),
    },
    { weight: 1, arbitrary: fc.dictionary(ident, sub(), { maxKeys: 3 }).map((fields) => ({ id: ids('n'), kind: 'object' as const, fields })) },
    { weight: 1, arbitrary: fc.array(sub(), { maxLength: 3 }).map((items) => ({ id: ids('n'), kind: 'array' as const, items })) },
  );
}

function fieldRule(ids: Ids): fc.Arbitrary<FieldRule> {
  return fc
    .record({ target: fc.constantFrom('name', 'names[0].family', 'identifiers[]', 'dateOfBirth.value', 'x-y'), value: valueNode(ids, 2), comment: fc.option(text, { nil: undefined }) })
    .map((f) => ({ id: ids('r'), target: f.target, value: f.value, ...(f.comment !== undefined ? { comment: f.comment } : {}) }));
}

const fieldNode: fc.Arbitrary<FieldNode> = fc
  .record({ name: ident, type: fc.constantFrom('string', 'integer', 'date', 'boolean' as const), cardinality: fc.constantFrom('one', 'optional' as const), doc: fc.option(text, { nil: undefined }) })
  .map((f) => ({ path: f.name, name: f.name, type: f.type, cardinality: f.cardinality, ...(f.doc !== undefined ? { doc: f.doc } : {}) }));

/** An arbitrary, schema-valid mapping document with unique ids. */
export function arbitraryMappingDocument(): fc.Arbitrary<MappingDocument> {
  return fc.constant(null).chain(() => {
    const ids = idMaker();
    const vm: fc.Arbitrary<ValueMapDecl> = fc
      .record({
        name: fc.string({ minLength: 1, maxLength: 10 }),
        entries: fc.array(fc.record({ from: text, to: text, quality: fc.constantFrom('exact', 'broader', 'narrower', 'lossy' as const), note: fc.option(text, { nil: undefined }) }), { maxLength: 4 }),
        caseInsensitive: fc.option(fc.boolean(), { nil: undefined }),
        unmapped: fc.oneof(fc.constant({ policy: 'passthrough' as const }), fc.constant({ policy: 'reject' as const }), text.map((value) => ({ policy: 'default' as const, value }))),
        output: fc.constantFrom('code', 'coded' as const),
        targetScheme: fc.option(ident, { nil: undefined }),
      })
      .map((v) => ({
        id: 'vm-0000000000',
        name: v.name,
        ...(v.targetScheme !== undefined ? { targetScheme: v.targetScheme } : {}),
        entries: v.entries.map((e) => ({ from: e.from, to: e.to, quality: e.quality, ...(e.note !== undefined ? { note: e.note } : {}) })),
        ...(v.caseInsensitive !== undefined ? { caseInsensitive: v.caseInsensitive } : {}),
        unmapped: v.unmapped,
        output: v.output,
      }));
    const entity: fc.Arbitrary<EntityRule> = fc
      .record({
        entity: fc.constantFrom('Person', 'Event', 'Object'),
        label: fc.option(text, { nil: undefined }),
        loop: fc.option(fc.record({ path: ident.map((p) => `${p}[]`), as: fc.constant('item') }), { nil: undefined }),
        when: fc.option(valueNode(ids, 1), { nil: undefined }),
        key: fc.option(fc.array(valueNode(ids, 1), { minLength: 1, maxLength: 2 }), { nil: undefined }),
        fields: fc.array(fieldRule(ids), { maxLength: 3 }),
        keepUnmapped: fc.option(fc.boolean(), { nil: undefined }),
      })
      .map((e) => ({
        id: ids('r'),
        entity: e.entity,
        ...(e.label !== undefined ? { label: e.label } : {}),
        ...(e.loop ? { forEach: e.loop } : {}),
        ...(e.when ? { when: e.when } : {}),
        ...(e.key ? { key: e.key } : {}),
        fields: e.fields,
        ...(e.keepUnmapped !== undefined ? { keepUnmapped: e.keepUnmapped } : {}),
      }));
    return fc
      .record({
        id: uuid,
        name: fc.string({ minLength: 1, maxLength: 20 }),
        version: fc.tuple(fc.nat(20), fc.nat(20), fc.nat(20)).map((v) => v.join('.')),
        description: fc.option(text, { nil: undefined }),
        namespace: uuid,
        sourceSystem: fc.string({ minLength: 1, maxLength: 10 }),
        recordId: fc.option(valueNode(ids, 0), { nil: undefined }),
        fields: fc.array(fieldNode, { maxLength: 4 }),
        valueMaps: fc.array(vm, { maxLength: 1 }),
        filters: fc.array(fc.record({ when: valueNode(ids, 1), reason: fc.string({ minLength: 1, maxLength: 10 }) }), { maxLength: 2 }),
        rootFields: fc.array(fieldRule(ids), { maxLength: 2 }),
        entities: fc.array(entity, { maxLength: 3 }),
        role: valueNode(ids, 1),
        layoutNodes: fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.record({ x: fc.integer(), y: fc.integer() }), { maxKeys: 3 }),
        extension: fc.option(json, { nil: undefined }),
      })
      .map((d) => {
        const links: LinkRule[] = d.entities.length >= 2 ? [{ id: ids('r'), role: d.role, from: d.entities[0].id, to: d.entities[1].id, fields: [] }] : [];
        const doc: MappingDocument & Record<string, unknown> = {
          format: 'mapwright.mapping',
          formatVersion: 1,
          id: d.id,
          name: d.name,
          version: d.version,
          ...(d.description !== undefined ? { description: d.description } : {}),
          namespace: d.namespace,
          sourceSystem: d.sourceSystem,
          ...(d.recordId ? { recordId: d.recordId } : {}),
          sources: [{ id: 's-0000000000', name: 'source', format: 'ndjson', primary: true, schema: { id: 'source:test', name: 'test', origin: 'ndjson', fields: d.fields } }],
          joins: [],
          target: { modelId: 'pole', modelVersion: '1.0.0' },
          filters: d.filters.map((f) => ({ id: ids('r'), when: f.when, reason: f.reason })),
          valueMaps: d.valueMaps,
          root: { fields: d.rootFields },
          entities: d.entities,
          links,
          layout: { nodes: d.layoutNodes, comments: [] },
          ...(d.extension !== undefined ? { 'x-tool': d.extension } : {}),
        };
        return doc;
      });
  });
}
