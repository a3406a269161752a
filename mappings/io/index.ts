/**
 * Streaming record readers. Pure over chunk iterables (no file system): `files.node.ts` adapts
 * files. Both entry points drive the same incremental parsers, so a preview and a full run read the
 * same records with the same numbers.
 */
import { MappingError } from '../diagnostics/diagnostic';
import { diag } from '../diagnostics/catalog';
import { READ } from './codes';
import { createCsvParser } from './csv';
import { createChunkDecoder } from './decode';
import { createJsonArrayParser, createNdjsonParser } from './json';
import type { ReaderOptions, RecordParser, SourceRecord } from './types';
import { createXmlParser } from './xml';

export type { ReaderOptions, RecordFormat, RecordParser, SourceRecord } from './types';
export { READ } from './codes';
export { createCsvTokenizer, sniffCsvDialect, uniqueHeaders, formatCsvRow, type CsvDialect, type CsvRow } from './csv';
export { locateJsonError, parseJsonLocated } from './json';
export { createXmlElementParser, xmlElementToValue, withoutMany, DEFAULT_XML_RECORD_PATH, type XmlElement, type XmlRecordEvent } from './xml';

/** Builds the incremental parser for a format. Throws MappingError for invalid options. */
export function createRecordParser(options: ReaderOptions): RecordParser {
  const { file, onDiagnostic } = options;
  switch (options.format) {
    case 'csv':
    case 'tsv':
      try {
        return createCsvParser({
          delimiter: options.delimiter ?? (options.format === 'tsv' ? '\t' : undefined),
          quote: options.quote,
          header: options.header,
          file,
          onDiagnostic,
          onHeader: options.onHeader,
        });
      } catch (e) {
        throw new MappingError(diag(READ.MW1092, { message: (e as Error).message }, { file }));
      }
    case 'ndjson':
      return createNdjsonParser({ file });
    case 'json':
      return createJsonArrayParser({ file });
    case 'xml':
      try {
        return createXmlParser({ recordPath: options.recordPath, repeated: options.repeated, file, onDiagnostic });
      } catch (e) {
        throw new MappingError(diag(READ.MW1092, { message: (e as Error).message }, { file }));
      }
    default:
      throw new MappingError(diag(READ.MW1092, { message: `unknown format "${String((options as { format: unknown }).format)}"` }, { file }));
  }
}

/**
 * Reads records from a stream of text or byte chunks, in file order, holding at most one record
 * (plus one chunk) in memory.
 * @example for await (const r of readRecords(chunks, { format: 'csv', file: 'people.csv' })) …
 */
export async function* readRecords(chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>, options: ReaderOptions): AsyncGenerator<SourceRecord> {
  const decoder = createChunkDecoder(options.encoding, options.file, options.onDiagnostic);
  const parser = createRecordParser(options);
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk);
    if (text) yield* parser.push(text);
  }
  const tail = decoder.flush();
  if (tail) yield* parser.push(tail);
  yield* parser.end();
}

/** Synchronous form for previews and tests: reads every record of `text`. */
export function parseRecords(text: string, options: ReaderOptions): SourceRecord[] {
  const parser = createRecordParser(options);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return [...parser.push(body), ...parser.end()];
}
