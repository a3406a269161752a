import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import type {
  BundleRunResult,
  OpenedBundle,
  ReviewDecision,
  ReviewVerdict,
  SampleSummary,
} from '../../../electron/shared/api';
import { describeError } from '../api/errors';
import { useApiMutation, useApiQuery, useAppInfo } from '../api/hooks';
import { SigningKeyPicker } from '../export/ExportDialog';
import { ReviewGraph, type RowRef } from './ReviewGraph';
import { downloadText, fileToBase64, formatBytes, formatDate, useBundleUi } from './store';
import './review.css';

type Tab = 'mapping' | 'graph' | 'tests' | 'try' | 'changes' | 'decision';
const TABS: { id: Tab; label: string }[] = [
  { id: 'mapping', label: 'Mapping table' },
  { id: 'graph', label: 'Graph' },
  { id: 'tests', label: 'Tests' },
  { id: 'try', label: 'Try it' },
  { id: 'changes', label: 'Changes' },
  { id: 'decision', label: 'Decision' },
];

const VERDICT_LABEL: Record<ReviewVerdict, string> = { approve: 'Approve', query: 'Query', reject: 'Reject' };

export type Tone = 'good' | 'warn' | 'bad';

/**
 * The banner's verdict in plain words: red when any file differs from the manifest or a signature
 * is invalid, amber when intact but unsigned, green when intact and every signature checks out.
 */
export function integrityStatus(b: Pick<OpenedBundle, 'integrity' | 'signatures' | 'manifest'>): {
  tone: Tone;
  headline: string;
  lines: string[];
} {
  const lines: string[] = [];
  const badSigs = b.signatures.filter((s) => !s.valid);
  const goodSigs = b.signatures.filter((s) => s.valid);
  if (!b.integrity.ok) {
    return {
      tone: 'bad',
      headline: 'Do not use this bundle: it has been changed since it was made.',
      lines: [
        `${b.integrity.problems.length} problem${b.integrity.problems.length === 1 ? '' : 's'} found:`,
        ...b.integrity.problems,
      ],
    };
  }
  lines.push(`All ${b.integrity.fileCount} files match the manifest.`);
  for (const s of goodSigs) {
    const who = s.knownAs ?? (s.role === 'author' && b.manifest?.author) ?? `key ${s.keyId}`;
    lines.push(`Signed by ${who} (${s.role ?? 'unknown role'}) on ${formatDate(s.signedAt)}.`);
  }
  for (const s of badSigs) lines.push(`A signature does not check out (${s.file}): ${s.detail ?? 'invalid'}.`);
  if (badSigs.length) return { tone: 'bad', headline: 'A signature on this bundle is not valid.', lines };
  if (!goodSigs.length)
    return {
      tone: 'warn',
      headline: 'Verified, but not signed: you cannot tell who made it.',
      lines: [...lines, 'Ask the supplier for a signed bundle, or confirm its SHA-256 with them by another channel.'],
    };
  return { tone: 'good', headline: 'Verified', lines };
}

/** Review mode: one opened bundle, read-only, with everything a force reviewer needs. */
export function ReviewScreen({ reviewId }: { reviewId: string }) {
  const q = useApiQuery('bundles.get', { reviewId });
  const openReview = useBundleUi((s) => s.openReview);
  const [tab, setTab] = useState<Tab>('mapping');
  // The mapping-table row the graph asked to show (scrolled to and highlighted).
  const [focusRow, setFocusRow] = useState<RowRef | null>(null);
  // Unsaved edits on top of the last saved decisions.
  const [edits, setEdits] = useState<Record<string, { verdict: ReviewVerdict; comment: string }>>({});
  const saved = q.data?.review;
  const decisions = useMemo(
    () => ({
      ...Object.fromEntries(
        (saved?.decisions ?? []).map((d) => [d.target, { verdict: d.verdict, comment: d.comment }]),
      ),
      ...edits,
    }),
    [saved, edits],
  );

  if (q.isPending) {
    return (
      <div className="empty-state empty-state-page" aria-busy="true">
        <span className="spinner" aria-hidden="true" />
        <p className="empty-text">Checking the bundle…</p>
      </div>
    );
  }
  if (q.isError) {
    return (
      <div className="empty-state empty-state-page" role="alert" data-testid="review-missing">
        <p className="empty-title">This bundle cannot be shown</p>
        <p className="empty-text">{describeError(q.error).message}</p>
        <button type="button" className="button button-primary" onClick={() => openReview(null)}>
          Back to start
        </button>
      </div>
    );
  }
  const b = q.data;
  const status = integrityStatus(b);
  return (
    <div className="review" data-testid="review-screen">
      <section
        className={`review-banner tone-${status.tone}`}
        role="status"
        data-testid="review-banner"
        data-tone={status.tone}
      >
        <div className="review-banner-icon" aria-hidden="true">
          {status.tone === 'good' ? '✓' : status.tone === 'warn' ? '!' : '✗'}
        </div>
        <div>
          <h1 className="review-banner-title" data-testid="review-status">
            {status.headline}
          </h1>
          {status.lines.map((l, i) => (
            <p key={i} className="review-banner-line">
              {l}
            </p>
          ))}
        </div>
      </section>

      <header className="review-head">
        <div>
          <h2 className="review-title">{b.manifest?.mapping.name ?? b.name}</h2>
          <p className="muted">
            {b.manifest
              ? `Version ${b.manifest.bundle.version}, made on ${formatDate(b.manifest.createdAt)}`
              : 'No readable manifest'}
            {b.manifest
              ? ` · maps ${b.manifest.sources.map((s) => s.name).join(', ')} onto ${b.manifest.target.modelId} ${b.manifest.target.modelVersion}`
              : ''}{' '}
            · file {b.name} ({formatBytes(b.sizeBytes)})
          </p>
          {b.manifest?.releaseNotes && <p className="review-notes">Release notes: {b.manifest.releaseNotes}</p>}
        </div>
        <div className="review-head-actions no-print">
          <button type="button" className="button" onClick={() => window.print()}>
            Print
          </button>
          <button type="button" className="button" onClick={() => openReview(null)}>
            Close
          </button>
        </div>
      </header>

      <div className="tabs review-tabs no-print" role="tablist" aria-label="Review">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            className="tab"
            aria-selected={tab === t.id}
            data-testid={`review-tab-${t.id}`}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>

      <div className="review-body" role="tabpanel">
        {tab === 'mapping' && (
          <MappingTable
            bundle={b}
            decisions={decisions}
            onDecide={(target, d) => setEdits((x) => ({ ...x, [target]: d }))}
            focusRow={focusRow}
          />
        )}
        {tab === 'graph' && (
          <ReviewGraph
            bundle={b}
            onShowRow={(row) => {
              setFocusRow(row);
              setTab('mapping');
            }}
          />
        )}
        {tab === 'tests' && <SelfTests reviewId={reviewId} disabled={!b.integrity.ok} />}
        {tab === 'try' && <TryIt bundle={b} />}
        {tab === 'changes' && <Changes bundle={b} />}
        {tab === 'decision' && <Decision bundle={b} decisions={decisions} />}
      </div>
    </div>
  );
}

function VerdictPicker({
  value,
  onChange,
  label,
}: {
  value: ReviewVerdict | undefined;
  onChange(v: ReviewVerdict): void;
  label: string;
}) {
  return (
    <div className="verdicts" role="radiogroup" aria-label={label}>
      {(Object.keys(VERDICT_LABEL) as ReviewVerdict[]).map((v) => (
        <button
          key={v}
          type="button"
          role="radio"
          aria-checked={value === v}
          className={`verdict verdict-${v}${value === v ? ' verdict-on' : ''}`}
          onClick={() => onChange(v)}
        >
          {VERDICT_LABEL[v]}
        </button>
      ))}
    </div>
  );
}

function MappingTable({
  bundle,
  decisions,
  onDecide,
  focusRow,
}: {
  bundle: OpenedBundle;
  decisions: Record<string, { verdict: ReviewVerdict; comment: string }>;
  onDecide(target: string, d: { verdict: ReviewVerdict; comment: string }): void;
  focusRow?: RowRef | null;
}) {
  const d = bundle.describe;
  const focused = useRef<HTMLTableRowElement | null>(null);
  useEffect(() => {
    focused.current?.scrollIntoView({ block: 'center' });
    focused.current?.focus();
  }, [focusRow]);
  if (!d)
    return (
      <p className="status-line status-bad">The mapping in this bundle cannot be read, so it cannot be described.</p>
    );
  const sections = [...new Set(d.fields.map((f) => f.section))];
  return (
    <div className="mapping-table" data-testid="review-mapping-table">
      {d.rules.length > 0 && (
        <details className="review-rules">
          <summary>
            What the mapping does, rule by rule ({d.rules.length} rule{d.rules.length === 1 ? '' : 's'})
          </summary>
          <ul className="plain-list">
            {d.rules.map((r, i) => (
              <li key={i}>{r.text}</li>
            ))}
          </ul>
        </details>
      )}
      <p className="muted">
        Each field the bundle fills in, where its value comes from, and your decision on it. Fields marked Lossy lose
        detail on the way (for example several supplier codes become one).
      </p>
      {sections.map((section) => (
        <section key={section}>
          <h3 className="section-heading">{section}</h3>
          <table className="data-table review-table">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Where the value comes from</th>
                <th scope="col" className="no-print-col">
                  Your decision
                </th>
              </tr>
            </thead>
            <tbody>
              {d.fields
                .filter((f) => f.section === section)
                .map((f) => {
                  const dec = decisions[f.target];
                  const isFocus = focusRow?.ruleId === f.ruleId && focusRow.target === f.target;
                  return (
                    <tr
                      key={`${f.ruleId}:${f.target}`}
                      data-testid="review-field-row"
                      data-target={f.target}
                      data-rule={f.ruleId}
                      {...(isFocus ? { ref: focused, tabIndex: -1, className: 'is-focused', 'aria-current': 'true' as const } : {})}
                    >
                      <th scope="row">
                        <div className="field-label">{f.label}</div>
                        <div className="muted mono small">{f.target}</div>
                        <div className="badges">
                          {f.dataProtection && f.dataProtection !== 'none' && (
                            <span className={`badge dp-badge dp-${f.dataProtection}`}>{dpLabel(f.dataProtection)}</span>
                          )}
                          {f.lossy && <span className="badge badge-warn">Lossy</span>}
                        </div>
                      </th>
                      <td>
                        <div>{f.description}</div>
                        {f.valueMaps.length > 0 && (
                          <div className="muted small">Value map: {f.valueMaps.join(', ')}</div>
                        )}
                        {f.comment && <div className="muted small">Note: {f.comment}</div>}
                      </td>
                      <td>
                        <VerdictPicker
                          label={`Decision on ${f.label}`}
                          value={dec?.verdict}
                          onChange={(verdict) => onDecide(f.target, { verdict, comment: dec?.comment ?? '' })}
                        />
                        {dec && dec.verdict !== 'approve' && (
                          <input
                            className="input small"
                            aria-label={`Comment on ${f.label}`}
                            placeholder="What needs to change?"
                            value={dec.comment}
                            onChange={(e) => onDecide(f.target, { verdict: dec.verdict, comment: e.target.value })}
                          />
                        )}
                      </td>
                    </tr>
                  );
                })}
            </tbody>
          </table>
        </section>
      ))}
      {bundle.mapping && bundle.mapping.valueMaps.length > 0 && (
        <section>
          <h3 className="section-heading">Value maps</h3>
          {bundle.mapping.valueMaps.map((m) => (
            <details key={m.id} className="value-map">
              <summary>
                {m.name} — {m.entries.length} code{m.entries.length === 1 ? '' : 's'}
                {m.sourceScheme ? ` from ${m.sourceScheme}` : ''}
                {m.targetScheme ? ` to ${m.targetScheme}` : ''}; other codes:{' '}
                {m.unmapped.policy === 'default'
                  ? `become “${m.unmapped.value}” (lossy)`
                  : m.unmapped.policy === 'reject'
                    ? 'the record is rejected'
                    : 'passed through unchanged'}
              </summary>
              <table className="data-table">
                <thead>
                  <tr>
                    <th>Supplier code</th>
                    <th>Becomes</th>
                    <th>Match</th>
                  </tr>
                </thead>
                <tbody>
                  {m.entries.map((e) => (
                    <tr key={e.from}>
                      <td className="mono">{e.from}</td>
                      <td className="mono">{e.to}</td>
                      <td>
                        {e.quality === 'lossy' ? <span className="badge badge-warn">Lossy</span> : e.quality}
                        {e.note ? <span className="muted"> — {e.note}</span> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          ))}
        </section>
      )}
    </div>
  );
}

function dpLabel(c: string): string {
  return c === 'special-category'
    ? 'Special category data'
    : c === 'personal'
      ? 'Personal data'
      : c === 'criminal-offence'
        ? 'Criminal offence data'
        : c.replace(/-/g, ' ');
}

function SelfTests({ reviewId, disabled }: { reviewId: string; disabled: boolean }) {
  const run = useApiMutation('bundles.selfTest', { meta: { toast: false } });
  return (
    <section data-testid="review-tests">
      <p>
        The bundle carries its own test cases: sample records with the output its author expects. Running them here uses
        the bundle's own code, exactly as your systems would.
      </p>
      <button
        type="button"
        className="button button-primary"
        disabled={disabled || run.isPending}
        onClick={() => run.mutate({ reviewId })}
        data-testid="review-run-tests"
      >
        {run.isPending ? 'Running the tests…' : 'Run the bundled tests'}
      </button>
      {disabled && (
        <p className="status-line status-bad">The tests are not run because the bundle does not match its manifest.</p>
      )}
      {run.isError && <p className="status-line status-bad">{describeError(run.error).message}</p>}
      {run.data && (
        <>
          <p
            className={`status-line ${run.data.ok ? 'status-good' : 'status-bad'} big`}
            data-testid="review-tests-summary"
          >
            {run.data.ok
              ? `All ${run.data.passed} tests passed.`
              : `${run.data.failed} of ${run.data.passed + run.data.failed} tests failed.`}
          </p>
          <table className="data-table">
            <thead>
              <tr>
                <th>Test</th>
                <th>Result</th>
              </tr>
            </thead>
            <tbody>
              {run.data.results.map((r) => (
                <tr key={r.file}>
                  <td>{r.name}</td>
                  <td>
                    {r.passed ? (
                      <span className="badge badge-good">Passed</span>
                    ) : (
                      <span className="badge badge-bad">Failed</span>
                    )}
                    {r.detail && <pre className="small">{r.detail}</pre>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

const FORMAT_BY_EXT: Record<string, SampleSummary['format']> = {
  csv: 'csv',
  tsv: 'tsv',
  json: 'json',
  ndjson: 'ndjson',
  jsonl: 'ndjson',
  xml: 'xml',
};

function TryIt({ bundle }: { bundle: OpenedBundle }) {
  const run = useApiMutation('bundles.run', { meta: { toast: false } });
  const primary = bundle.mapping?.sources.find((s) => s.primary);
  const secondary = bundle.mapping?.sources.filter((s) => !s.primary) ?? [];
  const [files, setFiles] = useState<Record<string, File>>({});
  const [view, setView] = useState<'outputs' | 'rejects'>('outputs');
  const ready = !!primary && !!files[primary.id] && secondary.every((s) => files[s.id]);

  async function go() {
    if (!primary) return;
    const fmt = (f: File, fallback: SampleSummary['format']) =>
      FORMAT_BY_EXT[f.name.split('.').pop()?.toLowerCase() ?? ''] ?? fallback;
    const main = files[primary.id]!;
    run.mutate({
      reviewId: bundle.reviewId,
      sampleBase64: await fileToBase64(main),
      format: fmt(main, primary.format),
      joined: await Promise.all(
        secondary.map(async (s) => ({
          sourceId: s.id,
          sampleBase64: await fileToBase64(files[s.id]!),
          format: fmt(files[s.id]!, s.format),
        })),
      ),
    });
  }

  return (
    <section data-testid="review-try">
      <p>
        Run the bundle on a file of your own (for example a redacted extract from your system) and see what it makes of
        each record. Nothing is sent anywhere; the file stays on this machine.
      </p>
      {[primary, ...secondary]
        .filter((s) => !!s)
        .map((s) => (
          <div className="field" key={s.id}>
            <label htmlFor={`try-${s.id}`}>
              {s.name} ({s.format.toUpperCase()}){s.primary ? '' : ' — joined source'}
            </label>
            <input
              id={`try-${s.id}`}
              type="file"
              className="input"
              onChange={(e) => e.target.files?.[0] && setFiles((x) => ({ ...x, [s.id]: e.target.files![0]! }))}
            />
          </div>
        ))}
      <button
        type="button"
        className="button button-primary"
        disabled={!ready || run.isPending || !bundle.integrity.ok}
        onClick={() => void go()}
      >
        {run.isPending ? 'Running…' : 'Run the bundle on these files'}
      </button>
      {run.isError && <p className="status-line status-bad">{describeError(run.error).message}</p>}
      {run.data && <RunResult r={run.data} view={view} setView={setView} />}
    </section>
  );
}

function RunResult({
  r,
  view,
  setView,
}: {
  r: BundleRunResult;
  view: 'outputs' | 'rejects';
  setView(v: 'outputs' | 'rejects'): void;
}) {
  return (
    <div>
      <p className="status-line big">
        Read {r.read} record{r.read === 1 ? '' : 's'}: {r.written} mapped, {r.rejected} rejected.
      </p>
      <div className="tabs" role="tablist">
        <button
          type="button"
          role="tab"
          className="tab"
          aria-selected={view === 'outputs'}
          onClick={() => setView('outputs')}
        >
          Mapped records ({r.written})
        </button>
        <button
          type="button"
          role="tab"
          className="tab"
          aria-selected={view === 'rejects'}
          onClick={() => setView('rejects')}
        >
          Rejected records ({r.rejected})
        </button>
      </div>
      {view === 'outputs' ? (
        <table className="data-table">
          <thead>
            <tr>
              <th>#</th>
              <th>What was made</th>
            </tr>
          </thead>
          <tbody>
            {r.outputs.map((o, i) => (
              <tr key={i}>
                <td>{i + 1}</td>
                <td>
                  <OutputSummary value={o} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th>Record</th>
              <th>Why it was rejected</th>
            </tr>
          </thead>
          <tbody>
            {r.rejects.map((x, i) => (
              <tr key={i}>
                <td>
                  {x.record} (line {x.line})
                </td>
                <td>
                  {x.message}
                  <span className="muted small">
                    {' '}
                    {x.code}
                    {x.field ? ` · ${x.field}` : ''}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {r.truncated && <p className="muted">Only the first 500 of each are shown; the counts above are complete.</p>}
    </div>
  );
}

/** One output document as "Person: Jane Smith · Event: …", without raw JSON. */
function OutputSummary({ value }: { value: unknown }) {
  const entities = (value as { entities?: { type?: string; entity?: string; id?: string; [k: string]: unknown }[] })
    ?.entities;
  if (!Array.isArray(entities)) return <span>{describeScalar(value)}</span>;
  return (
    <ul className="plain-list">
      {entities.map((e, i) => (
        <li key={i}>
          <strong>{String(e.type ?? e.entity ?? 'Entity')}</strong>{' '}
          {Object.entries(e)
            .filter(
              ([k, v]) =>
                !['type', 'entity', 'id', 'provenance'].includes(k) && (typeof v === 'string' || typeof v === 'number'),
            )
            .slice(0, 6)
            .map(([k, v]) => `${k}: ${String(v)}`)
            .join(' · ')}
        </li>
      ))}
    </ul>
  );
}

function describeScalar(v: unknown): string {
  if (v && typeof v === 'object')
    return Object.entries(v)
      .slice(0, 6)
      .map(([k, x]) => `${k}: ${typeof x === 'object' ? '…' : String(x)}`)
      .join(' · ');
  return String(v);
}

function Changes({ bundle }: { bundle: OpenedBundle }) {
  const [against, setAgainst] = useState(bundle.earlier[0]?.reviewId ?? '');
  const diff = useApiQuery(
    'bundles.diff',
    { reviewId: bundle.reviewId, againstReviewId: against },
    { enabled: !!against },
  );
  if (!bundle.earlier.length)
    return (
      <p className="muted">
        No earlier version of this mapping has been opened in this workspace, so there is nothing to compare with. Open
        the previous bundle too to see what changed.
      </p>
    );
  return (
    <section data-testid="review-changes">
      <div className="field">
        <label htmlFor="diff-against">Compare with</label>
        <select id="diff-against" className="input" value={against} onChange={(e) => setAgainst(e.target.value)}>
          {bundle.earlier.map((e) => (
            <option key={e.reviewId} value={e.reviewId}>
              Version {e.version} (opened {formatDate(e.openedAt, true)})
            </option>
          ))}
        </select>
      </div>
      {diff.isError && <p className="status-line status-bad">{describeError(diff.error).message}</p>}
      {diff.data &&
        (diff.data.changes.length === 0 ? (
          <p className="status-line status-good">The mapping is the same in both versions.</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th>Change</th>
                <th>What</th>
              </tr>
            </thead>
            <tbody>
              {diff.data.changes.map((c, i) => (
                <tr key={i}>
                  <td>
                    <span
                      className={`badge ${c.kind === 'removed' ? 'badge-bad' : c.kind === 'added' ? 'badge-good' : 'badge-warn'}`}
                    >
                      {c.kind === 'added' ? 'Added' : c.kind === 'removed' ? 'Removed' : 'Changed'}
                    </span>
                  </td>
                  <td>{c.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}

function Decision({
  bundle,
  decisions,
}: {
  bundle: OpenedBundle;
  decisions: Record<string, { verdict: ReviewVerdict; comment: string }>;
}) {
  const qc = useQueryClient();
  const info = useAppInfo();
  const keys = useApiQuery('keys.list', {});
  const saved = bundle.review;
  const [reviewer, setReviewer] = useState(saved?.reviewer.name ?? '');
  const [overall, setOverall] = useState<ReviewVerdict | undefined>(saved?.overall.verdict);
  const [comment, setComment] = useState(saved?.overall.comment ?? '');
  const [signWith, setSignWith] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const save = useApiMutation('reviews.save', {
    meta: { toast: false },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['api', 'bundles.get'] }),
  });
  const exportRecord = useApiMutation('reviews.export', {
    meta: { toast: false },
    onSuccess: (r) => downloadText(r.fileName, r.text),
  });
  const signBundle = useApiMutation('reviews.signBundle', { meta: { toast: false } });
  const saveAs = useApiMutation('bundles.saveAs');
  const list: ReviewDecision[] = useMemo(
    () => Object.entries(decisions).map(([target, d]) => ({ target, ...d })),
    [decisions],
  );
  const counts = { approve: 0, query: 0, reject: 0 };
  for (const d of list) counts[d.verdict]++;
  const key = keys.data?.find((k) => k.id === signWith);
  const needsPass = key?.protection === 'passphrase' && !passphrase;

  return (
    <section data-testid="review-decision" className="form-grid">
      <p>
        Field decisions so far: {counts.approve} approved, {counts.query} queried, {counts.reject} rejected
        {bundle.describe ? ` (of ${bundle.describe.fields.length} fields)` : ''}. Make them on the Mapping table tab.
      </p>
      {list.filter((d) => d.verdict !== 'approve').length > 0 && (
        <ul className="plain-list">
          {list
            .filter((d) => d.verdict !== 'approve')
            .map((d) => (
              <li key={d.target}>
                <span className={`badge ${d.verdict === 'reject' ? 'badge-bad' : 'badge-warn'}`}>
                  {VERDICT_LABEL[d.verdict]}
                </span>{' '}
                {d.target}
                {d.comment ? ` — ${d.comment}` : ''}
              </li>
            ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor="review-reviewer">Your name and role</label>
        <input
          id="review-reviewer"
          className="input"
          value={reviewer}
          onChange={(e) => setReviewer(e.target.value)}
          placeholder="e.g. DS Jane Smith, Information Management"
          data-testid="review-reviewer"
        />
      </div>
      <div className="field">
        <span className="field-label-text">Overall decision</span>
        <VerdictPicker label="Overall decision" value={overall} onChange={setOverall} />
      </div>
      <div className="field">
        <label htmlFor="review-comment">Comments</label>
        <textarea
          id="review-comment"
          className="input"
          rows={3}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </div>
      <SigningKeyPicker
        keys={keys.data ?? []}
        value={signWith}
        onChange={setSignWith}
        passphrase={passphrase}
        onPassphrase={setPassphrase}
        label="Sign the review with"
      />
      <div className="row no-print">
        <button
          type="button"
          className="button button-primary"
          data-testid="review-save"
          disabled={!reviewer.trim() || !overall || save.isPending || needsPass}
          onClick={() =>
            overall &&
            save.mutate({
              reviewId: bundle.reviewId,
              reviewer: reviewer.trim(),
              decisions: list,
              overall: { verdict: overall, comment },
              ...(signWith ? { signWith, ...(key?.protection === 'passphrase' ? { passphrase } : {}) } : {}),
            })
          }
        >
          {save.isPending ? 'Saving…' : 'Save decision'}
        </button>
        <button
          type="button"
          className="button"
          disabled={!saved}
          onClick={() => exportRecord.mutate({ reviewId: bundle.reviewId })}
        >
          Download review record
        </button>
        <button
          type="button"
          className="button"
          disabled={!signWith || needsPass || !bundle.integrity.ok || signBundle.isPending}
          onClick={() =>
            signBundle.mutate({
              reviewId: bundle.reviewId,
              signWith,
              ...(key?.protection === 'passphrase' ? { passphrase } : {}),
            })
          }
        >
          Add my reviewer signature to the bundle
        </button>
      </div>
      {save.isError && <p className="status-line status-bad">{describeError(save.error).message}</p>}
      {saved && (
        <p className="status-line status-good" data-testid="review-saved">
          Decision saved: {VERDICT_LABEL[saved.overall.verdict]} by {saved.reviewer.name} on{' '}
          {formatDate(saved.signedAt, true)}
          {saved.signature ? `, signed with key ${saved.reviewer.keyId}.` : ' (not signed).'}
        </p>
      )}
      {exportRecord.isError && <p className="status-line status-bad">{describeError(exportRecord.error).message}</p>}
      {signBundle.isError && <p className="status-line status-bad">{describeError(signBundle.error).message}</p>}
      {signBundle.data && (
        <p className="status-line status-good">
          Signed copy made: {signBundle.data.fileName} ({formatBytes(signBundle.data.sizeBytes)}).{' '}
          {info.data?.host === 'electron' ? (
            <button
              type="button"
              className="link-button"
              onClick={() => saveAs.mutate({ exportId: signBundle.data.exportId })}
            >
              Save a copy…
            </button>
          ) : (
            <a
              href={`/api/download/${encodeURIComponent(signBundle.data.exportId)}`}
              download={signBundle.data.fileName}
            >
              Download it
            </a>
          )}
        </p>
      )}
    </section>
  );
}
