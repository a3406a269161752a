/**
 * Reader problems in a sample's text as editor markers: the same readers (mappings/io) that
 * preview and `mapwright run` use, so a marker here is a reject there.
 *
 * Runs on the UI thread, debounced, over at most {@link VALIDATE_LIMIT} characters: the readers
 * parse a few MB a second, so 256 K keeps each pass well under a frame budget's worth of jank
 * while typing, without a worker (Monaco's worker cannot host the engine's readers).
 */
import type { Diagnostic } from '../../../../mappings/diagnostics/diagnostic';
import { createRecordParser, type ReaderOptions } from '../../../../mappings/io/index';
import { detectXmlRecordPath } from '../../../../mappings/schema/index';
import type { SampleFormat } from './import-plan';

/** Characters of a sample checked as you type. */
export const VALIDATE_LIMIT = 256 * 1024;
/** Markers shown at most (the editor slows down with thousands of decorations). */
export const MAX_MARKERS = 200;

export interface SampleMarker {
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
  /** 1-based, as Monaco wants them. */
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  record?: number;
}

export interface SampleCheck {
  markers: SampleMarker[];
  /** Records read (in the checked part). */
  records: number;
  rejected: number;
  /** Only the first {@link VALIDATE_LIMIT} characters were checked. */
  truncated: boolean;
  /** Line the check stopped before, when truncated. */
  checkedLines: number;
}

/** Lines of `text`, for clamping marker positions. */
function lineLengths(text: string): number[] {
  return text.split('\n').map((l) => (l.endsWith('\r') ? l.length - 1 : l.length));
}

/**
 * Reads `text` as `format` and turns every reader problem into a marker at its line and column.
 * @example checkSample('a,b\n1\n', 'csv').markers[0] // MW1003 at line 2
 */
export function checkSample(text: string, format: SampleFormat, opts: { file?: string; recordPath?: string; limit?: number } = {}): SampleCheck {
  const limit = opts.limit ?? VALIDATE_LIMIT;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let part = body;
  let truncated = false;
  if (body.length > limit) {
    truncated = true;
    // Cut at a line end so the last checked record is whole (for line-based formats at least).
    const cut = body.lastIndexOf('\n', limit);
    part = body.slice(0, cut > 0 ? cut + 1 : limit);
  }
  const lengths = lineLengths(part);
  const checkedLines = truncated ? lengths.length - 1 : lengths.length;
  const diagnostics: Diagnostic[] = [];
  const options: ReaderOptions = {
    format,
    ...(opts.file ? { file: opts.file } : {}),
    onDiagnostic: (d) => diagnostics.push(d),
    ...(format === 'xml' ? { recordPath: opts.recordPath || detectXmlRecordPath(part.slice(0, 65536)) } : {}),
  };
  let records = 0;
  let rejected = 0;
  try {
    const parser = createRecordParser(options);
    for (const r of [...parser.push(part), ...parser.end()]) {
      records++;
      if ('error' in r) {
        rejected++;
        diagnostics.push(r.error);
      }
    }
  } catch (e) {
    // Invalid reader options (a malformed record path): one marker on the first line says why.
    const d = (e as { diagnostic?: Diagnostic }).diagnostic;
    diagnostics.push(d ?? { code: 'MW1092', severity: 'error', message: (e as Error).message, location: { line: 1 } });
  }
  const markers: SampleMarker[] = [];
  for (const d of diagnostics) {
    const line = d.location.line ?? 1;
    // A truncated JSON/XML document "ends early" at the cut: that is ours, not the sample's.
    if (truncated && line >= checkedLines) continue;
    if (markers.length >= MAX_MARKERS) break;
    const startLine = Math.min(Math.max(1, line), lengths.length);
    const lineLen = lengths[startLine - 1] ?? 0;
    const startColumn = Math.min(Math.max(1, d.location.column ?? 1), lineLen + 1);
    let endLine = d.location.endLine ?? startLine;
    // Without an end, underline from the position to the end of its line: a one-character squiggle
    // under a stray quote is easy to miss, and the rest of the line is what the reader gave up on.
    let endColumn = d.location.endColumn ?? lineLen + 1;
    if (endLine < startLine || (endLine === startLine && endColumn <= startColumn)) {
      endLine = startLine;
      endColumn = lineLen + 1;
    }
    markers.push({
      severity: d.severity,
      code: d.code,
      message: d.hint ? `${d.message}. ${d.hint}.` : d.message,
      startLine,
      startColumn,
      endLine: Math.min(endLine, lengths.length),
      endColumn: Math.max(endColumn, startColumn + 1),
      ...(d.location.record !== undefined ? { record: d.location.record } : {}),
    });
  }
  return { markers, records, rejected, truncated, checkedLines };
}

/** Monaco language id for a sample format (the JSON language service would flag NDJSON). */
export function languageFor(format: SampleFormat): string {
  return format === 'xml' ? 'xml' : format === 'json' || format === 'ndjson' ? 'mapwright-json' : 'plaintext';
}
