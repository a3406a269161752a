/**
 * MW5xxx: the mapping checker. Messages are written for the integration engineer reading the
 * problems panel, not for us: they name the rule, the field and what to do about it.
 */
import { defineCodes, type CatalogEntry } from '../diagnostics/catalog';

type E<A> = CatalogEntry<A>;

const an = (word: string) => (/^[aeiou]/i.test(word) ? 'An' : 'A');

export const CHECK = defineCodes({
  // --- sources and scopes -------------------------------------------------------------------
  MW5001: {
    severity: 'error',
    message: (a: { path: string; scope: string; suggestion?: string }) =>
      `Unknown source field "${a.path}" in ${a.scope}${a.suggestion ? `; did you mean "${a.suggestion}"?` : ''}`,
  } as E<{ path: string; scope: string; suggestion?: string }>,
  MW5002: {
    severity: 'error',
    message: (a: { scope: string; visible: string }) => `Unknown scope "${a.scope}"; visible here: ${a.visible}`,
    hint: 'Use a loop variable of this rule or an enclosing rule, or $record for the primary record.',
  } as E<{ scope: string; visible: string }>,
  MW5003: {
    severity: 'error',
    message: (a: { path: string }) => `Loop path "${a.path}" is not a repeating group`,
    hint: 'forEach needs a collection path ending in [] (e.g. persons[]).',
  } as E<{ path: string }>,
  MW5004: {
    severity: 'error',
    message: (a: { count: number }) =>
      a.count === 0 ? 'The mapping has no primary source' : `The mapping has ${a.count} primary sources; exactly one is allowed`,
  } as E<{ count: number }>,
  MW5005: {
    severity: 'error',
    message: (a: { name: string }) => `Loop variable "${a.name}" hides another scope of the same name`,
    hint: 'Give every loop variable in a chain of nested loops its own name.',
  } as E<{ name: string }>,
  // --- target model --------------------------------------------------------------------------
  MW5010: {
    severity: 'error',
    message: (a: { entity: string; model: string; suggestion?: string }) =>
      `Unknown target entity "${a.entity}" in model ${a.model}${a.suggestion ? `; did you mean "${a.suggestion}"?` : ''}`,
  } as E<{ entity: string; model: string; suggestion?: string }>,
  MW5011: {
    severity: 'error',
    message: (a: { path: string; entity: string; suggestion?: string }) =>
      `Unknown target field "${a.path}" on ${a.entity}${a.suggestion ? `; did you mean "${a.suggestion}"?` : ''}`,
  } as E<{ path: string; entity: string; suggestion?: string }>,
  MW5012: {
    severity: 'warning',
    message: (a: { docModel: string; model: string }) =>
      `The mapping targets ${a.docModel} but is being checked against ${a.model}`,
    hint: 'Migrate the mapping to the new model version, or check it against the model it was written for.',
  } as E<{ docModel: string; model: string }>,
  MW5013: {
    severity: 'warning',
    message: (a: { path: string; entity: string; other: string }) =>
      `Target field "${a.path}" on ${a.entity} is assigned twice in this rule (also by ${a.other}); the later assignment wins`,
  } as E<{ path: string; entity: string; other: string }>,
  MW5014: {
    severity: 'error',
    message: (a: { path: string; entity: string }) =>
      `Target field "${a.path}" on ${a.entity} is filled by the engine (id, entity type, provenance) and cannot be mapped`,
  } as E<{ path: string; entity: string }>,
  // --- types and cardinality -----------------------------------------------------------------
  MW5020: {
    severity: 'error',
    message: (a: { from: string; to: string; path: string }) => `${an(a.from)} ${a.from} value cannot go into ${a.path} (${a.to})`,
  } as E<{ from: string; to: string; path: string }>,
  MW5021: {
    severity: 'warning',
    message: (a: { from: string; to: string; path: string; fn: string }) =>
      `${an(a.from)} ${a.from} value goes into ${a.path} (${a.to}) without a conversion; use ${a.fn}`,
  } as E<{ from: string; to: string; path: string; fn: string }>,
  MW5022: {
    severity: 'error',
    message: (a: { fn: string; param: string; from: string; to: string }) =>
      `Argument "${a.param}" of ${a.fn} expects ${a.to} but gets ${a.from}`,
  } as E<{ fn: string; param: string; from: string; to: string }>,
  MW5030: {
    severity: 'warning',
    message: (a: { source: string; path: string }) =>
      `${a.source} can have many values but ${a.path} holds one`,
    hint: 'Wrap it in an aggregate (first, last, join or count), or loop over the collection with forEach.',
  } as E<{ source: string; path: string }>,
  MW5031: {
    severity: 'info',
    message: (a: { op: string }) => `The ${a.op} aggregate has a single-valued input, so it does nothing`,
  } as E<{ op: string }>,
  // --- coverage --------------------------------------------------------------------------------
  MW5040: {
    severity: 'error',
    message: (a: { path: string; entity: string; rule: string }) =>
      `Required field "${a.path}" of ${a.entity} is not mapped by rule ${a.rule}`,
    hint: 'Map a source field, a constant or a default to it; records without it fail validation.',
  } as E<{ path: string; entity: string; rule: string }>,
  // --- value maps ------------------------------------------------------------------------------
  MW5050: {
    severity: 'warning',
    message: (a: { valueMap: string; values: string; count: number; policy: string }) =>
      `Value map "${a.valueMap}" has no entry for ${a.values} seen in the samples (${a.count} occurrence${a.count === 1 ? '' : 's'}; ${a.policy})`,
    hint: 'Add entries for these values, or choose an unmapped policy that suits them.',
  } as E<{ valueMap: string; values: string; count: number; policy: string }>,
  MW5051: {
    severity: 'error',
    message: (a: { valueMap: string; code: string; scheme: string; suggestion?: string }) =>
      `Value map "${a.valueMap}" maps to "${a.code}", which is not a code of ${a.scheme}${a.suggestion ? `; did you mean "${a.suggestion}"?` : ''}`,
  } as E<{ valueMap: string; code: string; scheme: string; suggestion?: string }>,
  MW5052: {
    severity: 'error',
    message: (a: { valueMap: string; from: string }) => `Value map "${a.valueMap}" has more than one entry for "${a.from}"`,
    hint: 'Only the first entry would ever be used; remove or merge the duplicates.',
  } as E<{ valueMap: string; from: string }>,
  MW5053: {
    severity: 'error',
    message: (a: { valueMap: string; suggestion?: string }) =>
      `Unknown value map "${a.valueMap}"${a.suggestion ? `; did you mean "${a.suggestion}"?` : ''}`,
  } as E<{ valueMap: string; suggestion?: string }>,
  MW5054: {
    severity: 'error',
    message: (a: { scheme: string; model: string }) => `Unknown code list "${a.scheme}" in model ${a.model}`,
  } as E<{ scheme: string; model: string }>,
  MW5055: {
    severity: 'error',
    message: (a: { crosswalk: string; model: string }) => `Unknown crosswalk "${a.crosswalk}" in model ${a.model}`,
  } as E<{ crosswalk: string; model: string }>,
  MW5056: {
    severity: 'info',
    message: (a: { valueMap: string }) => `Value map "${a.valueMap}" is not used by any rule`,
  } as E<{ valueMap: string }>,
  MW5057: {
    severity: 'warning',
    message: (a: { valueMap: string; scheme: string; path: string; fieldScheme: string }) =>
      `Value map "${a.valueMap}" produces ${a.scheme} codes but ${a.path} takes ${a.fieldScheme}`,
  } as E<{ valueMap: string; scheme: string; path: string; fieldScheme: string }>,
  MW5058: {
    severity: 'error',
    message: (a: { valueMap: string; output: string; path: string; expected: string }) =>
      `Value map "${a.valueMap}" outputs ${a.output} but ${a.path} expects ${a.expected}`,
    hint: 'Set the value map output to "coded" for Coded target fields, or "code" for plain code strings.',
  } as E<{ valueMap: string; output: string; path: string; expected: string }>,
  MW5059: {
    severity: 'error',
    message: (a: { code: string; scheme: string; path: string; suggestion?: string }) =>
      `"${a.code}" is not a code of ${a.scheme} (set as ${a.path})${a.suggestion ? `; did you mean "${a.suggestion}"?` : ''}`,
  } as E<{ code: string; scheme: string; path: string; suggestion?: string }>,
  MW5062: {
    severity: 'error',
    message: (a: { path: string; fieldScheme: string; scheme: string }) => `${a.path} takes ${a.fieldScheme} codes, but the value names the scheme "${a.scheme}"`,
  } as E<{ path: string; fieldScheme: string; scheme: string }>,
  // --- functions and expressions ---------------------------------------------------------------
  MW5060: {
    severity: 'error',
    message: (a: { fn: string; suggestion?: string }) =>
      `Unknown function "${a.fn}"${a.suggestion ? `; did you mean "${a.suggestion}"?` : ''}`,
  } as E<{ fn: string; suggestion?: string }>,
  MW5061: {
    severity: 'error',
    message: (a: { fn: string; expected: string; got: number }) =>
      `${a.fn} takes ${a.expected} argument${a.expected === '1' ? '' : 's'} but is given ${a.got}`,
  } as E<{ fn: string; expected: string; got: number }>,
  // --- rules, links, parents -------------------------------------------------------------------
  MW5070: {
    severity: 'error',
    message: (a: { end: string; rule: string; suggestion?: string }) =>
      `Link ${a.end} "${a.rule}" is not an entity rule${a.suggestion ? `; did you mean "${a.suggestion}"?` : ''}`,
  } as E<{ end: string; rule: string; suggestion?: string }>,
  MW5071: {
    severity: 'error',
    message: (a: { end: string; rule: string; ruleLoop: string; linkLoop: string }) =>
      `Link ${a.end} rule "${a.rule}" creates its entities in ${a.ruleLoop}, which the link (in ${a.linkLoop}) cannot reach`,
    hint: 'A link connects entities created in the same loop iteration or an enclosing one: give the link the same forEach/parent as the deeper rule.',
  } as E<{ end: string; rule: string; ruleLoop: string; linkLoop: string }>,
  MW5072: {
    severity: 'error',
    message: (a: { role: string; suggestion?: string }) =>
      `Link role "${a.role}" is not a LINK_ROLE code${a.suggestion ? `; did you mean "${a.suggestion}"?` : ''}`,
  } as E<{ role: string; suggestion?: string }>,
  MW5080: {
    severity: 'error',
    message: (a: { parent: string; suggestion?: string }) =>
      `Parent "${a.parent}" is not an entity rule${a.suggestion ? `; did you mean "${a.suggestion}"?` : ''}`,
  } as E<{ parent: string; suggestion?: string }>,
  MW5081: {
    severity: 'error',
    message: (a: { chain: string }) => `The parent chain loops back on itself: ${a.chain}`,
  } as E<{ chain: string }>,
  MW5090: {
    severity: 'warning',
    message: (a: { what: string }) => `${a.what} never runs: its condition is always false`,
  } as E<{ what: string }>,
  MW5091: {
    severity: 'warning',
    message: (a: { what: string }) => `${a.what} is never reached: an earlier branch is always true`,
  } as E<{ what: string }>,
  // --- joins and filters -------------------------------------------------------------------------
  MW5100: {
    severity: 'warning',
    message: (a: { join: string; total: number; foreignTotal: number }) =>
      `Join "${a.join}": none of the ${a.total} sample records matches any of the ${a.foreignTotal} joined rows`,
    hint: 'Check that both key values are normalised the same way (case, spaces, leading zeros).',
  } as E<{ join: string; total: number; foreignTotal: number }>,
  MW5103: {
    severity: 'info',
    message: (a: { join: string; unmatched: number; total: number; foreignUnmatched: number; foreignTotal: number }) =>
      `Join "${a.join}": ${a.unmatched} of ${a.total} sample records have no joined rows, and ${a.foreignUnmatched} of ${a.foreignTotal} joined rows match no record (they are never read)`,
  } as E<{ join: string; unmatched: number; total: number; foreignUnmatched: number; foreignTotal: number }>,
  MW5101: {
    severity: 'error',
    message: (a: { source: string }) => `Join source "${a.source}" is not a secondary source of this mapping`,
  } as E<{ source: string }>,
  MW5102: {
    severity: 'error',
    message: (a: { as: string }) => `Join name "${a.as}" clashes with a field of the primary record`,
    hint: 'Choose a join name the primary record does not use.',
  } as E<{ as: string }>,
  MW5104: {
    severity: 'error',
    message: (a: { path: string; source: string; suggestion?: string }) =>
      `Join key "${a.path}" is not a field of ${a.source}${a.suggestion ? `; did you mean "${a.suggestion}"?` : ''}`,
  } as E<{ path: string; source: string; suggestion?: string }>,
  MW5110: {
    severity: 'warning',
    message: (a: { reason: string; total: number }) =>
      `Filter "${a.reason}" rejects all ${a.total} sample records`,
    hint: 'A filter keeps the records for which its condition is true.',
  } as E<{ reason: string; total: number }>,
  MW5111: {
    severity: 'warning',
    message: (a: { reason: string }) => `Filter "${a.reason}" rejects every record: its condition is always false`,
  } as E<{ reason: string }>,
  // --- document ------------------------------------------------------------------------------------
  MW5120: {
    severity: 'error',
    message: (a: { id: string; first: string }) => `Id "${a.id}" is used more than once (first at ${a.first})`,
    hint: 'Ids are created once and never reused; give this item a fresh id.',
  } as E<{ id: string; first: string }>,
  MW5121: {
    severity: 'warning',
    message: (a: { entity: string; field: string }) =>
      `keepUnmapped is set but ${a.entity} has no "${a.field}" field to keep unmapped source fields in`,
  } as E<{ entity: string; field: string }>,
});

/**
 * MW88xx: project folders as the `check` and `test` commands read them (manifest, samples, test
 * cases). Kept in the CLI block's top range so the CLI's own codes (MW80xx–MW87xx) stay free.
 */
export const PROJECT = defineCodes({
  MW8801: {
    severity: 'error',
    message: (a: { path: string; detail: string }) => `Cannot read ${a.path}: ${a.detail}`,
  } as E<{ path: string; detail: string }>,
  MW8802: {
    severity: 'error',
    message: (a: { detail: string }) => `The project file is not valid: ${a.detail}`,
    hint: 'A project file is { "format": "mapwright.project", "formatVersion": 1, "id", "name", "mapping", "samples", "tests" }.',
  } as E<{ detail: string }>,
  MW8803: {
    severity: 'warning',
    message: (a: { source: string }) => `Sample file is listed for source "${a.source}", which the mapping does not declare`,
  } as E<{ source: string }>,
  MW8804: {
    severity: 'error',
    message: (a: { detail: string }) => `The test case is not valid: ${a.detail}`,
    hint: 'A test case is { "id", "name", "input", "joined"?, "expected": { "output" } | { "reject": { "code" } } }.',
  } as E<{ detail: string }>,
});
