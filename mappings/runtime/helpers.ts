/**
 * Helpers the compiled transform and the reference interpreter share. Standalone and pure (no Node
 * built-ins, no diagnostics catalogue): exported bundles embed this file through `engine.ts`.
 * Everything that touches record data reads OWN properties only, so hostile keys (`__proto__`,
 * `constructor`, `toString`) read as absent and never reach a prototype.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { RUN_CODES } from './codes';

const hasOwn = Object.prototype.hasOwnProperty;

/** A path segment: name and whether it steps into a collection (`[]`). */
export type Seg = readonly [name: string, many: boolean];

/** A record reject raised inside the transform (caught once per record). */
export class RejectSignal extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'RejectSignal';
  }
}

/** null, undefined and '' are "empty": a field rule with an empty value sets nothing. */
export function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

/** Own property of a plain (non-array) object, else undefined. */
export function own(o: unknown, k: string): unknown {
  return o !== null && typeof o === 'object' && !Array.isArray(o) && hasOwn.call(o, k) ? (o as Record<string, unknown>)[k] : undefined;
}

/** Reads a single-valued path (no `[]` segments). */
export function readPath(o: unknown, segs: readonly Seg[]): unknown {
  let v = o;
  for (let i = 0; i < segs.length && v !== undefined; i++) v = own(v, segs[i][0]);
  return v;
}

/**
 * Reads a many-valued path: every `[]` segment flattens a collection (a lone non-array value counts
 * as a collection of one — XML sources give a single element where a schema says many). Empty
 * (null/undefined) values are left out. Always returns a fresh array.
 */
export function many(o: unknown, segs: readonly Seg[]): unknown[] {
  let vals: unknown[] = [o];
  for (let i = 0; i < segs.length; i++) {
    const [name, isMany] = segs[i];
    const next: unknown[] = [];
    for (let j = 0; j < vals.length; j++) {
      const x = own(vals[j], name);
      if (x === undefined || x === null) continue;
      if (isMany && Array.isArray(x)) {
        for (let k = 0; k < x.length; k++) if (x[k] !== undefined && x[k] !== null) next.push(x[k]);
      } else next.push(x);
    }
    vals = next;
  }
  return vals;
}

/** Sets an own property, including the name `__proto__` (assignment would set the prototype). */
export function setOwn(o: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

/** A compiled target path segment: a property name, optionally indexed (`[0]`) or appending (`[]`). */
export type TargetSeg = readonly [name: string, index: number | 'append' | null];

function conflict(target: string, detail: string): RejectSignal {
  return new RejectSignal(RUN_CODES.pathConflict, `Cannot set target "${target}": ${detail}.`, target);
}

/**
 * Assigns `v` at a nested target path inside `o`, creating objects and arrays on the way. An
 * appending last segment (`identifiers[]`) pushes; pushing an array appends its non-empty items.
 */
export function setPath(o: Record<string, unknown>, segs: readonly TargetSeg[], v: unknown, target: string): void {
  let cur: Record<string, unknown> = o;
  for (let i = 0; i < segs.length; i++) {
    const [name, index] = segs[i];
    const last = i === segs.length - 1;
    if (index === null) {
      if (last) {
        setOwn(cur, name, v);
        return;
      }
      let next = hasOwn.call(cur, name) ? cur[name] : undefined;
      if (next === undefined) setOwn(cur, name, (next = {}));
      else if (typeof next !== 'object' || next === null || Array.isArray(next)) throw conflict(target, `"${name}" already holds a value that is not an object`);
      cur = next as Record<string, unknown>;
      continue;
    }
    let arr = hasOwn.call(cur, name) ? cur[name] : undefined;
    if (arr === undefined) setOwn(cur, name, (arr = []));
    else if (!Array.isArray(arr)) throw conflict(target, `"${name}" already holds a value that is not a list`);
    const list = arr as unknown[];
    if (index === 'append') {
      if (last) {
        if (Array.isArray(v)) {
          for (const x of v) if (!isEmpty(x)) list.push(x);
        } else list.push(v);
        return;
      }
      const el: Record<string, unknown> = {};
      list.push(el);
      cur = el;
      continue;
    }
    if (index > list.length) throw conflict(target, `"${name}[${index}]" would leave a gap (the list has ${list.length} item${list.length === 1 ? '' : 's'})`);
    if (last) {
      list[index] = v;
      return;
    }
    let el = list[index];
    if (el === undefined) list[index] = el = {};
    else if (typeof el !== 'object' || el === null || Array.isArray(el)) throw conflict(target, `"${name}[${index}]" already holds a value that is not an object`);
    cur = el as Record<string, unknown>;
  }
}

// ---- UUID v5 (RFC 4122 §4.3) --------------------------------------------------------------------

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Parses a UUID's 16 bytes once (the compiled module does this at load, not per record). */
export function uuidBytes(uuid: string): Uint8Array {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new Error(`Not a UUID: ${uuid}`);
  const b = new Uint8Array(16);
  for (let i = 0; i < 16; i++) b[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return b;
}

// Hand-written SHA-1 for UUID v5: ids are computed several times per record, and the general
// hasher (@noble/hashes, used for the reference) allocates a hasher, buffers and output per call.
// This one reuses its message buffer and schedule, and keyedId/positionalId write the JSON name
// straight into that buffer as UTF-8 instead of building the text first; `uuid5.test.ts` checks
// all of it against @noble/hashes and JSON.stringify.
const W = new Int32Array(80);
let MSG = new Uint8Array(256);

/** Makes room for `bytes` more bytes at `p`, plus the 72 bytes of SHA-1 padding. */
function ensure(p: number, bytes: number): void {
  const need = p + bytes + 72;
  if (need <= MSG.length) return;
  let size = MSG.length * 2;
  while (size < need) size *= 2;
  const bigger = new Uint8Array(size);
  bigger.set(MSG);
  MSG = bigger;
}

/** A code point ≥ 0x80 as UTF-8 at `p`; `c` is a BMP code unit other than a surrogate, or a supplementary code point. */
function utf8Multi(c: number, p: number): number {
  const m = MSG;
  if (c < 0x800) {
    m[p] = 0xc0 | (c >> 6);
    m[p + 1] = 0x80 | (c & 63);
    return p + 2;
  }
  if (c < 0x10000) {
    m[p] = 0xe0 | (c >> 12);
    m[p + 1] = 0x80 | ((c >> 6) & 63);
    m[p + 2] = 0x80 | (c & 63);
    return p + 3;
  }
  m[p] = 0xf0 | (c >> 18);
  m[p + 1] = 0x80 | ((c >> 12) & 63);
  m[p + 2] = 0x80 | ((c >> 6) & 63);
  m[p + 3] = 0x80 | (c & 63);
  return p + 4;
}

/** The surrogate pair starting at `i` as one code point, or -1 when `name[i]` is not a paired high surrogate. */
function pairAt(name: string, i: number, c: number): number {
  if (c > 0xdbff || i + 1 >= name.length) return -1;
  const d = name.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff ? 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00) : -1;
}

/** `name` as UTF-8 at `p`; lone surrogates encode as U+FFFD, as TextEncoder and @noble/hashes' utf8ToBytes do. */
function utf8Into(name: string, p: number): number {
  ensure(p, name.length * 3);
  const m = MSG;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 0x80) m[p++] = c;
    else if (c < 0xd800 || c > 0xdfff) p = utf8Multi(c, p);
    else {
      const cp = pairAt(name, i, c);
      if (cp < 0) p = utf8Multi(0xfffd, p);
      else {
        p = utf8Multi(cp, p);
        i++;
      }
    }
  }
  return p;
}

const HEX_DIGITS = '0123456789abcdef';

function writeAscii(s: string, p: number): number {
  ensure(p, s.length);
  for (let i = 0; i < s.length; i++) MSG[p++] = s.charCodeAt(i);
  return p;
}

/** `\uXXXX` (lower-case hex, as JSON.stringify writes it) at `p`. */
function unicodeEscape(c: number, p: number): number {
  const m = MSG;
  m[p] = 0x5c;
  m[p + 1] = 0x75;
  m[p + 2] = HEX_DIGITS.charCodeAt(c >> 12);
  m[p + 3] = HEX_DIGITS.charCodeAt((c >> 8) & 15);
  m[p + 4] = HEX_DIGITS.charCodeAt((c >> 4) & 15);
  m[p + 5] = HEX_DIGITS.charCodeAt(c & 15);
  return p + 6;
}

/**
 * The UTF-8 bytes of `JSON.stringify(s)` at `p`: quotes, the short escapes, `\u00XX` for other
 * control characters and `\uXXXX` for lone surrogates (ES2019 well-formed JSON.stringify).
 */
function jsonStringInto(s: string, p: number): number {
  ensure(p, s.length * 6 + 2);
  const m = MSG;
  m[p++] = 0x22;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x80) {
      if (c === 0x22 || c === 0x5c) m[p++] = 0x5c;
      m[p++] = c;
    } else if (c < 0x20) {
      const short = c === 8 ? 0x62 : c === 9 ? 0x74 : c === 10 ? 0x6e : c === 12 ? 0x66 : c === 13 ? 0x72 : 0;
      if (short) {
        m[p++] = 0x5c;
        m[p++] = short;
      } else p = unicodeEscape(c, p);
    } else if (c < 0xd800 || c > 0xdfff) p = utf8Multi(c, p);
    else {
      const cp = pairAt(s, i, c);
      if (cp < 0) p = unicodeEscape(c, p);
      else {
        p = utf8Multi(cp, p);
        i++;
      }
    }
  }
  m[p++] = 0x22;
  return p;
}

/**
 * One array element of a JSON name at `p`, exactly as JSON.stringify writes it, or -1 for values
 * whose JSON text is not written here (objects, lists, bigints, symbols, functions): the caller
 * then falls back to JSON.stringify itself.
 */
function jsonItemInto(v: unknown, p: number): number {
  switch (typeof v) {
    case 'string':
      return jsonStringInto(v, p);
    case 'number':
      // Finite numbers print as String(n) (so -0 → "0", 1e21 → "1e+21"); NaN and ±Infinity as null.
      return writeAscii(Number.isFinite(v) ? String(v) : 'null', p);
    case 'boolean':
      return writeAscii(v ? 'true' : 'false', p);
    case 'undefined':
      return writeAscii('null', p);
    case 'object':
      return v === null ? writeAscii('null', p) : -1;
    default:
      return -1;
  }
}

/** SHA-1 of MSG[0, len) as a UUID v5 (version and variant bits set). */
function digestUuid(len: number): string {
  const m = MSG;
  // Padding: 0x80, zeros, 64-bit big-endian bit length.
  const total = ((len + 8) >> 6) * 64 + 64;
  m[len] = 0x80;
  m.fill(0, len + 1, total);
  const bits = len * 8;
  m[total - 4] = bits >>> 24;
  m[total - 3] = (bits >>> 16) & 255;
  m[total - 2] = (bits >>> 8) & 255;
  m[total - 1] = bits & 255;
  m[total - 5] = Math.floor(bits / 2 ** 32) & 255;
  let h0 = 0x67452301;
  let h1 = 0xefcdab89 | 0;
  let h2 = 0x98badcfe | 0;
  let h3 = 0x10325476;
  let h4 = 0xc3d2e1f0 | 0;
  for (let off = 0; off < total; off += 64) {
    for (let t = 0; t < 16; t++) {
      const j = off + t * 4;
      W[t] = (m[j] << 24) | (m[j + 1] << 16) | (m[j + 2] << 8) | m[j + 3];
    }
    for (let t = 16; t < 80; t++) {
      const x = W[t - 3] ^ W[t - 8] ^ W[t - 14] ^ W[t - 16];
      W[t] = (x << 1) | (x >>> 31);
    }
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    // Four loops of twenty rounds, five per iteration with the roles of a–e rotated in the code
    // instead of moved between variables: fixed round functions and no per-round branch or
    // shuffling, which V8 compiles to straight-line arithmetic (measured ~10% faster per block).
    for (let t = 0; t < 20; t += 5) {
      e = (e + ((a << 5) | (a >>> 27)) + ((b & c) | (~b & d)) + 0x5a827999 + W[t]) | 0;
      b = (b << 30) | (b >>> 2);
      d = (d + ((e << 5) | (e >>> 27)) + ((a & b) | (~a & c)) + 0x5a827999 + W[t + 1]) | 0;
      a = (a << 30) | (a >>> 2);
      c = (c + ((d << 5) | (d >>> 27)) + ((e & a) | (~e & b)) + 0x5a827999 + W[t + 2]) | 0;
      e = (e << 30) | (e >>> 2);
      b = (b + ((c << 5) | (c >>> 27)) + ((d & e) | (~d & a)) + 0x5a827999 + W[t + 3]) | 0;
      d = (d << 30) | (d >>> 2);
      a = (a + ((b << 5) | (b >>> 27)) + ((c & d) | (~c & e)) + 0x5a827999 + W[t + 4]) | 0;
      c = (c << 30) | (c >>> 2);
    }
    for (let t = 20; t < 40; t += 5) {
      e = (e + ((a << 5) | (a >>> 27)) + (b ^ c ^ d) + 0x6ed9eba1 + W[t]) | 0;
      b = (b << 30) | (b >>> 2);
      d = (d + ((e << 5) | (e >>> 27)) + (a ^ b ^ c) + 0x6ed9eba1 + W[t + 1]) | 0;
      a = (a << 30) | (a >>> 2);
      c = (c + ((d << 5) | (d >>> 27)) + (e ^ a ^ b) + 0x6ed9eba1 + W[t + 2]) | 0;
      e = (e << 30) | (e >>> 2);
      b = (b + ((c << 5) | (c >>> 27)) + (d ^ e ^ a) + 0x6ed9eba1 + W[t + 3]) | 0;
      d = (d << 30) | (d >>> 2);
      a = (a + ((b << 5) | (b >>> 27)) + (c ^ d ^ e) + 0x6ed9eba1 + W[t + 4]) | 0;
      c = (c << 30) | (c >>> 2);
    }
    // 0x8f1bbcdc and 0xca62c1d6 as signed 32-bit numbers.
    for (let t = 40; t < 60; t += 5) {
      e = (e + ((a << 5) | (a >>> 27)) + ((b & c) | (b & d) | (c & d)) - 0x70e44324 + W[t]) | 0;
      b = (b << 30) | (b >>> 2);
      d = (d + ((e << 5) | (e >>> 27)) + ((a & b) | (a & c) | (b & c)) - 0x70e44324 + W[t + 1]) | 0;
      a = (a << 30) | (a >>> 2);
      c = (c + ((d << 5) | (d >>> 27)) + ((e & a) | (e & b) | (a & b)) - 0x70e44324 + W[t + 2]) | 0;
      e = (e << 30) | (e >>> 2);
      b = (b + ((c << 5) | (c >>> 27)) + ((d & e) | (d & a) | (e & a)) - 0x70e44324 + W[t + 3]) | 0;
      d = (d << 30) | (d >>> 2);
      a = (a + ((b << 5) | (b >>> 27)) + ((c & d) | (c & e) | (d & e)) - 0x70e44324 + W[t + 4]) | 0;
      c = (c << 30) | (c >>> 2);
    }
    for (let t = 60; t < 80; t += 5) {
      e = (e + ((a << 5) | (a >>> 27)) + (b ^ c ^ d) - 0x359d3e2a + W[t]) | 0;
      b = (b << 30) | (b >>> 2);
      d = (d + ((e << 5) | (e >>> 27)) + (a ^ b ^ c) - 0x359d3e2a + W[t + 1]) | 0;
      a = (a << 30) | (a >>> 2);
      c = (c + ((d << 5) | (d >>> 27)) + (e ^ a ^ b) - 0x359d3e2a + W[t + 2]) | 0;
      e = (e << 30) | (e >>> 2);
      b = (b + ((c << 5) | (c >>> 27)) + (d ^ e ^ a) - 0x359d3e2a + W[t + 3]) | 0;
      d = (d << 30) | (d >>> 2);
      a = (a + ((b << 5) | (b >>> 27)) + (c ^ d ^ e) - 0x359d3e2a + W[t + 4]) | 0;
      c = (c << 30) | (c >>> 2);
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
  }
  // First 16 bytes of the digest, with the version (5) and variant (10xx) bits set.
  h1 = (h1 & ~0xf000) | 0x5000;
  h2 = (h2 & 0x3fffffff) | 0x80000000;
  // One flat string from char codes: cheaper than concatenating 20 pieces into a rope that every
  // later use (a Map key, the output JSON) has to flatten again.
  const x = hexCode;
  return String.fromCharCode(
    x(h0, 28), x(h0, 24), x(h0, 20), x(h0, 16), x(h0, 12), x(h0, 8), x(h0, 4), x(h0, 0), 45,
    x(h1, 28), x(h1, 24), x(h1, 20), x(h1, 16), 45, x(h1, 12), x(h1, 8), x(h1, 4), x(h1, 0), 45,
    x(h2, 28), x(h2, 24), x(h2, 20), x(h2, 16), 45, x(h2, 12), x(h2, 8), x(h2, 4), x(h2, 0),
    x(h3, 28), x(h3, 24), x(h3, 20), x(h3, 16), x(h3, 12), x(h3, 8), x(h3, 4), x(h3, 0),
  );
}

/** Char code of the lower-case hex digit of `v`'s nibble at bit `shift`. */
function hexCode(v: number, shift: number): number {
  const n = (v >>> shift) & 15;
  return n < 10 ? 48 + n : 87 + n;
}

/** UUID v5 of `name` in the namespace given as bytes. */
export function uuid5(ns: Uint8Array, name: string): string {
  MSG.set(ns, 0);
  return digestUuid(utf8Into(name, 16));
}

/** Reference UUID v5 with @noble/hashes (for tests of the fast path above). */
export function uuid5Reference(ns: Uint8Array, name: string): string {
  const nameBytes = utf8ToBytes(name);
  const buf = new Uint8Array(16 + nameBytes.length);
  buf.set(ns, 0);
  buf.set(nameBytes, 16);
  const h = sha1(buf);
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  let s = '';
  for (let i = 0; i < 16; i++) {
    s += HEX[h[i]];
    if (i === 3 || i === 5 || i === 7 || i === 9) s += '-';
  }
  return s;
}

/** `<Entity>:<uuidv5(ns, JSON([entity, ...keyValues]))>` — the identity of a keyed entity. */
export function keyedId(ns: Uint8Array, entity: string, keys: unknown[]): string {
  return `${entity}:${jsonNameUuid(ns, entity, null, keys) ?? uuid5(ns, JSON.stringify([entity, ...keys]))}`;
}

/**
 * Id of an unkeyed entity (or link): stable for the same record and loop position, never shared
 * across records: `JSON([entity, "#", ruleId, sourceRecordId or record number, ...loop indexes])`.
 */
export function positionalId(ns: Uint8Array, entity: string, ruleId: string, recordRef: string | number | null, indexes: number[]): string {
  return `${entity}:${jsonNameUuid(ns, entity, [ruleId, recordRef], indexes) ?? uuid5(ns, JSON.stringify([entity, '#', ruleId, recordRef, ...indexes]))}`;
}

/**
 * UUID v5 of `JSON.stringify([entity, ...(positional ? ['#', ...positional] : []), ...items])`,
 * written straight into the hash buffer; undefined when an item needs JSON.stringify's general
 * path (an object, a list, a bigint…), which the callers then take.
 */
function jsonNameUuid(ns: Uint8Array, entity: string, positional: readonly unknown[] | null, items: readonly unknown[]): string | undefined {
  MSG.set(ns, 0);
  let p = 16;
  MSG[p++] = 0x5b;
  p = jsonItemInto(entity, p);
  if (p < 0) return undefined;
  if (positional !== null) {
    ensure(p, 4);
    MSG[p++] = 0x2c;
    MSG[p++] = 0x22;
    MSG[p++] = 0x23;
    MSG[p++] = 0x22;
    for (let i = 0; i < positional.length && p >= 0; i++) {
      ensure(p, 1);
      MSG[p++] = 0x2c;
      p = jsonItemInto(positional[i], p);
    }
    if (p < 0) return undefined;
  }
  for (let i = 0; i < items.length; i++) {
    ensure(p, 1);
    MSG[p++] = 0x2c;
    p = jsonItemInto(items[i], p);
    if (p < 0) return undefined;
  }
  ensure(p, 1);
  MSG[p++] = 0x5d;
  return digestUuid(p);
}

// ---- value maps ---------------------------------------------------------------------------------

/** A value map prepared at module load: `table` maps (normalised) source codes to [code, quality, label]. */
export interface PreparedValueMap {
  name: string;
  table: Map<string, readonly [code: string, quality: string, label: string | undefined]>;
  caseInsensitive: boolean;
  policy: 'default' | 'passthrough' | 'reject';
  /** For policy default: the default code and its label. */
  fallback?: readonly [code: string, label: string | undefined];
  /** Labels of target codes, for passthrough values. */
  labels?: Map<string, string>;
  output: 'code' | 'coded';
  scheme?: string;
  sourceScheme?: string;
}

function sourceText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** Case-insensitive keys are compared trimmed and lower-cased. */
export function normaliseCode(s: string): string {
  return s.trim().toLowerCase();
}

function coded(vm: PreparedValueMap, code: string, quality: string, label: string | undefined, source: string): Record<string, unknown> {
  const o: Record<string, unknown> = { code };
  if (vm.scheme !== undefined) o.scheme = vm.scheme;
  if (label !== undefined) o.label = label;
  o.sourceCode = source;
  if (vm.sourceScheme !== undefined) o.sourceScheme = vm.sourceScheme;
  o.mappingQuality = quality;
  return o;
}

/**
 * Translates one value. Empty in → undefined out (the unmapped policy is for values that are
 * present but unknown). Objects and lists cannot be codes: they go through the unmapped policy
 * under their JSON text.
 */
export function mapValue(vm: PreparedValueMap, input: unknown): unknown {
  if (isEmpty(input)) return undefined;
  const text = sourceText(input) ?? JSON.stringify(input);
  const hit = vm.table.get(vm.caseInsensitive ? normaliseCode(text) : text);
  if (hit !== undefined) return vm.output === 'code' ? hit[0] : coded(vm, hit[0], hit[1], hit[2], text);
  switch (vm.policy) {
    case 'default':
      return vm.output === 'code' ? vm.fallback![0] : coded(vm, vm.fallback![0], 'unmapped', vm.fallback![1], text);
    case 'passthrough':
      return vm.output === 'code' ? text : coded(vm, text, 'unmapped', vm.labels?.get(text), text);
    default:
      throw new RejectSignal(RUN_CODES.unmapped, `Value ${JSON.stringify(text)} has no mapping in value map "${vm.name}" (its unmapped policy is reject).`);
  }
}

/** A link role as a Coded value: strings become `{code, scheme, label}`; objects pass through. */
export function roleCoded(role: unknown, scheme: string | undefined, labels: Map<string, string> | undefined): unknown {
  if (typeof role !== 'string') return role;
  const o: Record<string, unknown> = { code: role };
  if (scheme !== undefined) o.scheme = scheme;
  const label = labels?.get(role);
  if (label !== undefined) o.label = label;
  return o;
}

// ---- aggregations -------------------------------------------------------------------------------

function values(input: unknown): unknown[] {
  if (Array.isArray(input)) return input;
  return isEmpty(input) ? [] : [input];
}

export function aggFirst(input: unknown): unknown {
  for (const v of values(input)) if (!isEmpty(v)) return v;
  return undefined;
}
export function aggLast(input: unknown): unknown {
  const vs = values(input);
  for (let i = vs.length - 1; i >= 0; i--) if (!isEmpty(vs[i])) return vs[i];
  return undefined;
}
export function aggCount(input: unknown): number {
  let n = 0;
  for (const v of values(input)) if (!isEmpty(v)) n++;
  return n;
}
export function aggJoin(input: unknown, sep: string): string | undefined {
  const parts: string[] = [];
  for (const v of values(input)) if (!isEmpty(v)) parts.push(typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return parts.length ? parts.join(sep) : undefined;
}
/** Distinct non-empty values in first-seen order; objects compare by their JSON text. */
export function aggDistinct(input: unknown): unknown[] | undefined {
  const seen = new Set<unknown>();
  const out: unknown[] = [];
  for (const v of values(input)) {
    if (isEmpty(v)) continue;
    const k = typeof v === 'object' ? `\u0000${JSON.stringify(v)}` : v;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(v);
  }
  return out.length ? out : undefined;
}

// ---- entities -----------------------------------------------------------------------------------

/** Source fields of `scope` that no rule reads, for `extensions`; undefined when there are none. */
export function extensions(scope: unknown, read: ReadonlySet<string>): Record<string, unknown> | undefined {
  if (scope === null || typeof scope !== 'object' || Array.isArray(scope)) return undefined;
  let out: Record<string, unknown> | undefined;
  for (const k of Object.keys(scope)) {
    if (read.has(k)) continue;
    const v = (scope as Record<string, unknown>)[k];
    if (isEmpty(v)) continue;
    if (!out) out = {};
    setOwn(out, k, v);
  }
  return out;
}

/**
 * Merges a duplicate instance into the first one (first wins per top-level field), unions the
 * provenance rule ids and restores the target-model key order.
 */
export function mergeInto(first: Record<string, unknown>, dup: Record<string, unknown>, order: ReadonlyMap<string, number>): void {
  let added = false;
  for (const k of Object.keys(dup)) {
    if (!hasOwn.call(first, k)) {
      setOwn(first, k, dup[k]);
      added = true;
    }
  }
  const p1 = first.provenance as { ruleIds?: string[] } | undefined;
  const p2 = dup.provenance as { ruleIds?: string[] } | undefined;
  if (p1?.ruleIds && p2?.ruleIds) for (const r of p2.ruleIds) if (!p1.ruleIds.includes(r)) p1.ruleIds.push(r);
  if (!added) return;
  const keys = Object.keys(first);
  const rank = (k: string) => order.get(k) ?? Number.MAX_SAFE_INTEGER;
  const sorted = keys.map((k, i) => [k, i] as const).sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1]);
  const copy = { ...first };
  for (const k of keys) delete first[k];
  for (const [k] of sorted) setOwn(first, k, copy[k]);
}

// ---- joins --------------------------------------------------------------------------------------

/**
 * Join key from key parts: text equality after turning numbers and booleans into text (CSV gives
 * strings where JSON gives numbers). Undefined when any part is empty: empty keys never match.
 */
export function joinKey(parts: readonly unknown[]): string | undefined {
  let key = '';
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (isEmpty(p)) return undefined;
    const s = typeof p === 'string' ? p : typeof p === 'object' ? JSON.stringify(p) : String(p);
    key = i === 0 ? s : `${key}\u001f${s}`;
  }
  return key;
}

/** Join id → key → matching secondary records (in file order). */
export type JoinIndex = Record<string, Map<string, unknown[]>>;

/** The matches for one join on one record: an array (`many`), the first match or undefined (`one`). */
export function joined(index: JoinIndex | undefined, joinId: string, key: string | undefined, cardinality: 'one' | 'many'): unknown {
  const hits = key === undefined ? undefined : index?.[joinId]?.get(key);
  if (cardinality === 'one') return hits?.[0];
  return hits ? hits.slice() : [];
}

/** Describes a value's type for messages. */
export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/** Turns anything thrown inside a transform into a reject `{code, message, field?}`. */
export function errorReject(e: unknown): { code: string; message: string; field?: string } {
  if (e instanceof RejectSignal) return { code: e.code, message: e.message, ...(e.field !== undefined ? { field: e.field } : {}) };
  const err = e as { code?: unknown; message?: unknown; diagnostic?: { code?: string; message?: string } } | null;
  if (err && typeof err === 'object') {
    if (err.diagnostic?.code) return { code: err.diagnostic.code, message: String(err.diagnostic.message ?? err.message) };
    if (typeof err.code === 'string' && /^MW\d{4}$/.test(err.code)) return { code: err.code, message: String(err.message) };
    if (e instanceof RangeError) return { code: RUN_CODES.failed, message: `The transform failed: ${e.message} (the record is too deeply nested or too large)` };
  }
  return { code: RUN_CODES.failed, message: `The transform failed: ${err && typeof err === 'object' && 'message' in err ? String(err.message) : String(e)}` };
}

/** provenance.sourceRecordId: text of a scalar id; empty and non-scalar values give none. */
export function recordIdText(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

const NONE: readonly unknown[] = Object.freeze([]);

/**
 * The collection at one `name[]` segment, as `many()` would give it, without copying an array
 * that has no empty elements (the common case for loops).
 */
export function coll1(o: unknown, name: string): readonly unknown[] {
  const x = own(o, name);
  if (x === undefined || x === null) return NONE;
  if (!Array.isArray(x)) return [x];
  for (let i = 0; i < x.length; i++) if (x[i] === undefined || x[i] === null) return x.filter((v) => v !== undefined && v !== null);
  return x;
}
