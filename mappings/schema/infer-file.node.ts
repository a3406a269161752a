/** File edge of schema import: streams a sample file through inference in constant memory. */
import { open, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { FieldTree } from '../model/field-tree';
import { createChunkDecoder } from '../io/decode';
import { fileChunks } from '../io/files.node.js';
import { createSampleSession, inferSchema, type SchemaFormat } from './index';

/** Reads at most `bytes` from the start of a file, as text (for dialect and record-path sniffing). */
export async function readPrefix(path: string, bytes = 65536): Promise<string> {
  const fh = await open(path, 'r');
  try {
    const buf = new Uint8Array(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    // a multi-byte character cut at the end is dropped by the non-final decode
    return createChunkDecoder().decode(buf.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
}

/**
 * Reads an XSD and every schema it includes or imports (transitively, by `schemaLocation`
 * relative to each file), keyed by path relative to the main file's folder.
 */
export async function readXsdSet(path: string): Promise<Record<string, string>> {
  const base = dirname(path);
  const files: Record<string, string> = {};
  const queue = [path];
  while (queue.length && Object.keys(files).length < 200) {
    const p = queue.shift()!;
    const key = relative(base, p).split('\\').join('/');
    if (files[key] !== undefined) continue;
    let text: string;
    try {
      text = await readFile(p, 'utf8');
    } catch {
      continue; // reported as an unresolved include by the importer
    }
    files[key] = text;
    for (const m of text.matchAll(/schemaLocation\s*=\s*["']([^"']+)["']/g)) {
      if (!/^[a-z]+:/i.test(m[1])) queue.push(join(dirname(p), m[1]));
    }
  }
  return files;
}

export interface InferFileOptions {
  format: SchemaFormat;
  name: string;
  recordPath?: string;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/** Infers (samples, streamed) or imports (schemas, read whole) the field tree of a file. */
export async function inferFile(path: string, options: InferFileOptions): Promise<{ tree: FieldTree; diagnostics: Diagnostic[] }> {
  const { format, name } = options;
  if (format === 'xsd') {
    const files = await readXsdSet(path);
    const key = Object.keys(files)[0];
    return inferSchema({ name, format, content: files[key], file: key, files, ...(options.recordPath ? { recordPath: options.recordPath } : {}) });
  }
  if (format === 'jsonschema') {
    return inferSchema({ name, format, content: await readFile(path, 'utf8'), file: path, ...(options.recordPath ? { recordPath: options.recordPath } : {}) });
  }
  const total = (await stat(path)).size;
  const prefix = await readPrefix(path);
  const diagnostics: Diagnostic[] = [];
  const session = createSampleSession(format, { name, file: path, content: prefix, recordPath: options.recordPath, diagnostics });
  const decoder = createChunkDecoder('utf-8', path, (d) => diagnostics.push(d));
  for await (const chunk of fileChunks(path, total, options.onProgress)) {
    const text = decoder.decode(chunk);
    if (text) session.push(text);
  }
  const tail = decoder.flush();
  if (tail) session.push(tail);
  const tree = session.finish();
  return { tree, diagnostics: [...diagnostics, ...session.inferrer.diagnostics] };
}

/** Progress on stderr: only for a terminal or a large file, at most twice a second. */
export function progressReporter(
  label: string,
  out: { isTTY?: boolean; write(s: string): unknown },
  minBytes = 64 * 1024 * 1024,
): ((read: number, total: number) => void) & { done(): void } {
  let last = 0;
  let shown = false;
  const fn = ((read: number, total: number) => {
    if (!out.isTTY && total < minBytes) return;
    const now = Date.now();
    if (now - last < 500 && read < total) return;
    last = now;
    shown = true;
    const pct = total ? Math.floor((read / total) * 100) : 100;
    const mb = (n: number) => (n / 1048576).toFixed(1);
    const line = `${label}: ${pct}% (${mb(read)} / ${mb(total)} MiB)`;
    out.write(out.isTTY ? `\r${line}` : `${line}\n`);
  }) as ((read: number, total: number) => void) & { done(): void };
  fn.done = () => {
    if (shown && out.isTTY) out.write('\n');
  };
  return fn;
}
