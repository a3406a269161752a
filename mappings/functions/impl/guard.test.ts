import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBlank, textArg } from './guard';

// textArg and isBlank decide most text without trimming it; the answer must be the trimmed one.
describe('blank text', () => {
  const spaces = ['', ' ', '\t', '\n', '\v', '\f', '\r', '\u00a0', '\u1680', '\u2000', '\u2028', '\u3000', '\ufeff', '\u001f', '\u0085', '\u200b'];
  const text = fc.oneof(
    fc.string({ maxLength: 10 }),
    fc.string({ unit: 'binary', maxLength: 10 }),
    fc.array(fc.constantFrom(...spaces, '!', '~', 'a', '\u007f', 'é'), { maxLength: 6 }).map((a) => a.join('')),
  );
  it('textArg and isBlank agree with trim() on any text', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(textArg(s, 'f')).toBe(s.trim() === '' ? null : s);
        expect(isBlank(s)).toBe(s.trim() === '');
      }),
      { numRuns: 5000 },
    );
    for (let c = 0; c < 0x10000; c++) {
      const s = String.fromCharCode(c);
      expect(isBlank(s)).toBe(s.trim() === '');
    }
  });
  it('other values', () => {
    expect(textArg(12, 'f')).toBe('12');
    expect(textArg(null, 'f')).toBeNull();
    expect(isBlank([])).toBe(true);
    expect(isBlank(0)).toBe(false);
    expect(() => textArg({}, 'f')).toThrow(/f\(\) needs text, not an object/);
  });
});
