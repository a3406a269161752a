import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  escapePointer,
  mapJsonPositions,
  MAX_JSON_DEPTH,
  parseJsonWithPositions,
  type TextPosition,
} from './json-position';

/** Resolves an RFC 6901 pointer against a value. */
function resolve(value: unknown, pointer: string): unknown {
  if (pointer === '') return value;
  return pointer
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((v, t) => (v as Record<string, unknown>)[t], value);
}

/** The line and column an offset has, counted independently of the scanner. */
function lineColumn(text: string, offset: number) {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

const at = (p: TextPosition | undefined) => (p ? [p.line, p.column] : undefined);

describe('mapJsonPositions', () => {
  it('maps pointers to lines and columns, keys included', () => {
    const text = '{\n  "a": [1, {"b": "x"}],\n  "c~d/e": null\n}';
    const m = mapJsonPositions(text);
    expect(m.error).toBeUndefined();
    expect(m.pointers.get('/a/1/b')?.value).toMatchObject({ line: 2, column: 18 });
    expect(m.pointers.get('/a/1/b')?.key).toMatchObject({ line: 2, column: 13 });
    expect(m.pointers.get('/c~0d~1e')?.value).toMatchObject({ line: 3, column: 12 });
  });

  it('counts columns in UTF-16 code units and decodes escaped keys', () => {
    const text = '{"😀é": {"~/\\u00fc": [true, "ß"]},\r\n "\\"q": 1}';
    const m = mapJsonPositions(text, { file: 'f.json' });
    expect(at(m.pointers.get('/😀é')?.key)).toEqual([1, 2]);
    expect(at(m.pointers.get('/😀é/~0~1ü')?.key)).toEqual([1, 10]);
    expect(at(m.pointers.get('/😀é/~0~1ü/1')?.value)).toEqual([1, 29]);
    expect(at(m.pointers.get('/😀é/~0~1ü')?.valueEnd)).toEqual([1, 33]);
    expect(m.pointers.get('/"q')).toMatchObject({
      key: { file: 'f.json', line: 2, column: 2 },
      value: { line: 2, column: 9 },
    });
  });

  it('agrees with JSON.parse on which texts are valid', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(5), (v, cut) => {
        const text = JSON.stringify(v, null, cut % 3);
        expect(mapJsonPositions(text).error).toBeUndefined();
        const broken = text.slice(0, Math.max(0, text.length - 1 - cut));
        let ok = true;
        try {
          JSON.parse(broken);
        } catch {
          ok = false;
        }
        expect(mapJsonPositions(broken).error === undefined).toBe(ok);
      }),
    );
  });

  it('points every pointer at exactly the text of its value, with consistent lines and columns', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(4), (v, indent) => {
        const text = JSON.stringify(v, null, indent);
        const { value, pointers } = parseJsonWithPositions(text);
        expect(value).toEqual(JSON.parse(text));
        for (const [pointer, p] of pointers) {
          expect(JSON.parse(text.slice(p.value.offset, p.valueEnd.offset))).toEqual(resolve(value, pointer));
          expect(at(p.value)).toEqual(at({ ...lineColumn(text, p.value.offset), offset: 0 }));
          expect(at(p.valueEnd)).toEqual(at({ ...lineColumn(text, p.valueEnd.offset), offset: 0 }));
          if (p.key) {
            const quoted = /"(?:[^"\\]|\\.)*"/y;
            quoted.lastIndex = p.key.offset;
            expect(escapePointer(JSON.parse(quoted.exec(text)![0]) as string)).toBe(
              pointer.slice(pointer.lastIndexOf('/') + 1),
            );
          }
        }
      }),
    );
  });

  it.each([
    ['{"a": 1,}', 'Expected a property name in double quotes but found "}"', 1, 9],
    ['{\n  "a": "x" "b": 1\n}', 'Expected "," or "}" but found "\\""', 2, 12],
    ['[1,\n "é\\q"]', 'Invalid escape sequence in string', 2, 4],
    ['["\\u12G4"]', 'Invalid \\u escape in string', 1, 3],
    ['["a\tb"]', 'Control character in string (escape it)', 1, 4],
    ['"abc', 'Unterminated string', 1, 5],
    ['\uFEFF{}', 'Unexpected "\uFEFF"', 1, 1],
    ['{} x', 'Unexpected "x" after the end of the JSON value', 1, 4],
  ])('reports %j as a located error', (text, message, line, column) => {
    const m = mapJsonPositions(text);
    expect(m.error).toMatchObject({ message, position: { line, column } });
  });

  it('reports deep nesting as an error, not a stack overflow', () => {
    const m = mapJsonPositions('['.repeat(100000));
    expect(m.error?.message).toBe(`Nesting deeper than ${MAX_JSON_DEPTH} levels`);
    expect(m.error?.position.column).toBe(MAX_JSON_DEPTH + 2);
    expect(mapJsonPositions(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`).error).toBeUndefined();
  });

  it('keeps the values read before an error', () => {
    const m = mapJsonPositions('{"a": [1, 2], "b": }');
    expect([...m.pointers.keys()]).toEqual(['/a/0', '/a/1', '/a']);
    expect(m.error?.position).toMatchObject({ line: 1, column: 20, offset: 19 });
  });
});

describe('parseJsonWithPositions', () => {
  it('makes "__proto__" an own property, as JSON.parse does', () => {
    const { value, positions } = parseJsonWithPositions('{"__proto__": {"polluted": true}}');
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(value).toEqual(JSON.parse('{"__proto__": {"polluted": true}}'));
    expect(Object.keys(value as object)).toEqual(['__proto__']);
    expect(positions.get('/__proto__')).toMatchObject({ line: 1, column: 2 });
  });

  it('throws located errors carrying the bare detail', () => {
    expect(() => parseJsonWithPositions('[1,\n 2,]', 'x.json')).toThrow(
      expect.objectContaining({ detail: 'Unexpected "]"', line: 2, column: 4 }),
    );
  });
});

describe('escapePointer', () => {
  it('escapes "~" before "/" so the result is unambiguous', () => {
    expect(escapePointer('a/b~c~1')).toBe('a~1b~0c~01');
  });
});
