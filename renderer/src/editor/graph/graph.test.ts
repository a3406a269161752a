import { describe, expect, it } from 'vitest';
import { documentToGraph, entityFields, normaliseTarget, ruleTargetFor } from './projection';
import { connect, connectionProblem, deleteElements, insertOnEdge, moveNodes, addDraft, copyNodes, pasteNodes, type EditContext } from './edits';
import { absoluteFieldPath, relativeFieldRef, ruleScopes } from './walk';
import { applyCommand, type DraftNode } from '../store/commands';
import { sampleDocument, targetTree } from '../__fixtures__/documents';
import type { MappingDocument } from '../../../../mappings/document/types';

function ctxFor(doc: MappingDocument, drafts: Record<string, DraftNode> = {}): EditContext {
  let n = 0;
  return { doc, drafts, targetTree, newId: (p) => `${p}-t${++n}` };
}

describe('documentToGraph', () => {
  it('projects sources, entity rules, value nodes and edges with stable ids', () => {
    const { nodes, edges } = documentToGraph(sampleDocument(), undefined, targetTree);
    expect(nodes.map((n) => `${n.type}:${n.id}`)).toEqual(['source:source:s-main', 'entity:r-event', 'entity:r-person', 'value:n-2', 'value:n-4']);
    const byId = Object.fromEntries(edges.map((e) => [e.id, e]));
    expect(byId['e:r-event-ref']).toMatchObject({ source: 'source:s-main', sourceHandle: 'f:crimeRef', target: 'r-event', targetHandle: 't:crimeReference' });
    // loop scope resolves relative paths; $record escapes it
    expect(byId['e:n-2:arg0']).toMatchObject({ sourceHandle: 'f:persons[].surname', target: 'n-2', targetHandle: 'in:arg0' });
    expect(byId['e:r-person-family']).toMatchObject({ source: 'n-2', sourceHandle: 'out', target: 'r-person', targetHandle: 't:names[].family' });
    expect(byId['e:r-person-notes']).toMatchObject({ sourceHandle: 'f:crimeRef', targetHandle: 't:notes' });
    // positions come from the layout when present
    expect(nodes.find((n) => n.id === 'r-person')!.position).toEqual({ x: 700, y: 40 });
    const src = nodes[0].data as { used: string[] };
    expect(src.used.sort()).toEqual(['crimeRef', 'persons[].sex', 'persons[].surname']);
  });

  it('shows entity fields relative to the entity and flags unknown targets', () => {
    expect(entityFields(targetTree, 'Person').map((f) => f.path)).toEqual(['names[]', 'dateOfBirth', 'sex', 'notes']);
    const doc = sampleDocument();
    doc.entities[0].fields.push({ id: 'r-x', target: 'nonsense', value: { id: 'n-x', kind: 'const', value: 1 } });
    const ev = documentToGraph(doc, undefined, targetTree).nodes.find((n) => n.id === 'r-event')!;
    expect((ev.data as { unknownTargets: string[] }).unknownTargets).toEqual(['nonsense']);
  });

  it('normalises indexed targets and builds rule targets from model paths', () => {
    expect(normaliseTarget('names[0].given[1]')).toBe('names[].given[]');
    expect(ruleTargetFor('names[].family')).toBe('names[0].family');
    expect(ruleTargetFor('identifiers[]')).toBe('identifiers[]');
  });
});

describe('scopes', () => {
  it('resolves and inverts field references through loops', () => {
    const doc = sampleDocument();
    const chain = ruleScopes(doc).get('r-person')!;
    expect(chain).toEqual([{ as: 'person', prefix: 'persons[]' }]);
    expect(absoluteFieldPath({ path: 'surname' }, chain)).toBe('persons[].surname');
    expect(relativeFieldRef('persons[].surname', chain)).toEqual({ path: 'surname' });
    expect(relativeFieldRef('crimeRef', chain)).toEqual({ path: 'crimeRef', scope: '$record' });
    expect(relativeFieldRef('crimeRef', [])).toEqual({ path: 'crimeRef' });
  });
});

describe('edits', () => {
  it('connect adds a field rule relative to the loop and undo removes it', () => {
    const doc = sampleDocument();
    const r = connect(ctxFor(doc), { source: 'source:s-main', sourceHandle: 'f:persons[].forename', target: 'r-person', targetHandle: 't:names[].given[]' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { doc: next, inverse } = applyCommand(doc, r.command);
    const added = next.entities[1].fields.at(-1)!;
    expect(added).toMatchObject({ target: 'names[0].given[]', value: { kind: 'field', path: 'forename' } });
    expect(applyCommand(next, inverse).doc).toEqual(doc);
    const edges = documentToGraph(next, undefined, targetTree).edges;
    expect(edges.some((e) => e.sourceHandle === 'f:persons[].forename' && e.targetHandle === 't:names[].given[]')).toBe(true);
  });

  it('connect onto a mapped target replaces its value', () => {
    const doc = sampleDocument();
    const r = connect(ctxFor(doc), { source: 'source:s-main', sourceHandle: 'f:offenceCode', target: 'r-event', targetHandle: 't:crimeReference' });
    if (!r.ok) throw new Error(r.reason);
    const next = applyCommand(doc, r.command).doc;
    expect(next.entities[0].fields).toHaveLength(1);
    expect(next.entities[0].fields[0].value).toMatchObject({ kind: 'field', path: 'offenceCode' });
  });

  it('refuses cardinality and type mismatches with a reason', () => {
    const ctx = ctxFor(sampleDocument());
    expect(connectionProblem(ctx, { source: 'source:s-main', sourceHandle: 'f:persons[].surname', target: 'r-event', targetHandle: 't:crimeReference' })).toMatch(
      /persons\[\]\.surname has many values per record \(through persons\[\]\).*loop the rule over persons\[\]/,
    );
    expect(connectionProblem(ctx, { source: 'source:s-main', sourceHandle: 'f:committedOn', target: 'r-event', targetHandle: 't:reported' })).toMatch(/Event.reported: text into a date needs a conversion/);
    expect(connectionProblem(ctx, { source: 'source:s-main', sourceHandle: 'f:persons[].sex', target: 'r-person', targetHandle: 't:sex' })).toMatch(/target is an object/);
    expect(connectionProblem(ctx, { source: 'source:s-main', sourceHandle: 'f:crimeRef', target: 'r-person', targetHandle: 't:notes' })).toBeNull();
    const refused = connect(ctx, { source: 'source:s-main', sourceHandle: 'f:persons[].surname', target: 'r-event', targetHandle: 't:crimeReference' });
    expect(refused.ok).toBe(false);
  });

  it('insertOnEdge wraps the connection value, and deleting the node removes the rule', () => {
    const doc = sampleDocument();
    const g = documentToGraph(doc, undefined, targetTree);
    const edge = g.edges.find((e) => e.id === 'e:r-event-ref')!;
    const r = insertOnEdge(ctxFor(doc), edge.data!, { kind: 'function', fn: 'upper' }, { x: 10, y: 20 });
    if (!r.ok) throw new Error(r.reason);
    const next = applyCommand(doc, r.command).doc;
    const v = next.entities[0].fields[0].value;
    expect(v).toMatchObject({ kind: 'call', fn: 'upper', args: [{ id: 'n-1', kind: 'field', path: 'crimeRef' }] });
    expect(next.layout.nodes[v.id]).toEqual({ x: 10, y: 20 });
    const del = deleteElements(ctxFor(next), [v.id], []);
    if (!del.ok) throw new Error(del.reason);
    const after = applyCommand(next, del.command).doc;
    expect(after.entities[0].fields).toEqual([]);
    expect(after.layout.nodes[v.id]).toBeUndefined();
  });

  it('inserting a value map creates its declaration', () => {
    const doc = sampleDocument();
    const edge = documentToGraph(doc, undefined, targetTree).edges.find((e) => e.id === 'e:r-person-notes')!;
    const r = insertOnEdge(ctxFor(doc), edge.data!, { kind: 'value-map' }, { x: 0, y: 0 });
    if (!r.ok) throw new Error(r.reason);
    const next = applyCommand(doc, r.command).doc;
    expect(next.valueMaps.at(-1)).toMatchObject({ name: 'crimeRef', entries: [], unmapped: { policy: 'passthrough' } });
    expect(next.entities[1].fields[2].value).toMatchObject({ kind: 'map', valueMap: next.valueMaps.at(-1)!.id });
  });

  it('deleting a nested connection leaves a placeholder; deleting an entity takes its links and layout', () => {
    const doc = sampleDocument();
    doc.links.push({ id: 'l-1', role: { id: 'n-r', kind: 'const', value: 'VICTIM' }, from: 'r-person', to: 'r-event', fields: [] });
    const r = deleteElements(ctxFor(doc), [], ['e:n-2:arg0']);
    if (!r.ok) throw new Error(r.reason);
    const next = applyCommand(doc, r.command).doc;
    expect(next.entities[1].fields[0].value).toMatchObject({ kind: 'call', args: [{ kind: 'const', value: null }] });
    const d = deleteElements(ctxFor(doc), ['r-person'], []);
    if (!d.ok) throw new Error(d.reason);
    const gone = applyCommand(doc, d.command);
    expect(gone.doc.entities.map((e) => e.id)).toEqual(['r-event']);
    expect(gone.doc.links).toEqual([]);
    expect(gone.doc.layout.nodes['r-person']).toBeUndefined();
    expect(applyCommand(gone.doc, gone.inverse).doc).toEqual(doc);
  });

  it('drafts: add, wire an input, then wire the output into a target', () => {
    const doc = sampleDocument();
    const add = addDraft(ctxFor(doc), { kind: 'function', fn: 'trim' }, { x: 300, y: 300 });
    if (!add.ok) throw new Error(add.reason);
    let drafts = { ...(add.command.drafts as Record<string, DraftNode>) };
    const id = Object.keys(drafts)[0];
    const wireIn = connect(ctxFor(doc, drafts), { source: 'source:s-main', sourceHandle: 'f:persons[].forename', target: id, targetHandle: 'in:arg0' });
    if (!wireIn.ok) throw new Error(wireIn.reason);
    drafts = { ...drafts, ...(wireIn.command.drafts as Record<string, DraftNode>) };
    expect(drafts[id].node).toMatchObject({ kind: 'call', args: [{ kind: 'field', path: 'persons[].forename' }] });
    const wireOut = connect(ctxFor(doc, drafts), { source: id, sourceHandle: 'out', target: 'r-person', targetHandle: 't:names[].given[]' });
    if (!wireOut.ok) throw new Error(wireOut.reason);
    expect(wireOut.command.drafts).toEqual({ [id]: null });
    const next = applyCommand(doc, wireOut.command).doc;
    expect(next.entities[1].fields.at(-1)!.value).toMatchObject({ id, kind: 'call', args: [{ kind: 'field', path: 'forename' }] });
    expect(next.layout.nodes[id]).toEqual({ x: 300, y: 300 });
  });

  it('copy/paste re-keys nodes and keeps absolute field paths', () => {
    const doc = sampleDocument();
    const clip = copyNodes(ctxFor(doc), ['n-2']);
    expect(clip[0].node).toMatchObject({ kind: 'call', args: [{ path: 'persons[].surname' }] });
    const p = pasteNodes(ctxFor(doc), clip);
    if (!p.ok) throw new Error(p.reason);
    const pasted = Object.values(p.command.drafts!)[0]!;
    expect(pasted.node.id).not.toBe('n-2');
    expect(pasted.x).toBe(40);
  });

  it('moveNodes is layout-only and skips unchanged positions', () => {
    const doc = sampleDocument();
    const r = moveNodes(ctxFor(doc), [{ id: 'r-person', x: 700, y: 40 }, { id: 'n-2', x: 12.4, y: 8.6 }]);
    if (!r.ok) throw new Error(r.reason);
    expect(r.command.layoutOnly).toBe(true);
    expect(r.command.ops).toEqual([{ op: 'set', path: ['layout', 'nodes', 'n-2'], value: { x: 12, y: 9 } }]);
  });
});
