/**
 * "Import file": a sample for a source, or a source's schema. Asks what the file is for, which
 * source, the format (detected) and the XML record element; runs the import on the host with a
 * progress bar and a Cancel that stops it; then says what happened, with every reader problem
 * located. A schema lands in the mapping document as one undoable edit (autosaved like any other).
 */
import { useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { useQueryClient } from '@tanstack/react-query';
import type { ImportResult, SchemaImportFormat } from '../../../../electron/shared/api';
import { formatLocation, type Diagnostic } from '../../../../mappings/diagnostics/diagnostic';
import { walkFields } from '../../../../mappings/model/field-tree';
import { queryKeys } from '../../api/hooks';
import { Dialog } from '../../shell/Dialog';
import type { EditorState } from '../store/editor-store';
import {
  FORMAT_LABELS,
  SAMPLE_FORMATS,
  SCHEMA_FORMATS,
  addedFields,
  formProblems,
  formatBytes,
  initialForm,
  lostMappedFields,
  schemaImportCommand,
  xmlRecordCandidates,
  type ImportForm,
  type PickedFile,
} from './import-plan';
import { useImportJob } from './useImportJob';

const PHASE_LABEL = { loading: 'Loading the file', reading: 'Reading records', inferring: 'Inferring the field tree', storing: 'Storing the sample' } as const;

/** Reader and importer problems, each with where it is. */
export function DiagnosticList({ diagnostics, testId }: { diagnostics: readonly Diagnostic[]; testId: string }) {
  if (!diagnostics.length) return null;
  return (
    <ul className="mw-import-diags" data-testid={testId}>
      {diagnostics.map((d, i) => (
        <li key={i} className={`mw-import-diag is-${d.severity}`}>
          <span className="mw-import-diag-code">{d.code}</span>
          <span className="mw-import-diag-where">{formatLocation(d.location) || '—'}</span>
          <span className="mw-import-diag-msg">
            {d.message}
            {d.hint ? <span className="mw-muted"> — {d.hint}</span> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

interface SchemaOutcome {
  sourceName: string;
  fields: number;
  added: string[];
  lost: string[];
  reimport: boolean;
}

export interface ImportDialogProps {
  projectId: string;
  file: File;
  /** The file's first bytes as text (for detection). */
  head: string;
  store: StoreApi<EditorState>;
  onClose(): void;
  /** Opens a stored sample in the Samples tab. */
  onOpenSample(sampleId: string): void;
}

export function ImportDialog({ projectId, file, head, store, onClose, onOpenSample }: ImportDialogProps) {
  const sources = useStore(store, (s) => s.doc?.sources ?? []);
  const picked: PickedFile = useMemo(() => ({ name: file.name, size: file.size, head }), [file, head]);
  const [form, setForm] = useState<ImportForm>(() => initialForm(picked, store.getState().doc?.sources ?? []));
  const [tried, setTried] = useState(false);
  const [schemaOutcome, setSchemaOutcome] = useState<SchemaOutcome | null>(null);
  const job = useImportJob();
  const qc = useQueryClient();
  const problems = formProblems(form, picked, sources);
  const candidates = useMemo(() => (form.format === 'xml' ? xmlRecordCandidates(head) : []), [form.format, head]);
  const set = (patch: Partial<ImportForm>) => setForm((f) => ({ ...f, ...patch }));

  async function submit() {
    setTried(true);
    if (Object.keys(problems).length || job.state.status === 'running') return;
    const result = await job.start(file, {
      projectId,
      kind: form.kind,
      // A schema for a new source: the id is only made when the tree arrives (it must not clash).
      sourceId: form.sourceId || 'new-source',
      name: file.name,
      format: form.format,
      ...(form.format === 'xml' && form.recordPath.trim() ? { recordPath: form.recordPath.trim() } : {}),
    });
    if (!result) return;
    if (result.kind === 'sample') {
      void qc.invalidateQueries({ queryKey: queryKeys.samples(projectId) });
      void qc.invalidateQueries({ queryKey: ['api', 'samples.list'] });
      return;
    }
    applySchema(result);
  }

  function applySchema(result: Extract<ImportResult, { kind: 'schema' }>) {
    const doc = store.getState().doc;
    if (!doc) return;
    const previous = doc.sources.find((s) => s.id === form.sourceId);
    const lost = previous ? lostMappedFields(doc, previous.id, result.tree) : [];
    const { command } = schemaImportCommand(doc, form, { tree: result.tree, schemaHash: result.schemaHash, recordPath: result.recordPath, format: form.format, fileName: file.name });
    if (!store.getState().execute(command)) return;
    setSchemaOutcome({
      sourceName: previous?.name ?? form.newSourceName.trim(),
      fields: [...walkFields(result.tree.fields)].length,
      added: previous ? addedFields(previous.schema, result.tree) : [],
      lost,
      reimport: !!previous,
    });
  }

  const st = job.state;
  const running = st.status === 'running';
  const formats = form.kind === 'sample' ? SAMPLE_FORMATS : SCHEMA_FORMATS;
  const title = `Import “${file.name}”`;

  if (st.status === 'done') {
    const r = st.result;
    const errors = r.diagnostics.filter((d) => d.severity === 'error').length;
    return (
      <Dialog
        title={title}
        testId="import-dialog"
        size="large"
        onClose={onClose}
        footer={
          <>
            {r.kind === 'sample' ? (
              <button type="button" className="button" data-testid="import-open-sample" onClick={() => onOpenSample(r.sample.id)}>
                Open in the sample editor
              </button>
            ) : null}
            <button type="button" className="button button-primary" data-autofocus data-testid="import-done" onClick={onClose}>
              Done
            </button>
          </>
        }
      >
        <div className="mw-import-result" data-testid="import-result" data-kind={r.kind}>
          {r.kind === 'sample' ? (
            <p className={errors ? 'callout callout-warning' : 'callout callout-success'}>
              Stored <strong>{r.sample.name}</strong> ({formatBytes(r.sample.sizeBytes)}) with {(r.sample.recordCount ?? 0).toLocaleString()} record
              {r.sample.recordCount === 1 ? '' : 's'}
              {r.rejected ? `, of which ${r.rejected.toLocaleString()} cannot be read and will be rejected by runs` : ''}.
            </p>
          ) : schemaOutcome ? (
            <>
              <p className={errors ? 'callout callout-warning' : 'callout callout-success'}>
                {schemaOutcome.reimport ? 'Re-imported' : 'Added'} the schema of <strong>{schemaOutcome.sourceName}</strong>: {schemaOutcome.fields} field
                {schemaOutcome.fields === 1 ? '' : 's'}
                {r.records ? ` inferred from ${r.records.toLocaleString()} record${r.records === 1 ? '' : 's'}` : ''}
                {r.recordPath ? `, records at ${r.recordPath}` : ''}. Undo (Ctrl+Z) takes it back.
              </p>
              {schemaOutcome.lost.length ? (
                <div className="callout callout-error" role="alert" data-testid="import-lost-fields">
                  <strong>
                    {schemaOutcome.lost.length} mapped field{schemaOutcome.lost.length === 1 ? ' is' : 's are'} no longer in the schema
                  </strong>
                  ; the rules reading {schemaOutcome.lost.length === 1 ? 'it' : 'them'} now show in Problems:
                  <ul className="mw-import-paths">
                    {schemaOutcome.lost.map((p) => (
                      <li key={p}>
                        <code>{p}</code>
                      </li>
                    ))}
                  </ul>
                </div>
              ) : schemaOutcome.reimport ? (
                <p className="mw-muted" data-testid="import-no-lost-fields">
                  Every field the mapping reads is still there.
                </p>
              ) : null}
              {schemaOutcome.added.length ? (
                <p className="mw-muted" data-testid="import-added-fields">
                  New fields: {schemaOutcome.added.slice(0, 12).map((p) => <code key={p}>{p} </code>)}
                  {schemaOutcome.added.length > 12 ? `and ${schemaOutcome.added.length - 12} more` : ''}
                </p>
              ) : null}
            </>
          ) : (
            <p className="callout callout-error">The mapping is not open any more; the schema was not applied.</p>
          )}
          {r.diagnostics.length ? (
            <>
              <h3 className="mw-import-subhead">
                {r.diagnostics.length} problem{r.diagnostics.length === 1 ? '' : 's'} in {file.name}
              </h3>
              <DiagnosticList diagnostics={r.diagnostics} testId="import-diagnostics" />
            </>
          ) : null}
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog
      title={title}
      description={
        <>
          {formatBytes(file.size)} · detected as {FORMAT_LABELS[initialForm(picked, []).format]}. A <strong>sample</strong> is data the preview and tests run on; a{' '}
          <strong>schema</strong> gives a source its field tree (re-importing keeps every rule whose fields are still there).
        </>
      }
      testId="import-dialog"
      size="large"
      onClose={() => {
        if (running) job.cancel();
        onClose();
      }}
      onSubmit={() => void submit()}
      footer={
        running ? (
          <button type="button" className="button" data-testid="import-cancel" onClick={job.cancel}>
            Cancel import
          </button>
        ) : (
          <>
            <button type="button" className="button" onClick={onClose}>
              Close
            </button>
            <button type="submit" className="button button-primary" data-testid="import-submit" disabled={tried && Object.keys(problems).length > 0}>
              {form.kind === 'sample' ? 'Import sample' : form.sourceId ? 'Re-import schema' : 'Import schema'}
            </button>
          </>
        )
      }
    >
      <fieldset className="mw-import-form" disabled={running}>
        <div className="field" role="radiogroup" aria-label="Import as">
          <label>Import as</label>
          <div className="mw-import-kinds">
            <label className={`mw-import-kind${form.kind === 'sample' ? ' is-on' : ''}`}>
              <input type="radio" name="import-kind" value="sample" data-testid="import-kind-sample" checked={form.kind === 'sample'} onChange={() => set({ kind: 'sample', sourceId: form.sourceId || sources[0]?.id || '' })} />
              <span>
                <strong>Sample data</strong>
                <span className="mw-muted">records for preview and tests</span>
              </span>
            </label>
            <label className={`mw-import-kind${form.kind === 'schema' ? ' is-on' : ''}`}>
              <input type="radio" name="import-kind" value="schema" data-testid="import-kind-schema" checked={form.kind === 'schema'} onChange={() => set({ kind: 'schema' })} />
              <span>
                <strong>Source schema</strong>
                <span className="mw-muted">the field tree you map from</span>
              </span>
            </label>
          </div>
        </div>
        <div className="mw-import-row">
          <div className="field">
            <label htmlFor="import-source">Source</label>
            <select
              id="import-source"
              className="input"
              data-testid="import-source"
              value={form.sourceId}
              aria-invalid={tried && problems.source ? true : undefined}
              onChange={(e) => set({ sourceId: e.target.value, newSourceName: e.target.value ? '' : form.newSourceName })}
            >
              {sources.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                  {s.primary ? ' (primary)' : ''}
                </option>
              ))}
              {form.kind === 'schema' ? <option value="">New source…</option> : sources.length ? null : <option value="">No sources yet</option>}
            </select>
          </div>
          {form.kind === 'schema' && !form.sourceId ? (
            <div className="field">
              <label htmlFor="import-source-name">New source name</label>
              <input
                id="import-source-name"
                className="input"
                data-testid="import-source-name"
                value={form.newSourceName}
                maxLength={400}
                autoComplete="off"
                aria-invalid={tried && problems.source ? true : undefined}
                onChange={(e) => set({ newSourceName: e.target.value })}
              />
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="import-format">Format</label>
            <select id="import-format" className="input" data-testid="import-format" value={form.format} onChange={(e) => set({ format: e.target.value as SchemaImportFormat, recordPath: e.target.value === 'xml' ? (xmlRecordCandidates(head)[0] ?? '') : '' })}>
              {formats.map((f) => (
                <option key={f} value={f}>
                  {FORMAT_LABELS[f]}
                </option>
              ))}
              {!formats.includes(form.format) ? <option value={form.format}>{FORMAT_LABELS[form.format]}</option> : null}
            </select>
          </div>
          {form.format === 'xml' ? (
            <div className="field">
              <label htmlFor="import-record-path">Record element</label>
              <input
                id="import-record-path"
                className="input mono"
                list="import-record-paths"
                data-testid="import-record-path"
                value={form.recordPath}
                placeholder="/Export/Offence"
                spellCheck={false}
                aria-invalid={tried && problems.recordPath ? true : undefined}
                onChange={(e) => set({ recordPath: e.target.value })}
              />
              <datalist id="import-record-paths">
                {candidates.map((c) => (
                  <option key={c} value={c} />
                ))}
              </datalist>
            </div>
          ) : null}
        </div>
        {tried && Object.keys(problems).length ? (
          <ul className="mw-import-problems" role="alert" data-testid="import-problems">
            {Object.entries(problems).map(([k, v]) => (
              <li key={k}>{v}</li>
            ))}
          </ul>
        ) : null}
        {!tried && problems.file ? (
          <p className="field-error" role="alert">
            {problems.file}
          </p>
        ) : null}
      </fieldset>
      {st.status === 'running' ? (
        <div className="mw-import-progress" data-testid="import-progress" data-phase={st.phase} role="status" aria-live="polite">
          <div className="mw-import-progress-label">
            <span>{PHASE_LABEL[st.phase]}…</span>
            <span className="mw-muted">
              {st.total ? `${Math.floor((100 * st.done) / st.total)}%` : ''}
              {st.records ? ` · ${st.records.toLocaleString()} records` : ''}
            </span>
          </div>
          <progress max={st.total || 1} value={st.done} aria-label={PHASE_LABEL[st.phase]} />
        </div>
      ) : null}
      {st.status === 'cancelled' ? (
        <p className="callout" role="status" data-testid="import-cancelled">
          Import cancelled; nothing was stored.
        </p>
      ) : null}
      {st.status === 'failed' ? (
        <div className="callout callout-error" role="alert" data-testid="import-error">
          <strong>The import failed.</strong> {st.error.message} {st.error.code.startsWith('MW') ? <code>{st.error.code}</code> : null}
          {st.error.diagnostics?.length ? <DiagnosticList diagnostics={st.error.diagnostics} testId="import-error-diagnostics" /> : null}
        </div>
      ) : null}
    </Dialog>
  );
}
