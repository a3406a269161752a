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
// Position mapping lives in model/ (one implementation for models, schemas and documents); re-exported here for callers of this module.
export { mapJsonPositions, escapePointer as escapePointerToken, type JsonPositionMap, type PointerPosition, type TextPosition } from '../model/json-position';
export { default as mappingSchema } from './mapping.schema.json';
