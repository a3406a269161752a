import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyedId, uuid5, uuid5Reference, uuidBytes } from './helpers';

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
