/**
 * Property: whatever value nodes a document holds (unknown fields and scopes, wrong functions and
 * arities, odd constants, deep nesting), the checker never throws and every diagnostic it returns
 * is located with a JSON pointer that exists in the document.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Json, MappingDocument, ValueNode } from '../document/types';
import { getModel } from '../model/index';
import { checkMapping } from './index';
import { cleanDoc, cleanSamples } from './__fixtures__/test-doc';

const model = getModel('pole', '1.0.0');
let seq = 0;
const id = () => `n-p${seq++}`;

const json: fc.Arbitrary<Json> = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.string({ maxLength: 6 }), fc.constantFrom('OFFENCE', 'M', 'VICTIM', ''));
const path = fc.constantFrom('crimeRef', 'surname', 'persons[]', 'persons[].surname', 'notes[]', 'vehicles[].vrm', 'nope', 'a..b', '', '["x y"]');
const scope = fc.option(fc.constantFrom('$record', 'person', 'vehicle', 'ghost'), { nil: undefined });
const fnName = fc.constantFrom('trim', 'titleCase', 'parseDate', 'partialDate', 'concat', 'bngToWgs84', 'first', 'nosuch');

const node: fc.Arbitrary<ValueNode> = fc.letrec<{ v: ValueNode }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    json.map((value): ValueNode => ({ id: id(), kind: 'const', value })),
    fc.tuple(path, scope).map(([p, s]): ValueNode => ({ id: id(), kind: 'field', path: p, ...(s ? { scope: s } : {}) })),
    fc.constantFrom('trim(surname)', 'upper($record.crimeRef)', 'nosuch(1)', 'a +', 'true', 'false', 'person.sex').map((code): ValueNode => ({ id: id(), kind: 'expr', code })),
    fc.tuple(fnName, fc.array(tie('v'), { maxLength: 3 })).map(([fn, args]): ValueNode => ({ id: id(), kind: 'call', fn, args })),
    fc.tuple(fc.constantFrom('vm-sex', 'vm-role', 'vm-none'), tie('v')).map(([valueMap, input]): ValueNode => ({ id: id(), kind: 'map', valueMap, input })),
    fc.tuple(fc.array(fc.tuple(tie('v'), tie('v')), { minLength: 1, maxLength: 2 }), fc.option(tie('v'), { nil: undefined })).map(
      ([bs, e]): ValueNode => ({ id: id(), kind: 'cond', branches: bs.map(([when, then]) => ({ when, then })), ...(e ? { else: e } : {}) }),
    ),
    fc.tuple(fc.constantFrom('first', 'last', 'join', 'count', 'distinct') as fc.Arbitrary<'first'>, tie('v')).map(([op, input]): ValueNode => ({ id: id(), kind: 'aggregate', op, input })),
    fc.dictionary(fc.constantFrom('code', 'scheme', 'value', 'precision', 'x'), tie('v'), { maxKeys: 3 }).map((fields): ValueNode => ({ id: id(), kind: 'object', fields })),
    fc.array(tie('v'), { maxLength: 2 }).map((items): ValueNode => ({ id: id(), kind: 'array', items })),
  ),
})).v;

function exists(doc: unknown, pointer: string): boolean {
  let cur: unknown = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object' || !(key in (cur as object))) return false;
    cur = (cur as Record<string, unknown>)[key];
  }
  return true;
}

describe('checkMapping on arbitrary value nodes', () => {
  it('never throws, and locates every diagnostic at a pointer that exists', () => {
    fc.assert(
      fc.property(node, node, fc.constantFrom('sex', 'names[0].family', 'dateOfBirth', 'nationality', 'bogus', 'identifiers[]'), (a, b, target) => {
        const doc: MappingDocument = cleanDoc();
        doc.entities[1].fields.push({ id: 'r-fuzz', target, value: a });
        doc.links[0].role = b;
        const ds = checkMapping(doc, { model, samples: cleanSamples() });
        for (const d of ds) {
          expect(d.location.pointer, d.message).toBeDefined();
          expect(exists(doc, d.location.pointer!), `${d.code} ${d.location.pointer}`).toBe(true);
        }
      }),
      { numRuns: 150, seed: 20240314 },
    );
  });
});
