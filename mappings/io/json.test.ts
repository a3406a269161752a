import { describe, expect, it } from 'vitest';
import { parseRecords, readRecords, type SourceRecord } from './index';
import { createJsonArrayParser, createNdjsonParser, locateJsonError } from './json';

const brief = (rs: SourceRecord[]) => rs.map((r) => ('value' in r ? r.value : { error: r.error.code, line: r.error.location.line, column: r.error.location.column }));

describe('locateJsonError', () => {
  it('accepts valid JSON of any depth', () => {
    expect(locateJsonError('{"a":[1,2.5e3,-0,true,false,null,"x\\u00e9\\n"],"b":{}}')).toBeUndefined();
    expect(locateJsonError('['.repeat(100000) + ']'.repeat(100000))).toBeUndefined();
  });
  it.each([
    ['{"a":1,}', 1, 8, 'a property name in double quotes'],
    ['[1,\n 2 3]', 2, 4, '"," or "]"'],
    ['{"a" 1}', 1, 6, '":"'],
    ['{"a": tru}', 1, 7, 'a value (object, array, string, number, true, false or null)'],
    ['"abc', 1, 5, 'a closing quote'],
    ['"a\\x"', 1, 4, 'an escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)'],
    ['[1] 2', 1, 5, 'the end of the input'],
    ['', 1, 1, 'a value'],
    ['{"a":01}', 1, 7, '"," or "}"'],
  ])('locates the error in %j', (text, line, column, expected) => {
    expect(locateJsonError(text)).toMatchObject({ line, column, expected });
  });
});

describe('NDJSON reader', () => {
  it('turns a bad line into an error record and keeps reading', () => {
    const rs = parseRecords('{"a":1}\n{"a":}\r\n\n  \n{"a":3}', { format: 'ndjson', file: 'x.ndjson' });
    expect(brief(rs)).toEqual([{ a: 1 }, { error: 'MW1021', line: 2, column: 6 }, { a: 3 }]);
    expect(rs.map((r) => [r.record, r.line])).toEqual([
      [1, 1],
      [2, 2],
      [3, 5],
    ]);
    expect(rs[1]).toMatchObject({ error: { location: { file: 'x.ndjson', record: 2 } } });
  });
});

describe('JSON array reader', () => {
  it('yields each element with its line; a single object document is one record', () => {
    expect(parseRecords('[\n {"a":1},\n {"a":2}\n]', { format: 'json' })).toEqual([
      { record: 1, line: 2, value: { a: 1 } },
      { record: 2, line: 3, value: { a: 2 } },
    ]);
    expect(brief(parseRecords(' {"a":[1,{"b":"]"}]} ', { format: 'json' }))).toEqual([{ a: [1, { b: ']' }] }]);
    expect(brief(parseRecords('[]', { format: 'json' }))).toEqual([]);
    expect(brief(parseRecords('[1, "s,]", null, [2]]', { format: 'json' }))).toEqual([1, 's,]', null, [2]]);
  });

  it('reports a bad element at its position and continues with the next', () => {
    const rs = parseRecords('[\n  {"a": 1},\n  {"a": 2,, "b": 3},\n  {"a": 4}\n]', { format: 'json', file: 'm.json' });
    expect(brief(rs)).toEqual([{ a: 1 }, { error: 'MW1021', line: 3, column: 11 }, { a: 4 }]);
  });

  it('reports structural errors: not an array, unclosed, trailing content, empty', () => {
    expect(brief(parseRecords('42', { format: 'json' }))).toEqual([{ error: 'MW1022', line: 1, column: 1 }]);
    expect(brief(parseRecords('[{"a":1},\n{"a":2', { format: 'json' }))).toEqual([{ a: 1 }, { error: 'MW1021', line: 2, column: 7 }]);
    expect(brief(parseRecords('[1,2]\n x', { format: 'json' }))).toEqual([1, 2, { error: 'MW1023', line: 2, column: 2 }]);
    expect(brief(parseRecords('  ', { format: 'json' }))).toEqual([{ error: 'MW1022', line: 1, column: 3 }]);
    expect(brief(parseRecords('[1,,2]', { format: 'json' }))).toEqual([1, { error: 'MW1021', line: 1, column: 4 }, 2]);
  });

  it('streams a large array one element at a time (bounded memory)', async () => {
    const n = 50_000;
    async function* chunks() {
      yield '[';
      for (let i = 0; i < n; i++) yield `${i ? ',' : ''}{"i":${i},"pad":"${'x'.repeat(40)}"}`;
      yield ']';
    }
    let count = 0;
    let maxBuffered = 0;
    const it = readRecords(chunks(), { format: 'json' });
    for await (const r of it) {
      if (!('value' in r)) throw new Error('unexpected error record');
      count++;
      maxBuffered = Math.max(maxBuffered, JSON.stringify(r.value).length);
    }
    expect(count).toBe(n);
    expect(maxBuffered).toBeLessThan(100);
  });

  it('refuses a 5000-level nested element with a located error instead of overflowing later stages', () => {
    let w = '1';
    for (let i = 0; i < 5000; i++) w = `{"n":${w}}`;
    const rs = parseRecords(`[${w}, {"ok":1}]`, { format: 'json' });
    expect(brief(rs)).toEqual([{ error: 'MW1024', line: 1, column: 2 + 5 * 256 }, { ok: 1 }]);
  });
});

describe('size limits keep memory bounded', () => {
  it('skips an over-long NDJSON line or JSON element with an error and reads on', () => {
    const nd = createNdjsonParser({ maxLength: 20 });
    const got = [...nd.push('{"a":1}\n{"long":"'), ...nd.push('x'.repeat(50)), ...nd.push('"}\n{"a":2}\n'), ...nd.end()];
    expect(brief(got)).toEqual([{ a: 1 }, { error: 'MW1025', line: 2, column: 1 }, { a: 2 }]);
    const ja = createJsonArrayParser({ maxLength: 20 });
    const got2 = [...ja.push('[{"a":1},{"long":"'), ...ja.push('x'.repeat(50)), ...ja.push('"},{"a":2}]'), ...ja.end()];
    expect(brief(got2)).toEqual([{ a: 1 }, { error: 'MW1025', line: 1, column: 10 }, { a: 2 }]);
  });
});
