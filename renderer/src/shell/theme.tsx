import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';

export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEME_STORAGE_KEY = 'mapwright.theme';
const CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

/** The saved choice, or `system` when nothing (or something unreadable) is stored. */
export function readThemeChoice(storage: Pick<Storage, 'getItem'> | null): ThemeChoice {
  try {
    const v = storage?.getItem(THEME_STORAGE_KEY);
    return CHOICES.includes(v as ThemeChoice) ? (v as ThemeChoice) : 'system';
  } catch {
    return 'system';
  }
}

/**
 * Applies a choice to the document. The stylesheet uses `light-dark()` colours driven by
 * `color-scheme`, so `system` simply leaves `data-theme` off and the OS preference decides.
 */
export function applyTheme(root: HTMLElement, choice: ThemeChoice): void {
  if (choice === 'system') delete root.dataset.theme;
  else root.dataset.theme = choice;
}

interface ThemeContextValue {
  choice: ThemeChoice;
  setChoice(choice: ThemeChoice): void;
}
const ThemeContext = createContext<ThemeContextValue>({ choice: 'system', setChoice: () => {} });

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Holds the System/Light/Dark choice, persisted in localStorage. */
export function ThemeProvider({ children }: { children: ReactNode }) {
  const [choice, setChoiceState] = useState<ThemeChoice>(() => readThemeChoice(safeLocalStorage()));
  useEffect(() => applyTheme(document.documentElement, choice), [choice]);
  const setChoice = useCallback((next: ThemeChoice) => {
    try {
      safeLocalStorage()?.setItem(THEME_STORAGE_KEY, next);
    } catch {
      // Not persisted under a storage policy; the choice still applies to this window.
    }
    setChoiceState(next);
  }, []);
  return <ThemeContext.Provider value={{ choice, setChoice }}>{children}</ThemeContext.Provider>;
}

export const useTheme = () => useContext(ThemeContext);

const LABELS: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** A three-way segmented control; arrow keys move between options (radio-group pattern). */
export function ThemeSwitch() {
  const { choice, setChoice } = useTheme();
  return (
    <div className="segmented" role="radiogroup" aria-label="Theme" data-testid="theme-switch">
      {CHOICES.map((c) => (
        <button
          key={c}
          type="button"
          role="radio"
          aria-checked={choice === c}
          tabIndex={choice === c ? 0 : -1}
          data-testid={`theme-${c}`}
          className="segmented-item"
          onClick={() => setChoice(c)}
          onKeyDown={(e) => {
            const i = CHOICES.indexOf(c);
            const step = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
            if (!step) return;
            e.preventDefault();
            const next = CHOICES[(i + step + CHOICES.length) % CHOICES.length];
            setChoice(next);
            (e.currentTarget.parentElement?.querySelector(`[data-testid="theme-${next}"]`) as HTMLElement | null)?.focus();
          }}
        >
          {LABELS[c]}
        </button>
      ))}
    </div>
  );
}
