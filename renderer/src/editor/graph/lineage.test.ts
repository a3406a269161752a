import { describe, expect, it } from 'vitest';
import { documentToGraph } from './projection';
import { lineage, sameLineage } from './lineage';
import { sampleDocument, targetTree } from '../__fixtures__/documents';
import type { MappingDocument } from '../../../../mappings/document/types';

/** The sample plus a concat on the event summary reading two fields, one of them also read elsewhere. */
function doc(): MappingDocument {
  const d = sampleDocument();
  d.entities[0].fields.push({
    id: 'r-event-summary',
    target: 'summary',
    value: {
      id: 'n-10',
      kind: 'call',
      fn: 'concat',
      args: [
        { id: 'n-11', kind: 'field', path: 'offenceCode' },
        { id: 'n-12', kind: 'call', fn: 'upper', args: [{ id: 'n-13', kind: 'field', path: 'crimeRef' }] },
      ],
    },
  });
  return d;
}

const graph = () => documentToGraph(doc(), undefined, targetTree);
const fieldsOf = (l: ReturnType<typeof lineage>, node: string) => [...(l.fields.get(node) ?? [])].sort();

describe('lineage', () => {
  it('walks a target field back through function nodes to every source field read', () => {
    const l = lineage(graph(), { kind: 'target', nodeId: 'r-event', path: 'summary' });
    expect([...l.edges].sort()).toEqual(['e:n-10:arg0', 'e:n-10:arg1', 'e:n-12:arg0', 'e:r-event-summary']);
    expect([...l.nodes].sort()).toEqual(['n-10', 'n-12', 'r-event', 'source:s-main']);
    expect(fieldsOf(l, 'source:s-main')).toEqual(['crimeRef', 'offenceCode']);
    expect(fieldsOf(l, 'r-event')).toEqual(['summary']);
  });

  it('keeps other targets out: a direct read of the same source field is not in the lineage', () => {
    const l = lineage(graph(), { kind: 'target', nodeId: 'r-event', path: 'summary' });
    expect(l.edges.has('e:r-event-ref')).toBe(false);
    expect(l.edges.has('e:r-person-notes')).toBe(false);
  });

  it('goes through value maps inside a loop', () => {
    const l = lineage(graph(), { kind: 'target', nodeId: 'r-person', path: 'sex.code' });
    expect([...l.edges].sort()).toEqual(['e:n-4:input', 'e:r-person-sex']);
    expect(fieldsOf(l, 'source:s-main')).toEqual(['persons[].sex']);
  });

  it('a parent target field covers the fields inside it', () => {
    const l = lineage(graph(), { kind: 'target', nodeId: 'r-person', path: 'sex' });
    expect(l.edges.has('e:r-person-sex')).toBe(true);
    expect(fieldsOf(l, 'r-person')).toEqual(['sex', 'sex.code']);
  });

  it('from a source field: everything it feeds, up to every target it reaches', () => {
    const l = lineage(graph(), { kind: 'source', nodeId: 'source:s-main', path: 'crimeRef' });
    expect([...l.edges].sort()).toEqual(['e:n-10:arg1', 'e:n-12:arg0', 'e:r-event-ref', 'e:r-event-summary', 'e:r-person-notes']);
    expect([...l.nodes].sort()).toEqual(['n-10', 'n-12', 'r-event', 'r-person', 'source:s-main']);
    expect(fieldsOf(l, 'r-event')).toEqual(['crimeReference', 'summary']);
    expect(fieldsOf(l, 'r-person')).toEqual(['notes']);
    // offenceCode also feeds the concat, but it is not downstream of crimeRef
    expect(fieldsOf(l, 'source:s-main')).toEqual(['crimeRef']);
  });

  it('a source collection covers the fields read inside it', () => {
    const l = lineage(graph(), { kind: 'source', nodeId: 'source:s-main', path: 'persons[]' });
    expect(fieldsOf(l, 'r-person')).toEqual(['names[].family', 'sex.code']);
    expect(fieldsOf(l, 'source:s-main')).toEqual(['persons[]', 'persons[].sex', 'persons[].surname']);
  });

  it('an unmapped field has an empty lineage; a cycle is walked once', () => {
    expect(lineage(graph(), { kind: 'target', nodeId: 'r-event', path: 'attempted' }).edges.size).toBe(0);
    const g = graph();
    // n-12 feeding back into n-10's slot and n-10 into n-12: not a valid document, but drawable.
    g.edges.push({ id: 'loop-a', source: 'n-10', sourceHandle: 'out', target: 'n-12', targetHandle: 'in:arg1' });
    const l = lineage(g, { kind: 'target', nodeId: 'r-event', path: 'summary' });
    expect(l.edges.has('loop-a')).toBe(true);
    expect(l.edges.size).toBe(5);
  });

  it('sameLineage compares content, not identity', () => {
    const a = lineage(graph(), { kind: 'target', nodeId: 'r-event', path: 'summary' });
    const b = lineage(graph(), { kind: 'target', nodeId: 'r-event', path: 'summary' });
    expect(sameLineage(a, b)).toBe(true);
    expect(sameLineage(a, lineage(graph(), { kind: 'target', nodeId: 'r-event', path: 'crimeReference' }))).toBe(false);
    expect(sameLineage(null, null)).toBe(true);
    expect(sameLineage(a, null)).toBe(false);
  });
});
