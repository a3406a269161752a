import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyCommand, CommandError, type Command, type Op } from './commands';
import { sampleDocument } from '../__fixtures__/documents';

describe('applyCommand', () => {
  it('sets, inserts and removes without mutating the input', () => {
    const doc = sampleDocument();
    const before = JSON.stringify(doc);
    const cmd: Command = {
      label: 'edit',
      ops: [
        { op: 'set', path: ['name'], value: 'Renamed' },
        { op: 'insert', path: ['filters'], index: 0, value: { id: 'f-1', when: { id: 'n-9', kind: 'const', value: true }, reason: 'x' } },
        { op: 'remove', path: ['entities', 1, 'fields'], index: 0 },
        { op: 'set', path: ['description'], value: 'new' },
      ],
    };
    const { doc: next, inverse } = applyCommand(doc, cmd);
    expect(JSON.stringify(doc)).toBe(before);
    expect(next.name).toBe('Renamed');
    expect(next.filters).toHaveLength(1);
    expect(next.entities[1].fields.map((r) => r.id)).toEqual(['r-person-sex', 'r-person-notes']);
    expect(next.description).toBe('new');
    // untouched branches are shared, so memoised views do not re-render
    expect(next.entities[0]).toBe(doc.entities[0]);
    const undone = applyCommand(next, inverse).doc;
    expect(undone).toEqual(doc);
    expect('description' in undone).toBe(false);
  });

  it('rejects operations that do not fit the document', () => {
    const doc = sampleDocument();
    expect(() => applyCommand(doc, { label: 'bad', ops: [{ op: 'remove', path: ['entities'], index: 5 }] })).toThrow(CommandError);
    expect(() => applyCommand(doc, { label: 'bad', ops: [{ op: 'insert', path: ['name'], index: 0, value: 1 }] })).toThrow(/No array at \/name/);
    expect(() => applyCommand(doc, { label: 'bad', ops: [{ op: 'set', path: ['entities', 9, 'entity'], value: 'X' }] })).toThrow(/out of range/);
  });

  it('inverse of any random sequence of edits restores the document exactly', () => {
    const arb = fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant('rename' as const), value: fc.string() }),
        fc.record({ kind: fc.constant('addComment' as const), text: fc.string(), at: fc.nat() }),
        fc.record({ kind: fc.constant('dropComment' as const), at: fc.nat() }),
        fc.record({ kind: fc.constant('move' as const), x: fc.integer(), y: fc.integer() }),
      ),
      { maxLength: 20 },
    );
    fc.assert(
      fc.property(arb, (steps) => {
        const original = sampleDocument();
        let doc = original;
        const inverses: Command[] = [];
        for (const s of steps) {
          let op: Op | undefined;
          const n = doc.layout.comments.length;
          if (s.kind === 'rename') op = { op: 'set', path: ['name'], value: s.value };
          if (s.kind === 'addComment') op = { op: 'insert', path: ['layout', 'comments'], index: s.at % (n + 1), value: { id: `c${s.at}`, text: s.text, x: 0, y: 0 } };
          if (s.kind === 'dropComment' && n > 0) op = { op: 'remove', path: ['layout', 'comments'], index: s.at % n };
          if (s.kind === 'move') op = { op: 'set', path: ['layout', 'nodes', 'r-event'], value: { x: s.x, y: s.y } };
          if (!op) continue;
          const r = applyCommand(doc, { label: s.kind, ops: [op] });
          doc = r.doc;
          inverses.push(r.inverse);
        }
        for (const inv of inverses.reverse()) doc = applyCommand(doc, inv).doc;
        expect(doc).toEqual(original);
      }),
    );
  });
});
