import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { age, dateOnly, datePatternProblem, daysBetween, excelDate, formatDate, fromUtc, parseDate, partialDate, toUtc } from './dates';
import { ExprRuntimeError } from './errors';
import * as ref from './__fixtures__/dates-reference';

describe('parseDate', () => {
  it.each([
    ['05/03/2024', 'dd/MM/yyyy', '2024-03-05'],
    ['5/3/2024', 'd/M/yyyy', '2024-03-05'],
    ['29/02/2024', 'dd/MM/yyyy', '2024-02-29'],
    ['05/03/2024 14:30', 'dd/MM/yyyy HH:mm', '2024-03-05T14:30:00'],
    ['05/03/2024  14:30:59', 'dd/MM/yyyy HH:mm:ss', '2024-03-05T14:30:59'],
    ['2024-03-05', 'yyyy-MM-dd', '2024-03-05'],
    ['2024-03-05T14:30:00.250+01:00', 'ISO', '2024-03-05T14:30:00.250+01:00'],
    ['20240305', 'yyyyMMdd', '2024-03-05'],
    ['5 Sept 2024', 'd MMM yyyy', '2024-09-05'],
    ['5 Sep 2024', 'd MMMM yyyy', '2024-09-05'], // month names: full or abbreviated either way
    ['5 Sepb 2024', 'd MMMM yyyy', null],
    ['5 SEP 2024', 'd MMM yyyy', '2024-09-05'],
    ['Tue 5 March 2024', 'EEE d MMMM yyyy', '2024-03-05'],
    ['Mon 5 March 2024', 'EEE d MMMM yyyy', '2024-03-05'], // weekday is checked as a name only
    ['5/3/2024 2:30 pm', 'd/M/yyyy h:mm a', '2024-03-05T14:30:00'],
    ['5/3/2024 12:05 AM', 'd/M/yyyy h:mm a', '2024-03-05T00:05:00'],
    ['2024-03-05T14:30', "yyyy-MM-dd'T'HH:mm", '2024-03-05T14:30:00'],
  ])('%s with %s → %s', (text, pattern, expected) => {
    expect(parseDate(text, pattern)).toBe(expected);
  });

  it.each([
    ['31/02/2024', 'dd/MM/yyyy'],
    ['29/02/2023', 'dd/MM/yyyy'],
    ['00/01/2024', 'dd/MM/yyyy'],
    ['01/13/2024', 'dd/MM/yyyy'],
    ['05/03/2024 25:00', 'dd/MM/yyyy HH:mm'],
    ['05/03/2024 23:60', 'dd/MM/yyyy HH:mm'],
    ['5/3/2024 13:00 PM', 'd/M/yyyy h:mm a'],
    ['2024-03-05', 'dd/MM/yyyy'],
    ['not a date', 'dd/MM/yyyy'],
    ['05/03/2024 extra', 'dd/MM/yyyy'],
  ])('invalid %s (%s) → null, no exception', (text, pattern) => {
    expect(parseDate(text, pattern)).toBeNull();
  });

  it('two-digit years use the 100-year window ending at the pivot (default 2029)', () => {
    expect(parseDate('01/02/29', 'dd/MM/yy')).toBe('2029-02-01');
    expect(parseDate('01/02/30', 'dd/MM/yy')).toBe('1930-02-01');
    expect(parseDate('01/02/00', 'dd/MM/yy')).toBe('2000-02-01');
    expect(parseDate('01/02/99', 'dd/MM/yy')).toBe('1999-02-01');
    expect(parseDate('01/02/29', 'dd/MM/yy', 2010)).toBe('1929-02-01');
    expect(parseDate('01/02/10', 'dd/MM/yy', 2010)).toBe('2010-02-01');
  });

  it('tries a list of patterns in order and uses UK defaults without one', () => {
    expect(parseDate('2024-03-05', ['dd/MM/yyyy', 'yyyy-MM-dd'])).toBe('2024-03-05');
    expect(parseDate('05/03/2024')).toBe('2024-03-05');
    expect(parseDate('5 March 2024')).toBe('2024-03-05');
    expect(parseDate('05/03/2024 09:15')).toBe('2024-03-05T09:15:00');
  });

  it('refuses invalid or incomplete patterns', () => {
    expect(() => parseDate('x', 'dd/MM/qqqq')).toThrow(ExprRuntimeError);
    expect(() => parseDate('x', 'MM/yyyy')).toThrow(/full date/);
    expect(datePatternProblem('dd/MM/yyyy hh:mm')).toMatch(/'a'/);
    expect(datePatternProblem("dd/MM/yyyy 'at' HH:mm", true)).toBeUndefined();
    expect(datePatternProblem("'unterminated")).toMatch(/unterminated/);
    expect(datePatternProblem('dd/dd/yyyy')).toMatch(/twice/);
  });
});

describe('partialDate', () => {
  it.each([
    ['2024', { value: '2024', precision: 'year' }],
    ['03/2024', { value: '2024-03', precision: 'month' }],
    ['3/2024', { value: '2024-03', precision: 'month' }],
    ['Mar 2024', { value: '2024-03', precision: 'month' }],
    ['March 2024', { value: '2024-03', precision: 'month' }],
    ['2024-03', { value: '2024-03', precision: 'month' }],
    ['05/03/2024', { value: '2024-03-05', precision: 'day' }],
    ['2024-03-05', { value: '2024-03-05', precision: 'day' }],
    ['05/03/2024 14:30', { value: '2024-03-05T14:30', precision: 'minute' }],
    ['05/03/2024 14:30:15', { value: '2024-03-05T14:30:15', precision: 'second' }],
    ['2024-03-05T14:30', { value: '2024-03-05T14:30', precision: 'minute' }],
    ['13/2024', null],
    ['sometime', null],
  ])('%s → %j', (text, expected) => {
    expect(partialDate(text)).toEqual(expected);
  });
});

describe('excelDate', () => {
  it('handles the 1900 leap-year bug', () => {
    expect(excelDate(1)).toBe('1900-01-01');
    expect(excelDate(59)).toBe('1900-02-28');
    expect(excelDate(60)).toBeNull();
    expect(excelDate(61)).toBe('1900-03-01');
    expect(excelDate(45351)).toBe('2024-02-29');
    expect(excelDate('45292')).toBe('2024-01-01');
    expect(excelDate(45292.75)).toBe('2024-01-01T18:00:00');
    expect(excelDate(0)).toBeNull();
    expect(excelDate(-5)).toBeNull();
  });
});

describe('time zones (Europe/London daylight saving)', () => {
  it('converts winter and summer times', () => {
    expect(toUtc('2024-01-15T09:30')).toBe('2024-01-15T09:30:00Z');
    expect(toUtc('2024-07-01T00:30')).toBe('2024-06-30T23:30:00Z');
    expect(toUtc('2024-07-01')).toBe('2024-06-30T23:00:00Z');
  });
  it('spring forward: 2024-03-31 01:00–01:59 does not exist', () => {
    expect(toUtc('2024-03-31T00:59:59')).toBe('2024-03-31T00:59:59Z');
    expect(toUtc('2024-03-31T01:30')).toBe('2024-03-31T01:30:00Z'); // compatible: 02:30 BST
    expect(toUtc('2024-03-31T01:30', 'Europe/London', 'later')).toBe('2024-03-31T01:30:00Z');
    expect(toUtc('2024-03-31T01:30', 'Europe/London', 'earlier')).toBe('2024-03-31T00:30:00Z');
    expect(toUtc('2024-03-31T01:30', 'Europe/London', 'reject')).toBeNull();
    expect(toUtc('2024-03-31T02:00')).toBe('2024-03-31T01:00:00Z');
  });
  it('fall back: 2024-10-27 01:00–01:59 happens twice', () => {
    expect(toUtc('2024-10-27T00:59')).toBe('2024-10-26T23:59:00Z');
    expect(toUtc('2024-10-27T01:30')).toBe('2024-10-27T00:30:00Z');
    expect(toUtc('2024-10-27T01:30', 'Europe/London', 'earlier')).toBe('2024-10-27T00:30:00Z');
    expect(toUtc('2024-10-27T01:30', 'Europe/London', 'later')).toBe('2024-10-27T01:30:00Z');
    expect(toUtc('2024-10-27T01:30', 'Europe/London', 'reject')).toBeNull();
    expect(toUtc('2024-10-27T02:00')).toBe('2024-10-27T02:00:00Z');
  });
  it('round-trips through fromUtc on both sides of each transition', () => {
    expect(fromUtc('2024-03-31T00:59:59Z')).toBe('2024-03-31T00:59:59+00:00');
    expect(fromUtc('2024-03-31T01:00:00Z')).toBe('2024-03-31T02:00:00+01:00');
    expect(fromUtc('2024-10-27T00:30:00Z')).toBe('2024-10-27T01:30:00+01:00');
    expect(fromUtc('2024-10-27T01:30:00Z')).toBe('2024-10-27T01:30:00+00:00');
    for (const local of ['2024-06-01T12:00:00', '2024-12-25T08:15:00', '2024-10-27T02:30:00']) {
      expect(fromUtc(toUtc(local))).toMatch(new RegExp(`^${local}[+-]`));
    }
  });
  it('uses offsets given in the text and other zones', () => {
    expect(toUtc('2024-07-01T14:00:00+02:00')).toBe('2024-07-01T12:00:00Z');
    expect(toUtc('2024-07-01T14:00', 'America/New_York')).toBe('2024-07-01T18:00:00Z');
    expect(fromUtc('2024-07-01T12:00:00Z', 'Asia/Kolkata')).toBe('2024-07-01T17:30:00+05:30');
    expect(() => toUtc('2024-07-01T14:00', 'Mars/Olympus')).toThrow(/unknown time zone/);
  });
  it('invalid local times give null', () => {
    expect(toUtc('2024-02-30T10:00')).toBeNull();
    expect(toUtc('yesterday')).toBeNull();
  });
});

describe('formatDate, age, daysBetween, dateOnly', () => {
  it('formats', () => {
    expect(formatDate('2024-03-05', 'd MMMM yyyy')).toBe('5 March 2024');
    expect(formatDate('2024-03-05T00:05:00', 'hh:mm a')).toBe('12:05 AM');
    expect(formatDate('2024-03-05T14:30:00+01:00', "yyyy-MM-dd'T'HH:mmXXX")).toBe('2024-03-05T14:30+01:00');
    expect(formatDate('2024-13-01', 'dd/MM/yyyy')).toBeNull();
    expect(() => formatDate('2024-03-05', 'qq')).toThrow(ExprRuntimeError);
  });
  it('computes ages', () => {
    expect(age('2000-01-01', '2024-01-01')).toBe(24);
    expect(age('2000-01-02', '2024-01-01')).toBe(23);
    expect(age({ value: '2000-01-01', precision: 'day' }, '2024-06-01T10:00:00')).toBe(24);
    expect(age('2000-01', '2024-06-01')).toBeNull();
    expect(age('2025-01-01', '2024-06-01')).toBeNull();
    expect(age('2004-02-29', '2023-02-28')).toBe(18);
    expect(age('2004-02-29', '2023-03-01')).toBe(19);
    expect(age('2004-02-29', '2024-02-29')).toBe(20);
  });
  it('counts days and takes date parts', () => {
    expect(daysBetween('2024-03-01', '2024-02-28')).toBe(-2);
    expect(daysBetween('2023-03-25', '2023-03-27')).toBe(2);
    expect(dateOnly('2024-03-05T23:59:59Z')).toBe('2024-03-05');
    expect(dateOnly('garbage')).toBeNull();
  });
});

// The fast paths (ISO shapes without the regex, arithmetic month lengths and padding, civil-date
// UTC text, the last-parse cache, single-candidate toUtc) must give byte-for-byte what the
// straightforward implementation gives; `__fixtures__/dates-reference.ts` is that implementation.
describe('fast paths agree with the reference implementation', () => {
  const outcome = (f: () => unknown) => {
    try {
      return { value: f() };
    } catch (e) {
      return { error: (e as Error).message };
    }
  };
  const int = (lo: number, hi: number) => fc.integer({ min: lo, max: hi });
  const p2 = (n: number) => String(n).padStart(2, '0');
  // Dates and times that are mostly well formed, with impossible days, leap days, years near the
  // edges, lower-case t/z, offsets, fractions, spaces and DST transition hours.
  const isoLike = fc
    .tuple(
      fc.oneof(int(1, 9999), int(1899, 2100), fc.constantFrom(1, 4, 99, 100, 1600, 1900, 2000, 2024, 9999)),
      int(0, 13),
      int(0, 32),
      fc.option(fc.tuple(int(0, 24), int(0, 60), fc.option(int(0, 60)), fc.option(fc.constantFrom('.5', '.250', ',123456789'))), { nil: undefined }),
      fc.constantFrom('', 'Z', 'z', '+01:00', '-0530', '+14:00', '+15:00'),
      fc.constantFrom('T', 't', ' ', 'X'),
      fc.constantFrom('', ' ', '\u00a0'),
      fc.constantFrom('day', 'month', 'year', 'full'),
    )
    .map(([y, M, d, time, off, sep, pad, cut]) => {
      let s = String(y).padStart(4, '0');
      if (cut !== 'year') s += `-${p2(M)}`;
      if (cut === 'day' || cut === 'full') s += `-${p2(d)}`;
      if (cut === 'full' && time) s += `${sep}${p2(time[0])}:${p2(time[1])}${time[2] === null ? '' : `:${p2(time[2])}${time[3] ?? ''}`}${off}`;
      return pad + s + pad;
    });
  const ukLike = fc
    .tuple(int(0, 32), int(0, 13), fc.oneof(int(1, 9999), int(0, 99)), fc.option(fc.tuple(int(0, 24), int(0, 60), fc.option(int(0, 60)))), fc.constantFrom(' ', ' ', '  ', '\t', '\u00a0', 'T'), fc.constantFrom('/', '.', '-'))
    .map(([d, M, y, t, sp, sl]) => `${p2(d)}${sl}${p2(M)}${sl}${y}${t ? `${sp}${p2(t[0])}:${p2(t[1])}${t[2] === null ? '' : `:${p2(t[2])}`}` : ''}`);
  const anyText = fc.oneof(isoLike, ukLike, fc.string({ maxLength: 25 }), fc.constantFrom('2024-03-31T01:30', '2024-10-27T01:30:00', '2024-03-31T01:00:00', '1970-01-01', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59'));
  const input = fc.oneof({ weight: 10, arbitrary: anyText }, { weight: 1, arbitrary: fc.constantFrom(null, undefined, '', '  ', 45292, true) });
  const patterns = fc.constantFrom(undefined, null, 'ISO', 'dd/MM/yyyy', 'dd/MM/yyyy HH:mm:ss', ['dd/MM/yyyy', 'dd/MM/yy'], ['dd/MM/yyyy HH:mm', 'MM/yyyy'], 'MM/yyyy', 'yyyy-MM-dd', 'bad qq', 'dd/MM/yyyy HH:mm', 'dd.MM.yy HH:mm:ss', 'dd-MM-yyyy', 'yyyyMMdd', 'dd/MM/yyyy  HH:mm', "dd/MM/yyyy'T'HH:mm", "dd'  'MM/yyyy", 'd/M/yyyy H:mm', 'dd/MM/yyyy\tHH:mm');
  const zone = fc.constantFrom(undefined, 'Europe/London', 'America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC');
  const mode = fc.constantFrom(undefined, 'compatible', 'earlier', 'later', 'reject');

  it('toUtc and fromUtc', () => {
    fc.assert(
      fc.property(input, zone, mode, (v, tz, m) => {
        expect(outcome(() => toUtc(v, tz, m))).toEqual(outcome(() => ref.toUtc(v, tz, m)));
        expect(outcome(() => fromUtc(v, tz))).toEqual(outcome(() => ref.fromUtc(v, tz)));
      }),
      { numRuns: 3000 },
    );
  });
  it('parseDate (called twice, as rules do) and partialDate', () => {
    fc.assert(
      fc.property(input, patterns, fc.constantFrom(undefined, 2010, 2029), (v, pats, pivot) => {
        const expected = outcome(() => ref.parseDate(v, pats, pivot));
        expect(outcome(() => parseDate(v, pats, pivot))).toEqual(expected);
        expect(outcome(() => parseDate(v, pats, pivot))).toEqual(expected);
        expect(outcome(() => partialDate(v, pats))).toEqual(outcome(() => ref.partialDate(v, pats)));
      }),
      { numRuns: 3000 },
    );
  });
  it('formatDate, dateOnly, age and daysBetween', () => {
    fc.assert(
      fc.property(input, input, fc.constantFrom('dd/MM/yyyy', "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", 'd MMM yy h:mm a', 'EEEE'), (a, b, pat) => {
        expect(outcome(() => formatDate(a, pat))).toEqual(outcome(() => ref.formatDate(a, pat)));
        expect(outcome(() => dateOnly(a))).toEqual(outcome(() => ref.dateOnly(a)));
        expect(outcome(() => age(a, b))).toEqual(outcome(() => ref.age(a, b)));
        expect(outcome(() => daysBetween(a, b))).toEqual(outcome(() => ref.daysBetween(a, b)));
      }),
      { numRuns: 2000 },
    );
  });
  it('month lengths and UTC text in every year, including century years', () => {
    for (let y = 1; y <= 9999; y += y < 2100 ? 1 : 389) {
      const yyyy = String(y).padStart(4, '0');
      for (const md of ['02-29', '03-01', '12-31', '04-31']) {
        expect(parseDate(`${yyyy}-${md}`, 'ISO')).toBe(ref.parseDate(`${yyyy}-${md}`, 'ISO'));
        expect(toUtc(`${yyyy}-${md}T00:30:00`, 'UTC')).toBe(ref.toUtc(`${yyyy}-${md}T00:30:00`, 'UTC'));
      }
    }
  });
  it('the last-parse cache never answers for different patterns or a changed list', () => {
    const list = ['dd/MM/yyyy'];
    expect(parseDate('05/03/2024', list)).toBe('2024-03-05');
    list[0] = 'MM/dd/yyyy';
    expect(parseDate('05/03/2024', list)).toBe('2024-05-03');
    expect(parseDate('05/03/24', ['dd/MM/yy'], 2010)).toBe('1924-03-05');
    expect(parseDate('05/03/24', ['dd/MM/yy'], 2029)).toBe('2024-03-05');
    expect(() => parseDate('05/03/24', ['dd/MM/yy', 'qq'], 2029)).toThrow(ExprRuntimeError);
  });
});
