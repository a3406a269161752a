import { createHash } from 'node:crypto';

/** `sha256:<hex>` of UTF-8 text or bytes, the form used for document and schema hashes. */
export function sha256(data: string | Uint8Array): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}
