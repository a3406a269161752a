/**
 * Unit tests for checks the POLE golden cases cannot reach (a model without `extensions`, a
 * shadowed loop variable), for coverage figures, and for the scope the checker hands to the
 * expression checker. The model here is a small one described in a few field nodes.
 */
import { describe, expect, it } from 'vitest';
import type { MappingDocument } from '../document/types';
import { checkExpression, prepareExpression } from '../expr/index';
import { FUNCTIONS } from '../functions/index';
import type { FieldNode, FieldTree } from '../model/field-tree';
import { analyse, type CheckerDeps } from './check';
import type { ModelView } from './model-view';
import { baseDoc, cleanSamples } from './__fixtures__/test-doc';

const deps: CheckerDeps = {
  fn: (n) => (Object.prototype.hasOwnProperty.call(FUNCTIONS, n) ? FUNCTIONS[n] : undefined),
  functionNames: () => Object.keys(FUNCTIONS),
  checkExpression,
  prepareExpression: (c, s) => prepareExpression(c, s),
};

const leaf = (path: string, type: FieldNode['type'], cardinality: FieldNode['cardinality'] = 'optional'): FieldNode => ({ path, name: path, type, cardinality });
const tree = (name: string, fields: FieldNode[]): FieldTree => ({ id: `model:tiny#${name}`, name, origin: 'model', fields });

/** A flat "Case" entity with one required field and no `extensions`. */
const TINY: ModelView = {
  label: 'tiny@1.0.0',
  id: 'tiny',
  version: '1.0.0',
  entityNames: ['Case'],
  entity: (n) => (n === 'Case' ? tree('Case', [leaf('id', 'string', 'one'), leaf('ref', 'string', 'one'), leaf('count', 'integer'), leaf('people', 'integer')]) : undefined),
  codes: () => undefined,
  crosswalk: () => undefined,
};

function doc(): MappingDocument {
  const d = baseDoc();
  d.target = { modelId: 'tiny', modelVersion: '1.0.0' };
  d.entities.push({
    id: 'r-case',
    entity: 'Case',
    fields: [
      { id: 'f-ref', target: 'ref', value: { id: 'n-ref', kind: 'field', path: 'crimeRef' } },
      { id: 'f-people', target: 'people', value: { id: 'n-people', kind: 'aggregate', op: 'count', input: { id: 'n-people-in', kind: 'field', path: 'persons[].surname' } } },
    ],
  });
  return d;
}

describe('checks that need a model other than POLE', () => {
  it('a clean document against the tiny model has no diagnostics', () => {
    expect(analyse(doc(), { model: TINY }, deps).diagnostics).toEqual([]);
  });

  it('warns when keepUnmapped has nowhere to keep fields (MW5121)', () => {
    const d = doc();
    d.entities[0].keepUnmapped = true;
    expect(analyse(d, { model: TINY }, deps).diagnostics.map((x) => [x.code, x.location.pointer])).toEqual([['MW5121', '/entities/0/keepUnmapped']]);
  });

  it('reports a loop variable that hides an enclosing one (MW5005)', () => {
    const d = doc();
    d.entities.push(
      { id: 'r-p', entity: 'Case', forEach: { path: 'persons[]', as: 'x' }, fields: [{ id: 'f-r2', target: 'ref', value: { id: 'n-r2', kind: 'field', path: 'surname' } }] },
      { id: 'r-a', entity: 'Case', parent: 'r-p', forEach: { path: 'aliases[]', as: 'x' }, fields: [{ id: 'f-r3', target: 'ref', value: { id: 'n-r3', kind: 'field', path: 'name' } }] },
    );
    const ds = analyse(d, { model: TINY }, deps).diagnostics;
    expect(ds.map((x) => [x.code, x.location.ruleId, x.location.pointer])).toEqual([['MW5005', 'r-a', '/entities/2/forEach/as']]);
  });

  it('gives the expression checker the rule scope: bare element fields, loop variables and $record', () => {
    const d = doc();
    d.entities.push({
      id: 'r-p',
      entity: 'Case',
      forEach: { path: 'persons[]', as: 'person' },
      fields: [{ id: 'f-r2', target: 'ref', value: { id: 'n-r2', kind: 'expr', code: "concat(surname, person.sex, $record.crimeRef, crimeRef)" } }],
    });
    const ds = analyse(d, { model: TINY }, deps).diagnostics;
    // `crimeRef` is not a field of a person: only the bare name (column 47) fails; the join key reads it.
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ code: 'MW4201', location: { ruleId: 'r-p', nodeId: 'n-r2', pointer: '/entities/1/fields/0/value', line: 1, column: 47 } });
  });
});

describe('coverage', () => {
  it('counts required fields per rule and lists unread source fields and unmapped codes', () => {
    const d = doc();
    d.entities[0].fields = d.entities[0].fields.filter((f) => f.id !== 'f-ref');
    d.valueMaps.push({ id: 'vm-sex', name: 'Sex', entries: [{ from: 'M', to: 'M', quality: 'exact' }], unmapped: { policy: 'passthrough' }, output: 'code' });
    d.entities.push({
      id: 'r-p',
      entity: 'Case',
      forEach: { path: 'persons[]', as: 'person' },
      fields: [
        { id: 'f-r2', target: 'ref', value: { id: 'n-r2', kind: 'map', valueMap: 'vm-sex', input: { id: 'n-r2-in', kind: 'field', path: 'sex' } } },
      ],
    });
    const { coverage, diagnostics } = analyse(d, { model: TINY, samples: cleanSamples() }, deps);
    expect(coverage.perEntity).toEqual([
      { ruleId: 'r-case', entity: 'Case', required: 1, mapped: 0, percent: 0 },
      { ruleId: 'r-p', entity: 'Case', required: 1, mapped: 1, percent: 100 },
    ]);
    expect(coverage.unmappedRequired).toEqual([{ ruleId: 'r-case', entity: 'Case', field: 'ref' }]);
    expect(coverage.unusedSourceFields).toEqual([
      'committed', 'offenceCode', 'easting', 'northing', 'value',
      'persons[].forenames', 'persons[].dob', 'persons[].role', 'persons[].aliases[].name', 'notes[]',
      'vehicles[].vrm', 'vehicles[].make',
    ]);
    // Sample values with no entry, most frequent first; case matters without caseInsensitive.
    expect(coverage.codeValuesWithoutMapping).toEqual([
      { valueMap: 'vm-sex', valueMapName: 'Sex', value: 'X', count: 2 },
      { valueMap: 'vm-sex', valueMapName: 'Sex', value: 'f', count: 1 },
      { valueMap: 'vm-sex', valueMapName: 'Sex', value: 'Z', count: 1 },
    ]);
    expect(diagnostics.find((x) => x.code === 'MW5050')?.message).toContain('they pass through unchanged');
  });
});
