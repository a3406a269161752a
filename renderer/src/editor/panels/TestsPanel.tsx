import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/ApiProvider';
import { useApiQuery, queryKeys } from '../../api/hooks';
import type { StoredTestCase, TestRunResult } from '../../../../electron/shared/api';
import type { Json } from '../../../../mappings/document/types';
import { JsonDiff } from '../monaco/JsonDiff';
import { applyDifferences, stableJson } from './test-cases';

function ExpectedEditor({ test, onSave }: { test: StoredTestCase; onSave(expected: StoredTestCase['expected']): Promise<string | null> }) {
  const [text, setText] = useState(() => stableJson(test.expected));
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="mw-expected">
      <textarea className="input mw-input mw-code" rows={8} aria-label={`Expected result of ${test.name}`} value={text} onChange={(e) => setText(e.target.value)} />
      <button
        type="button"
        className="button mw-small"
        onClick={() => {
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch (err) {
            setError(`Not JSON: ${(err as Error).message}`);
            return;
          }
          const ok = parsed && typeof parsed === 'object' && ('output' in parsed || 'reject' in parsed);
          if (!ok) {
            setError('Expected must be {"output": …} or {"reject": {"code": …}}');
            return;
          }
          void onSave(parsed as { output: Json }).then(setError);
        }}
      >
        Save expected
      </button>
      {error ? <span className="mw-error-line" role="alert">{error}</span> : null}
    </div>
  );
}

/** Expected vs actual of a failure; output differences are shown as the two whole documents. */
function FailureDiff({ expected, actual }: { expected: unknown; actual: unknown }) {
  const exp = expected && typeof expected === 'object' && 'output' in expected ? (expected as { output: unknown }).output : expected;
  const rebuilt = applyDifferences(exp, actual);
  return <JsonDiff expected={stableJson(exp)} actual={stableJson(rebuilt !== undefined ? rebuilt : actual)} />;
}

/** Saved test cases: run them all, edit what is expected, and see each failure as a diff. */
export function TestsPanel({ projectId }: { projectId: string }) {
  const api = useApi();
  const qc = useQueryClient();
  const tests = useApiQuery('tests.list', { projectId }, { queryKey: queryKeys.tests(projectId) });
  const [result, setResult] = useState<TestRunResult | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);

  const runAll = async () => {
    setRunning(true);
    const r = await api['tests.run']({ projectId });
    setRunning(false);
    if (r.ok) {
      setResult(r.value);
      setError(null);
      const firstFail = r.value.results.find((x) => !x.passed);
      setOpen(firstFail?.id ?? null);
    } else setError(r.error.message);
  };

  const save = async (t: StoredTestCase, expected: StoredTestCase['expected']): Promise<string | null> => {
    const { projectId: _p, updatedAt: _u, ...test } = t;
    const r = await api['tests.save']({ projectId, test: { ...test, expected } });
    if (!r.ok) return r.error.message;
    await qc.invalidateQueries({ queryKey: queryKeys.tests(projectId) });
    setEditing(null);
    return null;
  };

  const byId = new Map(result?.results.map((r) => [r.id, r]) ?? []);
  return (
    <div className="mw-tests" data-testid="tests">
      <div className="mw-preview-bar">
        <button type="button" className="button mw-small" onClick={() => void runAll()} disabled={running || !tests.data?.length} data-testid="run-tests">
          {running ? 'Running…' : 'Run all tests'}
        </button>
        {result ? (
          <span className={result.failed ? 'mw-error-line' : 'mw-muted'} data-testid="test-summary">
            {result.passed} passed · {result.failed} failed
          </span>
        ) : null}
        {error ? <span className="mw-error-line" role="alert">{error}</span> : null}
      </div>
      {!tests.data?.length ? <p className="mw-muted mw-panel-empty">No test cases yet: pick a record in Preview and save it as a test.</p> : null}
      <ul className="mw-test-list">
        {tests.data?.map((t) => {
          const r = byId.get(t.id);
          return (
            <li key={t.id} className={`mw-test${r ? (r.passed ? ' is-pass' : ' is-fail') : ''}`} data-testid="test-case">
              <div className="mw-test-row">
                <span className="mw-test-status">{r ? (r.passed ? '✓' : '✗') : '•'}</span>
                <span className="mw-test-name">{t.name}</span>
                {r && !r.passed ? <span className="mw-error-line">{r.message}</span> : null}
                <button type="button" className="button mw-small" onClick={() => setEditing(editing === t.id ? null : t.id)}>
                  Edit expected
                </button>
                {r && !r.passed ? (
                  <button type="button" className="button mw-small" onClick={() => setOpen(open === t.id ? null : t.id)}>
                    {open === t.id ? 'Hide diff' : 'Show diff'}
                  </button>
                ) : null}
              </div>
              {editing === t.id ? <ExpectedEditor test={t} onSave={(e) => save(t, e)} /> : null}
              {open === t.id && r && !r.passed ? <FailureDiff expected={r.expected ?? t.expected} actual={r.actual} /> : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
