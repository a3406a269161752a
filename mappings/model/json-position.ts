/**
 * The one JSON reader that also records where every value sits in the text, keyed by JSON Pointer,
 * and where the first syntax error is. Used for target models and JSON Schemas (`model/`), mapping
 * documents (`document/parse.ts`) and the CLI's file positions.
 *
 * Hand-written because JSON.parse reports neither positions of values nor (portably) of syntax
 * errors, and the listed libraries (ajv, acorn, csv-parse, saxes) have no position-tracking JSON
 * reader. It accepts exactly RFC 8259 JSON (no comments, no trailing commas), is linear in the
 * input size, and its validity verdict is property-tested against JSON.parse.
 *
 * Columns count UTF-16 code units (as JavaScript strings, Monaco and VS Code do), lines are
 * separated by `\n` (a `\r` before it is ordinary whitespace at the end of the line).
 */
import type { SourcePosition } from './field-tree';

/** A position with its 0-based string offset always present. */
export interface TextPosition extends SourcePosition {
  offset: number;
}

/** Where one value sits: its start, its end (exclusive) and, for object members, its key. */
export interface PointerPosition {
  value: TextPosition;
  valueEnd: TextPosition;
  /** Position of the property name for object members. */
  key?: TextPosition;
}

export interface ParsedJson {
  value: unknown;
  /** Pointer → position. For object members this is the position of the member's key. */
  positions: Map<string, SourcePosition>;
  /** Pointer → value start, value end and key position. */
  pointers: Map<string, PointerPosition>;
}

/** The result of {@link mapJsonPositions}: never thrown, the error (if any) is a value. */
export interface JsonPositionMap {
  /** Every value read before the first error (all of them for valid text). */
  pointers: Map<string, PointerPosition>;
  /** First syntax error, when the text is not valid JSON. */
  error?: { message: string; position: TextPosition };
}

/** Thrown for malformed JSON, with a 1-based line and column. */
export class JsonSyntaxError extends Error {
  constructor(
    /** The message without its position, e.g. `Expected "," or "}" but found "x"`. */
    readonly detail: string,
    readonly line: number,
    readonly column: number,
    readonly offset: number,
  ) {
    super(`${detail} at line ${line}, column ${column}`);
    this.name = 'JsonSyntaxError';
  }
}

/** Escapes one JSON Pointer reference token (RFC 6901): `~` → `~0`, `/` → `~1`. */
export function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Nesting limit: an attacker-sized nesting must give a located error, not a stack overflow. */
export const MAX_JSON_DEPTH = 512;

interface ScanOptions {
  file?: string;
  /** Skip a leading byte-order mark (JSON.parse does not). */
  allowBom: boolean;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

/** The scanner shared by both entry points; fills `pointers` as values complete. */
function scan(text: string, pointers: Map<string, PointerPosition>, options: ScanOptions): unknown {
  const { file } = options;
  let i = options.allowBom && text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // Tracked in `ws` only: a line break anywhere else (inside a string) is already a syntax error.
  let line = 1;
  let lineStart = 0;

  const pos = (at = i): TextPosition => ({ ...(file ? { file } : {}), line, column: at - lineStart + 1, offset: at });
  const fail = (detail: string, at = i): never => {
    throw new JsonSyntaxError(detail, line, at - lineStart + 1, at);
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
      if (c === 92) {
        const n = text[i + 1];
        if (n === 'u') {
          HEX4.lastIndex = i + 2;
          if (!HEX4.test(text)) fail('Invalid \\u escape in string');
          i += 6;
        } else if (n !== undefined && '"\\/bfnrt'.includes(n)) i += 2;
        else fail('Invalid escape sequence in string');
      } else if (c < 0x20) fail('Control character in string (escape it)');
      else i++;
    }
    i++;
    // Every escape was checked above, so this only decodes (and does so fast, surrogates included).
    return JSON.parse(text.slice(start, i)) as string;
  };

  const value = (ptr: string, depth: number, key?: TextPosition): unknown => {
    if (depth > MAX_JSON_DEPTH) fail(`Nesting deeper than ${MAX_JSON_DEPTH} levels`);
    ws();
    const start = pos();
    let result: unknown;
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      ws();
      if (text[i] === '}') i++;
      else
        for (;;) {
          ws();
          if (text[i] !== '"') fail(`Expected a property name in double quotes but found ${describe()}`);
          const keyPos = pos();
          const name = str();
          ws();
          if (text[i] !== ':') fail(`Expected ":" after property name but found ${describe()}`);
          i++;
          const member = value(`${ptr}/${escapePointer(name)}`, depth + 1, keyPos);
          // JSON.parse makes "__proto__" an own property; plain assignment would set the prototype.
          if (name === '__proto__')
            Object.defineProperty(obj, name, { value: member, enumerable: true, writable: true, configurable: true });
          else obj[name] = member;
          ws();
          if (text[i] === ',') {
            i++;
            continue;
          }
          if (text[i] === '}') {
            i++;
            break;
          }
          fail(`Expected "," or "}" but found ${describe()}`);
        }
      result = obj;
    } else if (c === '[') {
      i++;
      const arr: unknown[] = [];
      ws();
      if (text[i] === ']') i++;
      else
        for (;;) {
          arr.push(value(`${ptr}/${arr.length}`, depth + 1));
          ws();
          if (text[i] === ',') {
            i++;
            continue;
          }
          if (text[i] === ']') {
            i++;
            break;
          }
          fail(`Expected "," or "]" but found ${describe()}`);
        }
      result = arr;
    } else if (c === '"') result = str();
    else if (text.startsWith('true', i)) {
      i += 4;
      result = true;
    } else if (text.startsWith('false', i)) {
      i += 5;
      result = false;
    } else if (text.startsWith('null', i)) {
      i += 4;
      result = null;
    } else {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) fail(`Unexpected ${describe()}`);
      i += m![0].length;
      result = Number(m![0]);
    }
    pointers.set(ptr, { value: start, valueEnd: pos(), ...(key ? { key } : {}) });
    return result;
  };

  const result = value('', 0);
  ws();
  if (i < text.length) fail(`Unexpected ${describe()} after the end of the JSON value`);
  return result;
}

/**
 * Parses JSON text, returning the value and a map from JSON Pointer (`""` for the root,
 * `/properties/name` for a member) to its 1-based line and column. A leading BOM is skipped.
 * @throws JsonSyntaxError on malformed input.
 * @example parseJsonWithPositions('{"a/b": 1}').positions.get('/a~1b') // { line: 1, column: 2, offset: 1 }
 */
export function parseJsonWithPositions(text: string, file?: string): ParsedJson {
  const pointers = new Map<string, PointerPosition>();
  const value = scan(text, pointers, { ...(file ? { file } : {}), allowBom: true });
  const positions = new Map<string, SourcePosition>();
  for (const [ptr, p] of pointers) positions.set(ptr, p.key ?? p.value);
  return { value, positions, pointers };
}

/**
 * Maps every JSON Pointer in `text` to where its value (and key) sits, and reports the first syntax
 * error instead of throwing. Accepts exactly what JSON.parse accepts (so no BOM), so positions
 * always describe the text that JSON.parse read.
 * @example mapJsonPositions('{\n "a": [1]\n}').pointers.get('/a/0')?.value // { line: 2, column: 8, offset: 9 }
 */
export function mapJsonPositions(text: string, options: { file?: string } = {}): JsonPositionMap {
  const pointers = new Map<string, PointerPosition>();
  try {
    scan(text, pointers, { ...options, allowBom: false });
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    const position: TextPosition = {
      ...(options.file ? { file: options.file } : {}),
      line: e.line,
      column: e.column,
      offset: e.offset,
    };
    return { pointers, error: { message: e.detail, position } };
  }
  return { pointers };
}
