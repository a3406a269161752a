import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiEvents, ApiRequest, AppApi, ImportResult, Result } from '../../../../electron/shared/api';
import type { FieldTree } from '../../../../mappings/model/field-tree';
import { ApiProvider } from '../../api/ApiProvider';
import { sampleDocument, sourceTree } from '../__fixtures__/documents';
import { createEditorStore } from '../store/editor-store';
import { ImportDialog } from './ImportDialog';

afterEach(cleanup);

/** A host whose `imports.start` answers when the test says, with events the test emits. */
function fakeHost() {
  const listeners = new Set<(p: ApiEvents['import.progress']) => void>();
  const starts: ApiRequest<'imports.start'>[] = [];
  const cancels: string[] = [];
  let answer: ((r: Result<ImportResult>) => void) | null = null;
  const api = {
    on: (event: string, l: (p: ApiEvents['import.progress']) => void) => {
      if (event === 'import.progress') listeners.add(l);
      return () => listeners.delete(l);
    },
    'imports.start': (req: ApiRequest<'imports.start'>) => {
      starts.push(req);
      return new Promise<Result<ImportResult>>((resolve) => (answer = resolve));
    },
    'imports.cancel': async ({ importId }: { importId: string }) => {
      cancels.push(importId);
      answer?.({ ok: false, error: { code: 'cancelled', message: 'The import was cancelled; nothing was stored.' } });
      return { ok: true, value: { cancelled: true } };
    },
  } as unknown as AppApi;
  return {
    api,
    starts,
    cancels,
    progress: (p: Omit<ApiEvents['import.progress'], 'importId'>) => act(() => listeners.forEach((l) => l({ importId: starts.at(-1)!.importId, ...p }))),
    answer: (r: Result<ImportResult>) => act(() => answer?.(r)),
  };
}

function setup(fileName: string, text: string, doc = sampleDocument()) {
  const host = fakeHost();
  const store = createEditorStore();
  store.getState().load(doc, 3);
  const onClose = vi.fn();
  const onOpenSample = vi.fn();
  const file = new File([text], fileName);
  const wrap = ({ children }: { children: ReactNode }) => (
    <ApiProvider api={host.api}>
      <QueryClientProvider client={new QueryClient()}>{children}</QueryClientProvider>
    </ApiProvider>
  );
  render(<ImportDialog projectId="p1" file={file} head={text.slice(0, 65536)} store={store} onClose={onClose} onOpenSample={onOpenSample} />, { wrapper: wrap });
  return { host, store, onClose, onOpenSample };
}

const tree = (paths: string[]): FieldTree => ({ id: 'source:x', name: 'x', origin: 'json', fields: paths.map((p) => ({ path: p, name: p, type: 'string', cardinality: 'optional' })) });

describe('ImportDialog', () => {
  it('imports a sample for the primary source, showing progress and then the located problems', async () => {
    const { host, onOpenSample } = setup('more.ndjson', '{"crimeRef":"a"}\n{"crimeRef":\n');
    expect((screen.getByTestId('import-format') as HTMLSelectElement).value).toBe('ndjson');
    expect((screen.getByTestId('import-kind-sample') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByTestId('import-submit'));
    await waitFor(() => expect(host.starts).toHaveLength(1));
    expect(host.starts[0]).toMatchObject({ projectId: 'p1', kind: 'sample', sourceId: 's-main', name: 'more.ndjson', format: 'ndjson', content: '{"crimeRef":"a"}\n{"crimeRef":\n' });
    host.progress({ phase: 'reading', done: 10, total: 30, records: 1 });
    expect(screen.getByTestId('import-progress').getAttribute('data-phase')).toBe('reading');
    expect((screen.getByTestId('import-progress')).textContent).toContain('33%');
    const sample = { id: 'smp-1', projectId: 'p1', sourceId: 's-main', name: 'more.ndjson', format: 'ndjson' as const, sizeBytes: 30, recordCount: 2, createdAt: '' };
    host.answer({
      ok: true,
      value: {
        importId: host.starts[0].importId,
        kind: 'sample',
        sample,
        rejected: 1,
        diagnostics: [{ code: 'MW1021', severity: 'error', message: 'Unexpected end of JSON', location: { file: 'more.ndjson', line: 2, column: 13, record: 2 } }],
      },
    });
    expect((await screen.findByTestId('import-result')).textContent).toContain('2 records, of which 1 cannot be read');
    expect((screen.getByTestId('import-diagnostics')).textContent).toContain('more.ndjson:2:13 (record 2)');
    fireEvent.click(screen.getByTestId('import-open-sample'));
    expect(onOpenSample).toHaveBeenCalledWith('smp-1');
  });

  it('cancels a running import on the host and says nothing was stored', async () => {
    const { host } = setup('more.csv', 'a,b\n1,2\n');
    fireEvent.click(screen.getByTestId('import-submit'));
    await waitFor(() => expect(host.starts).toHaveLength(1));
    fireEvent.click(screen.getByTestId('import-cancel'));
    expect(host.cancels).toEqual([host.starts[0].importId]);
    expect((await screen.findByTestId('import-cancelled')).textContent).toContain('nothing was stored');
    expect((screen.getByTestId('import-submit') as HTMLButtonElement).disabled).toBe(false);
  });

  it('adds a new source from a schema as one undoable edit', async () => {
    const { host, store } = setup('offences.xsd', '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"/>', { ...sampleDocument(), sources: [] });
    expect((screen.getByTestId('import-kind-schema') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByTestId('import-source-name') as HTMLInputElement).value).toBe('Offences');
    fireEvent.click(screen.getByTestId('import-submit'));
    await waitFor(() => expect(host.starts).toHaveLength(1));
    expect(host.starts[0]).toMatchObject({ kind: 'schema', format: 'xsd' });
    host.answer({ ok: true, value: { importId: host.starts[0].importId, kind: 'schema', tree: tree(['Id', 'Code']), diagnostics: [], schemaHash: 'sha256:ab', records: 0, recordPath: '/Export/Offence' } });
    expect((await screen.findByTestId('import-result')).textContent).toContain('Added the schema of Offences: 2 fields');
    expect(store.getState().doc!.sources).toMatchObject([{ id: 'src-offences', name: 'Offences', format: 'xml', primary: true, recordPath: '/Export/Offence', schemaHash: 'sha256:ab' }]);
    act(() => store.getState().undo());
    expect(store.getState().doc!.sources).toEqual([]);
  });

  it('re-imports a schema and lists the mapped fields that disappeared', async () => {
    const { host, store } = setup('crimes.json', '[{"crimeRef":"x"}]');
    fireEvent.click(screen.getByTestId('import-kind-schema'));
    expect((screen.getByTestId('import-source') as HTMLSelectElement).value).toBe('s-main');
    fireEvent.click(screen.getByTestId('import-submit'));
    await waitFor(() => expect(host.starts).toHaveLength(1));
    const kept = [...sourceTree.fields.flatMap((f) => [f.path, ...(f.children ?? []).map((c) => c.path)])].filter((p) => p !== 'persons[].sex');
    host.answer({ ok: true, value: { importId: host.starts[0].importId, kind: 'schema', tree: tree([...kept, 'persons[].gender']), diagnostics: [], schemaHash: 'sha256:cd', records: 1 } });
    expect((await screen.findByTestId('import-lost-fields')).textContent).toContain('persons[].sex');
    expect((screen.getByTestId('import-added-fields')).textContent).toContain('persons[].gender');
    expect(store.getState().doc!.sources[0].schemaHash).toBe('sha256:cd');
  });

  it('blocks a sample when the project has no source to hold it, and says why', async () => {
    const { host } = setup('data.csv', 'a\n1\n', { ...sampleDocument(), sources: [] });
    fireEvent.click(screen.getByTestId('import-kind-sample'));
    fireEvent.click(screen.getByTestId('import-submit'));
    expect((await screen.findByTestId('import-problems')).textContent).toContain('A sample belongs to a source');
    expect(host.starts).toHaveLength(0);
  });
});
