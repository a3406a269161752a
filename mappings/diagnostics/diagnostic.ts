/**
 * One diagnostic shape for every layer (importers, checker, expressions, runtime rejects, bundles).
 * Messages come from the catalogue in `catalog.ts` so the same problem always reads the same way.
 */

export type Severity = 'error' | 'warning' | 'info';

/** Where a problem is. Every field is optional; fill in all that are known. */
export interface Location {
  /** File the problem is in (sample, schema, mapping document, bundle member). */
  file?: string;
  /** 1-based line and column in that file or in an expression's text. */
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** 1-based data record number (after the header for CSV). */
  record?: number;
  /** Source or target field path. */
  field?: string;
  /** Mapping rule id and value-node id inside it. */
  ruleId?: string;
  nodeId?: string;
  /** JSON Pointer into the mapping document (for code view markers). */
  pointer?: string;
}

export interface Diagnostic {
  /** Stable code from the catalogue, e.g. `MW1203`. */
  code: string;
  severity: Severity;
  message: string;
  location: Location;
  /** Optional hint on how to fix it. */
  hint?: string;
}

/** Formats a location as `file:line:column (record 12, field x, rule r-1)`. */
export function formatLocation(loc: Location): string {
  const parts: string[] = [];
  let head = loc.file ?? '';
  if (loc.line !== undefined) head += `${head ? ':' : 'line '}${loc.line}`;
  if (loc.column !== undefined) head += `:${loc.column}`;
  if (head) parts.push(head);
  const extra: string[] = [];
  if (loc.record !== undefined) extra.push(`record ${loc.record}`);
  if (loc.field) extra.push(`field ${loc.field}`);
  if (loc.ruleId) extra.push(`rule ${loc.ruleId}`);
  if (loc.nodeId) extra.push(`node ${loc.nodeId}`);
  if (extra.length) parts.push(parts.length ? `(${extra.join(', ')})` : extra.join(', '));
  return parts.join(' ');
}

/** `error MW1203 persons.csv:3:7: message` — one line for terminals. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = formatLocation(d.location);
  return `${d.severity} ${d.code}${where ? ` ${where}` : ''}: ${d.message}${d.hint ? ` (${d.hint})` : ''}`;
}

/** Thrown by importers/readers for a malformed input; carries a located diagnostic. */
export class MappingError extends Error {
  readonly diagnostic: Diagnostic;
  constructor(diagnostic: Diagnostic) {
    super(formatDiagnostic(diagnostic));
    this.name = 'MappingError';
    this.diagnostic = diagnostic;
  }
}
