/** True on macOS, where the "Mod" key is ⌘ instead of Ctrl. */
export const isMac = (): boolean =>
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/**
 * Does a key event match a combo like `Mod+N`, `Mod+Alt+B`, `F2`, `Delete`, `?`? `Mod` is ⌘ on
 * macOS and Ctrl elsewhere; unlisted modifiers must be up, except Shift for printed characters
 * such as `?` (which needs Shift on most layouts).
 */
export function matchesCombo(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>, combo: string, mac = isMac()): boolean {
  const parts = combo.split('+');
  const key = parts.pop()!;
  const want = new Set(parts);
  const mod = mac ? e.metaKey : e.ctrlKey;
  const otherCmd = mac ? e.ctrlKey : e.metaKey;
  if (want.has('Mod') !== mod || otherCmd) return false;
  if (want.has('Alt') !== e.altKey) return false;
  const printable = key.length === 1 && !/[a-z0-9]/i.test(key);
  if (!printable && want.has('Shift') !== e.shiftKey) return false;
  // With Alt on macOS `e.key` is the composed character, so fall back to comparing letters loosely.
  return e.key.toLowerCase() === key.toLowerCase() || (e.altKey && key.length === 1 && e.key.length !== 1);
}

/** Human label for a combo on this platform: `Ctrl+N` or `⌘N`. */
export function comboLabel(combo: string, mac = isMac()): string {
  const parts = combo.split('+');
  if (mac) {
    return parts.map((p) => ({ Mod: '⌘', Alt: '⌥', Shift: '⇧', Delete: '⌦', Escape: 'Esc' })[p] ?? p).join('');
  }
  return parts.map((p) => ({ Mod: 'Ctrl', Escape: 'Esc' })[p] ?? p).join('+');
}

/** Keys typed into a text field belong to the field, not to single-key shortcuts. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(target.type);
  return !!target.closest('.monaco-editor');
}
