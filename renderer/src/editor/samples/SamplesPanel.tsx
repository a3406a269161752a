/**
 * The Samples tab: the project's samples (name, format, source, size, records) with open and
 * delete, and the open one in the sample editor beside the list.
 */
import { useState } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { useQueryClient } from '@tanstack/react-query';
import type { SampleSummary } from '../../../../electron/shared/api';
import { useApi } from '../../api/ApiProvider';
import { queryKeys, useApiQuery } from '../../api/hooks';
import { describeError } from '../../api/errors';
import type { EditorState } from '../store/editor-store';
import { formatBytes } from './import-plan';
import { SampleEditor } from './SampleEditor';

export interface SamplesPanelProps {
  projectId: string;
  store: StoreApi<EditorState>;
  openId: string | null;
  onOpen(id: string | null): void;
  onImport(): void;
}

export function SamplesPanel({ projectId, store, openId, onOpen, onImport }: SamplesPanelProps) {
  const api = useApi();
  const qc = useQueryClient();
  const samples = useApiQuery('samples.list', { projectId });
  const sources = useStore(store, (s) => s.doc?.sources ?? []);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const open = samples.data?.find((s) => s.id === openId) ?? null;

  const remove = async (s: SampleSummary) => {
    const r = await api['samples.delete']({ id: s.id });
    setConfirming(null);
    if (!r.ok) return setError(r.error.message);
    if (openId === s.id) onOpen(null);
    void qc.invalidateQueries({ queryKey: queryKeys.samples(projectId) });
    void qc.invalidateQueries({ queryKey: ['api', 'samples.list'] });
  };
  const choose = (id: string) => {
    if (id === openId) return;
    // Switching samples drops unsaved typing: ask first, like closing a file would.
    if (dirty && !window.confirm('The open sample has unsaved changes. Discard them?')) return;
    setDirty(false);
    onOpen(id);
  };

  if (samples.isError) {
    return (
      <p className="mw-error-line mw-panel-empty" role="alert">
        Samples could not be listed: {describeError(samples.error).message}
      </p>
    );
  }
  const list = samples.data ?? [];
  return (
    <div className={`mw-samples${open ? ' has-open' : ''}`} data-testid="samples-panel">
      <div className="mw-samples-list">
        <div className="mw-samples-head">
          <span className="mw-muted">
            {list.length} sample{list.length === 1 ? '' : 's'}
          </span>
          <button type="button" className="button mw-small" onClick={onImport} data-testid="samples-import">
            Import file…
          </button>
        </div>
        {error ? (
          <p className="mw-error-line" role="alert">
            {error}
          </p>
        ) : null}
        {list.length === 0 && samples.isSuccess ? (
          <p className="mw-muted mw-samples-empty" data-testid="samples-empty">
            No samples yet. Drop a CSV, JSON, NDJSON or XML export anywhere on the window, or use Import file…
          </p>
        ) : (
          <table className="mw-samples-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col" className="mw-samples-extra">
                  Format
                </th>
                <th scope="col" className="mw-samples-extra">
                  Source
                </th>
                <th scope="col" className="num mw-samples-extra">
                  Size
                </th>
                <th scope="col" className="num">
                  Records
                </th>
                <th scope="col">
                  <span className="mw-samples-sr">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((s) => (
                <tr key={s.id} className={s.id === openId ? 'is-open' : undefined} data-testid={`sample-row-${s.name}`} aria-selected={s.id === openId}>
                  <td>
                    <button type="button" className="mw-samples-name" onClick={() => choose(s.id)} title={`Open ${s.name}`}>
                      {s.name}
                    </button>
                  </td>
                  <td className="mw-samples-extra">{s.format.toUpperCase()}</td>
                  <td className="mw-samples-extra">{sources.find((x) => x.id === s.sourceId)?.name ?? <span className="mw-muted" title={`Source id ${s.sourceId} is not in the mapping`}>{s.sourceId} (missing)</span>}</td>
                  <td className="num mw-samples-extra">{formatBytes(s.sizeBytes)}</td>
                  <td className="num">{s.recordCount === null ? '—' : s.recordCount.toLocaleString()}</td>
                  <td className="mw-samples-actions">
                    {confirming === s.id ? (
                      <>
                        <button type="button" className="button button-danger-quiet mw-small" data-testid="sample-delete-confirm" onClick={() => void remove(s)}>
                          Delete
                        </button>
                        <button type="button" className="button mw-small" onClick={() => setConfirming(null)}>
                          Keep
                        </button>
                      </>
                    ) : (
                      <>
                        <button type="button" className="button mw-small mw-samples-open" data-testid="sample-open" onClick={() => choose(s.id)} disabled={s.id === openId}>
                          Open
                        </button>
                        <button type="button" className="button mw-small" data-testid="sample-delete" onClick={() => setConfirming(s.id)} aria-label={`Delete ${s.name}`}>
                          Delete
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {open ? (
        <SampleEditor key={open.id} sample={open} recordPath={sources.find((x) => x.id === open.sourceId)?.recordPath} onDirtyChange={setDirty} />
      ) : list.length ? (
        <p className="mw-muted mw-samples-hint">Open a sample to read or edit it; problems the reader finds are underlined as you type.</p>
      ) : null}
    </div>
  );
}
