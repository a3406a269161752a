/**
 * Coverage tab: how much of the target the mapping fills, per entity rule (required fields mapped /
 * total), the required fields still unmapped (click to select the rule and field), source fields no
 * rule reads, and code values seen in the samples that a value map has no entry for.
 *
 * Figures come from the host (`bundles.preflight`, which runs the checker's `coverage` over the
 * saved mapping and the project's samples): the checker compiles expressions, which the renderer's
 * CSP (no eval) rules out here. Autosave keeps the saved mapping within a moment of the canvas, so
 * the panel refreshes whenever a save lands.
 */
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { useApi } from '../../api/ApiProvider';
import type { CoverageSummary } from '../../../../electron/shared/api';
import type { EditorState } from '../store/editor-store';
import '../code-view/code-view.css';

const REFRESH_DELAY_MS = 600;

type Loaded =
  { state: 'loading' } | { state: 'ready'; coverage: CoverageSummary | null } | { state: 'error'; message: string };

/** The coverage figures for the open project's saved mapping. */
export function CoveragePanel({ projectId, store }: { projectId: string; store: StoreApi<EditorState> }) {
  const api = useApi();
  const savedVersion = useStore(store, (s) => s.savedVersion);
  const [data, setData] = useState<Loaded>({ state: 'loading' });

  useEffect(() => {
    let cancelled = false;
    const t = setTimeout(() => {
      void api['bundles.preflight']({ projectId }).then((r) => {
        if (cancelled) return;
        setData(r.ok ? { state: 'ready', coverage: r.value.coverage } : { state: 'error', message: r.error.message });
      });
    }, REFRESH_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(t);
    };
  }, [api, projectId, savedVersion]);

  if (data.state === 'loading')
    return (
      <p className="mw-muted" data-testid="coverage-loading">
        Working out coverage…
      </p>
    );
  if (data.state === 'error')
    return (
      <p className="mw-error-line" role="alert">
        Coverage could not be computed: {data.message}
      </p>
    );
  const c = data.coverage;
  if (!c)
    return (
      <p className="mw-muted">
        No coverage yet: the mapping has errors the checker must see fixed first (see Problems).
      </p>
    );

  const select = (ruleId: string, field: string) =>
    store.getState().select({ nodes: [ruleId], edges: [], field: { ruleId, path: field } });
  return (
    <div className="mw-coverage" data-testid="coverage">
      <section aria-label="Per entity">
        <h3 className="mw-coverage-h">Required target fields mapped</h3>
        {c.perEntity.length === 0 ? <p className="mw-muted">No entity rules yet.</p> : null}
        <ul className="mw-coverage-list">
          {c.perEntity.map((e) => (
            <li key={e.ruleId} className="mw-coverage-row" data-testid={`coverage-${e.ruleId}`}>
              <button
                type="button"
                className="mw-link"
                onClick={() => store.getState().select({ nodes: [e.ruleId], edges: [], field: null })}
              >
                {e.label ?? e.entity}
              </button>
              <span
                className="mw-coverage-bar"
                role="meter"
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={e.percent}
                aria-label={`${e.label ?? e.entity} coverage`}
              >
                <span style={{ width: `${Math.max(0, Math.min(100, e.percent))}%` }} />
              </span>
              <span className="mw-coverage-figure">
                {e.mapped}/{e.required} · {Math.round(e.percent)}%
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-label="Unmapped required fields">
        <h3 className="mw-coverage-h">Required fields not mapped ({c.unmappedRequired.length})</h3>
        <ul className="mw-coverage-chips">
          {c.unmappedRequired.map((u) => (
            <li key={`${u.ruleId}:${u.field}`}>
              <button
                type="button"
                className="mw-link"
                onClick={() => select(u.ruleId, u.field)}
                title="Select this rule and field"
              >
                {u.entity}.{u.field}
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section aria-label="Unused source fields">
        <h3 className="mw-coverage-h">Source fields no rule reads ({c.unusedSourceFields.length})</h3>
        <ul className="mw-coverage-chips">
          {c.unusedSourceFields.map((f) => (
            <li key={f}>
              <code>{f}</code>
            </li>
          ))}
        </ul>
      </section>
      <section aria-label="Code values without a value-map entry">
        <h3 className="mw-coverage-h">Sample codes with no value-map entry ({c.codeValuesWithoutMapping.length})</h3>
        <ul className="mw-coverage-chips">
          {c.codeValuesWithoutMapping.map((v) => (
            <li key={`${v.valueMap}:${v.value}`}>
              {v.valueMapName}: <code>{JSON.stringify(v.value)}</code> ×{v.count}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
