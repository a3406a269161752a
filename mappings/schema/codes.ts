import { defineCodes, type CatalogEntry } from '../diagnostics/catalog';

const e = <A>(message: (a: A) => string, hint?: string): CatalogEntry<A> => ({ severity: 'error', message, ...(hint ? { hint } : {}) });
const w = <A>(message: (a: A) => string, hint?: string): CatalogEntry<A> => ({ severity: 'warning', message, ...(hint ? { hint } : {}) });

/**
 * MW12xx — schema inference from samples; MW13xx — XSD import; MW14xx — format selection and
 * JSON Schema hand-off.
 */
export const SCHEMA = defineCodes({
  MW1201: w<{ field: string; kinds: string }>((a) => `Field ${a.field} has mixed types (${a.kinds}); typed as any`),
  MW1202: w<{ field: string; agreed: number; seen: number; type: string; example: string }>(
    (a) => `Field ${a.field}: ${a.agreed} of ${a.seen} values are ${a.type}; typed as string (e.g. ${a.example})`,
  ),
  MW1203: w<{ max: number }>((a) => `Nesting deeper than ${a.max} levels is typed as any`, 'Map the deep part as a whole value'),
  MW1204: w<Record<string, never>>(() => 'The sample has no records; the field tree is empty'),
  MW1205: e<{ found: string }>((a) => `Expected a JSON object or an array of objects at the top level, found ${a.found}`),
  MW1206: { severity: 'info', message: (a: { count: number }) => `${a.count} more rejected records are not listed` } as CatalogEntry<{ count: number }>,
  MW1301: e<{ message: string }>((a) => `Invalid XSD: ${a.message}`),
  MW1302: e<{ kind: string; name: string }>((a) => `Unresolved XSD reference: ${a.kind} "${a.name}" is not defined in the given files`),
  MW1303: e<{ file: string }>((a) => `XSD include/import of "${a.file}" is not among the given files`, 'Import the referenced schema file too'),
  MW1304: w<{ name: string }>((a) => `Recursive XSD type "${a.name}": the recursion is cut at its second occurrence`),
  MW1305: e<Record<string, never>>(() => 'The XSD declares no global element'),
  MW1306: e<{ name: string; available: string }>((a) => `XSD has no global element "${a.name}" (available: ${a.available})`),
  MW1307: w<{ what: string }>((a) => `XSD construct ${a.what} is not supported and was skipped`),
  MW1401: e<{ file: string }>((a) => `Cannot tell the format of "${a.file}" from its extension`, 'Pass --format csv|tsv|json|ndjson|xml|xsd|jsonschema'),
  MW1402: e<{ message: string }>((a) => `JSON Schema import failed: ${a.message}`),
});
