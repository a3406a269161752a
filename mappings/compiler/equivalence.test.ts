import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EntityRule, FieldRule, LinkRule, MappingDocument, ValueMapDecl, ValueNode } from '../document/types';
import type { FieldNode } from '../model/field-tree';
import { compileMapping, loadCompiled } from './compile';
import { createInterpreter } from './interpret';
import { miniModel } from './test-models';

/**
 * Property: for generated documents and messy records, the compiled transform's result deep-equals
 * the reference interpreter's (outputs and rejects alike). Documents are generated per scope so
 * they compile: field refs name fields of the current, an enclosing or the record scope.
 */

const f = (path: string, type: FieldNode['type'], children?: FieldNode[], many = false): FieldNode => ({
  path,
  name: path.replace(/\[\]$/, '').split('.').pop()!.replace(/\[\]$/, ''),
  type,
  cardinality: many ? 'many' : 'optional',
  ...(children ? { children } : {}),
});
const FIELDS: FieldNode[] = [
  f('ref', 'string'),
  f('n', 'integer'),
  f('flag', 'boolean'),
  f('code', 'string'),
  f('persons[]', 'object', [
    f('persons[].name', 'string'),
    f('persons[].sex', 'string'),
    f('persons[].age', 'integer'),
    f('persons[].tags[]', 'string', undefined, true),
    f('persons[].addresses[]', 'object', [f('persons[].addresses[].town', 'string')], true),
  ], true),
];

type Scope = 'top' | 'person' | 'address';
const SCALARS: Record<Scope, { path: string; scope?: string }[]> = {
  top: [{ path: 'ref' }, { path: 'n' }, { path: 'flag' }, { path: 'code' }, { path: 'persons[].name' }, { path: 'persons[].tags[]' }],
  person: [{ path: 'name' }, { path: 'sex' }, { path: 'age' }, { path: 'tags[]' }, { path: 'ref', scope: '$record' }, { path: 'addresses[].town' }],
  address: [{ path: 'town' }, { path: 'name', scope: 'person' }, { path: 'code', scope: '$record' }],
};
const MANY: Record<Scope, { path: string; scope?: string }[]> = {
  top: [{ path: 'persons[].name' }, { path: 'persons[].tags[]' }, { path: 'persons[].addresses[].town' }, { path: 'persons[]' }],
  person: [{ path: 'tags[]' }, { path: 'addresses[].town' }, { path: 'persons[].sex', scope: '$record' }],
  address: [{ path: 'tags[]', scope: 'person' }, { path: 'persons[].age', scope: '$record' }],
};
const EXPRS: Record<Scope, string[]> = {
  top: ['upper(ref)', 'n + 1', 'code ?? "none"', '`${ref}-${n}`', 'flag ? "y" : "n"', 'length(persons)', 'n > 2'],
  person: ['upper(name)', 'age * 2', '$record.ref', 'name === "A"', 'coalesce(sex, "U")', 'length(tags)'],
  address: ['town + "/" + person.name', 'upper(town)', '$record.n'],
};

let counter = 0;
const id = (p: string) => `${p}-${String(counter++).padStart(10, '0')}`;

function value(scope: Scope, depth: number): fc.Arbitrary<ValueNode> {
  const leaf = fc.oneof(
    fc.constantFrom(...SCALARS[scope]).map((r) => ({ id: id('n'), kind: 'field' as const, path: r.path, ...(r.scope ? { scope: r.scope } : {}) })),
    fc.oneof(fc.string({ maxLength: 4 }), fc.integer({ min: -5, max: 5 }), fc.boolean(), fc.constant(null), fc.constantFrom('M', 'F', 'X', 'VICTIM')).map((v) => ({ id: id('n'), kind: 'const' as const, value: v })),
    fc.constantFrom(...EXPRS[scope]).map((code) => ({ id: id('n'), kind: 'expr' as const, code })),
  );
  if (depth <= 0) return leaf;
  const sub = () => value(scope, depth - 1);
  return fc.oneof(
    { weight: 4, arbitrary: leaf },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('trim', 'upper', 'toString', 'isEmpty'), sub()).map(([fn, a]) => ({ id: id('n'), kind: 'call' as const, fn, args: [a] })) },
    { weight: 1, arbitrary: fc.tuple(sub(), sub()).map(([a, b]) => ({ id: id('n'), kind: 'call' as const, fn: 'coalesce', args: [a, b] })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('vm-0', 'vm-1', 'vm-2'), sub()).map(([vm, input]) => ({ id: id('n'), kind: 'map' as const, valueMap: vm, input })) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.array(fc.tuple(sub(), sub()), { minLength: 1, maxLength: 2 }), fc.option(sub(), { nil: undefined })).map(([bs, e]) => ({ id: id('n'), kind: 'cond' as const, branches: bs.map(([when, then]) => ({ when, then })), ...(e ? { else: e } : {}) })),
    },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('first', 'last', 'join', 'count', 'distinct' as const), sub()).map(([op, input]) => ({ id: id('n'), kind: 'aggregate' as const, op, input, ...(op === 'join' ? { separator: '|' } : {}) })) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom('first', 'last', 'join', 'count', 'distinct' as const), fc.constantFrom(...MANY[scope]))
        .map(([op, r]) => ({ id: id('n'), kind: 'aggregate' as const, op, input: { id: id('n'), kind: 'field' as const, path: r.path, ...(r.scope ? { scope: r.scope } : {}) } })),
    },
    { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('a', 'b', 'value', '__proto__'), sub(), { maxKeys: 3 }).map((fields) => ({ id: id('n'), kind: 'object' as const, fields })) },
    { weight: 1, arbitrary: fc.array(sub(), { maxLength: 3 }).map((items) => ({ id: id('n'), kind: 'array' as const, items })) },
  );
}

const TARGETS = ['note', 'age', 'names[0].family', 'names[0].given[]', 'tags[]', 'identifiers[]', 'tags', 'stats.a', 'stats.b.c', 'reference', 'summary'];
const fields = (scope: Scope) => fc.array(fc.tuple(fc.constantFrom(...TARGETS), value(scope, 2)).map(([target, v]): FieldRule => ({ id: id('r'), target, value: v })), { maxLength: 4 });

const valueMaps: fc.Arbitrary<ValueMapDecl[]> = fc.tuple(
  fc.constantFrom<ValueMapDecl['unmapped']>({ policy: 'default', value: 'U' }, { policy: 'passthrough' }, { policy: 'reject' }),
  fc.constantFrom<ValueMapDecl['unmapped']>({ policy: 'default', value: 'NS' }, { policy: 'passthrough' }),
  fc.boolean(),
).map(([p0, p1, ci]) => [
  { id: 'vm-0', name: 'sex', targetScheme: 'SEX', entries: [{ from: 'M', to: 'M', quality: 'exact' }, { from: 'F', to: 'F', quality: 'exact' }, { from: 'X', to: 'U', quality: 'lossy' }], caseInsensitive: ci, unmapped: p0, output: 'coded' },
  { id: 'vm-1', name: 'eth', sourceScheme: 'OLD_ETH', targetScheme: 'ETH', crosswalk: 'OLD_ETH-ETH', entries: [], unmapped: p1, output: 'code' },
  { id: 'vm-2', name: 'role', targetScheme: 'ROLE', entries: [{ from: 'V', to: 'VICTIM', quality: 'exact' }, { from: 'VICTIM', to: 'VICTIM', quality: 'exact' }], unmapped: { policy: 'default', value: 'INVOLVED' }, output: 'code' },
]);

const documents: fc.Arbitrary<MappingDocument> = fc
  .record({
    vms: valueMaps,
    recordId: fc.option(value('top', 0), { nil: undefined }),
    filter: fc.option(value('top', 1), { nil: undefined }),
    event: fc.record({ key: fc.option(fc.array(value('top', 0), { minLength: 1, maxLength: 2 }), { nil: undefined }), fields: fields('top'), keep: fc.boolean(), when: fc.option(value('top', 1), { nil: undefined }) }),
    person: fc.record({ key: fc.option(fc.array(value('person', 0), { minLength: 1, maxLength: 2 }), { nil: undefined }), fields: fields('person'), keep: fc.boolean(), when: fc.option(value('person', 1), { nil: undefined }) }),
    address: fc.option(fc.record({ fields: fields('address'), key: fc.option(fc.array(value('address', 0), { minLength: 1 }), { nil: undefined }) }), { nil: undefined }),
    link: fc.record({ role: value('person', 1), fields: fields('person'), when: fc.option(value('person', 0), { nil: undefined }) }),
  })
  .map((g) => {
    const entities: EntityRule[] = [
      { id: 'r-event', entity: 'Event', ...(g.event.when ? { when: g.event.when } : {}), ...(g.event.key ? { key: g.event.key } : {}), fields: g.event.fields, keepUnmapped: g.event.keep },
      { id: 'r-person', entity: 'Person', forEach: { path: 'persons[]', as: 'person' }, ...(g.person.when ? { when: g.person.when } : {}), ...(g.person.key ? { key: g.person.key } : {}), fields: g.person.fields, keepUnmapped: g.person.keep },
    ];
    if (g.address) entities.push({ id: 'r-address', entity: 'Person', parent: 'r-person', forEach: { path: 'addresses[]', as: 'address' }, ...(g.address.key ? { key: g.address.key } : {}), fields: g.address.fields });
    const links: LinkRule[] = [{ id: 'r-link', role: g.link.role, from: 'r-person', to: 'r-event', parent: 'r-person', ...(g.link.when ? { when: g.link.when } : {}), fields: g.link.fields.filter((x) => x.target !== 'names[0].family') }];
    return {
      format: 'mapwright.mapping',
      formatVersion: 1,
      id: '11111111-2222-4333-8444-555555555555',
      name: 'generated',
      version: '1.0.0',
      namespace: '66666666-7777-4888-9999-000000000000',
      sourceSystem: 'GEN',
      ...(g.recordId ? { recordId: g.recordId } : {}),
      sources: [{ id: 's-1', name: 'gen', format: 'ndjson', primary: true, schema: { id: 'source:gen', name: 'gen', origin: 'ndjson', fields: FIELDS } }],
      joins: [],
      target: { modelId: 'mini', modelVersion: '1.0.0' },
      filters: g.filter ? [{ id: 'r-filter', when: g.filter, reason: 'generated filter' }] : [],
      valueMaps: g.vms,
      root: { fields: [] },
      entities,
      links,
      layout: { nodes: {}, comments: [] },
    } satisfies MappingDocument;
  });

const scalar = fc.oneof(fc.constantFrom('M', 'F', 'X', 'x', ' m ', 'WB', 'AI', 'V', '', 'A'), fc.string({ maxLength: 3 }), fc.integer({ min: -3, max: 9 }), fc.boolean(), fc.constant(null));
const records = fc.array(
  fc.record(
    {
      ref: scalar,
      n: fc.oneof(fc.integer({ min: 0, max: 5 }), scalar),
      flag: fc.oneof(fc.boolean(), scalar),
      code: scalar,
      junk: scalar,
      persons: fc.oneof(
        fc.array(
          fc.oneof(
            fc.record({ name: scalar, sex: scalar, age: fc.oneof(fc.integer({ min: 0, max: 99 }), scalar), tags: fc.array(scalar, { maxLength: 3 }), addresses: fc.array(fc.record({ town: scalar, extra: scalar }, { requiredKeys: [] }), { maxLength: 2 }), other: scalar }, { requiredKeys: [] }),
            fc.constant(null),
          ),
          { maxLength: 4 },
        ),
        scalar,
      ),
    },
    { requiredKeys: [] },
  ),
  { minLength: 1, maxLength: 4 },
);

describe('compiled transform ≡ reference interpreter', () => {
  it('gives identical results on generated documents and messy records', () => {
    const model = miniModel();
    fc.assert(
      fc.property(documents, records, (doc, recs) => {
        const compiled = compileMapping(doc, model);
        expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        const { transform } = loadCompiled(compiled.code);
        const interpreter = createInterpreter(doc, model);
        recs.forEach((r, i) => {
          const ctx = { record: i + 1, file: 'gen.ndjson', params: { hmacKey: 'a-test-key-that-is-long-enough-0123456789' } };
          expect(transform(r, ctx)).toEqual(interpreter.evaluate(r, ctx));
        });
      }),
      { numRuns: 250 },
    );
  });
});
