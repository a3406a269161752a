/**
 * Loads Monaco on first use (a separate chunk, so opening the app stays fast) with its worker
 * served from the app's own origin — never a CDN (see ../../monaco/environment.ts).
 */
import type * as Monaco from 'monaco-editor/editor/editor.api';

let loading: Promise<typeof Monaco> | null = null;

export function loadMonaco(): Promise<typeof Monaco> {
  loading ??= (async () => {
    await import('../../monaco/environment');
    // The bare API has no editor features; register them all (suggest, hover, parameter hints,
    // find, diff…) but none of Monaco's bundled languages, which Mapwright does not need here.
    const [api] = await Promise.all([import('monaco-editor/editor/editor.api'), import('monaco-editor/features/register.all')]);
    return api;
  })();
  return loading;
}
