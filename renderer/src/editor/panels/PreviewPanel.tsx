import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { useApi } from '../../api/ApiProvider';
import { useApiQuery } from '../../api/hooks';
import type { PreviewRecord, PreviewResult, PreviewStatus, PreviewSummary } from '../../../../electron/shared/api';
import type { MappingDocument } from '../../../../mappings/document/types';
import type { EditorState } from '../store/editor-store';
import { useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../api/hooks';
import { parseRecords } from '../../../../mappings/io';
import { newId } from '../../../../mappings/document/ids';
import { testCaseFromPreview } from './test-cases';

/** Records a preview covers; the first `PAGE` (and the selected one) come back first. */
const LIMIT = 1000;
const PAGE = 10;
const DEBOUNCE_MS = 200;

const statusOf = (r: PreviewRecord): PreviewStatus => ({
  record: r.record,
  status: r.status,
  ...(r.reject ? { code: r.reject.code } : {}),
  ...(r.validation ? { errors: r.validation.length } : {}),
});

const fmt = (n: number) => n.toLocaleString('en-GB');

/** Same mapping apart from `layout` (the store replaces only what an edit touched, so identity tells). */
function sameSemantics(a: MappingDocument, b: MappingDocument): boolean {
  if (a === b) return true;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  keys.delete('layout');
  for (const k of keys) if (a[k as keyof MappingDocument] !== b[k as keyof MappingDocument]) return false;
  return true;
}

/**
 * Live preview, staged: after an edit the selected record and the first page arrive first (counts
 * marked partial), the rest of the sample's counts and statuses stream after. Selecting a record
 * fetches its output and the values on the graph (shown on the canvas through the editor store).
 */
export function PreviewPanel({ projectId, store }: { projectId: string; store: StoreApi<EditorState> }) {
  const api = useApi();
  const samples = useApiQuery('samples.list', { projectId });
  const [sampleId, setSampleId] = useState<string | null>(null);
  const [first, setFirst] = useState<PreviewResult | null>(null);
  const [summary, setSummary] = useState<PreviewSummary | null>(null);
  const [detail, setDetail] = useState<PreviewRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  const docVersion = useStore(store, (s) => s.docVersion);
  const selected = useStore(store, (s) => s.previewRecord);
  const chosen = sampleId ?? samples.data?.[0]?.id ?? null;
  const qc = useQueryClient();
  const [saved, setSaved] = useState<string | null>(null);
  /** The run whose answers are current: older answers arriving late are dropped. */
  const run = useRef<{ gen: number; doc: MappingDocument | null; version: number; sampleId: string | null; sampleHash?: string }>({ gen: 0, doc: null, version: 0, sampleId: null });

  const saveAsTest = async () => {
    const sample = samples.data?.find((s) => s.id === chosen);
    if (!detail || !sample) return;
    const content = await api['samples.get']({ id: sample.id });
    if (!content.ok) return setError(content.error.message);
    const source = store.getState().doc?.sources.find((s) => s.id === sample.sourceId);
    try {
      const records = parseRecords(content.value.content, { format: sample.format, file: sample.name, ...(source?.recordPath ? { recordPath: source.recordPath } : {}) });
      const test = testCaseFromPreview(newId('t'), sample.name, detail, records);
      const r = await api['tests.save']({ projectId, test });
      if (!r.ok) return setError(r.error.message);
      await qc.invalidateQueries({ queryKey: queryKeys.tests(projectId) });
      setSaved(test.name);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  // A saved sample gets a new hash in the list: the preview runs again on the new content.
  const sampleHash = samples.data?.find((s) => s.id === chosen)?.sha256;
  // After an edit (or a sample change): the first stage, then the rest of the sample.
  useEffect(() => {
    const doc = store.getState().doc;
    if (!doc || !chosen) return;
    // Panning, zooming and moving nodes change only the layout, which never changes an output.
    const last = run.current;
    if (last.doc && last.sampleId === chosen && last.sampleHash === sampleHash && sameSemantics(last.doc, doc)) return;
    const t = setTimeout(() => {
      const gen = run.current.gen + 1;
      const version = store.getState().docVersion;
      run.current = { gen, doc, version, sampleId: chosen, ...(sampleHash !== undefined ? { sampleHash } : {}) };
      const focus = store.getState().previewRecord;
      void api['preview.run']({ document: doc, sampleId: chosen, limit: LIMIT, pageSize: PAGE, ...(focus !== null ? { focus } : {}) }).then((r) => {
        if (run.current.gen !== gen) return;
        if (!r.ok) return setError(r.error.message);
        setError(null);
        setSummary(null);
        setFirst(r.value);
        const s = store.getState();
        if ((s.previewRecord === null || !r.value.total || s.previewRecord > r.value.total) && r.value.records[0]) s.setPreviewRecord(r.value.records[0].record);
        if (!r.value.partial || !r.value.runId) return;
        void api['preview.summary']({ runId: r.value.runId }).then((sr) => {
          if (run.current.gen !== gen) return;
          if (sr.ok) setSummary(sr.value);
          else if (sr.error.code !== 'superseded') setError(sr.error.message);
        });
      });
    }, DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [api, chosen, docVersion, sampleHash, store]);

  // The selected record: shown at once when the first stage has it, then its values on the graph.
  useEffect(() => {
    const { gen, doc, version, sampleId: sid } = run.current;
    if (!first || selected === null || !doc || !sid) return;
    const known = first.records.find((r) => r.record === selected) ?? null;
    setDetail(known);
    if (first.diagnostics.some((d) => d.severity === 'error')) return store.getState().setPreviewValues(null);
    void api['preview.record']({ document: doc, sampleId: sid, record: selected, limit: LIMIT }).then((r) => {
      if (run.current.gen !== gen) return;
      if (!r.ok) return setError(r.error.message);
      setDetail(r.value.record);
      store.getState().setPreviewValues({ record: selected, docVersion: version, trace: r.value.trace, validation: r.value.record.validation ?? [] });
    });
  }, [api, first, selected, store]);

  if (samples.data && !samples.data.length) return <p className="mw-muted mw-panel-empty">Add a sample to the project to preview the output.</p>;
  const statuses = summary?.statuses ?? first?.records.map(statusOf).sort((a, b) => a.record - b.record) ?? [];
  const running = first?.partial && !summary;
  const blocking = first?.diagnostics.filter((d) => d.severity === 'error') ?? [];
  const rec = detail && detail.record === selected ? detail : null;
  const doc = store.getState().doc;
  const where = (ruleId?: string, fieldRuleIds?: string[]) => {
    if (!ruleId || !doc) return null;
    const rule = ruleId === 'root' ? null : (doc.entities.find((e) => e.id === ruleId) ?? doc.links.find((l) => l.id === ruleId));
    const fields = ruleId === 'root' ? doc.root.fields : (rule?.fields ?? []);
    const field = fields.find((f) => f.id === fieldRuleIds?.[0]);
    const label = rule ? ('entity' in rule ? rule.entity : 'Link') : 'Document';
    return { label: field ? `${label} · ${field.target}` : label, path: field ? field.target.replace(/\[\d+\]/g, '[]') : null };
  };
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
        {first ? (
          <span className="mw-muted" data-testid="preview-counts" aria-live="polite">
            {running
              ? `${fmt(first.read)} of ${fmt(first.total ?? first.read)} records · written ${fmt(first.written)} · rejected ${fmt(first.rejected)} · running…`
              : `read ${fmt(summary?.read ?? first.read)} · written ${fmt(summary?.written ?? first.written)} · rejected ${fmt(summary?.rejected ?? first.rejected)} · ${Math.round(summary?.elapsedMs ?? first.elapsedMs)} ms`}
          </span>
        ) : null}
        {error ? <span className="mw-error-line" role="alert">{error}</span> : null}
        {rec ? (
          <button type="button" className="button mw-small" onClick={() => void saveAsTest()} data-testid="save-test">
            Save record {rec.record} as a test
          </button>
        ) : null}
        {saved ? <span className="mw-muted">Saved “{saved}”</span> : null}
      </div>
      {blocking.length ? (
        <p className="mw-error-line" role="alert">
          The mapping has {blocking.length} error{blocking.length === 1 ? '' : 's'} (see Problems); nothing was run.
        </p>
      ) : null}
      {first ? (
        <div className="mw-preview-body">
          <ol className="mw-preview-records" aria-label="Records">
            {statuses.map((r) => (
              <li key={r.record}>
                <button
                  type="button"
                  className={`mw-preview-rec is-${r.status}${r.record === selected ? ' is-active' : ''}`}
                  aria-pressed={r.record === selected}
                  onClick={() => store.getState().setPreviewRecord(r.record)}
                  title={r.code ? `Rejected: ${r.code}` : 'Written'}
                >
                  #{r.record} {r.status}
                  {r.errors ? ` · ${r.errors} invalid` : ''}
                </button>
              </li>
            ))}
            {running ? <li className="mw-muted mw-preview-more">{fmt((first.total ?? 0) - first.read)} more running…</li> : null}
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
                {rec.validation.map((v, i) => {
                  const w = where(v.ruleId, v.fieldRuleIds);
                  return (
                    <li key={i}>
                      <code>{v.path || '/'}</code> {v.message}
                      {w ? (
                        <>
                          {' '}
                          <button
                            type="button"
                            className="mw-link-button"
                            data-testid="preview-validation-target"
                            title="Show this field on the canvas"
                            onClick={() => w.path !== null && store.getState().select({ nodes: [], edges: [], field: { ruleId: v.ruleId!, path: w.path } })}
                          >
                            → {w.label}
                          </button>
                        </>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
            ) : null}
            {selected !== null && !rec ? <p className="mw-muted">Loading record {selected}…</p> : null}
            <pre className="mw-json" data-testid="preview-output">{rec?.output !== undefined ? JSON.stringify(rec.output, null, 2) : ''}</pre>
          </div>
        </div>
      ) : (
        <p className="mw-muted mw-panel-empty">Running preview…</p>
      )}
    </div>
  );
}
