import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { readRecords } from './index';
import type { ReaderOptions, SourceRecord } from './types';

export interface FileReadOptions extends Omit<ReaderOptions, 'file'> {
  /** Called after each chunk with bytes read so far and the file size. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** Read size in bytes (default 256 KiB). */
  chunkSize?: number;
}

/** Streams the records of a file (constant memory); `file` in diagnostics is the given path. */
export async function* readFileRecords(path: string, options: FileReadOptions): AsyncGenerator<SourceRecord> {
  const { onProgress, chunkSize, ...reader } = options;
  const total = (await stat(path)).size;
  yield* readRecords(fileChunks(path, total, onProgress, chunkSize), { ...reader, file: path });
}

/** Byte chunks of a file with progress reporting. */
export async function* fileChunks(path: string, total: number, onProgress?: (read: number, total: number) => void, chunkSize = 262144): AsyncGenerator<Uint8Array> {
  let read = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: chunkSize })) {
    const bytes = chunk as Uint8Array;
    read += bytes.length;
    yield bytes;
    onProgress?.(read, total);
  }
}
