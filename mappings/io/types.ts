import type { Diagnostic } from '../diagnostics/diagnostic';

/** Record-oriented formats the readers understand. */
export type RecordFormat = 'csv' | 'tsv' | 'json' | 'ndjson' | 'xml';

export interface ReaderOptions {
  format: RecordFormat;
  /** File name for diagnostics. */
  file?: string;
  /** CSV/TSV: field delimiter; detected from the start of the input when omitted (csv only). */
  delimiter?: string;
  /** CSV/TSV: quote character (default `"`). */
  quote?: string;
  /** CSV/TSV: whether the first row holds the column names (default true). */
  header?: boolean;
  /**
   * XML: slash-separated element names from the root, e.g. `/Export/Offences/Offence`; `*` matches
   * any one element and a leading `//` matches at any depth (`//Offence`). Default: `/*\/*`
   * (each child of the root element is a record).
   */
  recordPath?: string;
  /** XML: paths (relative to the record, field-tree syntax without `[]`) that are always arrays. */
  repeated?: string[];
  /** Text encoding of byte chunks (default utf-8; any label TextDecoder knows). */
  encoding?: string;
  /** CSV/TSV: called once with the de-duplicated header names and the header's line. */
  onHeader?: (columns: string[], line: number) => void;
  /** Receives warnings that belong to no single record (duplicate headers, ignored DOCTYPE). */
  onDiagnostic?: (d: Diagnostic) => void;
}

/**
 * One record read from a source, or the reason it could not be read. Records come in file order;
 * `record` numbers count data records (after a CSV header) and include error records, so
 * `read = records yielded`. `offset` (NDJSON) is the character offset of the record's line.
 */
export type SourceRecord =
  | { record: number; line: number; offset?: number; value: unknown }
  | { record: number; line: number; offset?: number; error: Diagnostic };

/**
 * Incremental parser behind every format: text goes in piece by piece, finished records come out.
 * `readRecords` and `parseRecords` both drive one, so streaming and whole-text reading agree exactly.
 */
export interface RecordParser {
  push(text: string): SourceRecord[];
  end(): SourceRecord[];
}
