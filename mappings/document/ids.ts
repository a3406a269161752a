import type { FieldTree } from '../model/field-tree';
import { MAPPING_FORMAT, MAPPING_FORMAT_VERSION, type MappingDocument, type SourceDecl, type TargetDecl } from './types';

/** The Web Crypto subset we need; typed locally because the pure domain has neither DOM nor Node types. */
interface RandomSource {
  getRandomValues<T extends Uint8Array>(array: T): T;
}

function randomBytes(n: number): Uint8Array {
  const crypto = (globalThis as { crypto?: RandomSource }).crypto;
  if (!crypto?.getRandomValues) throw new Error('No CSPRNG available (globalThis.crypto.getRandomValues)');
  return crypto.getRandomValues(new Uint8Array(n));
}

// Crockford base32, lower case: no i, l, o, u, so ids read unambiguously in reviews.
const BASE32 = '0123456789abcdefghjkmnpqrstvwxyz';

/** Id prefixes by kind: rule, value node, value map, source, join, comment, test case. */
export type IdPrefix = 'r' | 'n' | 'vm' | 's' | 'j' | 'c' | 't';

/**
 * A fresh id: prefix, dash and 10 base32 characters (50 random bits from the CSPRNG).
 * @example newId('r') // → "r-4k9x2m0qzt"
 */
export function newId(prefix: IdPrefix): string {
  const bytes = randomBytes(10);
  let s = '';
  for (let i = 0; i < 10; i++) s += BASE32[bytes[i] & 31];
  return `${prefix}-${s}`;
}

/** A random RFC 4122 version 4 UUID. */
export function newUuid(): string {
  const b = randomBytes(16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * A new, empty mapping document with fresh ids and one primary source.
 * @example emptyMapping({ name: 'Acme → POLE', target: { modelId: 'pole', modelVersion: '1.0.0' },
 *   source: { name: 'offences', format: 'ndjson', schema } })
 */
export function emptyMapping(options: {
  name: string;
  target: TargetDecl;
  source: { name: string; format: SourceDecl['format']; schema: FieldTree; recordPath?: string; schemaHash?: string };
  sourceSystem?: string;
}): MappingDocument {
  const { source } = options;
  return {
    format: MAPPING_FORMAT,
    formatVersion: MAPPING_FORMAT_VERSION,
    id: newUuid(),
    name: options.name,
    version: '0.1.0',
    namespace: newUuid(),
    sourceSystem: options.sourceSystem ?? source.name,
    sources: [
      {
        id: newId('s'),
        name: source.name,
        format: source.format,
        primary: true,
        ...(source.recordPath !== undefined ? { recordPath: source.recordPath } : {}),
        schema: source.schema,
        ...(source.schemaHash !== undefined ? { schemaHash: source.schemaHash } : {}),
      },
    ],
    joins: [],
    target: { ...options.target },
    filters: [],
    valueMaps: [],
    root: { fields: [] },
    entities: [],
    links: [],
    layout: { nodes: {}, comments: [] },
  };
}
