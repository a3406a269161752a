/**
 * Byte-level mutation of valid fixtures for the fuzz suites: flip a bit, truncate, duplicate a
 * slice, insert junk (including bytes that matter to the formats: quotes, brackets, NUL, BOMs,
 * invalid UTF-8). Built on fast-check so failures shrink and replay from the seed.
 */
import fc from 'fast-check';

const JUNK: Uint8Array[] = [
  '"', '\n', '\r', '\r\n', ',', ';', '\t', '{', '}', '[', ']', ':', '<', '>', '</', '<!--', ']]>', '&', '&amp', '&#0;', '&#xD800;',
  '\\', '\\u', '\\ud800', '\u0000', '\uFEFF', '\u2028', 'null', '1e999', '-', '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>', '&e;',
].map((s) => new TextEncoder().encode(s)).concat([Uint8Array.of(0xff), Uint8Array.of(0xc3), Uint8Array.of(0xed, 0xa0, 0x80), Uint8Array.of(0xf0, 0x9f)]);

export type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicate'; at: number; len: number }
  | { kind: 'insert'; at: number; junk: number }
  | { kind: 'delete'; at: number; len: number };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), junk: fc.nat({ max: JUNK.length - 1 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 16 }) }),
);

/** Applies mutations in order; positions wrap around the current length. */
export function mutate(bytes: Uint8Array, ms: readonly Mutation[]): Uint8Array {
  let b = bytes;
  for (const m of ms) {
    const at = b.length === 0 ? 0 : m.at % (b.length + 1);
    switch (m.kind) {
      case 'flip':
        if (b.length === 0) break;
        b = b.slice();
        b[at % b.length] ^= 1 << m.bit;
        break;
      case 'truncate':
        b = b.slice(0, at);
        break;
      case 'duplicate':
        b = concat(b.slice(0, at), b.slice(at, at + m.len), b.slice(at));
        break;
      case 'insert':
        b = concat(b.slice(0, at), JUNK[m.junk], b.slice(at));
        break;
      case 'delete':
        b = concat(b.slice(0, at), b.slice(at + m.len));
        break;
    }
  }
  return b;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Splits bytes into chunks at the given cut points (for streaming/whole-text agreement). */
export function chunked(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => (bytes.length ? c % bytes.length : 0)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const p of points) {
    if (p > prev) out.push(bytes.slice(prev, p));
    prev = Math.max(prev, p);
  }
  out.push(bytes.slice(prev));
  return out;
}
