import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError, ApiEvents, ApiRequest, ImportPhase, ImportResult } from '../../../../electron/shared/api';
import { useApi } from '../../api/ApiProvider';

export type ImportJobState =
  | { status: 'idle' }
  | { status: 'running'; phase: ImportPhase | 'loading'; done: number; total: number; records: number }
  | { status: 'done'; result: ImportResult }
  | { status: 'failed'; error: ApiError }
  | { status: 'cancelled' };

/** A caller-chosen import id (the host lets the caller cancel before `imports.start` answers). */
function newImportId(): string {
  const c = globalThis.crypto;
  return typeof c?.randomUUID === 'function' ? c.randomUUID() : `imp-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** Reads a File as text with progress, abortable (a 60 MB file takes a noticeable moment). */
function readFile(file: Blob, onProgress: (done: number, total: number) => void, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(new Error(reader.error?.message ?? 'The file could not be read.'));
    reader.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    signal.addEventListener('abort', () => reader.readyState === FileReader.LOADING && reader.abort(), { once: true });
    reader.readAsText(file);
  });
}

type StartRequest = Omit<ApiRequest<'imports.start'>, 'importId' | 'content'>;

/**
 * One import at a time: reads the file here (progress "loading"), then runs `imports.start` on the
 * host with its `import.progress` events as the progress bar. `cancel()` stops whichever stage runs.
 */
export function useImportJob() {
  const api = useApi();
  const [state, setState] = useState<ImportJobState>({ status: 'idle' });
  const current = useRef<{ id: string; abort: AbortController } | null>(null);

  useEffect(
    () =>
      api.on('import.progress', (p: ApiEvents['import.progress']) => {
        if (current.current?.id !== p.importId) return;
        setState((s) => (s.status === 'running' ? { status: 'running', phase: p.phase, done: p.done, total: p.total, records: p.records } : s));
      }),
    [api],
  );
  // An import left running when the dialog unmounts is cancelled, not orphaned.
  useEffect(
    () => () => {
      const job = current.current;
      if (job) {
        job.abort.abort();
        void api['imports.cancel']({ importId: job.id });
      }
    },
    [api],
  );

  const start = useCallback(
    async (file: Blob, req: StartRequest): Promise<ImportResult | null> => {
      const id = newImportId();
      const abort = new AbortController();
      current.current = { id, abort };
      setState({ status: 'running', phase: 'loading', done: 0, total: file.size, records: 0 });
      let content: string;
      try {
        content = await readFile(file, (done, total) => setState((s) => (s.status === 'running' && s.phase === 'loading' ? { ...s, done, total } : s)), abort.signal);
      } catch (e) {
        current.current = null;
        if (abort.signal.aborted) setState({ status: 'cancelled' });
        else setState({ status: 'failed', error: { code: 'unreadable', message: `${req.name} could not be read: ${(e as Error).message}` } });
        return null;
      }
      if (abort.signal.aborted) {
        current.current = null;
        setState({ status: 'cancelled' });
        return null;
      }
      setState({ status: 'running', phase: req.kind === 'sample' ? 'reading' : 'inferring', done: 0, total: content.length, records: 0 });
      const r = await api['imports.start']({ ...req, importId: id, content });
      if (current.current?.id === id) current.current = null;
      if (r.ok) {
        setState({ status: 'done', result: r.value });
        return r.value;
      }
      setState(r.error.code === 'cancelled' ? { status: 'cancelled' } : { status: 'failed', error: r.error });
      return null;
    },
    [api],
  );

  const cancel = useCallback(() => {
    const job = current.current;
    if (!job) return;
    job.abort.abort();
    void api['imports.cancel']({ importId: job.id });
  }, [api]);

  const reset = useCallback(() => setState({ status: 'idle' }), []);

  return { state, start, cancel, reset };
}
