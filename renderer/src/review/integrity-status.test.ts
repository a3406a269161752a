import { describe, expect, it } from 'vitest';
import { integrityStatus } from './ReviewScreen';

const intact = { ok: true, fileCount: 14, problems: [] };

describe('integrityStatus', () => {
  it('is green, in plain words, for an intact bundle with a valid signature', () => {
    const s = integrityStatus({
      integrity: intact,
      signatures: [
        {
          file: 'signatures/author-1.json',
          valid: true,
          role: 'author',
          keyId: 'ed25519:1',
          knownAs: 'Acme Records',
          signedAt: '2026-11-27T09:00:00Z',
        },
      ],
    });
    expect(s.tone).toBe('good');
    expect(s.headline).toBe('Verified');
    expect(s.lines).toEqual(['All 14 files match the manifest.', 'Signed by Acme Records (author) on 27 Nov 2026.']);
  });
  it('is amber when intact but unsigned', () => {
    expect(integrityStatus({ integrity: intact, signatures: [] }).tone).toBe('warn');
  });
  it('is red when a file differs or a signature fails', () => {
    const tampered = integrityStatus({
      integrity: { ok: false, fileCount: 14, problems: ['transform.mjs differs from the manifest'] },
      signatures: [],
    });
    expect(tampered.tone).toBe('bad');
    expect(tampered.lines).toContain('transform.mjs differs from the manifest');
    expect(
      integrityStatus({ integrity: intact, signatures: [{ file: 's.json', valid: false, detail: 'manifest changed' }] })
        .tone,
    ).toBe('bad');
  });
});
