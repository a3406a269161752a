import { useState } from 'react';
import type { EntityRule } from '../../../../mappings/document/types';
import { connect, type EditContext, type EditResult } from '../graph/edits';
import { entityFields, normaliseTarget, sourceNodeId } from '../graph/projection';
import { ruleScopes } from '../graph/walk';
import { suggestMappings, type Suggestion } from './score';

/** Proposed source → target pairs for one entity rule; each accepted or dismissed by the user. */
export function SuggestionList({ rule, editContext, run }: { rule: EntityRule; editContext: () => EditContext; run(r: EditResult): boolean }) {
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const ctx = editContext();
  const primary = ctx.doc.sources.find((s) => s.primary);
  if (!primary) return null;
  const mapped = new Set(rule.fields.map((f) => normaliseTarget(f.target)));
  const all = suggestMappings(primary.schema.fields, entityFields(ctx.targetTree, rule.entity), mapped, ruleScopes(ctx.doc).get(rule.id) ?? []);
  const shown = all.filter((s) => !dismissed.has(`${s.source}→${s.target}`));
  const accept = (s: Suggestion) =>
    run(connect(editContext(), { source: sourceNodeId(primary.id), sourceHandle: `f:${s.source}`, target: rule.id, targetHandle: `t:${s.target}` }));
  const dismiss = (s: Suggestion) => setDismissed((d) => new Set([...d, `${s.source}→${s.target}`]));
  if (!shown.length) return <p className="mw-muted">No suggestions for {rule.entity}.</p>;
  const confident = shown.filter((s) => s.confidence >= 0.85);
  return (
    <div className="mw-suggestions" data-testid="suggestions">
      <div className="mw-suggestions-head">
        <span>Suggested mappings</span>
        {confident.length ? (
          <button
            type="button"
            className="button mw-small"
            onClick={() => {
              // One command per pair so each can be undone on its own; refused ones say why.
              for (const s of confident) accept(s);
            }}
          >
            Accept {confident.length} ≥ 85%
          </button>
        ) : null}
        <button type="button" className="button mw-small" onClick={() => setDismissed(new Set(all.map((s) => `${s.source}→${s.target}`)))}>
          Dismiss all
        </button>
      </div>
      <ul className="mw-suggestion-list">
        {shown.map((s) => (
          <li key={`${s.source}→${s.target}`} className="mw-suggestion" title={s.reasons.join('\n')}>
            <span className="mw-suggestion-pair">
              <code>{s.source}</code> → <code>{s.target}</code>
            </span>
            <span className={`mw-confidence${s.confidence >= 0.85 ? ' is-high' : ''}`}>{Math.round(s.confidence * 100)}%</span>
            <span className="mw-muted mw-suggestion-why">{s.reasons[0]}</span>
            <span className="mw-suggestion-actions">
              <button type="button" className="button mw-small" onClick={() => accept(s)} aria-label={`Accept ${s.source} to ${s.target}`}>
                Accept
              </button>
              <button type="button" className="mw-icon-button" onClick={() => dismiss(s)} aria-label={`Dismiss ${s.source} to ${s.target}`}>
                ×
              </button>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
