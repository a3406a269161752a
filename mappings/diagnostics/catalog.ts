import type { Diagnostic, Location, Severity } from './diagnostic';

/**
 * The error catalogue. Each area owns a block of codes in its own `codes.ts` and registers it here,
 * so codes stay unique and `docs/` can list every message (see `allCodes()`):
 *
 * | block  | area                                             |
 * |--------|--------------------------------------------------|
 * | MW1xxx | schema import and streaming readers              |
 * | MW2xxx | target models, code lists, crosswalks            |
 * | MW3xxx | mapping document (format, migration, schema)     |
 * | MW4xxx | expression language (syntax, sandbox, types)     |
 * | MW5xxx | checker (fields, types, cardinality, coverage)   |
 * | MW6xxx | runtime (rejects, validation)                    |
 * | MW7xxx | bundles (integrity, signatures, runner)          |
 * | MW8xxx | CLI and project folders                          |
 */

export interface CatalogEntry<A = Record<string, unknown>> {
  severity: Severity;
  /** Builds the user-facing message from named arguments. */
  message: (args: A) => string;
  hint?: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyEntry = CatalogEntry<any>;

const registry = new Map<string, AnyEntry>();

/** Registers a block of codes; throws on a duplicate so clashes are caught by the first test. */
export function defineCodes<T extends Record<string, AnyEntry>>(codes: T): T {
  for (const [code, entry] of Object.entries(codes)) {
    if (!/^MW\d{4}$/.test(code)) throw new Error(`Bad diagnostic code ${code}`);
    if (registry.has(code) && registry.get(code) !== entry) throw new Error(`Duplicate diagnostic code ${code}`);
    registry.set(code, entry);
  }
  return codes;
}

/**
 * Builds a diagnostic from a registered code.
 * @example diag(IMPORT.MW1001, { expected: '"' }, { file: 'a.csv', line: 3, column: 7 })
 */
export function diag<A>(
  entry: CatalogEntry<A> & { code?: never },
  args: A,
  location: Location,
  severity?: Severity,
): Diagnostic {
  const code = codeOf(entry);
  return { code, severity: severity ?? entry.severity, message: entry.message(args), location, ...(entry.hint ? { hint: entry.hint } : {}) };
}

function codeOf(entry: AnyEntry): string {
  for (const [code, e] of registry) if (e === entry) return code;
  throw new Error('Diagnostic entry was not registered with defineCodes');
}

/** Every registered code (for docs and uniqueness tests). */
export function allCodes(): { code: string; severity: Severity; hint?: string }[] {
  return [...registry.entries()]
    .map(([code, e]) => ({ code, severity: e.severity, ...(e.hint ? { hint: e.hint } : {}) }))
    .sort((a, b) => a.code.localeCompare(b.code));
}
