import { MappingError, type Diagnostic } from '../diagnostics/diagnostic';
import { diag } from '../diagnostics/catalog';
import { READ } from './codes';

/**
 * The subset of WHATWG `TextDecoder` the readers use. Node and browsers both provide it globally,
 * but this folder compiles without DOM or Node types, so it is reached through `globalThis`.
 */
interface StreamingDecoder {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
type DecoderCtor = new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => StreamingDecoder;

/**
 * Returns a function that turns byte chunks into text, carrying incomplete multi-byte sequences over
 * to the next chunk. Strings pass through (a leading BOM is dropped either way).
 */
export function createChunkDecoder(
  encoding = 'utf-8',
  file?: string,
  onDiagnostic?: (d: Diagnostic) => void,
): { decode(chunk: string | Uint8Array): string; flush(): string } {
  const Ctor = (globalThis as unknown as { TextDecoder: DecoderCtor }).TextDecoder;
  let decoder: StreamingDecoder;
  try {
    decoder = new Ctor(encoding);
  } catch {
    throw new MappingError(diag(READ.MW1091, { encoding }, { file }));
  }
  let first = true;
  const stripBom = (s: string): string => {
    if (!first || s.length === 0) return s;
    first = false;
    return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
  };
  // lines decoded so far, so the one warning about undecodable bytes can say where they start
  let lines = 1;
  let warned = false;
  const track = (text: string, fromBytes: boolean): string => {
    if (!warned && fromBytes) {
      const bad = text.indexOf('\ufffd');
      if (bad >= 0) {
        warned = true;
        onDiagnostic?.(diag(READ.MW1093, { encoding }, { ...(file ? { file } : {}), line: lines + countLines(text, bad) }));
      }
    }
    if (!warned) lines += countLines(text, text.length);
    return text;
  };
  return {
    decode: (chunk) => stripBom(typeof chunk === 'string' ? chunk : track(decoder.decode(chunk, { stream: true }), true)),
    flush: () => stripBom(track(decoder.decode(), true)),
  };
}

function countLines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
