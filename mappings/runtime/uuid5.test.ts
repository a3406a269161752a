import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyedId, positionalId, uuid5, uuid5Reference, uuidBytes } from './helpers';

describe('uuid5', () => {
  it('matches the RFC 4122 / Python uuid5 vector', () => {
    // uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org')
    expect(uuid5(uuidBytes('6ba7b810-9dad-11d1-80b4-00c04fd430c8'), 'python.org')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });
  it('agrees with the @noble/hashes reference on any name (multi-block, non-ASCII, lone surrogates)', () => {
    const ns = fc.uuid().map(uuidBytes);
    fc.assert(
      fc.property(ns, fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 50 })), (n, name) => {
        expect(uuid5(n, name)).toBe(uuid5Reference(n, name));
      }),
      { numRuns: 2000 },
    );
  });
  it('handles names longer than its initial buffer', () => {
    const n = uuidBytes('6ba7b810-9dad-11d1-80b4-00c04fd430c8');
    const long = 'é'.repeat(5000);
    expect(uuid5(n, long)).toBe(uuid5Reference(n, long));
    expect(uuid5(n, 'short')).toBe(uuid5Reference(n, 'short'));
  });
  it('builds entity ids from the entity and key values', () => {
    const n = uuidBytes('6ba7b810-9dad-11d1-80b4-00c04fd430c8');
    expect(keyedId(n, 'Person', ['99/1A'])).toBe(`Person:${uuid5Reference(n, '["Person","99/1A"]')}`);
  });
});

// keyedId and positionalId write the JSON name straight into the hash buffer; these compare them
// with the plain definition (JSON.stringify, then the @noble/hashes UUID) on any key values.
describe('entity ids agree with uuid5Reference(JSON.stringify(...))', () => {
  const n = uuidBytes('3b241101-e2bb-4255-8caf-4136c566a962');
  const text = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    // Control characters, quotes, backslashes and lone surrogates: every JSON escape.
    fc.array(fc.constantFrom('"', '\\', '\b', '\t', '\n', '\f', '\r', '\u0000', '\u001f', '\u007f', '\ud800', '\udfff', '\ud83d\ude00', 'é', '€', 'a', '/'), { maxLength: 30 }).map((a) => a.join('')),
  );
  const number = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(-0, 0, 1e21, 1e-7, -1e21, 5e-324, Number.MAX_VALUE, NaN, Infinity, -Infinity, 0.1 + 0.2));
  const scalar = fc.oneof(text, number, fc.boolean(), fc.constant(null), fc.constant(undefined));
  // Values the fast path hands back to JSON.stringify.
  const other = fc.oneof(fc.object({ maxDepth: 1 }), fc.array(scalar, { maxLength: 3 }), fc.constant(new Date(0)), fc.constant(() => 1), fc.constant(Symbol('s')));
  const key = fc.oneof({ weight: 8, arbitrary: scalar }, { weight: 1, arbitrary: other });

  it('keyedId', () => {
    fc.assert(
      fc.property(text, fc.array(key, { maxLength: 4 }), (entity, keys) => {
        expect(keyedId(n, entity, keys)).toBe(`${entity}:${uuid5Reference(n, JSON.stringify([entity, ...keys]))}`);
      }),
      { numRuns: 3000 },
    );
  });
  it('positionalId', () => {
    fc.assert(
      fc.property(text, text, fc.oneof(text, number, fc.constant(null)), fc.array(fc.oneof(fc.nat(), number), { maxLength: 3 }), (entity, rule, ref, idx) => {
        expect(positionalId(n, entity, rule, ref, idx)).toBe(`${entity}:${uuid5Reference(n, JSON.stringify([entity, '#', rule, ref, ...idx]))}`);
      }),
      { numRuns: 3000 },
    );
  });
  it('handles holes, long keys and keys that outgrow the buffer', () => {
    // eslint-disable-next-line no-sparse-arrays
    const holes = ['a', , 'b'];
    expect(keyedId(n, 'Person', holes)).toBe(`Person:${uuid5Reference(n, JSON.stringify(['Person', ...holes]))}`);
    for (const long of ['\u0001'.repeat(3000), '\ud800'.repeat(2000), '😀'.repeat(5000), 'x'.repeat(100000)]) {
      expect(keyedId(n, 'Person', [long, long])).toBe(`Person:${uuid5Reference(n, JSON.stringify(['Person', long, long]))}`);
      expect(positionalId(n, long, long, long, [1, 2])).toBe(`${long}:${uuid5Reference(n, JSON.stringify([long, '#', long, long, 1, 2]))}`);
    }
    expect(keyedId(n, 'Person', ['short'])).toBe(`Person:${uuid5Reference(n, '["Person","short"]')}`);
  });
  it('still throws where JSON.stringify throws', () => {
    expect(() => keyedId(n, 'Person', [1n])).toThrow(TypeError);
  });
});
