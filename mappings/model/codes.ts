/**
 * Diagnostic codes of the target-model area (MW2xxx): JSON Schema loading, field trees built from
 * schemas, code lists, crosswalks and the semantic checks on output documents.
 */
import { defineCodes, type CatalogEntry } from '../diagnostics/catalog';

export const MODEL = defineCodes({
  MW2001: {
    severity: 'error',
    message: ({ detail }) => `Malformed JSON: ${detail}`,
    hint: 'Fix the JSON syntax at the position shown (a missing comma, quote or bracket is the usual cause).',
  } as CatalogEntry<{ detail: string }>,
  MW2002: {
    severity: 'error',
    message: ({ what }) => `Not a JSON Schema: ${what}`,
  } as CatalogEntry<{ what: string }>,
  MW2003: {
    severity: 'error',
    message: ({ ref }) => `Reference "${ref}" does not point to anything in this schema`,
    hint: 'Check the spelling of the $ref against the names under $defs or definitions.',
  } as CatalogEntry<{ ref: string }>,
  MW2004: {
    severity: 'warning',
    message: ({ ref }) => `Reference "${ref}" points outside this schema; it is shown as "any"`,
    hint: 'Bundle the referenced schema into $defs so the whole model is in one file.',
  } as CatalogEntry<{ ref: string }>,
  MW2005: {
    severity: 'info',
    message: ({ ref, path }) => `"${path}" refers back to "${ref}" (recursion); the tree stops there`,
  } as CatalogEntry<{ ref: string; path: string }>,
  MW2006: {
    severity: 'warning',
    message: ({ dialect }) => `Unknown JSON Schema dialect "${dialect}"; reading it as 2020-12`,
  } as CatalogEntry<{ dialect: string }>,
  MW2007: {
    severity: 'error',
    message: ({ name, def }) => `x-mapwright declares ${name} at "${def}", but the schema has nothing there`,
  } as CatalogEntry<{ name: string; def: string }>,
  MW2008: {
    severity: 'error',
    message: ({ detail }) => `Invalid code list or crosswalk: ${detail}`,
  } as CatalogEntry<{ detail: string }>,
  MW2009: {
    severity: 'error',
    message: ({ scheme, code }) => `Code "${code}" appears more than once in code list ${scheme}`,
  } as CatalogEntry<{ scheme: string; code: string }>,
  MW2010: {
    severity: 'error',
    message: ({ crosswalk, code, scheme }) => `Crosswalk ${crosswalk} uses "${code}", which is not a code of ${scheme}`,
  } as CatalogEntry<{ crosswalk: string; code: string; scheme: string }>,
  MW2011: {
    severity: 'warning',
    message: ({ scheme }) => `The schema binds fields to code list ${scheme}, but the model has no such code list`,
    hint: 'Add the code list to the model, or remove the x-code-list annotation.',
  } as CatalogEntry<{ scheme: string }>,
  MW2012: {
    severity: 'error',
    message: ({ detail }) => `The schema cannot be compiled for validation: ${detail}`,
  } as CatalogEntry<{ detail: string }>,
  MW2013: {
    severity: 'error',
    message: ({ id, version }) => `No target model "${id}"${version ? ` version ${version}` : ''}`,
    hint: 'Run `mapwright models` to list the built-in models.',
  } as CatalogEntry<{ id: string; version?: string }>,
  MW2014: {
    severity: 'error',
    message: ({ crosswalk, from, to }) => `Crosswalk ${crosswalk} maps "${from}" to more than one code (${to})`,
  } as CatalogEntry<{ crosswalk: string; from: string; to: string }>,
  MW2020: {
    severity: 'error',
    message: ({ link, end, id }) => `Link ${link}: "${end}" refers to ${id}, which is not an entity in this document`,
  } as CatalogEntry<{ link: string; end: string; id: string }>,
  MW2021: {
    severity: 'error',
    message: ({ id, kind }) => `Two ${kind} have the id ${id}`,
  } as CatalogEntry<{ id: string; kind: string }>,
  MW2022: {
    severity: 'error',
    message: ({ link, role, end, expected, actual }) =>
      `Link ${link}: role ${role} expects the "${end}" end to be a ${expected}, but ${actual === undefined ? 'it is missing' : `it is a ${actual}`}`,
  } as CatalogEntry<{ link: string; role: string; end: string; expected: string; actual?: string }>,
  MW2023: {
    severity: 'error',
    message: ({ message }) => message,
  } as CatalogEntry<{ message: string }>,
});
