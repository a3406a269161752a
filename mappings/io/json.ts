/**
 * JSON and NDJSON reading.
 *
 * Hand-written because no small, pure, well-kept library streams the elements of a top-level JSON
 * array while reporting line and column: a scanner finds element boundaries (tracking only strings
 * and bracket depth, so memory is bounded by the largest element, not the file), the platform's
 * `JSON.parse` builds each element, and `locateJsonError` — a strict, non-recursive validator —
 * turns a failed parse into a located, "expected …" diagnostic.
 */
import type { Diagnostic } from '../diagnostics/diagnostic';
import { diag } from '../diagnostics/catalog';
import { READ } from './codes';
import type { RecordParser, SourceRecord } from './types';

export interface JsonErrorPosition {
  /** 0-based character offset, 1-based line and column in the validated text. */
  offset: number;
  line: number;
  column: number;
  expected: string;
  found: string;
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

function describe(text: string, i: number): string {
  if (i >= text.length) return 'the end of the input';
  const ch = text[i];
  if (/\s/.test(ch)) return ch === '\n' ? 'a line break' : 'whitespace';
  return `"${ch}"`;
}

/**
 * Validates JSON text and returns the first error's position, or undefined when it is valid.
 * Iterative (an explicit stack), so any nesting depth is safe.
 */
export function locateJsonError(text: string): JsonErrorPosition | undefined {
  const n = text.length;
  let i = 0;
  const stack: number[] = []; // 0x7b '{' or 0x5b '['
  const at = (expected: string, pos = i): JsonErrorPosition => {
    let line = 1;
    let lineStart = 0;
    for (let k = 0; k < pos && k < n; k++) {
      if (text.charCodeAt(k) === 0x0a) {
        line++;
        lineStart = k + 1;
      }
    }
    return { offset: pos, line, column: pos - lineStart + 1, expected, found: describe(text, pos) };
  };
  const skipWs = () => {
    while (i < n && WS.has(text.charCodeAt(i))) i++;
  };
  const readString = (): JsonErrorPosition | undefined => {
    i++; // opening quote
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return at('four hex digits after \\u', i + 2);
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return at('an escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)', i + 1);
        continue;
      }
      if (c < 0x20) return at('a closing quote (control characters must be escaped)');
      i++;
    }
    return at('a closing quote');
  };
  const readNumber = (): JsonErrorPosition | undefined => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '-' || m[0] === '') return at('a value');
    i += m[0].length;
    return undefined;
  };
  // state: 0 expect value, 1 after value, 2 expect key (or '}' when first), 3 expect key (after ',')
  let state = 0;
  let first = true;
  skipWs();
  if (i >= n) return at('a value');
  for (;;) {
    skipWs();
    if (state === 0) {
      if (i >= n) return at('a value');
      const c = text.charCodeAt(i);
      if (c === 0x7b) {
        stack.push(c);
        i++;
        state = 2;
        first = true;
        continue;
      }
      if (c === 0x5b) {
        stack.push(c);
        i++;
        skipWs();
        if (text.charCodeAt(i) === 0x5d) {
          stack.pop();
          i++;
          state = 1;
        }
        continue;
      }
      let err: JsonErrorPosition | undefined;
      if (c === 0x22) err = readString();
      else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) err = readNumber();
      else if (text.startsWith('true', i)) i += 4;
      else if (text.startsWith('false', i)) i += 5;
      else if (text.startsWith('null', i)) i += 4;
      else return at('a value (object, array, string, number, true, false or null)');
      if (err) return err;
      state = 1;
      continue;
    }
    if (state === 1) {
      if (stack.length === 0) {
        if (i < n) return at('the end of the input');
        return undefined;
      }
      const top = stack[stack.length - 1];
      const c = text.charCodeAt(i);
      if (c === 0x2c) {
        i++;
        state = top === 0x7b ? 3 : 0;
        continue;
      }
      if ((top === 0x7b && c === 0x7d) || (top === 0x5b && c === 0x5d)) {
        stack.pop();
        i++;
        continue;
      }
      return at(top === 0x7b ? '"," or "}"' : '"," or "]"');
    }
    // expecting a key
    const c = text.charCodeAt(i);
    if (state === 2 && first && c === 0x7d) {
      stack.pop();
      i++;
      state = 1;
      continue;
    }
    first = false;
    if (c !== 0x22) return at(state === 2 ? 'a property name in double quotes or "}"' : 'a property name in double quotes');
    const err = readString();
    if (err) return err;
    skipWs();
    if (text.charCodeAt(i) !== 0x3a) return at('":"');
    i++;
    state = 0;
  }
}

/**
 * Deepest nesting accepted in one record. `JSON.parse` copes with any depth, but the stages after
 * reading walk values recursively (JSON.stringify of outputs and rejects, ajv, inference) and
 * overflow the stack on a few thousand levels.
 */
export const MAX_JSON_DEPTH = 256;

/** Offset of the bracket that first nests deeper than `max`, or -1. Iterative and string-aware. */
function tooDeepAt(text: string, max: number): number {
  // a text this short cannot hold max+1 opening brackets, so the common case costs nothing
  if (text.length <= 2 * max) return -1;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return i;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return -1;
}

/** Parses one JSON text; on failure returns a located diagnostic (line/column shifted by `base`). */
export function parseJsonLocated(
  text: string,
  base: { file?: string; line: number; column: number; record?: number },
): { ok: true; value: unknown } | { ok: false; error: Diagnostic } {
  const deep = tooDeepAt(text, MAX_JSON_DEPTH);
  if (deep >= 0) {
    let line = 0;
    let lineStart = 0;
    for (let k = text.indexOf('\n'); k >= 0 && k < deep; k = text.indexOf('\n', k + 1)) {
      line++;
      lineStart = k + 1;
    }
    return {
      ok: false,
      error: diag(READ.MW1024, { max: MAX_JSON_DEPTH }, {
        ...(base.file ? { file: base.file } : {}),
        line: base.line + line,
        column: line === 0 ? base.column + deep : deep - lineStart + 1,
        ...(base.record !== undefined ? { record: base.record } : {}),
      }),
    };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    const pos = locateJsonError(text) ?? { line: 1, column: 1, expected: 'valid JSON', found: 'invalid JSON', offset: 0 };
    const line = base.line + pos.line - 1;
    const column = pos.line === 1 ? base.column + pos.column - 1 : pos.column;
    return {
      ok: false,
      error: diag(READ.MW1021, { expected: pos.expected, found: pos.found }, {
        ...(base.file ? { file: base.file } : {}),
        line,
        column,
        ...(base.record !== undefined ? { record: base.record } : {}),
      }),
    };
  }
}

/** Longest NDJSON line or JSON array element accepted (characters), bounding memory. */
export const MAX_JSON_RECORD_LENGTH = 64 * 1024 * 1024;

/** NDJSON: one JSON value per line; blank lines are skipped; a bad line is an error record. */
export function createNdjsonParser(options: { file?: string; maxLength?: number }): RecordParser {
  const maxLength = options.maxLength ?? MAX_JSON_RECORD_LENGTH;
  let carry = '';
  let skipping = false;
  let line = 1;
  let recordNo = 0;
  let offset = 0; // character offset of `carry`'s first character
  const lineRecord = (text: string, lineNo: number, off: number): SourceRecord | undefined => {
    const body = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (body.trim() === '') return undefined;
    const record = ++recordNo;
    const r = parseJsonLocated(body, { file: options.file, line: lineNo, column: 1, record });
    return r.ok ? { record, line: lineNo, offset: off, value: r.value } : { record, line: lineNo, offset: off, error: r.error };
  };
  return {
    push(text) {
      const out: SourceRecord[] = [];
      let start = 0;
      let nl = text.indexOf('\n');
      if (nl < 0) {
        if (skipping) return out;
        carry += text;
        if (carry.length > maxLength) {
          const record = ++recordNo;
          out.push({ record, line, offset, error: diag(READ.MW1025, { what: 'NDJSON line', max: maxLength }, { ...(options.file ? { file: options.file } : {}), line, column: 1, record }) });
          skipping = true;
          offset += carry.length;
          carry = '';
        }
        return out;
      }
      let first = true;
      while (nl >= 0) {
        const piece = first ? carry + text.slice(start, nl) : text.slice(start, nl);
        first = false;
        const r = skipping ? undefined : lineRecord(piece, line, offset);
        skipping = false;
        if (r) out.push(r);
        offset += piece.length + 1;
        line++;
        start = nl + 1;
        nl = text.indexOf('\n', start);
      }
      carry = text.slice(start);
      if (carry.length > maxLength && !skipping) {
        const record = ++recordNo;
        out.push({ record, line, offset, error: diag(READ.MW1025, { what: 'NDJSON line', max: maxLength }, { ...(options.file ? { file: options.file } : {}), line, column: 1, record }) });
        skipping = true;
      }
      if (skipping) {
        offset += carry.length;
        carry = '';
      }
      return out;
    },
    end() {
      const r = carry && !skipping ? lineRecord(carry, line, offset) : undefined;
      carry = '';
      return r ? [r] : [];
    },
  };
}

/**
 * JSON array of records, streamed element by element; a document that is a single object is one
 * record. An element that fails to parse is an error record and reading goes on with the next one.
 */
export function createJsonArrayParser(options: { file?: string; maxLength?: number }): RecordParser {
  const file = options.file;
  const maxLength = options.maxLength ?? MAX_JSON_RECORD_LENGTH;
  let partsLength = 0;
  let oversized = false;
  // phases: 0 before the document, 1 expect element or ']', 2 inside element, 3 expect ',' or ']',
  // 4 after the array (only whitespace allowed), 5 single top-level object, 6 stopped after a fatal error
  let phase = 0;
  let line = 1;
  let col = 1;
  let depth = 0;
  let inString = false;
  let escape = false;
  let parts: string[] = [];
  let elLine = 1;
  let elCol = 1;
  let recordNo = 0;
  let sawComma = false;

  const loc = (l: number, c: number, record?: number) => ({ ...(file ? { file } : {}), line: l, column: c, ...(record !== undefined ? { record } : {}) });

  const emitElement = (out: SourceRecord[]) => {
    const text = parts.join('');
    parts = [];
    partsLength = 0;
    const record = ++recordNo;
    if (oversized) {
      // the scanner kept counting brackets, so reading resumes cleanly after the element
      oversized = false;
      out.push({ record, line: elLine, error: diag(READ.MW1025, { what: 'JSON array element', max: maxLength }, loc(elLine, elCol, record)) });
      return;
    }
    const r = parseJsonLocated(text, { file, line: elLine, column: elCol, record });
    out.push(r.ok ? { record, line: elLine, value: r.value } : { record, line: elLine, error: r.error });
  };

  function push(text: string): SourceRecord[] {
    const out: SourceRecord[] = [];
    const n = text.length;
    let elStart = phase === 2 || phase === 5 ? 0 : -1;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      const cLine = line;
      const cCol = col;
      if (c === 0x0a) {
        line++;
        col = 1;
      } else col++;
      if (phase === 6) break;
      if (phase === 2 || phase === 5) {
        if (inString) {
          if (escape) escape = false;
          else if (c === 0x5c) escape = true;
          else if (c === 0x22) inString = false;
          continue;
        }
        if (c === 0x22) {
          inString = true;
          continue;
        }
        if (c === 0x7b || c === 0x5b) {
          depth++;
          continue;
        }
        if (c === 0x7d || c === 0x5d) {
          if (depth > 0) {
            depth--;
            if (depth === 0 && phase === 2) {
              parts.push(text.slice(elStart, i + 1));
              elStart = -1;
              emitElement(out);
              phase = 3;
            } else if (depth === 0 && phase === 5) {
              parts.push(text.slice(elStart, i + 1));
              elStart = -1;
              emitElement(out);
              phase = 4;
            }
            continue;
          }
          // a bare scalar element ends at the array's closing bracket
          if (phase === 2 && c === 0x5d) {
            parts.push(text.slice(elStart, i));
            elStart = -1;
            emitElement(out);
            phase = 4;
          }
          continue;
        }
        if (depth === 0 && phase === 2 && (c === 0x2c || WS.has(c))) {
          parts.push(text.slice(elStart, i));
          elStart = -1;
          emitElement(out);
          phase = 3;
          if (c === 0x2c) {
            phase = 1;
            sawComma = true;
          }
        }
        continue;
      }
      if (WS.has(c)) continue;
      if (phase === 0) {
        if (c === 0x5b) phase = 1;
        else if (c === 0x7b) {
          phase = 5;
          depth = 1;
          elStart = i;
          elLine = cLine;
          elCol = cCol;
        } else {
          out.push({ record: ++recordNo, line: cLine, error: diag(READ.MW1022, { found: describe(text, i) }, loc(cLine, cCol, recordNo)) });
          phase = 6;
        }
        continue;
      }
      if (phase === 1) {
        if (c === 0x5d && !sawComma) {
          phase = 4;
          continue;
        }
        if (c === 0x5d || c === 0x2c) {
          out.push({ record: ++recordNo, line: cLine, error: diag(READ.MW1021, { expected: 'an array element', found: describe(text, i) }, loc(cLine, cCol, recordNo)) });
          if (c === 0x5d) phase = 4;
          continue;
        }
        phase = 2;
        sawComma = false;
        elStart = i;
        elLine = cLine;
        elCol = cCol;
        depth = 0;
        if (c === 0x7b || c === 0x5b) depth = 1;
        else if (c === 0x22) inString = true;
        continue;
      }
      if (phase === 3) {
        if (c === 0x2c) {
          phase = 1;
          sawComma = true;
        } else if (c === 0x5d) phase = 4;
        else {
          out.push({ record: ++recordNo, line: cLine, error: diag(READ.MW1021, { expected: '"," or "]"', found: describe(text, i) }, loc(cLine, cCol, recordNo)) });
          phase = 6;
        }
        continue;
      }
      if (phase === 4) {
        out.push({ record: ++recordNo, line: cLine, error: diag(READ.MW1023, { found: describe(text, i) }, loc(cLine, cCol, recordNo)) });
        phase = 6;
      }
    }
    if (elStart >= 0 && (phase === 2 || phase === 5)) {
      if (!oversized) {
        parts.push(text.slice(elStart));
        partsLength += n - elStart;
      }
      if (partsLength > maxLength) {
        oversized = true;
        parts = [];
        partsLength = 0;
      }
    }
    return out;
  }

  function end(): SourceRecord[] {
    const out: SourceRecord[] = [];
    if (phase === 0) {
      out.push({ record: ++recordNo, line, error: diag(READ.MW1022, { found: 'an empty document' }, loc(line, col, recordNo)) });
    } else if (phase === 2 && depth === 0 && !inString) {
      // a bare scalar right before the end of input: the array itself is unclosed
      emitElement(out);
      out.push({ record: ++recordNo, line, error: diag(READ.MW1021, { expected: '"," or "]"', found: 'the end of the input' }, loc(line, col, recordNo)) });
    } else if (phase === 2 || phase === 5) {
      const record = ++recordNo;
      const r = parseJsonLocated(parts.join(''), { file, line: elLine, column: elCol, record });
      out.push({ record, line: elLine, error: r.ok ? diag(READ.MW1021, { expected: '"," or "]"', found: 'the end of the input' }, loc(line, col, record)) : r.error });
    } else if (phase === 1 || phase === 3) {
      out.push({ record: ++recordNo, line, error: diag(READ.MW1021, { expected: phase === 1 ? 'an array element or "]"' : '"," or "]"', found: 'the end of the input' }, loc(line, col, recordNo)) });
    }
    parts = [];
    return out;
  }

  return { push, end };
}
