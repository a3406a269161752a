import { defineCodes, type CatalogEntry } from '../diagnostics/catalog';

/**
 * MW6xxx — running a mapping: record rejects and target validation. The compiled transform and the
 * engine helpers (embedded in bundles) carry only the code strings; messages are built where the
 * reject happens so they can name the value and the rule.
 */
export const RUN = defineCodes({
  MW6101: { severity: 'error', message: ({ reason }) => `Filtered out: ${reason}` } as CatalogEntry<{ reason: string }>,
  MW6102: {
    severity: 'error',
    message: ({ value, map }) => `Value ${value} has no mapping in value map "${map}" (its unmapped policy is reject).`,
    hint: 'Add an entry to the value map, or change its unmapped policy.',
  } as CatalogEntry<{ value: string; map: string }>,
  MW6103: { severity: 'error', message: ({ type }) => `The record is ${type}, not an object.` } as CatalogEntry<{ type: string }>,
  MW6104: {
    severity: 'error',
    message: ({ rule }) => `Link rule "${rule}" computed an empty role.`,
    hint: 'Give the role a default (value map default policy, or a cond else branch).',
  } as CatalogEntry<{ rule: string }>,
  MW6105: {
    severity: 'error',
    message: ({ target, detail }) => `Cannot set target "${target}": ${detail}.`,
  } as CatalogEntry<{ target: string; detail: string }>,
  MW6106: { severity: 'error', message: ({ detail }) => `The transform failed: ${detail}` } as CatalogEntry<{ detail: string }>,
  MW6201: {
    severity: 'error',
    message: ({ count, first }) => `The output does not match the target model (${count} error${count === 1 ? '' : 's'}; first: ${first}).`,
  } as CatalogEntry<{ count: number; first: string }>,
  MW6301: { severity: 'error', message: ({ detail }) => `Cannot read the input: ${detail}` } as CatalogEntry<{ detail: string }>,
});

/** The code strings used by the standalone engine (kept in step with RUN by a test). */
export const RUN_CODES = {
  filtered: 'MW6101',
  unmapped: 'MW6102',
  notObject: 'MW6103',
  emptyRole: 'MW6104',
  pathConflict: 'MW6105',
  failed: 'MW6106',
  invalid: 'MW6201',
} as const;
