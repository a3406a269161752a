import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Inspector } from './Inspector';
import { createEditorStore } from '../store/editor-store';
import { sampleDocument, targetTree } from '../__fixtures__/documents';
import type { EditContext, EditResult } from '../graph/edits';
import { walkFields } from '../../../../mappings/model/field-tree';

afterEach(cleanup);

function setup(selected: { nodes?: string[]; field?: { ruleId: string; path: string } }) {
  const store = createEditorStore();
  store.getState().load(sampleDocument(), 1);
  store.getState().select({ nodes: selected.nodes ?? [], edges: [], field: selected.field ?? null });
  let n = 0;
  const editContext = (): EditContext => ({ doc: store.getState().doc!, drafts: store.getState().drafts, targetTree, newId: (p) => `${p}-x${++n}` });
  const run = (r: EditResult) => (r.ok ? store.getState().execute(r.command) : (store.getState().setStatus(r.reason, 'error'), false));
  const doc = sampleDocument();
  const sourceFields = new Map([...walkFields(doc.sources[0].schema.fields)].map((f) => [f.path, f]));
  render(<Inspector store={store} editContext={editContext} run={run} sourceFields={sourceFields} />);
  return store;
}

describe('Inspector', () => {
  it('value map: adds an entry for a sample value with no entry, as one undoable edit', () => {
    const store = setup({ nodes: ['n-4'] });
    expect(screen.getByTestId('value-map-editor')).toBeTruthy();
    // persons[].sex has examples M and F; M is mapped already
    const missing = screen.getByTestId('value-map-missing');
    expect(missing.textContent).toContain('+ F');
    expect(missing.textContent).not.toContain('+ M');
    fireEvent.click(screen.getByRole('button', { name: '+ F' }));
    expect(store.getState().doc!.valueMaps[0].entries).toEqual([
      { from: 'M', to: 'M', quality: 'exact' },
      { from: 'F', to: '', quality: 'exact' },
    ]);
    fireEvent.change(screen.getByLabelText('To 2'), { target: { value: 'F' } });
    expect(store.getState().doc!.valueMaps[0].entries[1].to).toBe('F');
    store.getState().undo();
    store.getState().undo();
    expect(store.getState().doc!.valueMaps[0].entries).toHaveLength(1);
  });

  it('value map: pasted spreadsheet rows merge in and bad lines are reported', () => {
    const store = setup({ nodes: ['n-4'] });
    fireEvent.change(screen.getByLabelText('Paste value map rows'), { target: { value: 'F\tF\nU\tU\tnarrower\nX' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply pasted rows' }));
    expect(store.getState().doc!.valueMaps[0].entries.map((e) => `${e.from}>${e.to}:${e.quality}`)).toEqual(['M>M:exact', 'F>F:exact', 'U>U:narrower']);
    expect(screen.getByRole('alert').textContent).toMatch(/^Line 3: needs a "from" and a "to"/);
  });

  it('entity rule: sets the loop from the source collections and shows suggestions', () => {
    const store = setup({ nodes: ['r-event'] });
    fireEvent.change(screen.getByLabelText('Loop collection'), { target: { value: 'persons[]' } });
    expect(store.getState().doc!.entities[0].forEach).toEqual({ path: 'persons[]', as: 'item' });
    expect(screen.getByTestId('entity-inspector')).toBeTruthy();
  });

  it('target field: edits the reviewer comment and removes the mapping', () => {
    const store = setup({ field: { ruleId: 'r-person', path: 'notes' } });
    fireEvent.change(screen.getByLabelText('Comment (shown to reviewers)'), { target: { value: 'crime ref for context' } });
    expect(store.getState().doc!.entities[1].fields[2].comment).toBe('crime ref for context');
    fireEvent.click(screen.getByRole('button', { name: 'Remove mapping' }));
    expect(store.getState().doc!.entities[1].fields.map((f) => f.target)).toEqual(['names[0].family', 'sex.code']);
  });
});
