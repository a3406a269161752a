import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { BundleExportResult, SigningKeySummary } from '../../../electron/shared/api';
import type { Diagnostic } from '../../../mappings/diagnostics/diagnostic';
import { describeError } from '../api/errors';
import { useApiMutation, useApiQuery, useAppInfo } from '../api/hooks';
import { Dialog } from '../shell/Dialog';
import { useShellStore } from '../shell/store';
import { formatBytes } from '../review/store';
import '../review/review.css';

type Step = 1 | 2 | 3 | 4;
const STEPS = ['Checks', 'Coverage and tests', 'Version and signing', 'Done'] as const;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** Where a diagnostic points, in words: "rule person · field Person.dateOfBirth". */
export function diagnosticPlace(d: Diagnostic): string {
  const l = d.location;
  return [
    l.ruleId && `rule ${l.ruleId}`,
    l.field && `field ${l.field}`,
    l.line !== undefined && `line ${l.line}${l.column !== undefined ? `:${l.column}` : ''}`,
    l.record !== undefined && `record ${l.record}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * The guided export: (1) the checker must report no errors, (2) coverage and test results,
 * (3) version, release notes and an optional signing key, (4) the file, its size and SHA-256.
 */
export function ExportDialog({
  projectId,
  projectName,
  onClose,
}: {
  projectId: string;
  projectName: string;
  onClose(): void;
}) {
  const [step, setStep] = useState<Step>(1);
  const pre = useApiQuery('bundles.preflight', { projectId }, { staleTime: 0, gcTime: 0 });
  const keys = useApiQuery('keys.list', {});
  const info = useAppInfo();
  const [version, setVersion] = useState<string | null>(null);
  const [notes, setNotes] = useState('');
  const [signWith, setSignWith] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [result, setResult] = useState<BundleExportResult | null>(null);
  const exporter = useApiMutation('bundles.export', { meta: { toast: false } });
  const saveAs = useApiMutation('bundles.saveAs');
  const showProblems = useShellStore((s) => s.showBottomTab);

  const errors = (pre.data?.diagnostics ?? []).filter((d) => d.severity === 'error');
  const warnings = (pre.data?.diagnostics ?? []).filter((d) => d.severity !== 'error');
  const v = version ?? pre.data?.suggestedVersion ?? '';
  const versionOk = SEMVER.test(v);
  const key = keys.data?.find((k) => k.id === signWith);

  function doExport() {
    exporter.mutate(
      {
        projectId,
        version: v,
        notes,
        ...(signWith ? { signWith, ...(key?.protection === 'passphrase' ? { passphrase } : {}) } : {}),
      },
      {
        onSuccess: (r) => {
          setResult(r);
          setStep(4);
        },
      },
    );
  }

  const footer = (
    <>
      <button type="button" className="button" onClick={onClose}>
        {step === 4 ? 'Close' : 'Cancel'}
      </button>
      {step > 1 && step < 4 && (
        <button type="button" className="button" onClick={() => setStep((step - 1) as Step)}>
          Back
        </button>
      )}
      {step === 1 && (
        <button
          type="button"
          className="button button-primary"
          data-testid="export-next"
          disabled={!pre.isSuccess || errors.length > 0}
          onClick={() => setStep(2)}
        >
          Continue
        </button>
      )}
      {step === 2 && (
        <button
          type="button"
          className="button button-primary"
          data-testid="export-next"
          disabled={(pre.data?.tests.failed ?? 0) > 0}
          onClick={() => setStep(3)}
        >
          Continue
        </button>
      )}
      {step === 3 && (
        <button
          type="button"
          className="button button-primary"
          data-testid="export-confirm"
          disabled={!versionOk || exporter.isPending || (key?.protection === 'passphrase' && !passphrase)}
          onClick={doExport}
        >
          {exporter.isPending ? 'Making the bundle…' : 'Export bundle'}
        </button>
      )}
      {step === 4 &&
        result &&
        (info.data?.host === 'electron' ? (
          <button
            type="button"
            className="button button-primary"
            data-testid="export-download"
            onClick={() => saveAs.mutate({ exportId: result.exportId })}
          >
            Save a copy…
          </button>
        ) : (
          <a
            className="button button-primary"
            data-testid="export-download"
            href={`/api/download/${encodeURIComponent(result.exportId)}`}
            download={result.fileName}
          >
            Download {result.fileName}
          </a>
        ))}
    </>
  );

  return (
    <Dialog
      title={`Export “${projectName}” as a bundle`}
      onClose={onClose}
      testId="export-dialog"
      size="large"
      footer={footer}
    >
      <ol className="steps" aria-label="Export steps">
        {STEPS.map((s, i) => (
          <li
            key={s}
            className={i + 1 === step ? 'step step-current' : i + 1 < step ? 'step step-done' : 'step'}
            aria-current={i + 1 === step ? 'step' : undefined}
          >
            <span className="step-number">{i + 1}</span> {s}
          </li>
        ))}
      </ol>

      {step === 1 && (
        <section data-testid="export-step-checks">
          {pre.isPending && (
            <p className="muted" aria-busy="true">
              <span className="spinner" aria-hidden="true" /> Checking the mapping and running its tests…
            </p>
          )}
          {pre.isError && <p className="status-line status-bad">{describeError(pre.error).message}</p>}
          {pre.isSuccess && errors.length === 0 && (
            <p className="status-line status-good" data-testid="export-checks-ok">
              The checker found no errors
              {warnings.length ? ` (${warnings.length} warning${warnings.length === 1 ? '' : 's'} below)` : ''}.
            </p>
          )}
          {pre.isSuccess && errors.length > 0 && (
            <p className="status-line status-bad" role="alert" data-testid="export-checks-failed">
              {errors.length} error{errors.length === 1 ? '' : 's'} must be fixed before this mapping can be exported.
            </p>
          )}
          {(errors.length > 0 || warnings.length > 0) && (
            <ul className="problem-list">
              {[...errors, ...warnings].slice(0, 100).map((d, i) => (
                <li key={i} className={d.severity === 'error' ? 'problem problem-error' : 'problem'}>
                  <span className="badge">{d.severity === 'error' ? 'Error' : 'Warning'}</span> <span>{d.message}</span>
                  <span className="muted"> {diagnosticPlace(d)}</span>{' '}
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      showProblems('problems');
                      onClose();
                    }}
                  >
                    Show in the editor
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {step === 2 && pre.data && (
        <section data-testid="export-step-coverage">
          <h3 className="section-heading">Required fields mapped</h3>
          <table className="data-table">
            <thead>
              <tr>
                <th>Entity</th>
                <th>Required fields mapped</th>
              </tr>
            </thead>
            <tbody>
              {(pre.data.coverage?.perEntity ?? []).map((e) => (
                <tr key={e.ruleId}>
                  <td>{e.label ?? e.entity}</td>
                  <td>
                    <meter min={0} max={100} value={e.percent} aria-label={`${e.percent}%`} /> {e.mapped} of{' '}
                    {e.required} ({Math.round(e.percent)}%)
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {!!pre.data.coverage?.codeValuesWithoutMapping.length && (
            <p className="status-line status-warn">
              {pre.data.coverage.codeValuesWithoutMapping.length} supplier code
              {pre.data.coverage.codeValuesWithoutMapping.length === 1 ? '' : 's'} in the samples have no value-map
              entry.
            </p>
          )}
          <h3 className="section-heading">Test cases</h3>
          <p
            className={pre.data.tests.failed ? 'status-line status-bad' : 'status-line status-good'}
            data-testid="export-tests"
          >
            {pre.data.tests.passed} passed, {pre.data.tests.failed} failed
            {pre.data.tests.failed
              ? ' — fix the failing tests before exporting.'
              : pre.data.tests.passed === 0
                ? ' (this mapping has no test cases: reviewers will have nothing to run)'
                : '.'}
          </p>
          <ul className="plain-list">
            {pre.data.tests.results.map((t) => (
              <li key={t.id}>
                {t.passed ? '✓' : '✗'} {t.name}
                {t.message ? <span className="muted"> — {t.message}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      )}

      {step === 3 && (
        <section className="form-grid" data-testid="export-step-version">
          <div className="field">
            <label htmlFor="export-version">Version</label>
            <input
              id="export-version"
              className="input mono"
              value={v}
              aria-invalid={!versionOk}
              onChange={(e) => setVersion(e.target.value.trim())}
              data-autofocus
            />
            <span className="field-hint">
              {versionOk
                ? `Suggested: ${pre.data?.suggestedVersion ?? ''}. Major.minor.patch — raise the major number for changes a force must re-review in full.`
                : 'Use major.minor.patch, for example 1.2.0.'}
            </span>
          </div>
          <div className="field">
            <label htmlFor="export-notes">Release notes</label>
            <textarea
              id="export-notes"
              className="input"
              rows={4}
              value={notes}
              onChange={(e) => setNotes(e.target.value)}
              placeholder="What changed and why, in words the reviewing force will read."
            />
          </div>
          <SigningKeyPicker
            keys={keys.data ?? []}
            value={signWith}
            onChange={setSignWith}
            passphrase={passphrase}
            onPassphrase={setPassphrase}
          />
          {exporter.isError && (
            <div className="status-line status-bad" role="alert" data-testid="export-error">
              {describeError(exporter.error).message}
            </div>
          )}
        </section>
      )}

      {step === 4 && result && (
        <section data-testid="export-result">
          <p className="status-line status-good">The bundle is ready.</p>
          <dl className="facts">
            <dt>File</dt>
            <dd data-testid="export-file-name">{result.fileName}</dd>
            <dt>Size</dt>
            <dd>{formatBytes(result.sizeBytes)}</dd>
            <dt>SHA-256</dt>
            <dd className="mono break" data-testid="export-sha256">
              {result.sha256}
            </dd>
            <dt>Signed</dt>
            <dd>{result.signedBy ? `by ${result.signedBy.name} (${result.signedBy.keyId})` : 'Not signed'}</dd>
            <dt>Kept in the workspace at</dt>
            <dd className="mono break">{result.path}</dd>
          </dl>
          <p className="muted">
            Send the SHA-256 to the force separately (by phone or another channel) so they can check the file they
            receive is this one.
          </p>
          {saveAs.data?.saved && <p className="status-line status-good">Saved to {saveAs.data.path}.</p>}
        </section>
      )}
    </Dialog>
  );
}

/** Picks a workspace signing key, or makes one; asks for the passphrase when the key needs it. */
export function SigningKeyPicker({
  keys,
  value,
  onChange,
  passphrase,
  onPassphrase,
  label = 'Sign with',
}: {
  keys: SigningKeySummary[];
  value: string;
  onChange(id: string): void;
  passphrase: string;
  onPassphrase(p: string): void;
  label?: string;
}) {
  const [creating, setCreating] = useState(false);
  const [name, setName] = useState('');
  const [newPass, setNewPass] = useState('');
  const qc = useQueryClient();
  const create = useApiMutation('keys.create', {
    meta: { toast: false },
    onSuccess: () => qc.invalidateQueries({ queryKey: ['api', 'keys.list'] }),
  });
  const selected = keys.find((k) => k.id === value);
  return (
    <div className="field">
      <label htmlFor="sign-with">{label}</label>
      <div className="row">
        <select
          id="sign-with"
          className="input"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          data-testid="sign-with"
        >
          <option value="">Do not sign</option>
          {keys.map((k) => (
            <option key={k.id} value={k.id}>
              {k.name} ({k.keyId})
            </option>
          ))}
        </select>
        <button type="button" className="button" onClick={() => setCreating((c) => !c)}>
          New key…
        </button>
      </div>
      {selected?.protection === 'passphrase' && (
        <input
          className="input"
          type="password"
          aria-label={`Passphrase for ${selected.name}`}
          placeholder="Passphrase"
          value={passphrase}
          onChange={(e) => onPassphrase(e.target.value)}
        />
      )}
      {creating && (
        <div className="subform">
          <input
            className="input"
            aria-label="Key name"
            placeholder="Name shown to reviewers, e.g. Acme Records"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <input
            className="input"
            type="password"
            aria-label="Passphrase (optional)"
            placeholder="Passphrase (optional, 8+ characters)"
            value={newPass}
            onChange={(e) => setNewPass(e.target.value)}
          />
          <span className="field-hint">
            Without a passphrase the key is sealed with this workspace's secret file; with one, you type it each time
            you sign.
          </span>
          <button
            type="button"
            className="button"
            disabled={!name.trim() || create.isPending}
            onClick={() =>
              create.mutate(
                { name: name.trim(), ...(newPass ? { passphrase: newPass } : {}) },
                {
                  onSuccess: (k) => {
                    onChange(k.id);
                    if (newPass) onPassphrase(newPass);
                    setCreating(false);
                  },
                },
              )
            }
          >
            Create key
          </button>
          {create.isError && <span className="status-line status-bad">{describeError(create.error).message}</span>}
        </div>
      )}
    </div>
  );
}
