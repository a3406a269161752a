import { defineCodes, type CatalogEntry } from '../diagnostics/catalog';

/**
 * MW3xxx — the mapping document: syntax (MW30xx), schema (MW31xx), migration (MW32xx) and the
 * compiler's structural checks of a document against its target model (MW33xx).
 */
export const DOC = defineCodes({
  MW3001: {
    severity: 'error',
    message: ({ detail }) => `The mapping is not valid JSON: ${detail}`,
    hint: 'Check for a missing comma, quote or bracket near the marked position.',
  } as CatalogEntry<{ detail: string }>,
  MW3002: {
    severity: 'error',
    message: () => 'The mapping document must be a JSON object.',
  } as CatalogEntry<Record<string, never>>,
  MW3101: {
    severity: 'error',
    message: ({ pointer, detail }) => `${pointer || '(document)'}: ${detail}`,
  } as CatalogEntry<{ pointer: string; detail: string }>,
  MW3102: {
    severity: 'error',
    message: ({ id, first }) => `Duplicate id "${id}" (first used at ${first}); ids must be unique in a document.`,
    hint: 'Give the copy a fresh id (newId) — ids are never reused.',
  } as CatalogEntry<{ id: string; first: string }>,
  MW3201: {
    severity: 'error',
    message: ({ found, supported }) =>
      `This mapping was written by a newer Mapwright (format version ${found}); this version reads format versions up to ${supported}.`,
    hint: 'Upgrade Mapwright to open it; never edit the version number by hand.',
  } as CatalogEntry<{ found: number; supported: number }>,
  MW3202: {
    severity: 'error',
    message: ({ found }) => `Unknown mapping format ${found}; expected "mapwright.mapping".`,
  } as CatalogEntry<{ found: string }>,
  MW3203: {
    severity: 'error',
    message: ({ version, detail }) => `Cannot migrate the mapping from format version ${version}: ${detail}`,
  } as CatalogEntry<{ version: number | string; detail: string }>,
  MW3204: {
    severity: 'info',
    message: ({ from, to }) => `Migrated the mapping from format version ${from} to ${to}; save it to keep the new format.`,
  } as CatalogEntry<{ from: number; to: number }>,
  MW3301: {
    severity: 'error',
    message: ({ entity, known }) => `Entity "${entity}" is not defined by the target model (known: ${known}).`,
  } as CatalogEntry<{ entity: string; known: string }>,
  MW3302: {
    severity: 'error',
    message: ({ kind, id }) => `Unknown ${kind} "${id}".`,
  } as CatalogEntry<{ kind: string; id: string }>,
  MW3303: {
    severity: 'error',
    message: ({ path, detail }) => `Bad path "${path}": ${detail}`,
  } as CatalogEntry<{ path: string; detail: string }>,
  MW3304: {
    severity: 'error',
    message: ({ rule, other }) =>
      `Link endpoint "${other}" is not created in the same or an enclosing loop of link rule "${rule}".`,
    hint: 'Set the link rule\'s parent (or forEach) so that both endpoints are in scope.',
  } as CatalogEntry<{ rule: string; other: string }>,
  MW3305: {
    severity: 'error',
    message: ({ chain }) => `Rule parents form a cycle: ${chain}.`,
  } as CatalogEntry<{ chain: string }>,
  MW3306: {
    severity: 'error',
    message: ({ detail }) => `Expression does not compile: ${detail}`,
  } as CatalogEntry<{ detail: string }>,
  MW3307: {
    severity: 'error',
    message: ({ name }) => `Unknown function "${name}".`,
  } as CatalogEntry<{ name: string }>,
  MW3308: {
    severity: 'error',
    message: ({ id }) => `Crosswalk "${id}" is not provided by the target model.`,
  } as CatalogEntry<{ id: string }>,
  MW3309: {
    severity: 'error',
    message: () => 'The document has no primary source (exactly one source must be primary).',
  } as CatalogEntry<Record<string, never>>,
  MW3310: {
    severity: 'error',
    message: ({ model }) => `The target model "${model}" is flat (no entities); entity and link rules cannot be used.`,
  } as CatalogEntry<{ model: string }>,
  MW3311: {
    severity: 'error',
    message: ({ scope }) => `Unknown scope "${scope}" (not an enclosing loop variable or $record).`,
  } as CatalogEntry<{ scope: string }>,
});
