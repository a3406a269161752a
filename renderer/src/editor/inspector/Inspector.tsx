import { useState } from 'react';
import { useStore } from 'zustand';
import type { EntityRule, Json, MappingDocument, MappingQuality, UnmappedPolicy, ValueMapDecl, ValueNode } from '../../../../mappings/document/types';
import type { FieldNode } from '../../../../mappings/model/field-tree';
import { walkFields } from '../../../../mappings/model/field-tree';
import type { Command, DocPath } from '../store/commands';
import type { EditorState } from '../store/editor-store';
import type { StoreApi } from 'zustand/vanilla';
import { findValue, ruleScopes, absoluteFieldPath } from '../graph/walk';
import { normaliseTarget } from '../graph/projection';
import { setLoop, deleteElements, type EditContext, type EditResult } from '../graph/edits';
import { SuggestionList } from '../suggestions/SuggestionList';
import { mergeEntries, parseValueMapPaste, unmappedSamples } from './value-map-paste';

export interface InspectorProps {
  store: StoreApi<EditorState>;
  editContext: () => EditContext;
  run(result: EditResult): boolean;
  sourceFields: Map<string, FieldNode>;
  /** Renders an expression editor (Monaco when loaded). */
  renderExpression?(props: { value: string; onChange(v: string): void; ruleId: string }): React.ReactNode;
}

const QUALITIES: MappingQuality[] = ['exact', 'broader', 'narrower', 'lossy'];

function setValue(store: StoreApi<EditorState>, id: string, next: ValueNode, label: string): void {
  const { doc, drafts } = store.getState();
  if (!doc) return;
  if (drafts[id]) {
    store.getState().execute({ label, ops: [], drafts: { [id]: { ...drafts[id], node: next } } });
    return;
  }
  const site = findValue(doc, id);
  if (site) store.getState().execute({ label, ops: [{ op: 'set', path: site.path, value: next }] });
}

function exec(store: StoreApi<EditorState>, label: string, path: DocPath, value: unknown): void {
  const cmd: Command = { label, ops: [{ op: 'set', path, value }] };
  store.getState().execute(cmd);
}

/** Parses an edited constant: JSON when it parses, else the literal text. */
export function parseConstInput(text: string): Json {
  const t = text.trim();
  if (t === '') return '';
  try {
    return JSON.parse(t) as Json;
  } catch {
    return text;
  }
}

function ConstEditor({ value, onCommit, label }: { value: Json; onCommit(v: Json): void; label: string }) {
  const initial = typeof value === 'string' ? value : JSON.stringify(value);
  const [text, setText] = useState(initial);
  const [lastInitial, setLastInitial] = useState(initial);
  if (initial !== lastInitial) {
    setLastInitial(initial);
    setText(initial);
  }
  return (
    <input
      className="input mw-input"
      aria-label={label}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => text !== initial && onCommit(typeof value === 'string' && !/^\s*[[{"\d-]|^(true|false|null)$/.test(text) ? text : parseConstInput(text))}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
      }}
    />
  );
}

function ValueMapEditor({ store, vm, index, samples }: { store: StoreApi<EditorState>; vm: ValueMapDecl; index: number; samples: unknown[] }) {
  const [paste, setPaste] = useState('');
  const [errors, setErrors] = useState<{ line: number; message: string }[]>([]);
  const base: DocPath = ['valueMaps', index];
  const missing = unmappedSamples(samples, vm.entries, vm.caseInsensitive);
  const setEntries = (entries: ValueMapDecl['entries'], label: string) => exec(store, label, [...base, 'entries'], entries);
  return (
    <div className="mw-vm" data-testid="value-map-editor">
      <label className="mw-field">
        <span>Name</span>
        <input className="input mw-input" value={vm.name} aria-label="Value map name" onChange={(e) => exec(store, 'Rename value map', [...base, 'name'], e.target.value)} />
      </label>
      <label className="mw-field">
        <span>Target code list</span>
        <input className="input mw-input" value={vm.targetScheme ?? ''} placeholder="e.g. SEX" onChange={(e) => exec(store, 'Set target code list', [...base, 'targetScheme'], e.target.value || undefined)} />
      </label>
      <table className="mw-vm-table">
        <thead>
          <tr>
            <th>From</th>
            <th>To</th>
            <th>Quality</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {vm.entries.map((e, i) => (
            <tr key={`${e.from}-${i}`}>
              <td>
                <input className="input mw-input" aria-label={`From ${i + 1}`} value={e.from} onChange={(ev) => exec(store, 'Edit value map entry', [...base, 'entries', i, 'from'], ev.target.value)} />
              </td>
              <td>
                <input className="input mw-input" aria-label={`To ${i + 1}`} value={e.to} onChange={(ev) => exec(store, 'Edit value map entry', [...base, 'entries', i, 'to'], ev.target.value)} />
              </td>
              <td>
                <select className="input mw-input" aria-label={`Quality ${i + 1}`} value={e.quality} onChange={(ev) => exec(store, 'Edit value map entry', [...base, 'entries', i, 'quality'], ev.target.value)}>
                  {QUALITIES.map((q) => (
                    <option key={q}>{q}</option>
                  ))}
                </select>
              </td>
              <td>
                <button type="button" className="mw-icon-button" aria-label={`Remove entry ${e.from}`} onClick={() => store.getState().execute({ label: 'Remove value map entry', ops: [{ op: 'remove', path: [...base, 'entries'], index: i }] })}>
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="button mw-small" onClick={() => setEntries([...vm.entries, { from: '', to: '', quality: 'exact' }], 'Add value map entry')}>
        Add entry
      </button>
      {missing.length ? (
        <div className="mw-vm-missing" data-testid="value-map-missing">
          <span className="mw-muted">Sample values with no entry:</span>
          {missing.map((m) => (
            <button key={m} type="button" className="mw-chip" title="Add an entry for this value" onClick={() => setEntries([...vm.entries, { from: m, to: '', quality: 'exact' }], `Add entry for ${m}`)}>
              + {m}
            </button>
          ))}
        </div>
      ) : null}
      <label className="mw-field">
        <span>Paste from a spreadsheet (from ⇥ to ⇥ quality ⇥ note)</span>
        <textarea className="input mw-input mw-paste" rows={3} value={paste} aria-label="Paste value map rows" onChange={(e) => setPaste(e.target.value)} />
      </label>
      <button
        type="button"
        className="button mw-small"
        disabled={!paste.trim()}
        onClick={() => {
          const r = parseValueMapPaste(paste);
          setErrors(r.errors);
          if (r.entries.length) setEntries(mergeEntries(vm.entries, r.entries), `Paste ${r.entries.length} value map entries`);
          if (!r.errors.length) setPaste('');
        }}
      >
        Apply pasted rows
      </button>
      {errors.map((e) => (
        <div key={e.line} className="mw-error-line" role="alert">
          Line {e.line}: {e.message}
        </div>
      ))}
      <label className="mw-field">
        <span>Values with no entry</span>
        <select
          className="input mw-input"
          value={vm.unmapped.policy}
          onChange={(e) => {
            const p = e.target.value as UnmappedPolicy['policy'];
            exec(store, 'Set unmapped policy', [...base, 'unmapped'], p === 'default' ? { policy: 'default', value: '' } : { policy: p });
          }}
        >
          <option value="passthrough">pass through unchanged</option>
          <option value="default">use a default code</option>
          <option value="reject">reject the record</option>
        </select>
      </label>
      {vm.unmapped.policy === 'default' ? (
        <label className="mw-field">
          <span>Default code</span>
          <input className="input mw-input" value={vm.unmapped.value} onChange={(e) => exec(store, 'Set default code', [...base, 'unmapped', 'value'], e.target.value)} />
        </label>
      ) : null}
      <label className="mw-check">
        <input type="checkbox" checked={!!vm.caseInsensitive} onChange={(e) => exec(store, 'Toggle case-insensitive', [...base, 'caseInsensitive'], e.target.checked || undefined)} />
        Ignore case and surrounding spaces
      </label>
    </div>
  );
}

function ValueInspector({ node, props, ruleId }: { node: ValueNode; props: InspectorProps; ruleId: string }) {
  const { store } = props;
  const doc = store.getState().doc!;
  const set = (next: ValueNode, label: string) => setValue(store, node.id, next, label);
  switch (node.kind) {
    case 'const':
      return (
        <label className="mw-field">
          <span>Value (text, or JSON)</span>
          <ConstEditor value={node.value} label="Constant value" onCommit={(v) => set({ ...node, value: v }, 'Edit constant')} />
        </label>
      );
    case 'call':
      return (
        <div>
          <p className="mw-muted">Function <code>{node.fn}</code></p>
          {node.args.map((a, i) => (
            <label key={a.id} className="mw-field">
              <span>{props.editContext().functionInfo?.(node.fn)?.params[i]?.name ?? `Argument ${i + 1}`}</span>
              {a.kind === 'const' ? (
                <ConstEditor value={a.value} label={`Argument ${i + 1}`} onCommit={(v) => set({ ...node, args: node.args.map((x, j) => (j === i ? { ...a, value: v } : x)) }, 'Edit argument')} />
              ) : (
                <span className="mw-muted">{a.kind === 'field' ? `field ${a.path}` : `${a.kind} node`} (wired)</span>
              )}
            </label>
          ))}
          <button type="button" className="button mw-small" onClick={() => set({ ...node, args: [...node.args, { id: props.editContext().newId('n'), kind: 'const', value: null }] }, 'Add argument')}>
            Add argument
          </button>
        </div>
      );
    case 'map': {
      const index = doc.valueMaps.findIndex((v) => v.id === node.valueMap);
      const input = node.input.kind === 'field' ? absoluteFieldPath(node.input, ruleScopes(doc).get(ruleId) ?? []) : undefined;
      const samples = input ? (props.sourceFields.get(input)?.examples ?? []) : [];
      return index >= 0 ? <ValueMapEditor store={store} vm={doc.valueMaps[index]} index={index} samples={samples} /> : <p className="mw-error-line">Value map {node.valueMap} is missing</p>;
    }
    case 'cond':
      return (
        <div>
          <p className="mw-muted">{node.branches.length} branch{node.branches.length === 1 ? '' : 'es'}; wire each “if” and “then” on the canvas.</p>
          <button
            type="button"
            className="button mw-small"
            onClick={() => {
              const ctx = props.editContext();
              set({ ...node, branches: [...node.branches, { when: { id: ctx.newId('n'), kind: 'const', value: null }, then: { id: ctx.newId('n'), kind: 'const', value: null } }] }, 'Add branch');
            }}
          >
            Add branch
          </button>
          {node.branches.length > 1 ? (
            <button type="button" className="button mw-small" onClick={() => set({ ...node, branches: node.branches.slice(0, -1) }, 'Remove last branch')}>
              Remove last branch
            </button>
          ) : null}
        </div>
      );
    case 'expr':
      return (
        <div className="mw-field">
          <span>Expression</span>
          {props.renderExpression ? (
            props.renderExpression({ value: node.code, ruleId, onChange: (code) => set({ ...node, code }, 'Edit expression') })
          ) : (
            <textarea className="input mw-input mw-code" rows={4} value={node.code} aria-label="Expression" onChange={(e) => set({ ...node, code: e.target.value }, 'Edit expression')} />
          )}
        </div>
      );
    case 'aggregate':
      return (
        <div>
          <label className="mw-field">
            <span>Operation</span>
            <select className="input mw-input" value={node.op} onChange={(e) => set({ ...node, op: e.target.value as typeof node.op }, 'Change aggregate')}>
              {['first', 'last', 'join', 'count', 'distinct'].map((o) => (
                <option key={o}>{o}</option>
              ))}
            </select>
          </label>
          {node.op === 'join' ? (
            <label className="mw-field">
              <span>Separator</span>
              <input className="input mw-input" value={node.separator ?? ''} onChange={(e) => set({ ...node, separator: e.target.value }, 'Edit separator')} />
            </label>
          ) : null}
        </div>
      );
    default:
      return <p className="mw-muted">{node.kind} node</p>;
  }
}

function EntityInspector({ rule, index, props, collections }: { rule: EntityRule; index: number; props: InspectorProps; collections: string[] }) {
  const { store, run, editContext } = props;
  const [as, setAs] = useState(rule.forEach?.as ?? 'item');
  return (
    <div data-testid="entity-inspector">
      <label className="mw-field">
        <span>Label</span>
        <input className="input mw-input" value={rule.label ?? ''} placeholder={rule.entity} onChange={(e) => exec(store, 'Edit label', ['entities', index, 'label'], e.target.value || undefined)} />
      </label>
      <label className="mw-field">
        <span>Loop over (one {rule.entity} per element)</span>
        <select
          className="input mw-input"
          aria-label="Loop collection"
          value={rule.forEach?.path ?? ''}
          onChange={(e) => run(setLoop(editContext(), rule.id, e.target.value ? { path: e.target.value, as } : null))}
        >
          <option value="">— once per record —</option>
          {collections.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      {rule.forEach ? (
        <label className="mw-field">
          <span>Loop variable</span>
          <input
            className="input mw-input"
            value={as}
            onChange={(e) => setAs(e.target.value)}
            onBlur={() => as !== rule.forEach!.as && run(setLoop(editContext(), rule.id, { path: rule.forEach!.path, as }))}
          />
        </label>
      ) : null}
      <p className="mw-muted">
        {rule.when ? 'Created only when its condition holds (wired to “only when…”).' : 'Created for every record' + (rule.forEach ? ' element' : '') + '.'}
      </p>
      {rule.when ? (
        <button type="button" className="button mw-small" onClick={() => exec(store, 'Remove condition', ['entities', index, 'when'], undefined)}>
          Remove condition
        </button>
      ) : null}
      <label className="mw-check">
        <input type="checkbox" checked={!!rule.keepUnmapped} onChange={(e) => exec(store, 'Toggle keep unmapped', ['entities', index, 'keepUnmapped'], e.target.checked || undefined)} />
        Keep unmapped source fields under <code>extensions</code>
      </label>
      <button type="button" className="button button-danger mw-small" onClick={() => run(deleteElements(editContext(), [rule.id], []))}>
        Delete {rule.entity} rule
      </button>
      <SuggestionList rule={rule} editContext={editContext} run={run} />
    </div>
  );
}

function FieldRuleInspector({ doc, ruleId, path, props }: { doc: MappingDocument; ruleId: string; path: string; props: InspectorProps }) {
  const base: DocPath = ruleId === 'root' ? ['root'] : ['entities', doc.entities.findIndex((e) => e.id === ruleId)];
  const rules = ruleId === 'root' ? doc.root.fields : (doc.entities.find((e) => e.id === ruleId)?.fields ?? []);
  const i = rules.findIndex((r) => normaliseTarget(r.target) === path);
  if (i < 0) return <p className="mw-muted">Not mapped yet: drag a source field onto its handle.</p>;
  const fr = rules[i];
  return (
    <div data-testid="field-rule-inspector">
      <p>
        <code>{fr.target}</code> ← {fr.value.kind === 'field' ? <code>{fr.value.path}</code> : `${fr.value.kind} node`}
      </p>
      <label className="mw-field">
        <span>Comment (shown to reviewers)</span>
        <textarea className="input mw-input" rows={2} value={fr.comment ?? ''} onChange={(e) => exec(props.store, 'Edit comment', [...base, 'fields', i, 'comment'], e.target.value || undefined)} />
      </label>
      <button type="button" className="button button-danger mw-small" onClick={() => props.store.getState().execute({ label: `Unmap ${fr.target}`, ops: [{ op: 'remove', path: [...base, 'fields'], index: i }] })}>
        Remove mapping
      </button>
    </div>
  );
}

/** Edits whatever is selected: a target field's rule, an entity rule, or a value node. */
export function Inspector(props: InspectorProps) {
  const { store } = props;
  const doc = useStore(store, (s) => s.doc);
  const drafts = useStore(store, (s) => s.drafts);
  const selection = useStore(store, (s) => s.selection);
  if (!doc) return null;
  const collections = [...walkFields(doc.sources.find((s) => s.primary)?.schema.fields ?? [])].filter((f) => f.path.endsWith('[]')).map((f) => f.path);
  if (selection.field) {
    return (
      <section className="mw-inspector" aria-label="Target field">
        <h3 className="mw-inspector-title">{selection.field.path}</h3>
        <FieldRuleInspector doc={doc} ruleId={selection.field.ruleId} path={selection.field.path} props={props} />
      </section>
    );
  }
  const id = selection.nodes[0];
  if (!id) return <p className="mw-muted mw-inspector-empty">Select a node or a target field to edit it.</p>;
  const ei = doc.entities.findIndex((e) => e.id === id);
  if (ei >= 0) {
    return (
      <section className="mw-inspector" aria-label="Entity rule">
        <h3 className="mw-inspector-title">{doc.entities[ei].entity} rule</h3>
        <EntityInspector key={id} rule={doc.entities[ei]} index={ei} props={props} collections={collections} />
      </section>
    );
  }
  const node = drafts[id]?.node ?? findValue(doc, id)?.node;
  if (node) {
    const ruleId = drafts[id] ? '' : (findValue(doc, id)?.ruleId ?? '');
    return (
      <section className="mw-inspector" aria-label="Node">
        <h3 className="mw-inspector-title">{node.kind === 'call' ? node.fn : node.kind}</h3>
        <ValueInspector key={id} node={node} props={props} ruleId={ruleId} />
      </section>
    );
  }
  return <p className="mw-muted mw-inspector-empty">{id.startsWith('source:') ? 'Source schema: drag its fields onto target fields.' : 'Nothing to edit here.'}</p>;
}
