/**
 * A small JSON parser that also records where every value sits in the text, keyed by JSON Pointer.
 *
 * Hand-written because JSON.parse reports neither positions of values nor (portably) of syntax
 * errors, and the listed libraries (ajv, acorn, csv-parse, saxes) have no position-tracking JSON
 * reader. It accepts exactly RFC 8259 JSON (no comments, no trailing commas) and is linear in the
 * input size.
 */
import type { SourcePosition } from './field-tree';

export interface ParsedJson {
  value: unknown;
  /** Pointer → position. For object members this is the position of the member's key. */
  positions: Map<string, SourcePosition>;
}

/** Thrown for malformed JSON, with a 1-based line and column. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
    readonly offset: number,
  ) {
    super(`${message} at line ${line}, column ${column}`);
    this.name = 'JsonSyntaxError';
  }
}

/** Escapes one JSON Pointer reference token (RFC 6901). */
export function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Parses JSON text, returning the value and a map from JSON Pointer (`""` for the root,
 * `/properties/name` for a member) to its 1-based line and column.
 * @throws JsonSyntaxError on malformed input.
 */
export function parseJsonWithPositions(text: string, file?: string): ParsedJson {
  const positions = new Map<string, SourcePosition>();
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let lineStart = 0;

  const pos = (at = i): SourcePosition => ({ ...(file ? { file } : {}), line, column: at - lineStart + 1, offset: at });
  const fail = (msg: string): never => {
    throw new JsonSyntaxError(msg, line, i - lineStart + 1, i);
  };
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        i++;
        line++;
        lineStart = i;
      } else if (c === 32 || c === 9 || c === 13) i++;
      else return;
    }
  };
  const describe = () => (i >= text.length ? 'end of input' : JSON.stringify(text[i]));

  const str = (): string => {
    const start = i;
    i++; // opening quote
    for (;;) {
      const c = text.charCodeAt(i);
      if (Number.isNaN(c)) fail('Unterminated string');
      if (c === 34) break;
      if (c === 92) i += 2;
      else if (c < 0x20) fail('Control character in string');
      else i++;
    }
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      i = start;
      return fail('Invalid escape sequence in string');
    }
  };

  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const value = (ptr: string, record: boolean): unknown => {
    ws();
    if (record) positions.set(ptr, pos());
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      ws();
      if (text[i] === '}') {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`Expected a property name in double quotes but found ${describe()}`);
        const keyPos = pos();
        const key = str();
        const child = `${ptr}/${escapePointer(key)}`;
        positions.set(child, keyPos);
        ws();
        if (text[i] !== ':') fail(`Expected ":" after property name but found ${describe()}`);
        i++;
        obj[key] = value(child, false);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return obj;
        }
        fail(`Expected "," or "}" but found ${describe()}`);
      }
    }
    if (c === '[') {
      i++;
      const arr: unknown[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value(`${ptr}/${arr.length}`, true));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return arr;
        }
        fail(`Expected "," or "]" but found ${describe()}`);
      }
    }
    if (c === '"') return str();
    if (text.startsWith('true', i)) return ((i += 4), true);
    if (text.startsWith('false', i)) return ((i += 5), false);
    if (text.startsWith('null', i)) return ((i += 4), null);
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m) {
      i += m[0].length;
      return Number(m[0]);
    }
    return fail(`Unexpected ${describe()}`);
  };

  const result = value('', true);
  ws();
  if (i < text.length) fail(`Unexpected ${describe()} after the end of the JSON value`);
  return { value: result, positions };
}
