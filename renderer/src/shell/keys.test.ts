import { describe, expect, it } from 'vitest';
import { comboLabel, matchesCombo } from './keys';

const ev = (key: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('matchesCombo', () => {
  it('maps Mod to Ctrl off macOS and ⌘ on macOS', () => {
    expect(matchesCombo(ev('n', { ctrlKey: true }), 'Mod+N', false)).toBe(true);
    expect(matchesCombo(ev('n', { metaKey: true }), 'Mod+N', false)).toBe(false);
    expect(matchesCombo(ev('n', { metaKey: true }), 'Mod+N', true)).toBe(true);
    expect(matchesCombo(ev('n', { ctrlKey: true }), 'Mod+N', true)).toBe(false);
  });
  it('requires the exact modifiers', () => {
    expect(matchesCombo(ev('n'), 'Mod+N', false)).toBe(false);
    expect(matchesCombo(ev('N', { ctrlKey: true, shiftKey: true }), 'Mod+N', false)).toBe(false);
    expect(matchesCombo(ev('b', { ctrlKey: true, altKey: true }), 'Mod+Alt+B', false)).toBe(true);
    expect(matchesCombo(ev('F2'), 'F2', false)).toBe(true);
    expect(matchesCombo(ev('F2', { ctrlKey: true }), 'F2', false)).toBe(false);
  });
  it('ignores Shift for printed symbols such as ?', () => {
    expect(matchesCombo(ev('?', { shiftKey: true }), '?', false)).toBe(true);
    expect(matchesCombo(ev('/', { shiftKey: false }), '?', false)).toBe(false);
  });
});

describe('comboLabel', () => {
  it('reads naturally on each platform', () => {
    expect(comboLabel('Mod+K', false)).toBe('Ctrl+K');
    expect(comboLabel('Mod+K', true)).toBe('⌘K');
    expect(comboLabel('Mod+Alt+B', true)).toBe('⌘⌥B');
  });
});
