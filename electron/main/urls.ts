/**
 * Accepts only http(s) URLs without embedded credentials, for `shell.openExternal`: other schemes
 * (file:, javascript:, custom protocol handlers, smb:) can run programs or leak NTLM hashes.
 * Returns the normalised URL string or null.
 */
export function safeExternalUrl(input: string): string | null {
  // Control characters and white space never belong in a link; some URL parsers drop them silently.
  // eslint-disable-next-line no-control-regex
  if (input.length > 2048 || /[\u0000-\u001f\u007f\s]/.test(input)) return null;
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password || !url.hostname) return null;
  return url.href;
}
