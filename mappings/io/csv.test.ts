import { parse as csvParse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { createCsvTokenizer, formatCsvRow, sniffCsvDialect } from './csv';
import { parseRecords, type SourceRecord } from './index';

const values = (rs: SourceRecord[]) => rs.map((r) => ('value' in r ? r.value : { error: r.error.code, line: r.error.location.line, column: r.error.location.column }));

describe('CSV reader', () => {
  it('reads a header and rows into objects, empty cells absent', () => {
    const rs = parseRecords('id,name,town\n1,Ann,\n2,,Leeds\n', { format: 'csv' });
    expect(rs).toEqual([
      { record: 1, line: 2, value: { id: '1', name: 'Ann' } },
      { record: 2, line: 3, value: { id: '2', town: 'Leeds' } },
    ]);
  });

  it('handles BOM, CRLF, quoted delimiters, doubled quotes and quoted newlines', () => {
    const rs = parseRecords('\ufeffa;b\r\n"x;y";"say ""hi"""\r\n"multi\r\nline";2\r\n', { format: 'csv' });
    expect(values(rs)).toEqual([{ a: 'x;y', b: 'say "hi"' }, { a: 'multi\r\nline', b: '2' }]);
    expect(rs.map((r) => r.line)).toEqual([2, 3]);
  });

  it('detects the delimiter when none is given (comma, semicolon, tab, pipe)', () => {
    for (const d of [',', ';', '\t', '|']) {
      const text = ['a', 'b', 'c'].join(d) + '\n' + ['1', '2', '3'].join(d) + '\n';
      expect(values(parseRecords(text, { format: 'csv' }))).toEqual([{ a: '1', b: '2', c: '3' }]);
    }
    expect(sniffCsvDialect("'a','b'\n'1','x, y'\n").quote).toBe("'");
    expect(sniffCsvDialect('a,b\r\n1,2\r\n').lineEnding).toBe('\r\n');
  });

  it('makes duplicate and empty headers unique with warnings', () => {
    const warnings: Diagnostic[] = [];
    const rs = parseRecords('name,name,,name\n1,2,3,4\n', { format: 'csv', onDiagnostic: (d) => warnings.push(d) });
    expect(values(rs)).toEqual([{ name: '1', name_2: '2', column_3: '3', name_3: '4' }]);
    expect(warnings.map((w) => w.code)).toEqual(['MW1004', 'MW1005', 'MW1004']);
    expect(warnings.every((w) => w.severity === 'warning' && w.location.line === 1)).toBe(true);
  });

  it('turns a ragged row into an error record and goes on', () => {
    const rs = parseRecords('a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n', { format: 'csv', file: 'r.csv' });
    expect(values(rs)).toEqual([
      { a: '1', b: '2', c: '3' },
      { error: 'MW1003', line: 3, column: 1 },
      { error: 'MW1003', line: 4, column: 1 },
      { a: '10', b: '11', c: '12' },
    ]);
    expect(rs[1]).toMatchObject({ record: 2, error: { location: { file: 'r.csv', record: 2 } } });
  });

  it('locates an unterminated quote at the opening quote', () => {
    const rs = parseRecords('a,b\n1,2\n3,"never closed\n4,5\n', { format: 'csv', file: 'm.csv' });
    expect(rs[1]).toMatchObject({ record: 2, line: 3, error: { code: 'MW1001', location: { file: 'm.csv', line: 3, column: 3, record: 2 } } });
    expect(rs).toHaveLength(2);
  });

  it('reports text after a closing quote and resumes on the next line', () => {
    const rs = parseRecords('a,b\n"x"y,1\n2,3\n', { format: 'csv' });
    expect(values(rs)).toEqual([{ error: 'MW1002', line: 2, column: 4 }, { a: '2', b: '3' }]);
  });

  it('reads TSV, lone CR line ends and files without a header', () => {
    expect(values(parseRecords('a\tb\r1\t2\r', { format: 'tsv' }))).toEqual([{ a: '1', b: '2' }]);
    expect(values(parseRecords('1,2\n3,4\n', { format: 'csv', header: false, delimiter: ',' }))).toEqual([
      { column_1: '1', column_2: '2' },
      { column_1: '3', column_2: '4' },
    ]);
  });

  it('skips blank lines but counts them for line numbers', () => {
    const rs = parseRecords('a\n\n1\n\n\n2\n', { format: 'csv' });
    expect(rs.map((r) => [r.record, r.line])).toEqual([
      [1, 3],
      [2, 6],
    ]);
  });

  it('bounds a runaway quoted field (unterminated quote in a huge file)', () => {
    const tok = createCsvTokenizer({ delimiter: ',', maxFieldLength: 10 });
    const rows = [...tok.push('a,b\n1,"abc'), ...tok.push('d'.repeat(30)), ...tok.push('\n2,3\n'), ...tok.end()];
    expect(rows.map((r) => r.error?.code ?? r.fields.join('|'))).toEqual(['a|b', 'MW1007', '2|3']);
    expect(rows[1].error!.location).toMatchObject({ line: 2, column: 3 });
  });

  it('rejects nonsense options with a diagnostic', () => {
    expect(() => parseRecords('a', { format: 'csv', delimiter: '""' })).toThrow(/MW1092/);
  });
});

const cell = fc.oneof(fc.string(), fc.constantFrom('', ',', '"', '\n', '\r\n', ' x ', 'a"b', '""'));

describe('CSV properties', () => {
  it('write-then-read returns the same table, and agrees with csv-parse', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }).chain((w) => fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 8 })), (rows) => {
        // a row whose only cell is empty is a blank line: CSV cannot tell it from nothing
        const table = rows.filter((r) => !(r.length === 1 && r[0] === ''));
        const text = table.map((r) => formatCsvRow(r)).join('\n') + '\n';
        const tok = createCsvTokenizer({ delimiter: ',' });
        const mine = [...tok.push(text), ...tok.end()];
        expect(mine.every((r) => !r.error)).toBe(true);
        expect(mine.map((r) => r.fields)).toEqual(table);
        const theirs = csvParse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
        expect(mine.map((r) => r.fields)).toEqual(theirs);
      }),
      { numRuns: 300 },
    );
  });

  it('tokenizes the same rows however the text is split', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 6 }), (rows, cuts) => {
        const text = rows.map((r) => formatCsvRow(r)).join('\r\n');
        const whole = createCsvTokenizer({ delimiter: ',' });
        const expected = [...whole.push(text), ...whole.end()];
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const pieces: string[] = [];
        let last = 0;
        for (const p of points) {
          pieces.push(text.slice(last, p));
          last = p;
        }
        pieces.push(text.slice(last));
        const tok = createCsvTokenizer({ delimiter: ',' });
        const got = [...pieces.flatMap((p) => tok.push(p)), ...tok.end()];
        expect(got).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
