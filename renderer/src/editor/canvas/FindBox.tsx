import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { FieldTree } from '../../../../mappings/model/field-tree';
import { walkFields } from '../../../../mappings/model/field-tree';
import type { EditorState } from '../store/editor-store';
import { entityFields, sourceNodeId } from '../graph/projection';

interface Hit {
  nodeId: string;
  path?: string;
  label: string;
  where: string;
}

/** Ctrl/Cmd+F: find a field by name in any source or target node, or a node by its title. */
export function FindBox({ store, targetTree, onPick, onClose }: { store: StoreApi<EditorState>; targetTree?: FieldTree; onPick(hit: Hit): void; onClose(): void }) {
  const doc = useStore(store, (s) => s.doc);
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const all = useMemo<Hit[]>(() => {
    if (!doc) return [];
    const out: Hit[] = [];
    for (const s of doc.sources) for (const f of walkFields(s.schema.fields)) out.push({ nodeId: sourceNodeId(s.id), path: f.path, label: f.name, where: `${s.name} · ${f.path}` });
    for (const r of doc.entities) {
      out.push({ nodeId: r.id, label: r.label ?? r.entity, where: 'target rule' });
      for (const f of walkFields(entityFields(targetTree, r.entity))) out.push({ nodeId: r.id, path: f.path, label: f.name, where: `${r.entity} · ${f.path}` });
    }
    return out;
  }, [doc, targetTree]);
  const needle = q.trim().toLowerCase();
  const hits = needle ? all.filter((h) => h.label.toLowerCase().includes(needle) || h.where.toLowerCase().includes(needle)).slice(0, 50) : [];
  return (
    <div className="mw-find" role="search">
      <input
        ref={input}
        className="input mw-input"
        type="search"
        placeholder="Find a field…"
        aria-label="Find a field"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, hits.length - 1));
          if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          if (e.key === 'Enter' && hits[active]) onPick(hits[active]);
        }}
      />
      {hits.length ? (
        <ul className="mw-find-list" role="listbox">
          {hits.map((h, i) => (
            <li key={`${h.nodeId}:${h.path ?? ''}`} role="option" aria-selected={i === active} className={i === active ? 'is-active' : ''} onMouseDown={() => onPick(h)}>
              <strong>{h.label}</strong> <span className="mw-muted">{h.where}</span>
            </li>
          ))}
        </ul>
      ) : needle ? (
        <div className="mw-find-list mw-muted">No field matches</div>
      ) : null}
    </div>
  );
}
