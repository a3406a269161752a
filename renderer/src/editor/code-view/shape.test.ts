import { describe, expect, it } from 'vitest';
import { serializeMapping } from '../../../../mappings/document/serialize';
import { sampleDocument } from '../__fixtures__/documents';
import { parseDocumentText, shapeProblem } from './shape';

describe('code view shape check', () => {
  it('accepts the canonical text of a document and round-trips it', () => {
    const doc = sampleDocument();
    const r = parseDocumentText(serializeMapping(doc));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.doc).toEqual(JSON.parse(JSON.stringify(doc)));
  });

  it('reports JSON syntax errors as syntax problems', () => {
    const r = parseDocumentText('{"format": "mapwright.mapping",');
    expect(r).toMatchObject({ ok: false, syntax: true });
  });

  it.each([
    [(d: Record<string, unknown>) => void (d.entities = {}), '/entities'],
    [(d: Record<string, unknown>) => void (d.format = 'other'), '/format'],
    [(d: Record<string, unknown>) => void (d.formatVersion = 0), '/formatVersion'],
    [(d: Record<string, unknown>) => void (d.name = 3), '/name'],
    [(d: Record<string, unknown>) => void ((d.entities as unknown[])[0] = 'x'), '/entities/0'],
    [
      (d: Record<string, unknown>) => void delete (d.entities as Record<string, unknown>[])[0].fields,
      '/entities/0/fields',
    ],
    [
      (d: Record<string, unknown>) => void delete (d.sources as Record<string, unknown>[])[0].schema,
      '/sources/0/schema',
    ],
    [(d: Record<string, unknown>) => void (d.root = null), '/root'],
    [(d: Record<string, unknown>) => void (d.layout = { nodes: {} }), '/layout'],
    [(d: Record<string, unknown>) => void (d.target = {}), '/target'],
  ])('locates a structural problem (%#)', (mutate, pointer) => {
    const d = JSON.parse(serializeMapping(sampleDocument())) as Record<string, unknown>;
    mutate(d);
    const r = parseDocumentText(JSON.stringify(d));
    expect(r).toMatchObject({ ok: false, syntax: false, problem: { pointer } });
  });

  it('rejects non-objects', () => {
    expect(shapeProblem([])).toMatchObject({ pointer: '' });
    expect(shapeProblem(null)).toMatchObject({ pointer: '' });
  });
});
