/**
 * A JSON position map: JSON Pointer → line/column of the value (and of its key) in the source
 * text, plus the location of the first syntax error.
 *
 * Hand-written because `JSON.parse` reports neither positions of values nor (portably) of syntax
 * errors, and the small libraries that do (json-source-map, jsonc-parser) are not dependencies;
 * the grammar is tiny and the scanner is tested against JSON.parse on generated documents.
 */

export interface TextPosition {
  /** 1-based line and column; `offset` is the 0-based string offset. */
  line: number;
  column: number;
  offset: number;
}

export interface PointerPosition {
  value: TextPosition;
  valueEnd: TextPosition;
  /** Position of the property name for object members. */
  key?: TextPosition;
}

export interface JsonPositionMap {
  pointers: Map<string, PointerPosition>;
  /** First syntax error, when the text is not valid JSON. */
  error?: { message: string; position: TextPosition };
}

/** Escapes one JSON Pointer reference token (RFC 6901). */
export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Maps every JSON Pointer in `text` to its position; reports the first syntax error if any. */
export function mapJsonPositions(text: string): JsonPositionMap {
  const pointers = new Map<string, PointerPosition>();
  // Line starts, so offsets convert to line/column by binary search.
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const pos = (offset: number): TextPosition => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo] + 1, offset };
  };
  let i = 0;
  const ws = () => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const describe = (at: number) => (at >= text.length ? 'end of text' : `"${text[at]}"`);
  const fail = (expected: string): never => {
    throw new JsonSyntaxError(`expected ${expected} but found ${describe(i)}`, i);
  };
  const str = (): string => {
    const start = i;
    i++; // opening quote
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return JSON.parse(text.slice(start, i)) as string;
      }
      if (c === 92) {
        const n = text[i + 1];
        if (n === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new JsonSyntaxError('bad \\u escape in string', i);
          i += 6;
        } else if (n !== undefined && '"\\/bfnrt'.includes(n)) i += 2;
        else throw new JsonSyntaxError('bad escape in string', i);
      } else if (c < 32) throw new JsonSyntaxError('control character in string (escape it)', i);
      else i++;
    }
    throw new JsonSyntaxError('unterminated string', start);
  };
  // Depth guard: an attacker-sized nesting must give a diagnostic, not a stack overflow.
  const MAX_DEPTH = 512;
  const value = (pointer: string, depth: number, key?: TextPosition): void => {
    if (depth > MAX_DEPTH) throw new JsonSyntaxError(`nesting deeper than ${MAX_DEPTH} levels`, i);
    ws();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') i++;
      else {
        for (;;) {
          ws();
          if (text[i] !== '"') fail('a property name in double quotes');
          const keyPos = pos(i);
          const name = str();
          ws();
          if (text[i] !== ':') fail('":"');
          i++;
          value(`${pointer}/${escapePointerToken(name)}`, depth + 1, keyPos);
          ws();
          if (text[i] === ',') {
            i++;
            continue;
          }
          if (text[i] === '}') {
            i++;
            break;
          }
          fail('"," or "}"');
        }
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') i++;
      else {
        for (let n = 0; ; n++) {
          value(`${pointer}/${n}`, depth + 1);
          ws();
          if (text[i] === ',') {
            i++;
            continue;
          }
          if (text[i] === ']') {
            i++;
            break;
          }
          fail('"," or "]"');
        }
      }
    } else if (c === '"') str();
    else {
      const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
      if (!m) fail('a value');
      else i += m[0].length;
    }
    pointers.set(pointer, { value: pos(start), valueEnd: pos(i), ...(key ? { key } : {}) });
  };
  try {
    value('', 0);
    ws();
    if (i < text.length) fail('end of text');
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { pointers, error: { message: e.message, position: pos(e.offset) } };
    throw e;
  }
  return { pointers };
}
