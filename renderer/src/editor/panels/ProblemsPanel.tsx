import type { Diagnostic } from '../../../../mappings/diagnostics/diagnostic';
import { formatLocation } from '../../../../mappings/diagnostics/diagnostic';

/** Every checker diagnostic; clicking one jumps to the node or rule it is about. */
export function ProblemsPanel({ diagnostics, onJump }: { diagnostics: Diagnostic[]; onJump(d: Diagnostic): void }) {
  if (!diagnostics.length) return <p className="mw-muted mw-panel-empty" data-testid="problems-empty">No problems: the checker accepts this mapping.</p>;
  const order = { error: 0, warning: 1, info: 2 } as const;
  const sorted = [...diagnostics].sort((a, b) => order[a.severity] - order[b.severity]);
  return (
    <ul className="mw-problems" data-testid="problems">
      {sorted.map((d, i) => (
        <li key={`${d.code}-${i}`}>
          <button type="button" className={`mw-problem is-${d.severity}`} onClick={() => onJump(d)} disabled={!d.location.nodeId && !d.location.ruleId}>
            <span className="mw-problem-sev">{d.severity}</span>
            <code className="mw-problem-code">{d.code}</code>
            <span className="mw-problem-msg">{d.message}</span>
            <span className="mw-muted mw-problem-loc">{formatLocation(d.location)}</span>
            {d.hint ? <span className="mw-problem-hint">{d.hint}</span> : null}
          </button>
        </li>
      ))}
    </ul>
  );
}
