import { describe, expect, it } from 'vitest';
import { formatBytes, formatDate, reviewIdFromHash } from './store';

describe('review helpers', () => {
  it('reads the review id from the hash', () => {
    expect(reviewIdFromHash('#/review/abc-1')).toBe('abc-1');
    expect(reviewIdFromHash('#/projects/abc')).toBeNull();
    expect(reviewIdFromHash('#/review/')).toBeNull();
  });
  it('formats sizes and dates for people', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatDate('2026-11-27T10:00:00Z')).toBe('27 Nov 2026');
    expect(formatDate(undefined)).toBe('an unknown date');
  });
});
