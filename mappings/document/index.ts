/**
 * The mapping document: types, JSON Schema, parsing with located diagnostics, canonical
 * serialisation, migration and ids. See docs/mapping-format.md.
 */
export * from './types';
export { DOC } from './codes';
export { parseMapping, validateMapping, type ParseResult } from './parse';
export { serializeMapping, canonicalJson } from './serialize';
export { migrateMapping, type MigrationResult } from './migrate';
export { newId, newUuid, emptyMapping, type IdPrefix } from './ids';
export { mapJsonPositions, escapePointerToken, type JsonPositionMap, type PointerPosition, type TextPosition } from './json-positions';
export { default as mappingSchema } from './mapping.schema.json';
