import { describe, expect, it } from 'vitest';
import { PROJECT_DESCRIPTION_MAX, PROJECT_NAME_MAX, validateProjectDescription, validateProjectName } from './validation';

describe('validateProjectName', () => {
  it('requires a non-blank name', () => {
    expect(validateProjectName('', [])).toMatch(/name/);
    expect(validateProjectName('   ', [])).toMatch(/name/);
  });
  it('limits length and forbids control characters', () => {
    expect(validateProjectName('x'.repeat(PROJECT_NAME_MAX), [])).toBeNull();
    expect(validateProjectName('x'.repeat(PROJECT_NAME_MAX + 1), [])).toMatch(String(PROJECT_NAME_MAX));
    expect(validateProjectName('two\nlines', [])).toMatch(/control/);
    expect(validateProjectName('tab\there', [])).toMatch(/control/);
  });
  it('rejects a duplicate ignoring case and surrounding space, but allows keeping your own name', () => {
    expect(validateProjectName(' niche rms ', ['Niche RMS'])).toMatch(/already exists/);
    expect(validateProjectName('NICHE RMS', ['Niche RMS'], 'Niche RMS')).toBeNull();
    expect(validateProjectName('Athena', ['Niche RMS', 'Athena'], 'Niche RMS')).toMatch(/already exists/);
    expect(validateProjectName('Niche RMS → POLE', ['Niche RMS'])).toBeNull();
  });
});

describe('validateProjectDescription', () => {
  it('limits length', () => {
    expect(validateProjectDescription('x'.repeat(PROJECT_DESCRIPTION_MAX))).toBeNull();
    expect(validateProjectDescription('x'.repeat(PROJECT_DESCRIPTION_MAX + 1))).toMatch(/fewer/);
  });
});
