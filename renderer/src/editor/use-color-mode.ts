import { useEffect, useState } from 'react';

/** Light or dark as the shell's theme resolves it (`data-theme` on <html>, else the OS setting). */
export function useColorMode(): 'light' | 'dark' {
  const read = (): 'light' | 'dark' => {
    const explicit = document.documentElement.dataset.theme;
    if (explicit === 'light' || explicit === 'dark') return explicit;
    return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  };
  const [mode, setMode] = useState(read);
  useEffect(() => {
    const update = () => setMode(read());
    const obs = new MutationObserver(update);
    obs.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const mq = window.matchMedia?.('(prefers-color-scheme: dark)');
    mq?.addEventListener?.('change', update);
    return () => {
      obs.disconnect();
      mq?.removeEventListener?.('change', update);
    };
  }, []);
  return mode;
}
