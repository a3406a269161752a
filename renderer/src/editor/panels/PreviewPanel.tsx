import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { useApi } from '../../api/ApiProvider';
import { useApiQuery } from '../../api/hooks';
import type { PreviewResult } from '../../../../electron/shared/api';
import type { EditorState } from '../store/editor-store';
import { useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../api/hooks';
import { parseRecords } from '../../../../mappings/io';
import { newId } from '../../../../mappings/document/ids';
import { testCaseFromPreview } from './test-cases';

/** Live preview: re-runs the mapping over the chosen sample 300 ms after the last edit. */
export function PreviewPanel({ projectId, store }: { projectId: string; store: StoreApi<EditorState> }) {
  const api = useApi();
  const samples = useApiQuery('samples.list', { projectId });
  const [sampleId, setSampleId] = useState<string | null>(null);
  const [record, setRecord] = useState(0);
  const [result, setResult] = useState<PreviewResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const docVersion = useStore(store, (s) => s.docVersion);
  const chosen = sampleId ?? samples.data?.[0]?.id ?? null;
  const qc = useQueryClient();
  const [saved, setSaved] = useState<string | null>(null);

  const saveAsTest = async () => {
    const rec = result?.records[record];
    const sample = samples.data?.find((s) => s.id === chosen);
    if (!rec || !sample) return;
    const content = await api['samples.get']({ id: sample.id });
    if (!content.ok) return setError(content.error.message);
    const source = store.getState().doc?.sources.find((s) => s.id === sample.sourceId);
    try {
      const records = parseRecords(content.value.content, { format: sample.format, file: sample.name, ...(source?.recordPath ? { recordPath: source.recordPath } : {}) });
      const test = testCaseFromPreview(newId('t'), sample.name, rec, records);
      const r = await api['tests.save']({ projectId, test });
      if (!r.ok) return setError(r.error.message);
      await qc.invalidateQueries({ queryKey: queryKeys.tests(projectId) });
      setSaved(test.name);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  useEffect(() => {
    const doc = store.getState().doc;
    if (!doc || !chosen) return;
    const t = setTimeout(() => {
      void api['preview.run']({ document: doc, sampleId: chosen, limit: 200 }).then((r) => {
        if (r.ok) {
          setResult(r.value);
          setError(null);
        } else setError(r.error.message);
      });
    }, 300);
    return () => clearTimeout(t);
  }, [api, chosen, docVersion, store]);

  if (samples.data && !samples.data.length) return <p className="mw-muted mw-panel-empty">Add a sample to the project to preview the output.</p>;
  const rec = result?.records[record];
  return (
    <div className="mw-preview" data-testid="preview">
      <div className="mw-preview-bar">
        <select className="input mw-input" aria-label="Sample" value={chosen ?? ''} onChange={(e) => setSampleId(e.target.value)}>
          {samples.data?.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        {result ? (
          <span className="mw-muted" data-testid="preview-counts">
            read {result.read} · written {result.written} · rejected {result.rejected} · {Math.round(result.elapsedMs)} ms
          </span>
        ) : null}
        {error ? <span className="mw-error-line" role="alert">{error}</span> : null}
        {result?.records[record] ? (
          <button type="button" className="button mw-small" onClick={() => void saveAsTest()} data-testid="save-test">
            Save record {result.records[record].record} as a test
          </button>
        ) : null}
        {saved ? <span className="mw-muted">Saved “{saved}”</span> : null}
      </div>
      {result ? (
        <div className="mw-preview-body">
          <ol className="mw-preview-records" aria-label="Records">
            {result.records.map((r, i) => (
              <li key={r.record}>
                <button type="button" className={`mw-preview-rec is-${r.status}${i === record ? ' is-active' : ''}`} onClick={() => setRecord(i)}>
                  #{r.record} {r.status}
                  {r.validation?.length ? ` · ${r.validation.length} invalid` : ''}
                </button>
              </li>
            ))}
          </ol>
          <div className="mw-preview-output">
            {rec?.reject ? (
              <p className="mw-error-line">
                Rejected: <code>{rec.reject.code}</code> {rec.reject.message}
                {rec.reject.field ? ` (field ${rec.reject.field})` : ''}
              </p>
            ) : null}
            {rec?.validation?.length ? (
              <ul className="mw-validation" data-testid="preview-validation">
                {rec.validation.map((v, i) => (
                  <li key={i}>
                    <code>{v.path || '/'}</code> {v.message}
                  </li>
                ))}
              </ul>
            ) : null}
            <pre className="mw-json" data-testid="preview-output">{rec?.output !== undefined ? JSON.stringify(rec.output, null, 2) : ''}</pre>
          </div>
        </div>
      ) : (
        <p className="mw-muted mw-panel-empty">Running preview…</p>
      )}
    </div>
  );
}
