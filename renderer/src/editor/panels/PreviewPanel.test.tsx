import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiRequest, AppApi, PreviewRecord, PreviewResult, PreviewSummary, PreviewTrace, Result, SampleSummary } from '../../../../electron/shared/api';
import { ApiProvider } from '../../api/ApiProvider';
import { sampleDocument } from '../__fixtures__/documents';
import { createEditorStore } from '../store/editor-store';
import { PreviewPanel } from './PreviewPanel';

afterEach(cleanup);

const SAMPLE: SampleSummary = { id: 's1', projectId: 'p1', sourceId: 's-main', name: 'offences.ndjson', format: 'ndjson', sizeBytes: 10, recordCount: 1000, createdAt: '2026-01-01T00:00:00Z' };

const written = (record: number): PreviewRecord => ({ record, status: 'written', output: { crimeReference: `REF-${record}` } });

/** A host whose preview answers arrive when the test says (staged run, summary, record on demand). */
function fakeHost() {
  let sample: SampleSummary = SAMPLE;
  const runs: { req: ApiRequest<'preview.run'>; answer(r: PreviewResult): void }[] = [];
  const summaries: { runId: string; answer(r: Result<PreviewSummary>): void }[] = [];
  const records: { req: ApiRequest<'preview.record'>; answer(r: { record: PreviewRecord; trace: PreviewTrace | null }): void }[] = [];
  const api = {
    on: () => () => {},
    'samples.list': async () => ({ ok: true, value: [sample] }),
    'preview.run': (req: ApiRequest<'preview.run'>) => new Promise((resolve) => runs.push({ req, answer: (value) => resolve({ ok: true, value }) })),
    'preview.summary': ({ runId }: { runId: string }) => new Promise((resolve) => summaries.push({ runId, answer: resolve })),
    'preview.record': (req: ApiRequest<'preview.record'>) => new Promise((resolve) => records.push({ req, answer: (value) => resolve({ ok: true, value }) })),
  } as unknown as AppApi;
  return { api, runs, summaries, records, setSample: (s: SampleSummary) => void (sample = s) };
}

function setup() {
  const host = fakeHost();
  const store = createEditorStore();
  store.getState().load(sampleDocument(), 1);
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrap = (ui: ReactNode) => (
    <QueryClientProvider client={qc}>
      <ApiProvider api={host.api}>{ui}</ApiProvider>
    </QueryClientProvider>
  );
  render(wrap(<PreviewPanel projectId="p1" store={store} />));
  return { host, store, qc };
}

const firstStage = (runId: string, records: PreviewRecord[], total = 1000): PreviewResult => ({
  read: records.length,
  written: records.filter((r) => r.status === 'written').length,
  rejected: records.filter((r) => r.status === 'rejected').length,
  records,
  diagnostics: [],
  elapsedMs: 12,
  partial: true,
  runId,
  total,
});
const page = (n: number) => Array.from({ length: n }, (_, i) => written(i + 1));
const trace: PreviewTrace = { nodes: { 'n-1': { count: 1, values: ['REF-1'] } }, fields: {}, rules: { 'r-event': { made: 1, skipped: 0 } }, filters: {} };

describe('PreviewPanel (staged)', () => {
  it('shows the first page as partial, then the totals of the whole sample', async () => {
    const { host, store } = setup();
    await waitFor(() => expect(host.runs).toHaveLength(1));
    expect(host.runs[0].req).toMatchObject({ sampleId: 's1', pageSize: 10, limit: 1000 });
    expect(host.runs[0].req.focus).toBeUndefined();
    await act(async () => host.runs[0].answer(firstStage('run-1', page(25))));
    expect(screen.getByTestId('preview-counts').textContent).toBe('25 of 1,000 records · written 25 · rejected 0 · running…');
    // The first record is selected and its values requested for the canvas.
    expect(store.getState().previewRecord).toBe(1);
    await waitFor(() => expect(host.summaries.map((s) => s.runId)).toEqual(['run-1']));
    // (A short sample keeps jsdom quick; the list is the summary's, whatever its length.)
    const statuses = [...page(90).map((r) => ({ record: r.record, status: 'written' as const })), ...Array.from({ length: 10 }, (_, i) => ({ record: 91 + i, status: 'rejected' as const, code: 'MW6201', errors: 2 }))];
    await act(async () => host.summaries[0].answer({ ok: true, value: { runId: 'run-1', read: 1000, written: 990, rejected: 10, statuses, elapsedMs: 640 } }));
    expect(screen.getByTestId('preview-counts').textContent).toBe('read 1,000 · written 990 · rejected 10 · 640 ms');
    expect(screen.getByText('#100 rejected · 2 invalid')).toBeTruthy();
  });

  it('drops a superseded run’s late answers and previews the selected record first after an edit', async () => {
    const { host, store } = setup();
    await waitFor(() => expect(host.runs).toHaveLength(1));
    await act(async () => host.runs[0].answer(firstStage('run-1', page(25))));
    await waitFor(() => expect(host.summaries).toHaveLength(1));
    act(() => store.getState().setPreviewRecord(400));
    // Panning changes only the layout: nothing to re-run.
    act(() => void store.getState().setViewport({ x: 1, y: 2, zoom: 1 }));
    await new Promise((r) => setTimeout(r, 400));
    expect(host.runs).toHaveLength(1);
    // An edit: a new staged preview focused on the selected record.
    act(() => void store.getState().execute({ label: 'Rename', ops: [{ op: 'set', path: ['name'], value: 'Renamed' }] }));
    await waitFor(() => expect(host.runs).toHaveLength(2));
    expect(host.runs[1].req.focus).toBe(400);
    await act(async () => host.summaries[0].answer({ ok: false, error: { code: 'superseded', message: 'A newer preview replaced this one.' } }));
    expect(screen.queryByRole('alert')).toBeNull();
    await act(async () => host.runs[1].answer(firstStage('run-2', [...page(25), written(400)])));
    expect(screen.getByTestId('preview-counts').textContent).toContain('26 of 1,000 records');
    expect(screen.getByTestId('preview-output').textContent).toContain('REF-400');
  });

  it('fetches a record on demand, puts its values and mapped errors in the store, and jumps to the field', async () => {
    const { host, store } = setup();
    await waitFor(() => expect(host.runs).toHaveLength(1));
    await act(async () => host.runs[0].answer(firstStage('run-1', page(25))));
    await waitFor(() => expect(host.records).toHaveLength(1));
    await act(async () => host.records[0].answer({ record: written(1), trace }));
    expect(store.getState().previewValues).toMatchObject({ record: 1, trace });
    act(() => store.getState().setPreviewRecord(700));
    await waitFor(() => expect(host.records.map((r) => r.req.record)).toEqual([1, 700]));
    expect(screen.getByText('Loading record 700…')).toBeTruthy();
    const invalid: PreviewRecord = {
      record: 700,
      status: 'rejected',
      reject: { code: 'MW6201', message: 'The output does not match the target model' },
      output: { entities: [] },
      validation: [{ path: 'entities/1/sex/code', message: 'entities/1/sex/code must be a code of SEX', ruleId: 'r-person', fieldRuleIds: ['r-person-sex'], modelPath: 'sex.code' }],
    };
    await act(async () => host.records[1].answer({ record: invalid, trace }));
    expect(store.getState().previewValues?.validation).toEqual(invalid.validation);
    fireEvent.click(screen.getByTestId('preview-validation-target'));
    expect(screen.getByTestId('preview-validation-target').textContent).toBe('→ Person · sex.code');
    expect(store.getState().selection.field).toEqual({ ruleId: 'r-person', path: 'sex.code' });
  });
  it('runs again when the chosen sample is saved with new content, and not when nothing changed', async () => {
    const { host, qc } = setup();
    await waitFor(() => expect(host.runs).toHaveLength(1));
    await act(async () => host.runs[0].answer(firstStage('run-1', page(10))));
    // The same list again: no new run.
    await act(async () => qc.invalidateQueries({ queryKey: ['api', 'samples.list'] }));
    await new Promise((r) => setTimeout(r, 400));
    expect(host.runs).toHaveLength(1);
    // The sample editor saved new content: the list now carries a new hash.
    host.setSample({ ...SAMPLE, sha256: 'sha256:changed' });
    await act(async () => qc.invalidateQueries({ queryKey: ['api', 'samples.list'] }));
    await waitFor(() => expect(host.runs).toHaveLength(2));
  });
});
