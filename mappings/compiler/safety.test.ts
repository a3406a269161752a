import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MappingDocument } from '../document/types';
import { compileMapping, loadCompiled } from './compile';
import { targetSegs } from './plan';
import { flatModel, miniModel } from './test-models';

/** User text only ever becomes JSON literals in generated code: hostile strings stay data. */
const hostile = fc.oneof(
  fc.constantFrom('"); globalThis.pwned = 1; ("', "'); globalThis.pwned = 1; ('", '`${globalThis.pwned = 1}`', '*/ globalThis.pwned = 1; /*', '\u2028globalThis.pwned = 1', '\n}); globalThis.pwned = 1; ({', '</script>', '__proto__', 'constructor', '\\', '\u0000'),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

function doc(text: string): MappingDocument {
  return {
    format: 'mapwright.mapping',
    formatVersion: 1,
    id: '0f1e2d3c-4b5a-4697-8877-665544332211',
    name: text,
    version: '1.0.0',
    namespace: '0f1e2d3c-4b5a-4697-8877-665544332212',
    sourceSystem: text || 'x',
    sources: [{ id: 's-1', name: text || 's', format: 'ndjson', primary: true, schema: { id: 'source:x', name: 'x', origin: 'ndjson', fields: [] } }],
    joins: [],
    target: { modelId: 'mini', modelVersion: '1.0.0' },
    filters: [{ id: `r-${text}`, when: { id: 'n-w', kind: 'field', path: JSON.stringify(text).length > 2 ? `[${JSON.stringify(text)}]` : 'x', scope: '$record' }, reason: text || 'r' }],
    valueMaps: [{ id: 'vm-1', name: text || 'vm', sourceScheme: text, targetScheme: 'SEX', entries: [{ from: text, to: text, quality: 'exact' }], unmapped: { policy: 'default', value: text }, output: 'coded' }],
    root: { fields: [] },
    entities: [
      {
        id: 'r-e',
        entity: 'Person',
        key: [{ id: 'n-k', kind: 'const', value: text }],
        fields: [
          { id: 'r-1', target: 'note', value: { id: 'n-1', kind: 'const', value: { [text]: text, nested: [text] } } },
          { id: 'r-2', target: 'tags', value: { id: 'n-2', kind: 'object', fields: { [text]: { id: 'n-3', kind: 'map', valueMap: 'vm-1', input: { id: 'n-4', kind: 'const', value: text } } } } },
          { id: 'r-3', target: `["${'x'}"]`, value: { id: 'n-5', kind: 'aggregate', op: 'join', separator: text, input: { id: 'n-6', kind: 'array', items: [{ id: 'n-7', kind: 'const', value: text }, { id: 'n-8', kind: 'const', value: 'b' }] } } },
        ],
      },
    ],
    links: [],
    layout: { nodes: {}, comments: [] },
  };
}

describe('generated code safety', () => {
  it('keeps hostile text as data in every place user text reaches the generated code', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const r = compileMapping(doc(text), miniModel());
        expect(r.diagnostics).toEqual([]);
        const { transform, meta } = loadCompiled(r.code);
        expect(meta.name).toBe(text);
        const rec = JSON.parse(`{${JSON.stringify(text)}: true}`) as Record<string, unknown>;
        const out = transform(rec, { record: 1 });
        expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
        expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
        if (text !== '' && out.ok) {
          const person = (out.output.entities as Record<string, unknown>[])[0];
          expect(Object.getOwnPropertyDescriptor(person.note, text)?.value).toBe(text);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('rejects "__proto__" as a target field at compile time', () => {
    expect(() => targetSegs('__proto__.polluted')).toThrow(/__proto__/);
    const d = doc('a');
    d.entities[0].fields.push({ id: 'r-9', target: 'names[0].__proto__', value: { id: 'n-9', kind: 'const', value: 1 } });
    expect(compileMapping(d, miniModel()).diagnostics.map((x) => x.code)).toEqual(['MW3303']);
  });

  it('parses target paths', () => {
    expect(targetSegs('names[0].family')).toEqual([['names', 0], ['family', null]]);
    expect(targetSegs('identifiers[]')).toEqual([['identifiers', 'append']]);
    expect(targetSegs('["odd name"].x[]')).toEqual([['odd name', null], ['x', 'append']]);
    expect(() => targetSegs('a..b')).toThrow();
    expect(() => targetSegs('a[x]')).toThrow();
  });

  it('reports structural problems with pointers', () => {
    const d = doc('a');
    d.entities.push({ id: 'r-x', entity: 'Spaceship', fields: [] });
    d.links.push({ id: 'r-l', role: { id: 'n-r', kind: 'const', value: 'VICTIM' }, from: 'r-e', to: 'r-missing', fields: [] });
    d.entities[0].fields.push({ id: 'r-c', target: 'note', value: { id: 'n-c', kind: 'call', fn: 'noSuchFunction', args: [] } });
    const codes = compileMapping(d, miniModel()).diagnostics.map((x) => [x.code, x.location.pointer]);
    expect(codes).toEqual([
      ['MW3301', '/entities/1/entity'],
      ['MW3302', '/links/0/to'],
      ['MW3307', '/entities/0/fields/3/value'],
    ]);
    expect(compileMapping(doc('a'), flatModel()).diagnostics.map((x) => x.code)).toContain('MW3310');
  });

  it('reports link endpoints outside the link scope', () => {
    const d = doc('a');
    d.entities.push({ id: 'r-loop', entity: 'Person', forEach: { path: 'persons[]', as: 'p' }, fields: [] });
    d.links.push({ id: 'r-l', role: { id: 'n-r', kind: 'const', value: 'VICTIM' }, from: 'r-loop', to: 'r-e', fields: [] });
    expect(compileMapping(d, miniModel()).diagnostics.map((x) => x.code)).toEqual(['MW3304']);
  });
});
