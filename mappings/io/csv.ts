/**
 * CSV/TSV reading.
 *
 * Why this tokenizer is hand-written rather than csv-parse: csv-parse's type declarations pull
 * `@types/node` into the pure domain program (`/// <reference types="node" />`), its browser build
 * ships Buffer and stream polyfills, its errors carry a line but no column, and with
 * `skip_records_with_error` it cannot resynchronise after a bad quote (the following good rows are
 * swallowed). The RFC 4180 state machine is small; csv-parse remains the oracle the property tests
 * compare this tokenizer against.
 */
import type { Diagnostic, Location } from '../diagnostics/diagnostic';
import { diag } from '../diagnostics/catalog';
import { READ } from './codes';
import type { RecordParser, SourceRecord } from './types';

const LF = 10;
const CR = 13;
/** Tokenizer states. */
const S = { FieldStart: 0, Unquoted: 1, Quoted: 2, QuoteInQuoted: 3, SkipLine: 4 } as const;
type State = (typeof S)[keyof typeof S];

/** One physical row (possibly spanning lines through quoted newlines). */
export interface CsvRow {
  fields: string[];
  /** 1-based line where the row starts. */
  line: number;
  error?: Diagnostic;
}

export interface CsvTokenizerOptions {
  delimiter: string;
  quote?: string;
  file?: string;
  /** Longest field accepted (default 16 MiB), so an unterminated quote cannot swallow a whole file into memory. */
  maxFieldLength?: number;
}

/**
 * Incremental CSV tokenizer: feed text in any pieces, get complete rows. Blank lines are skipped.
 * A malformed row becomes a row with `error` and tokenizing resumes at the next line.
 */
export function createCsvTokenizer(options: CsvTokenizerOptions): { push(text: string): CsvRow[]; end(): CsvRow[] } {
  const { file } = options;
  const delim = options.delimiter;
  const quoteChar = options.quote ?? '"';
  checkDialect(delim, quoteChar);
  const maxField = options.maxFieldLength ?? 16 * 1024 * 1024;
  const D = delim.charCodeAt(0);
  const Q = quoteChar.charCodeAt(0);

  let state: State = S.FieldStart;
  let fields: string[] = [];
  let field = '';
  let rowLine = 1;
  let rowStarted = false;
  let line = 1;
  let col = 1;
  let prevCR = false;
  let quoteLine = 0;
  let quoteCol = 0;
  let rowError: Diagnostic | undefined;
  let out: CsvRow[] = [];

  const loc = (l: number, c: number): Location => ({ ...(file ? { file } : {}), line: l, column: c });
  const finishRow = () => {
    if (rowError) out.push({ fields, line: rowLine, error: rowError });
    else if (rowStarted) out.push({ fields, line: rowLine });
    fields = [];
    field = '';
    rowError = undefined;
    rowStarted = false;
    state = S.FieldStart;
  };

  function push(text: string): CsvRow[] {
    out = [];
    const n = text.length;
    let runStart = -1; // start of a pending slice of field characters inside `text`
    const flushRun = (i: number) => {
      if (runStart >= 0) {
        field += text.slice(runStart, i);
        runStart = -1;
      }
    };
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      const cLine = line;
      const cCol = col;
      // line/column bookkeeping: CRLF counts once, a lone CR is a line break too
      if (c === LF) {
        if (!prevCR) line++;
        col = 1;
      } else if (c === CR) {
        line++;
        col = 1;
      } else col++;
      const afterCR = prevCR;
      prevCR = c === CR;
      const newline = c === LF || c === CR;
      if (!rowStarted && !newline) {
        rowStarted = true;
        rowLine = cLine;
      }
      switch (state) {
        case S.FieldStart:
          if (c === Q) {
            state = S.Quoted;
            quoteLine = cLine;
            quoteCol = cCol;
          } else if (c === D) {
            fields.push('');
            rowStarted = true;
          } else if (newline) {
            if (c === LF && afterCR && !rowStarted) break; // second half of CRLF after a row ended
            if (rowStarted) {
              fields.push('');
              finishRow();
            }
          } else {
            state = S.Unquoted;
            runStart = i;
          }
          break;
        case S.Unquoted:
          if (c === D) {
            flushRun(i);
            fields.push(field);
            field = '';
            state = S.FieldStart;
          } else if (newline) {
            flushRun(i);
            fields.push(field);
            finishRow();
          } else if (runStart < 0) runStart = i;
          // a quote inside an unquoted field is kept literally (e.g. `5" screen`), as most tools do
          break;
        case S.Quoted:
          if (c === Q) {
            flushRun(i);
            state = S.QuoteInQuoted;
          } else if (runStart < 0) runStart = i;
          break;
        case S.QuoteInQuoted:
          if (c === Q) {
            field += quoteChar;
            state = S.Quoted;
          } else if (c === D) {
            fields.push(field);
            field = '';
            state = S.FieldStart;
          } else if (newline) {
            fields.push(field);
            finishRow();
          } else {
            rowError = diag(READ.MW1002, { quote: quoteChar, found: JSON.stringify(text[i]) }, loc(cLine, cCol));
            state = S.SkipLine;
          }
          break;
        case S.SkipLine:
          if (newline) finishRow();
          break;
      }
    }
    if (state === S.Unquoted || state === S.Quoted) flushRun(n);
    if (field.length > maxField && (state === S.Unquoted || state === S.Quoted)) {
      const at = state === S.Quoted ? loc(quoteLine, quoteCol) : loc(rowLine, 1);
      rowError = diag(READ.MW1007, { max: maxField, line: at.line!, column: at.column! }, at);
      field = '';
      state = S.SkipLine;
    }
    return out;
  }

  function end(): CsvRow[] {
    out = [];
    if (state === S.Quoted) {
      rowError = diag(READ.MW1001, { quote: quoteChar, line: quoteLine, column: quoteCol }, loc(quoteLine, quoteCol));
      finishRow();
    } else if (rowStarted || state !== S.FieldStart) {
      if (state !== S.SkipLine) fields.push(field);
      finishRow();
    }
    return out;
  }

  return { push, end };
}

function checkDialect(delim: string, quoteChar: string): void {
  if (delim.length !== 1 || quoteChar.length !== 1 || delim === quoteChar || /[\r\n]/.test(delim + quoteChar)) {
    throw new Error(`CSV delimiter and quote must be two different single characters (got ${JSON.stringify(delim)} and ${JSON.stringify(quoteChar)})`);
  }
}

/** Detected CSV dialect. */
export interface CsvDialect {
  delimiter: string;
  quote: string;
  bom: boolean;
  lineEnding: '\n' | '\r\n';
}

const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'];

/**
 * Detects delimiter, quote, BOM and line ending from the start of a file: the delimiter that splits
 * the first rows into the same number (> 1) of fields most consistently wins; ties go to the
 * larger field count, then to the order `,` `;` tab `|`.
 */
export function sniffCsvDialect(sample: string): CsvDialect {
  const bom = sample.charCodeAt(0) === 0xfeff;
  // the first 64 KiB decide; tokenizing a whole large input four times would be wasted work
  const text = sample.slice(bom ? 1 : 0, 65536);
  const crlf = /\r\n/.test(text.slice(0, text.search(/\n|$/) + 1));
  const quote = detectQuote(text);
  let best = { delimiter: ',', score: -1, count: 0 };
  for (const delimiter of CANDIDATE_DELIMITERS) {
    const tok = createCsvTokenizer({ delimiter, quote });
    // only whole rows count: the sample may end mid-row
    const rows = tok.push(text).filter((r) => !r.error).slice(0, 50);
    if (rows.length === 0) continue;
    const counts = new Map<number, number>();
    for (const r of rows) counts.set(r.fields.length, (counts.get(r.fields.length) ?? 0) + 1);
    let modeCount = 0;
    let mode = 1;
    for (const [k, v] of counts) if (v > modeCount || (v === modeCount && k > mode)) [mode, modeCount] = [k, v];
    if (mode < 2) continue;
    const score = modeCount / rows.length;
    if (score > best.score || (score === best.score && mode > best.count)) best = { delimiter, score, count: mode };
  }
  return { delimiter: best.delimiter, quote, bom, lineEnding: crlf ? '\r\n' : '\n' };
}

function detectQuote(text: string): string {
  // a quote char that opens fields (after a delimiter or line start) and closes them
  const head = text.slice(0, 65536);
  const count = (q: string) => (head.match(new RegExp(`(^|[,;\\t|\\n])${q}[^${q}]*${q}(?=[,;\\t|\\r\\n]|$)`, 'g')) ?? []).length;
  const dbl = count('"');
  const sgl = count("'");
  return sgl > dbl ? "'" : '"';
}

export interface CsvParserOptions {
  delimiter?: string;
  quote?: string;
  header?: boolean;
  file?: string;
  onDiagnostic?: (d: Diagnostic) => void;
  /** Called once with the (de-duplicated) header names and the header's line. */
  onHeader?: (columns: string[], line: number) => void;
  /** Dialect detection reads this many characters before the first row is tokenized. */
  sniffSize?: number;
}

/**
 * Makes header names unique and non-empty: `name`, `name_2`, `name_3`…; an empty header becomes
 * `column_N`. Reports each rename as a warning.
 */
export function uniqueHeaders(raw: readonly string[], report?: (d: Diagnostic) => void, at?: Location): string[] {
  const used = new Set<string>();
  const out: string[] = [];
  raw.forEach((h, i) => {
    let name = h.trim();
    if (!name) {
      name = `column_${i + 1}`;
      report?.(diag(READ.MW1005, { column: i + 1, renamed: name }, { ...at }));
    }
    if (used.has(name)) {
      let k = 2;
      while (used.has(`${name}_${k}`)) k++;
      const renamed = `${name}_${k}`;
      report?.(diag(READ.MW1004, { name, renamed, column: i + 1 }, { ...at }));
      name = renamed;
    }
    used.add(name);
    out.push(name);
  });
  return out;
}

/**
 * Record parser for CSV/TSV: rows become objects keyed by header; empty strings are absent; a row
 * with the wrong number of fields is an error record.
 */
export function createCsvParser(options: CsvParserOptions): RecordParser {
  const file = options.file;
  const header = options.header ?? true;
  const sniffSize = options.sniffSize ?? 65536;
  let tokenizer: ReturnType<typeof createCsvTokenizer> | undefined;
  let pending = '';
  let columns: string[] | undefined;
  let recordNo = 0;
  if (options.delimiter !== undefined || options.quote !== undefined) checkDialect(options.delimiter ?? ',', options.quote ?? '"');

  const ensureTokenizer = (sample: string) => {
    const sniffed = options.delimiter && options.quote ? undefined : sniffCsvDialect(sample);
    const delimiter = options.delimiter ?? sniffed!.delimiter;
    const quote = options.quote ?? (options.delimiter ? '"' : sniffed!.quote);
    tokenizer = createCsvTokenizer({ delimiter, quote, file });
  };

  const toRecords = (rows: CsvRow[]): SourceRecord[] => {
    const out: SourceRecord[] = [];
    for (const row of rows) {
      if (header && !columns) {
        if (row.error) {
          out.push({ record: ++recordNo, line: row.line, error: row.error });
          continue;
        }
        columns = uniqueHeaders(row.fields, options.onDiagnostic, { ...(file ? { file } : {}), line: row.line });
        options.onHeader?.(columns, row.line);
        continue;
      }
      const record = ++recordNo;
      if (row.error) {
        out.push({ record, line: row.line, error: { ...row.error, location: { ...row.error.location, record } } });
        continue;
      }
      const cols = columns ?? row.fields.map((_, i) => `column_${i + 1}`);
      if (columns && row.fields.length !== columns.length) {
        out.push({
          record,
          line: row.line,
          error: diag(READ.MW1003, { expected: columns.length, found: row.fields.length }, { ...(file ? { file } : {}), line: row.line, column: 1, record }),
        });
        continue;
      }
      const value: Record<string, string> = {};
      for (let i = 0; i < row.fields.length; i++) if (row.fields[i] !== '') value[cols[i]] = row.fields[i];
      out.push({ record, line: row.line, value });
    }
    return out;
  };

  return {
    push(text) {
      if (!tokenizer) {
        pending += text;
        if (pending.length < sniffSize) return [];
        ensureTokenizer(pending);
        const t = pending;
        pending = '';
        return toRecords(tokenizer!.push(t));
      }
      return toRecords(tokenizer.push(text));
    },
    end() {
      if (!tokenizer) {
        ensureTokenizer(pending);
        const rows = tokenizer!.push(pending);
        pending = '';
        return toRecords([...rows, ...tokenizer!.end()]);
      }
      return toRecords(tokenizer.end());
    },
  };
}

/** Writes one CSV row, quoting fields that need it (used by `mapwright sample --format csv`, tests). */
export function formatCsvRow(fields: readonly string[], delimiter = ',', quote = '"'): string {
  return fields
    .map((f) => (f.includes(delimiter) || f.includes(quote) || f.includes('\n') || f.includes('\r') || /^\s|\s$/.test(f) ? quote + f.split(quote).join(quote + quote) + quote : f))
    .join(delimiter);
}
