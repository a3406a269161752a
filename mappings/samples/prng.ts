/**
 * Small seeded PRNG (sfc32 seeded through a 32-bit string hash). Hand-written: ten lines, and the
 * samples must be bit-for-bit reproducible across Node and browsers, which `Math.random` is not.
 */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

/** 32-bit FNV-1a hash of a string, for seeding and for keyed (consistent) redaction. */
export function hash32(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** A reproducible generator for a seed (a number or any string). */
export function createRng(seed: number | string): Rng {
  const s = String(seed);
  let a = hash32(s, 0x9e3779b9);
  let b = hash32(s, 0x243f6a88);
  let c = hash32(s, 0xb7e15162);
  let d = 1;
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (a + b + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  };
}
