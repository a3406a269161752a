import { describe, expect, it } from 'vitest';
import { mergeEntries, parseValueMapPaste, unmappedSamples } from './value-map-paste';

describe('parseValueMapPaste', () => {
  it('reads tab-separated rows, skips a header row and reports bad lines', () => {
    const r = parseValueMapPaste('From\tTo\tQuality\nM\tM\nF\tF\texact\tfemale\r\nX\nU\tU\tguess\nM\tF\n\n');
    expect(r.skippedHeader).toBe(true);
    expect(r.entries).toEqual([
      { from: 'M', to: 'M', quality: 'exact' },
      { from: 'F', to: 'F', quality: 'exact', note: 'female' },
    ]);
    expect(r.errors).toEqual([
      { line: 4, message: 'needs a "from" and a "to" column separated by a tab (got "X")' },
      { line: 5, message: 'quality "guess" is not one of exact, broader, narrower, lossy' },
      { line: 6, message: '"M" is already mapped on line 2' },
    ]);
  });

  it('merges over existing entries and lists samples without an entry', () => {
    const merged = mergeEntries([{ from: 'M', to: 'X', quality: 'lossy' }, { from: 'F', to: 'F', quality: 'exact' }], [{ from: 'M', to: 'M', quality: 'exact' }]);
    expect(merged).toEqual([{ from: 'M', to: 'M', quality: 'exact' }, { from: 'F', to: 'F', quality: 'exact' }]);
    expect(unmappedSamples(['M', 'f', 'U', '', null, 'U'], merged)).toEqual(['f', 'U']);
    expect(unmappedSamples(['M', 'f ', 'U'], merged, true)).toEqual(['U']);
  });
});
