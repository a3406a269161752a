import { describe, expect, it } from 'vitest';
import { regexProblem } from './regex-safety';

describe('regexProblem', () => {
  it.each([
    '^[A-Z]{2}\\d{2}\\s?[A-Z]{3}$',
    '^\\s*(\\d+)\\s*-\\s*(\\d+)\\s*$',
    '(\\d{3})+',
    '^(?:Mr|Mrs|Ms|Dr)\\.?\\s',
    '(a|b)+c',
    '.*x.*',
    '^CR/\\d+/\\d{2}$',
    '[^,]+,[^,]+',
    '(?<year>\\d{4})-(?<month>\\d{2})',
    '\\bfoo\\b',
    '^(?=.*\\d)[A-Z0-9]+$',
    '[\\u00C0-\\u017F]+',
  ])('accepts %s', (p) => expect(regexProblem(p)).toBeUndefined());

  it.each([
    ['(a+)+$', 'nested'],
    ['(a*)*', 'nested'],
    ['(a|aa)*b', 'alternatives'],
    ['(a|a?)+', 'nested'],
    ['(ab|a)*', 'alternatives'],
    ['(.*a){20}', 'nested'],
    ['(a?){25}a{25}', 'nested'],
    ['(\\w+\\s?)*$', 'nested'],
    ['.*.*.*=', 'overlapping'],
    ['\\s*\\s*\\s*x', 'overlapping'],
    ['\\d+\\.?\\d+\\.?\\d+', 'overlapping'],
    ['(.+)\\1', 'backreference'],
    ['(?<x>a)\\k<x>', 'backreference'],
    ['\\p{L}+', 'not supported'],
    ['a'.repeat(501), 'longer'],
  ])('refuses %s (%s)', (p, why) => {
    const r = regexProblem(p);
    expect(r?.kind).toBe('unsafe');
    expect(r?.reason).toMatch(new RegExp(why === 'alternatives' ? 'alternatives' : why === 'backreference' ? 'backreference' : why));
  });

  it('treats case-insensitive overlap as overlap', () => {
    expect(regexProblem('(A|b)+')).toBeUndefined();
    expect(regexProblem('(A|a)+', 'i')?.kind).toBe('unsafe');
    expect(regexProblem('(A|b)+', 'i')).toBeUndefined();
  });

  it('reports invalid patterns and flags', () => {
    expect(regexProblem('(')?.kind).toBe('invalid');
    expect(regexProblem('a', 'g')?.kind).toBe('invalid');
    expect(regexProblem('a', 'ii')?.kind).toBe('invalid');
  });

  it('accepted patterns really are fast on adversarial input (sanity, not a timing assertion)', () => {
    // The counted steps stay polynomial: these run on 10,000 characters, the run-time cap.
    const input = `${'a'.repeat(10_000)}!`;
    for (const p of ['^(a|b)+$', '.*x.*', '^\\s*(\\d+)\\s*-\\s*(\\d+)\\s*$', '(\\d{3})+$']) {
      expect(regexProblem(p)).toBeUndefined();
      expect(new RegExp(p).test(input)).toBe(false);
    }
  });
});
