import { describe, expect, it } from 'vitest';
import { autoLayout } from './auto-layout';
import { documentToGraph } from '../graph/projection';
import { sampleDocument, targetTree } from '../__fixtures__/documents';

describe('autoLayout', () => {
  it('puts sources left of functions and functions left of targets', async () => {
    const { nodes, edges } = documentToGraph(sampleDocument(), undefined, targetTree);
    const pos = Object.fromEntries((await autoLayout(nodes, edges)).map((p) => [p.id, p]));
    expect(pos['source:s-main'].x).toBeLessThan(pos['n-2'].x);
    expect(pos['n-2'].x).toBeLessThan(pos['r-person'].x);
    expect(Object.keys(pos).sort()).toEqual(nodes.map((n) => n.id).sort());
  });
});
