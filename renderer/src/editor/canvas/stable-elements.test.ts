import { describe, expect, it } from 'vitest';
import { createKeeper, createReuser, reuseUnchanged, sameValue } from './stable-elements';
import { documentToGraph } from '../graph/projection';
import { sampleDocument, targetTree } from '../__fixtures__/documents';
import { applyCommand } from '../store/commands';
import { moveNodes, type EditContext } from '../graph/edits';

describe('sameValue', () => {
  it('compares plain data structurally', () => {
    expect(sameValue({ a: [1, { b: 'x' }], c: null }, { a: [1, { b: 'x' }], c: null })).toBe(true);
    expect(sameValue({ a: [1, 2] }, { a: [1, 2, 3] })).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(sameValue({ a: undefined }, { b: undefined })).toBe(false);
    expect(sameValue([1], { 0: 1 })).toBe(false);
    expect(sameValue({ 0: 1 }, [1])).toBe(false);
    expect(sameValue(null, {})).toBe(false);
    expect(sameValue(1, '1')).toBe(false);
  });
});

describe('reuseUnchanged', () => {
  it('keeps the objects of nodes and edges an edit did not touch', () => {
    const doc = sampleDocument();
    const before = documentToGraph(doc, undefined, targetTree);
    const nodes1 = reuseUnchanged(new Map(), before.nodes);
    const edges1 = reuseUnchanged(new Map(), before.edges);

    const ctx: EditContext = { doc, drafts: {}, targetTree, newId: (p) => `${p}-x` };
    const r = moveNodes(ctx, [{ id: 'r-event', x: 999, y: 5 }]);
    if (!r.ok) throw new Error(r.reason);
    const after = documentToGraph(applyCommand(doc, r.command).doc, undefined, targetTree);
    // The projection makes new objects for everything…
    expect(after.nodes.find((n) => n.id === 'r-person')).not.toBe(before.nodes.find((n) => n.id === 'r-person'));
    const nodes2 = reuseUnchanged(nodes1.byId, after.nodes);
    const edges2 = reuseUnchanged(edges1.byId, after.edges);
    // …but only the moved node is new to React Flow.
    const changed = nodes2.items.filter((n) => n !== nodes1.byId.get(n.id)).map((n) => n.id);
    expect(changed).toEqual(['r-event']);
    expect(nodes2.items.find((n) => n.id === 'r-event')!.position).toEqual({ x: 999, y: 5 });
    expect(edges2.items.every((e) => e === edges1.byId.get(e.id))).toBe(true);
    expect(nodes2.items.map((n) => n.id)).toEqual(after.nodes.map((n) => n.id));
  });
});

describe('createReuser / createKeeper', () => {
  it('remember the previous result between calls', () => {
    const reuse = createReuser<{ id: string; v: number[] }>();
    const first = reuse([{ id: 'a', v: [1] }, { id: 'b', v: [2] }]);
    const second = reuse([{ id: 'a', v: [1] }, { id: 'b', v: [3] }]);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).not.toBe(first[1]);
    const keep = createKeeper<number[] | null>((a, b) => sameValue(a, b));
    const x = keep([1, 2]);
    expect(keep([1, 2])).toBe(x);
    expect(keep(null)).toBeNull();
    expect(keep([1, 2])).not.toBe(x);
  });
});
