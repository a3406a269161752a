import { APP_ORIGIN } from './static-files';

/** The parts of Electron's `WebFrameMain` the sender check needs. */
export interface FrameLike {
  url: string;
  parent: FrameLike | null;
}

/** `scheme://host[:port]` of a URL; unlike `URL.origin` this also works for custom schemes. */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.host ? `${u.protocol}//${u.host}` : null;
  } catch {
    return null;
  }
}

/**
 * Is an IPC message from our window's top-level frame, showing our own app? Rejects subframes
 * (an injected iframe), other windows, destroyed frames (null) and pages navigated elsewhere.
 * `allowedOrigins` is `[APP_ORIGIN]`, plus the Vite dev server's origin in development.
 */
export function isTrustedSender(frame: FrameLike | null | undefined, mainFrame: FrameLike | null | undefined, allowedOrigins: readonly string[] = [APP_ORIGIN]): boolean {
  if (!frame || !mainFrame || frame !== mainFrame || frame.parent !== null) return false;
  const origin = originOf(frame.url);
  return origin !== null && allowedOrigins.includes(origin);
}
