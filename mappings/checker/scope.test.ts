import { describe, expect, it } from 'vitest';
import { loopChain, recordFields, resolveRef, resolveRuleScope, scopeFor } from './scope';
import { baseDoc } from './__fixtures__/test-doc';

function docWithLoops() {
  const doc = baseDoc();
  doc.entities.push(
    { id: 'r-event', entity: 'Event', fields: [] },
    { id: 'r-person', entity: 'Person', forEach: { path: 'persons[]', as: 'person' }, fields: [] },
    { id: 'r-alias', entity: 'Person', parent: 'r-person', forEach: { path: 'aliases[]', as: 'alias' }, fields: [] },
    { id: 'r-veh', entity: 'Object', forEach: { path: 'vehicles[]', as: 'vehicle' }, fields: [] },
  );
  return doc;
}

describe('scopeFor', () => {
  it('shows the record fields and joined sources at the top level', () => {
    const s = scopeFor(docWithLoops(), 'r-event');
    expect(s.fields.map((f) => f.name)).toEqual(['crimeRef', 'committed', 'offenceCode', 'easting', 'northing', 'value', 'persons', 'notes', 'vehicles']);
    expect(Object.keys(s.variables!)).toEqual(['$record']);
    const veh = s.fields.find((f) => f.name === 'vehicles')!;
    expect(veh.children!.map((c) => c.path)).toEqual(['vehicles[].crime_ref', 'vehicles[].vrm', 'vehicles[].make']);
  });

  it('shows the loop element as bare names, and every enclosing loop by its variable', () => {
    const s = scopeFor(docWithLoops(), 'r-alias');
    expect(s.fields.map((f) => f.path)).toEqual(['persons[].aliases[].name']);
    expect(Object.keys(s.variables!)).toEqual(['$record', 'person', 'alias']);
    expect(s.variables!.person.fields!.map((f) => f.name)).toContain('surname');
  });

  it('loops over a joined source', () => {
    const s = scopeFor(docWithLoops(), 'r-veh');
    expect(s.fields.map((f) => f.name)).toEqual(['crime_ref', 'vrm', 'make']);
  });
});

describe('resolveRuleScope', () => {
  it('records the iteration space as absolute collection paths', () => {
    expect(loopChain(resolveRuleScope(docWithLoops(), 'r-alias'))).toEqual(['persons[]', 'persons[].aliases[]']);
  });

  it('reports an unknown parent and a parent cycle without throwing', () => {
    const doc = docWithLoops();
    doc.entities[2].parent = 'r-nope';
    expect(resolveRuleScope(doc, 'r-alias').problems).toEqual([{ kind: 'unknown-parent', ruleId: 'r-alias', parent: 'r-nope' }]);
    doc.entities[2].parent = 'r-person';
    doc.entities[1].parent = 'r-alias';
    expect(resolveRuleScope(doc, 'r-alias').problems[0]).toMatchObject({ kind: 'parent-cycle', chain: ['r-alias', 'r-person', 'r-alias'] });
  });

  it('rejects a loop over a field that is not a collection', () => {
    const doc = docWithLoops();
    doc.entities[1].forEach = { path: 'crimeRef', as: 'x' };
    expect(resolveRuleScope(doc, 'r-person').problems).toEqual([{ kind: 'bad-loop', ruleId: 'r-person', path: 'crimeRef', reason: 'not-collection' }]);
  });
});

describe('resolveRef', () => {
  const scope = resolveRuleScope(docWithLoops(), 'r-alias');
  it('reads the innermost element by default', () => {
    expect(resolveRef(scope, 'name')).toMatchObject({ ok: true, type: 'string', many: false, absPath: 'persons[].aliases[].name' });
  });
  it('reads enclosing scopes by name, and the record through $record', () => {
    expect(resolveRef(scope, 'surname', 'person')).toMatchObject({ ok: true, many: false, absPath: 'persons[].surname' });
    expect(resolveRef(scope, 'crimeRef', '$record')).toMatchObject({ ok: true, many: false, absPath: 'crimeRef' });
  });
  it('marks paths through a collection as many-valued', () => {
    expect(resolveRef(scope, 'notes[]', '$record')).toMatchObject({ ok: true, many: true, type: 'string' });
    expect(resolveRef(scope, 'persons[].surname', '$record')).toMatchObject({ ok: true, many: true });
  });
  it('fails with candidates for an unknown name, and for a missing [] on a collection', () => {
    expect(resolveRef(scope, 'nmae')).toMatchObject({ ok: false, reason: 'unknown-field', at: 'nmae', candidates: ['name'] });
    expect(resolveRef(scope, 'persons.surname', '$record')).toMatchObject({ ok: false, candidates: ['persons[]'] });
    expect(resolveRef(scope, 'x', 'nobody')).toEqual({ ok: false, reason: 'unknown-scope', scope: 'nobody' });
  });
});

describe('recordFields', () => {
  it('hands out one list for documents with the same sources and joins, so analyses keyed by it survive an edit', () => {
    const a = docWithLoops();
    const b = structuredClone(a);
    b.entities[0].fields.push({ id: 'r-f', target: 'summary', value: { id: 'n-c', kind: 'const', value: 'x' } });
    expect(b).not.toBe(a);
    expect(recordFields(b)).toBe(recordFields(a));
  });

  it('builds a new list when a source schema or a join changes', () => {
    const a = docWithLoops();
    const renamed = structuredClone(a);
    renamed.sources[0].schema.fields[0] = { ...renamed.sources[0].schema.fields[0], name: 'crimeReference', path: 'crimeReference' };
    expect(recordFields(renamed)).not.toBe(recordFields(a));
    expect(recordFields(renamed)[0].name).toBe('crimeReference');
    const rejoined = structuredClone(a);
    rejoined.joins[0] = { ...rejoined.joins[0], as: 'cars' };
    expect(recordFields(rejoined).map((f) => f.name)).toContain('cars');
    expect(recordFields(a).map((f) => f.name)).toContain('vehicles');
  });
});
