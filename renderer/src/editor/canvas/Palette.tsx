import { useState } from 'react';
import type { PaletteItem } from '../graph/edits';
import type { FunctionInfo } from '../graph/types';

export const PALETTE_MIME = 'application/x-mapwright-palette';

export interface PaletteFunction extends FunctionInfo {
  category: string;
  summary: string;
}

const BUILT_INS: { item: PaletteItem; label: string; summary: string }[] = [
  { item: { kind: 'value-map' }, label: 'Value map', summary: 'Supplier codes → target code list, with a table of entries' },
  { item: { kind: 'condition' }, label: 'Condition', summary: 'If / else-if / else: the first branch whose condition holds wins' },
  { item: { kind: 'expression' }, label: 'Expression', summary: 'A checked expression over fields and functions' },
  { item: { kind: 'constant' }, label: 'Constant', summary: 'A fixed value (text, number, boolean or JSON)' },
  { item: { kind: 'aggregate', op: 'first' }, label: 'First of', summary: 'First value of a collection' },
  { item: { kind: 'aggregate', op: 'join' }, label: 'Join', summary: 'Join a collection’s values into one text' },
  { item: { kind: 'aggregate', op: 'count' }, label: 'Count', summary: 'Number of elements in a collection' },
  { item: { kind: 'loop' }, label: 'Loop', summary: 'Drop on a target entity: one entity per element of a collection' },
];

/**
 * Searchable palette of node kinds and library functions. Drag an item onto the canvas (a draft)
 * or onto a connection (inserted into it); click inserts into the selected connection.
 */
export function Palette({ functions, onPick, onHide }: { functions: PaletteFunction[]; onPick(item: PaletteItem): void; onHide(): void }) {
  const [query, setQuery] = useState('');
  const q = query.trim().toLowerCase();
  const builtIns = BUILT_INS.filter((b) => !q || b.label.toLowerCase().includes(q) || b.summary.toLowerCase().includes(q));
  const groups = (() => {
    const out = new Map<string, PaletteFunction[]>();
    for (const f of functions) {
      if (q && !f.name.toLowerCase().includes(q) && !f.summary.toLowerCase().includes(q)) continue;
      if (!out.has(f.category)) out.set(f.category, []);
      out.get(f.category)!.push(f);
    }
    return [...out];
  })();
  const drag = (item: PaletteItem) => (e: React.DragEvent) => {
    e.dataTransfer.setData(PALETTE_MIME, JSON.stringify(item));
    e.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <aside className="mw-palette" aria-label="Palette" data-testid="palette">
      <div className="mw-palette-head">
        <input className="mw-palette-search" type="search" placeholder="Search functions…" aria-label="Search palette" value={query} onChange={(e) => setQuery(e.target.value)} />
        <button type="button" className="mw-palette-toggle" onClick={onHide} title="Hide the palette (the canvas gets its width)" aria-label="Hide palette" data-testid="palette-hide">
          ‹
        </button>
      </div>
      <div className="mw-palette-list">
        {builtIns.length ? <div className="mw-palette-group">Nodes</div> : null}
        {builtIns.map((b) => (
          <button key={b.label} type="button" className="mw-palette-item" draggable onDragStart={drag(b.item)} onClick={() => onPick(b.item)} title={b.summary} data-testid={`palette-${b.label}`}>
            <span className="mw-palette-name">{b.label}</span>
            <span className="mw-palette-summary">{b.summary}</span>
          </button>
        ))}
        {groups.map(([cat, fns]) => (
          <div key={cat}>
            <div className="mw-palette-group">{cat}</div>
            {fns.map((f) => (
              <button
                key={f.name}
                type="button"
                className="mw-palette-item"
                draggable
                onDragStart={drag({ kind: 'function', fn: f.name })}
                onClick={() => onPick({ kind: 'function', fn: f.name })}
                title={f.doc ?? f.summary}
                data-testid={`palette-fn-${f.name}`}
              >
                <span className="mw-palette-name">
                  {f.name}
                  <span className="mw-palette-sig">({f.params.map((p) => (p.optional ? `${p.name}?` : p.name)).join(', ')})</span>
                </span>
                <span className="mw-palette-summary">{f.summary}</span>
              </button>
            ))}
          </div>
        ))}
        {!builtIns.length && !groups.length ? <div className="mw-empty-rows">Nothing matches “{query}”</div> : null}
      </div>
    </aside>
  );
}

/** What is left of a hidden palette: a narrow rail that brings it back. */
export function PaletteRail({ onShow }: { onShow(): void }) {
  return (
    <aside className="mw-palette-rail" aria-label="Palette (hidden)">
      <button type="button" className="mw-palette-toggle" onClick={onShow} title="Show the node and function palette" aria-label="Show palette" data-testid="palette-show">
        <span aria-hidden="true">›</span>
        <span className="mw-palette-rail-label">Nodes &amp; functions</span>
      </button>
    </aside>
  );
}
