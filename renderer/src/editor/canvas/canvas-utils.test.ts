import { describe, expect, it } from 'vitest';
import { flattenFields, visibleRange } from './field-rows';
import { routeEdges, routeHandle, MORE_ABOVE, MORE_BELOW, NODE_EDGE, type HandleView } from './handle-routing';
import { sourceTree } from '../__fixtures__/documents';
import type { GraphEdge } from '../graph/types';

describe('flattenFields', () => {
  it('skips children of collapsed rows and aliases them to the collapsed row', () => {
    const { rows, alias } = flattenFields(sourceTree.fields, new Set(['persons[]']), '');
    expect(rows.map((r) => r.field.path)).toEqual(['crimeRef', 'offenceCode', 'committedOn', 'persons[]', 'address', 'address.line1', 'address.postcode']);
    expect(alias.get('persons[].DOB')).toBe('persons[]');
    expect(rows[3]).toMatchObject({ hasChildren: true, expanded: false, depth: 0 });
  });

  it('search keeps matches and their ancestors', () => {
    const { rows } = flattenFields(sourceTree.fields, new Set(['persons[]']), 'dob');
    expect(rows.map((r) => [r.field.path, r.match])).toEqual([
      ['persons[]', false],
      ['persons[].DOB', true],
    ]);
  });

  it('visibleRange clamps and overscans', () => {
    expect(visibleRange(2000, 0, 240, 24, 2)).toEqual({ first: 0, last: 12 });
    expect(visibleRange(2000, 24 * 100, 240, 24, 2)).toEqual({ first: 98, last: 112 });
    expect(visibleRange(5, 0, 240, 24)).toEqual({ first: 0, last: 4 });
    expect(visibleRange(0, 0, 240, 24)).toEqual({ first: 0, last: -1 });
  });
});

describe('routeHandle', () => {
  const view: HandleView = {
    rendered: new Set(['f:b', 'f:c']),
    index: new Map([['f:a', 0], ['f:b', 1], ['f:c', 2], ['f:d', 3], ['f:p', 4]]),
    alias: new Map([['f:p.x', 'f:p']]),
    first: 1,
    last: 2,
  };
  it('routes off-screen rows to the list edges and folded rows to their parent', () => {
    expect(routeHandle('f:b', view)).toBe('f:b');
    expect(routeHandle('f:a', view)).toBe(MORE_ABOVE);
    expect(routeHandle('f:d', view)).toBe(MORE_BELOW);
    expect(routeHandle('f:p.x', view)).toBe(MORE_BELOW);
    expect(routeHandle('f:zzz', view)).toBe(NODE_EDGE);
    expect(routeHandle('out', view)).toBe('out');
    expect(routeHandle('f:b', { ...view, collapsed: true })).toBe(NODE_EDGE);
  });
  it('keeps edges that need no routing identical', () => {
    const edges: GraphEdge[] = [
      { id: '1', source: 's', sourceHandle: 'f:b', target: 't', targetHandle: 'in:x' },
      { id: '2', source: 's', sourceHandle: 'f:a', target: 't', targetHandle: 'in:y' },
    ];
    const out = routeEdges(edges, { s: view });
    expect(out[0]).toBe(edges[0]);
    expect(out[1].sourceHandle).toBe(MORE_ABOVE);
  });
});

describe('modelToTargetTree', () => {
  it('builds one top-level field per x-mapwright entity', async () => {
    const { modelToTargetTree } = await import('./target-view');
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      'x-mapwright': { entities: { Person: { def: '#/$defs/Person', collection: 'entities' } } },
      type: 'object',
      properties: { entities: { type: 'array', items: { $ref: '#/$defs/Person' } } },
      $defs: { Person: { type: 'object', properties: { surname: { type: 'string' }, born: { type: 'string', format: 'date' } }, required: ['surname'] } },
    };
    const tree = modelToTargetTree(schema, { id: 'model:x@1', name: 'x', origin: 'model', fields: [] });
    expect(tree.fields.map((f) => f.path)).toEqual(['Person']);
    expect(tree.fields[0].children!.map((f) => [f.path, f.type, f.cardinality])).toEqual([
      ['Person.surname', 'string', 'one'],
      ['Person.born', 'date', 'optional'],
    ]);
  });
});
