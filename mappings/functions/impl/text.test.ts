import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExprRuntimeError } from './errors';
import { familyName, givenNames, nameTitle, splitName } from './names';
import * as namesRef from './__fixtures__/names-reference';
import { concat, contains, join, length, padStart, regexExtract, regexReplace, regexTest, replace, split, substring, titleCase } from './text';

describe('titleCase', () => {
  it.each([
    ["O'NEIL", "O'Neil"],
    ['mcdonald', 'McDonald'],
    ['smith-jones', 'Smith-Jones'],
    ["mary o'brien-mcgrath", "Mary O'Brien-McGrath"],
    ['MACDONALD', 'Macdonald'],
    ['  jean   paul ', 'Jean   Paul'],
    ['ÉLODIE ÀLVAREZ', 'Élodie Àlvarez'],
  ])('%s → %s', (input, expected) => expect(titleCase(input)).toBe(expected));

  // The ASCII fast path must give exactly what the two Unicode regex replacements give.
  const reference = (v: string) => {
    const t = v.trim().toLowerCase();
    return t === ''
      ? null
      : t
          .replace(/(^|[\s\-'’‘(])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase())
          .replace(/\b(Mc)(\p{Ll})/gu, (_m, mc: string, ch: string) => mc + ch.toUpperCase());
  };
  it('agrees with the regex definition on any text', () => {
    const piece = fc.constantFrom('mc', 'MC', 'Mc', 'mcm', 'mac', 'a', 'Z', '_', '0', ' ', '  ', '\t', '\n', '\v', '\f', '\r', '\u001c', '-', "'", '(', ')', '’', 'é', 'É', 'ß', '\u00a0', '.', 'x');
    fc.assert(
      fc.property(fc.oneof(fc.array(piece, { maxLength: 20 }).map((a) => a.join('')), fc.string({ unit: 'binary-ascii', maxLength: 30 }), fc.string({ maxLength: 30 })), (v) => {
        expect(titleCase(v)).toBe(reference(v));
      }),
      { numRuns: 5000 },
    );
    const long = 'mcx-'.repeat(5000);
    expect(titleCase(long)).toBe(reference(long));
  });
});

describe('splitName', () => {
  it.each([
    ['SMITH, John Paul', { title: null, given: ['John', 'Paul'], family: 'SMITH' }],
    ['Smith, Mr John', { title: 'Mr', given: ['John'], family: 'Smith' }],
    ["Mrs Jane O'Neil", { title: 'Mrs', given: ['Jane'], family: "O'Neil" }],
    ['John Paul SMITH', { title: null, given: ['John', 'Paul'], family: 'SMITH' }],
    ['Jean DE LA CRUZ', { title: null, given: ['Jean'], family: 'DE LA CRUZ' }],
    ['Dr. Amir Khan', { title: 'Dr', given: ['Amir'], family: 'Khan' }],
    ['JOHN SMITH', { title: null, given: ['JOHN'], family: 'SMITH' }],
    ['Smith', { title: null, given: [], family: 'Smith' }],
    ['Unknown, John', { title: null, given: ['John'], family: null }],
    ['  John   Smith  ', { title: null, given: ['John'], family: 'Smith' }],
  ])('%s', (input, expected) => expect(splitName(input)).toEqual(expected));
  it.each(['unknown', 'N/K', 'n.k.', 'Not Known', 'n/a', '', '  ', null, 'REFUSED'])('placeholder %j → null', (v) => expect(splitName(v)).toBeNull());
  it('answers a repeated name with the same frozen result, which callers cannot change', () => {
    const a = splitName('SMITH, John Paul')!;
    expect(splitName('SMITH, John Paul')).toBe(a);
    expect(() => (a.given as string[]).push('X')).toThrow(TypeError);
    expect(() => ((a as { family: string | null }).family = 'X')).toThrow(TypeError);
    expect(splitName('Jones, Ann')).toEqual({ title: null, given: ['Ann'], family: 'Jones' });
    expect(splitName('SMITH, John Paul')).toEqual({ title: null, given: ['John', 'Paul'], family: 'SMITH' });
  });
  it('has part accessors', () => {
    expect(givenNames('SMITH, John Paul')).toEqual(['John', 'Paul']);
    expect(givenNames('Smith')).toBeNull();
    expect(familyName('Mrs Jane Doe')).toBe('Doe');
    expect(nameTitle('Mrs Jane Doe')).toBe('Mrs');
    expect(nameTitle('Jane Doe')).toBeNull();
  });
});

describe('text functions', () => {
  it('split and join', () => {
    expect(split('a,b', ',')).toEqual(['a', 'b']);
    expect(() => split('a', '')).toThrow(ExprRuntimeError);
    expect(join(['a', 1, true, '', null], '-')).toBe('a-1-true');
    expect(() => join([{}], '-')).toThrow(/cannot include an object/);
    expect(join('single')).toBe('single');
  });
  it('replace is literal', () => {
    expect(replace('a.b.c', '.', '')).toBe('abc');
    expect(replace('$1 x', '$1', '$$')).toBe('$$ x');
  });
  it('regexes', () => {
    expect(regexTest('AB12 CDE', '^[A-Z]{2}\\d{2}')).toBe(true);
    expect(regexTest(null, 'a')).toBe(false);
    expect(regexExtract('DOB: 01/02/1990', '(?<d>\\d{2})/(?<m>\\d{2})', 'm')).toBe('02');
    expect(regexExtract('abc', 'x')).toBeNull();
    expect(regexReplace('a1b22', '(\\d+)', '<$1>')).toBe('a<1>b<22>');
    expect(regexReplace('AbA', 'a', '', 'i')).toBe('b');
    expect(() => regexTest('x', '(')).toThrow(/invalid pattern/);
    expect(() => regexTest('x', 'a', 'g')).toThrow(/flags/);
  });
  it('regexReplace bounds its result before building it', () => {
    const s = 'a'.repeat(10_000);
    expect(() => regexReplace(s, 'a', '$&'.repeat(200))).toThrow(/over the limit/);
  });
  it('pads, slices, measures, concatenates and searches', () => {
    expect(padStart('7', 3, '0')).toBe('007');
    expect(padStart('1234', 2, '0')).toBe('1234');
    expect(() => padStart('x', 1e7)).toThrow(/over the limit/);
    expect(() => padStart('x', 2.5)).toThrow(/whole number/);
    expect(substring('abcdef', 1, 3)).toBe('bc');
    expect(substring('abc', 5)).toBeNull();
    expect(length('abc')).toBe(3);
    expect(length(undefined)).toBe(0);
    expect(concat('a', null, 1)).toBe('a1');
    expect(concat(null, '')).toBeNull();
    expect(contains('Hello', 'ell')).toBe(true);
    expect(contains('Hello', 'ELL')).toBe(false);
    expect(contains(['a', 'B'], 'b', true)).toBe(true);
    expect(contains(null, 'x')).toBe(false);
  });
  it('rejects objects where text is needed', () => {
    expect(() => titleCase({})).toThrow(/needs text, not an object/);
    expect(() => titleCase(['a'])).toThrow(/needs text, not a list/);
  });
});

describe('splitName fast paths agree with the reference implementation', () => {
  it('on generated names', () => {
    const word = fc.constantFrom('Mr', 'mrs.', 'DR', 'Rt', 'Hon', 'Sgt.', 'John', 'JOHN', 'jean', 'DE', 'LA', 'CRUZ', "O'NEIL", 'smith-jones', 'Zoë', 'ZOË', 'ßtraße', 'Émile', 'N/K', 'n.k.', 'Unknown', 'UNK', '-', '?', 'x', 'XX', 'a.b', '', ',', ', ', ' ', '  ', '\t', '\u00a0', '.', '1', 'Mc', 'İ', 'Z', 'z', 'A', 'a', 'ZZ');
    fc.assert(
      fc.property(fc.oneof(fc.array(word, { maxLength: 7 }).map((a) => a.join(' ')), fc.array(word, { maxLength: 7 }).map((a) => a.join('')), fc.string({ maxLength: 20 })), (name) => {
        expect(splitName(name)).toEqual(namesRef.splitName(name));
        expect(givenNames(name)).toEqual(namesRef.givenNames(name));
        expect(familyName(name)).toEqual(namesRef.familyName(name));
        expect(nameTitle(name)).toEqual(namesRef.nameTitle(name));
      }),
      { numRuns: 5000 },
    );
  });
});
