/** Identifiers: keyed pseudonyms and name-based UUIDs. */
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { badArgument, ExprRuntimeError, RUNTIME_CODES } from './errors';
import { textArg } from './guard';

/** The run-time context handed to context functions. */
export interface FunctionContext {
  params?: Record<string, unknown>;
}

const MIN_KEY = 16;

function base64url(bytes: Uint8Array): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += abc[(n >> 18) & 63] + abc[(n >> 12) & 63];
    if (i + 1 < bytes.length) out += abc[(n >> 6) & 63];
    if (i + 2 < bytes.length) out += abc[n & 63];
  }
  return out;
}

/**
 * Keyed pseudonym: HMAC-SHA256 of the value's text under the key supplied at run time as
 * `params.hmacKey` (at least 16 characters). The key is never part of the mapping or the bundle;
 * without it the record is rejected. Same value + same key → same pseudonym, so records still link.
 */
export function pseudonymise(ctx: FunctionContext | undefined, v: unknown, encoding?: unknown): string | null {
  const key = ctx?.params?.hmacKey;
  if (typeof key !== 'string' || key.length < MIN_KEY) {
    throw new ExprRuntimeError(
      RUNTIME_CODES.missingKey,
      typeof key === 'string' ? `pseudonymise(): the hmacKey parameter is too short (${key.length} characters; at least ${MIN_KEY})` : 'pseudonymise(): no hmacKey parameter was supplied for this run',
    );
  }
  const s = textArg(v, 'pseudonymise');
  if (s === null) return null;
  const enc = encoding ?? 'hex';
  if (enc !== 'hex' && enc !== 'base64url') throw badArgument(`pseudonymise(): encoding must be 'hex' or 'base64url', not ${String(enc)}`);
  const mac = hmac(sha256, utf8ToBytes(key), utf8ToBytes(s));
  return enc === 'hex' ? bytesToHex(mac) : base64url(mac);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NAMESPACES: Record<string, string> = {
  dns: '6ba7b810-9dad-11d1-80b4-00c04fd430c8',
  url: '6ba7b811-9dad-11d1-80b4-00c04fd430c8',
  oid: '6ba7b812-9dad-11d1-80b4-00c04fd430c8',
  x500: '6ba7b814-9dad-11d1-80b4-00c04fd430c8',
};

/**
 * RFC 4122 (RFC 9562) version 5 UUID: SHA-1 of the namespace UUID's bytes and the name's UTF-8.
 * `namespace` is a UUID or one of `dns`, `url`, `oid`, `x500`. Empty name → null.
 */
export function uuid5(name: unknown, namespace: unknown): string | null {
  const ns = typeof namespace === 'string' ? (NAMESPACES[namespace.toLowerCase()] ?? namespace) : namespace;
  if (typeof ns !== 'string' || !UUID.test(ns)) throw badArgument(`uuid5(): namespace must be a UUID, not ${String(namespace)}`);
  const n = textArg(name, 'uuid5');
  if (n === null) return null;
  const nsBytes = Uint8Array.from(ns.replace(/-/g, '').match(/../g)!.map((h) => parseInt(h, 16)));
  const nameBytes = utf8ToBytes(n);
  const data = new Uint8Array(nsBytes.length + nameBytes.length);
  data.set(nsBytes);
  data.set(nameBytes, nsBytes.length);
  const h = sha1(data).slice(0, 16);
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = bytesToHex(h);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
