/**
 * The browser host hands out a per-launch token in the link it prints (`?token=…`). We keep it in
 * sessionStorage (scoped to this tab, gone when it closes) and strip it from the visible URL so it
 * does not end up in screenshots, bookmarks or the history list.
 */

export const TOKEN_STORAGE_KEY = 'mapwright.token';

export interface TokenEnvironment {
  location: Pick<Location, 'href'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
}

/**
 * Reads the session token: from `?token=` on first load (then removes it from the address bar),
 * else from sessionStorage after a reload. Returns null when there is none (the host may still
 * accept us through its cookie).
 */
export function takeToken(env: TokenEnvironment): string | null {
  const url = new URL(env.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      env.storage?.setItem(TOKEN_STORAGE_KEY, fromUrl);
    } catch {
      // Storage can be disabled by policy; the token still works for this page's lifetime.
    }
    url.searchParams.delete('token');
    env.history.replaceState(env.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  try {
    return env.storage?.getItem(TOKEN_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}
