import { defineCodes, type CatalogEntry } from '../diagnostics/catalog';

const e = <A>(message: (a: A) => string, hint?: string): CatalogEntry<A> => ({ severity: 'error', message, ...(hint ? { hint } : {}) });
const w = <A>(message: (a: A) => string, hint?: string): CatalogEntry<A> => ({ severity: 'warning', message, ...(hint ? { hint } : {}) });

/**
 * MW10xx — streaming record readers (CSV/TSV, NDJSON, JSON arrays, XML record elements).
 * 100x CSV, 102x JSON/NDJSON, 104x XML, 109x options and decoding.
 */
export const READ = defineCodes({
  MW1001: e<{ quote: string; line: number; column: number }>(
    (a) => `Unterminated quoted field: the quote ${a.quote} opened at line ${a.line}, column ${a.column} is never closed`,
    'Close the quote, or double any quote character inside the field',
  ),
  MW1002: e<{ quote: string; found: string }>(
    (a) => `Expected a delimiter or the end of the line after the closing quote ${a.quote}, found ${a.found}`,
    'Inside a quoted field, write a quote character twice',
  ),
  MW1003: e<{ expected: number; found: number }>(
    (a) => `Row has ${a.found} field${a.found === 1 ? '' : 's'}; the header has ${a.expected}`,
    'Check for an unquoted delimiter inside a value, or a missing delimiter',
  ),
  MW1004: w<{ name: string; renamed: string; column: number }>(
    (a) => `Duplicate header name "${a.name}" in column ${a.column}: read as "${a.renamed}"`,
  ),
  MW1005: w<{ column: number; renamed: string }>((a) => `Header of column ${a.column} is empty: read as "${a.renamed}"`),
  MW1006: e<Record<string, never>>(() => 'The file has no header row', 'Pass --no-header (header: false) to read a file without one'),
  MW1007: e<{ max: number; line: number; column: number }>(
    (a) => `Field starting at line ${a.line}, column ${a.column} is longer than ${a.max} characters; the rest of its line is skipped`,
    'Usually an unterminated quote: check the quote at that position',
  ),
  MW1021: e<{ expected: string; found: string }>((a) => `Invalid JSON: expected ${a.expected}, found ${a.found}`),
  MW1022: e<{ found: string }>((a) => `Expected a JSON array of records, found ${a.found}`),
  MW1023: e<{ found: string }>((a) => `Unexpected ${a.found} after the end of the JSON document`),
  MW1024: e<{ max: number }>((a) => `JSON is nested more than ${a.max} levels deep`),
  MW1025: e<{ what: string; max: number }>((a) => `${a.what} is longer than ${a.max} characters and was skipped`, 'Check the file is really line-delimited JSON / a JSON array'),
  MW1041: e<{ message: string }>((a) => `Malformed XML: ${a.message}`),
  MW1042: e<Record<string, never>>(
    () => 'The XML document declares entities in its DOCTYPE; entity declarations are refused',
    'Entity declarations enable entity-expansion (billion laughs) and external-entity (XXE) attacks; export the file without a DTD',
  ),
  MW1043: w<Record<string, never>>(() => 'The XML DOCTYPE is ignored: external DTDs are never fetched'),
  MW1044: w<{ path: string }>((a) => `No element matched the record path "${a.path}"`, 'Check the record path (e.g. /Export/Record)'),
  MW1045: e<{ max: number }>((a) => `XML record is nested more than ${a.max} elements deep`, 'Choose a deeper record path, or check the export'),
  MW1046: e<{ max: number }>((a) => `XML record holds more than ${a.max} characters of text`, 'Choose a deeper record path'),
  MW1091: e<{ encoding: string }>((a) => `Unsupported text encoding "${a.encoding}"`, 'Use utf-8, utf-16le, windows-1252 or iso-8859-1'),
  MW1093: w<{ encoding: string }>(
    (a) => `The input is not valid ${a.encoding}: undecodable bytes were read as U+FFFD`,
    'Pass the right encoding (e.g. --encoding windows-1252 for files saved by Excel on Windows)',
  ),
  MW1092: e<{ message: string }>((a) => `Invalid reader options: ${a.message}`),
});
