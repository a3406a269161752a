import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MappingDocument } from '../mappings/document/types';
import { expect, test } from './fixtures';
import { newProjectFromExample } from './seed';
import { EditorPage } from './pages/EditorPage';

const DIR = fileURLToPath(new URL('./screenshots/', import.meta.url));

test('map fields on the canvas, insert a function and a value map, undo, and reload as left', async ({ app, shell }) => {
  test.skip(!app.host, 'browser host only (seeding through the HTTP API)');
  // Many real drags on a shared two-core machine: give it room.
  test.setTimeout(180_000);
  const host = app.host!;
  const page = app.page;

  // A project on the example's supplier schema with two empty target rules, laid out side by side.
  const seed = await newProjectFromExample(host, 'Acme offences (e2e)');
  const src = seed.example;
  const doc: MappingDocument = {
    ...src,
    id: seed.base.document.id,
    filters: [],
    recordId: undefined,
    root: { fields: [] },
    links: [],
    entities: [
      { id: 'r-event', entity: 'Event', fields: [] },
      { id: 'r-person', entity: 'Person', forEach: { path: 'persons[]', as: 'person' }, fields: [] },
    ],
    layout: {
      nodes: { 'source:s-offences': { x: 0, y: 0 }, 'source:s-vehicles': { x: 0, y: 700 }, 'r-event': { x: 360, y: 0 }, 'r-person': { x: 700, y: 0 } },
      viewport: { x: 10, y: 10, zoom: 0.6 },
      comments: [],
    },
  };
  delete (doc as Partial<MappingDocument>).recordId;
  const saved = await host.call('mapping.save', { projectId: seed.projectId, document: doc, baseRevision: seed.base.revision });
  expect(saved.ok, JSON.stringify(saved)).toBe(true);

  await page.reload();
  await shell.waitForReady();
  await shell.openProject('Acme offences (e2e)');
  const ed = new EditorPage(page);
  await expect(ed.node('source:s-offences')).toBeVisible();
  await expect(ed.node('r-event')).toBeVisible();

  // Three fields mapped by dragging handle to handle.
  await ed.connect('source:s-offences', 'crime_ref', 'r-event', 'crimeReference');
  await ed.connect('source:s-offences', 'offence.description', 'r-event', 'summary');
  await ed.connect('source:s-offences', 'persons[].name', 'r-person', 'notes');
  await expect(ed.canvas.locator('.react-flow__edge')).toHaveCount(3);
  await expect(ed.status).toContainText('Map persons[].name → Person.notes');

  // A refused connection says why while dragging.
  await ed.connect('source:s-offences', 'persons[].name', 'r-event', 'notes');
  await expect(ed.canvas.locator('.react-flow__edge')).toHaveCount(3);
  await expect(ed.status).toContainText('has many values per record');

  // Insert a function on a selected connection from the palette.
  const crimeEdgeId = await ed.canvas.locator('.react-flow__edge').evaluateAll((els) =>
    els.map((e) => e.getAttribute('data-id')).find((id) => id && id.startsWith('e:') && !id.includes(':n-')),
  );
  expect(crimeEdgeId).toBeTruthy();
  // Filter both ends so the connection runs row to row, not stacked with others at a node's edge.
  await ed.fieldRow('source:s-offences', 'source', 'crime_ref');
  await ed.fieldRow('r-event', 'target', 'crimeReference');
  await ed.clickEdge(crimeEdgeId!);
  await ed.palette.getByRole('searchbox').fill('upper');
  await ed.palette.getByTestId('palette-fn-upper').click();
  await expect(page.locator('.react-flow__node-value')).toHaveCount(1);
  await expect(page.locator('.react-flow__node-value')).toContainText('upper');

  // A value map on the person's sex code, with an entry added from the sample values.
  const edgeIds = () => ed.canvas.locator('.react-flow__edge').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')!));
  const beforeSex = await edgeIds();
  await ed.connect('source:s-offences', 'persons[].sex', 'r-person', 'sex.code');
  await expect(ed.canvas.locator('.react-flow__edge')).toHaveCount(beforeSex.length + 1);
  const sexEdge = (await edgeIds()).find((id) => !beforeSex.includes(id))!;
  await ed.clickEdge(sexEdge);
  await ed.palette.getByRole('searchbox').fill('value map');
  await ed.palette.getByTestId('palette-Value map').click();
  await expect(page.locator('.react-flow__node-value')).toHaveCount(2);
  await page.locator('.react-flow__node-value', { hasText: 'value map' }).locator('.mw-node-head').click();
  const vm = page.getByTestId('value-map-editor');
  await expect(vm).toBeVisible();
  await vm.getByTestId('value-map-missing').getByRole('button', { name: '+ M' }).click();
  await vm.getByLabel('To 1').fill('M');
  await expect(vm.getByTestId('value-map-missing')).not.toContainText('+ M');
  await ed.waitSaved();
  const after = await host.call('mapping.get', { projectId: seed.projectId });
  if (!after.ok) throw new Error(after.error.message);
  const person = after.value.document.entities.find((e) => e.id === 'r-person')!;
  const sexRule = person.fields.find((f) => f.target === 'sex.code')!;
  expect(sexRule.value.kind).toBe('map');
  const vmId = (sexRule.value as { valueMap: string }).valueMap;
  expect(after.value.document.valueMaps.find((v) => v.id === vmId)?.entries).toEqual([{ from: 'M', to: 'M', quality: 'exact' }]);

  // Undo walks back one command at a time (the typed code, then the added entry); redo replays them.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const to1 = page.getByTestId('value-map-editor').getByLabel('To 1');
  await page.keyboard.press('Control+z');
  await expect(to1).toHaveValue('');
  await page.keyboard.press('Control+z');
  await expect(to1).toHaveCount(0);
  await expect(vm.getByTestId('value-map-missing')).toContainText('+ M');
  await page.keyboard.press('Control+Shift+z');
  await page.keyboard.press('Control+Shift+z');
  await expect(to1).toHaveValue('M');

  // An expression on the summary, written with a completion from the language services.
  await ed.fieldRow('source:s-offences', 'source', 'offence.description');
  await ed.fieldRow('r-event', 'target', 'summary');
  await ed.waitSaved();
  const current = await host.call('mapping.get', { projectId: seed.projectId });
  if (!current.ok) throw new Error(current.error.message);
  const summaryRule = current.value.document.entities.find((e) => e.id === 'r-event')!.fields.find((f) => f.target === 'summary')!;
  await ed.clickEdge(`e:${summaryRule.id}`);
  await ed.palette.getByRole('searchbox').fill('expression');
  await ed.palette.getByTestId('palette-Expression').click();
  const expr = page.getByTestId('expression-editor');
  await expect(expr.locator('.monaco-editor')).toBeVisible({ timeout: 20_000 });
  await expr.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+a');
  await page.keyboard.type('tri');
  await page.keyboard.press('Control+Space');
  const suggest = page.locator('.suggest-widget.visible');
  await expect(suggest).toBeVisible();
  await expect(suggest).toContainText('trim');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.waitForTimeout(200);
    await page.screenshot({ path: path.join(DIR, `expression-completion-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.keyboard.press('Enter');
  // Accepting inserts `trim(`; the argument comes with its own completion of the nested field.
  await page.keyboard.type('offence.description)');
  await page.keyboard.press('Escape');
  await expect(expr).toHaveAttribute('data-errors', '0');
  await page.locator('.mw-inspector-title').click();
  await ed.waitSaved();
  const withExpr = await host.call('mapping.get', { projectId: seed.projectId });
  if (!withExpr.ok) throw new Error(withExpr.error.message);
  const summary = withExpr.value.document.entities.find((e) => e.id === 'r-event')!.fields.find((f) => f.target === 'summary')!;
  expect(summary.value).toMatchObject({ kind: 'expr', code: 'trim(offence.description)' });

  // Moving a node is one undoable layout edit.
  await ed.dragNode('r-person', 40, 60);
  await ed.waitSaved();

  for (const id of ['source:s-offences', 'r-event', 'r-person']) await ed.node(id).getByRole('searchbox').first().fill('');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.waitForTimeout(150);
    await page.screenshot({ path: path.join(DIR, `canvas-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // Reload: the graph is exactly as left (positions, edges).
  const before = await ed.positions();
  const edgesBefore = await ed.canvas.locator('.react-flow__edge').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')).sort());
  await page.reload();
  await shell.waitForReady();
  await expect(ed.node('r-person')).toBeVisible();
  await expect(ed.canvas.locator('.react-flow__edge')).toHaveCount(edgesBefore.length);
  const edgesAfter = await ed.canvas.locator('.react-flow__edge').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')).sort());
  expect(edgesAfter).toEqual(edgesBefore);
  expect(await ed.positions()).toEqual(before);
});

test('live preview follows edits; a previewed record becomes a test whose failure shows as a diff', async ({ app, shell }) => {
  test.skip(!app.host, 'browser host only (seeding through the HTTP API)');
  test.setTimeout(180_000);
  const host = app.host!;
  const page = app.page;
  const seed = await newProjectFromExample(host, 'Acme preview (e2e)');
  const samples = await host.call('samples.list', { projectId: seed.exampleId });
  if (!samples.ok) throw new Error(samples.error.message);
  const offences = samples.value.find((s) => s.format === 'ndjson')!;
  const content = await host.call('samples.get', { id: offences.id });
  if (!content.ok) throw new Error(content.error.message);
  const saved = await host.call('mapping.save', { projectId: seed.projectId, document: { ...seed.example, id: seed.base.document.id }, baseRevision: seed.base.revision });
  expect(saved.ok, JSON.stringify(saved)).toBe(true);
  const added = await host.call('samples.add', { projectId: seed.projectId, sourceId: offences.sourceId, name: offences.name, format: offences.format, content: content.value.content });
  expect(added.ok, JSON.stringify(added)).toBe(true);

  await page.reload();
  await shell.waitForReady();
  await shell.openProject('Acme preview (e2e)');
  const ed = new EditorPage(page);
  await expect(ed.canvas).toBeVisible();

  // Preview: counts for the sample, then the output of a written record.
  await page.getByRole('tab', { name: /Preview/ }).click();
  await expect(page.getByTestId('preview-counts')).toContainText('written', { timeout: 30_000 });
  const written = page.locator('.mw-preview-rec.is-written').first();
  await written.click();
  const output = page.getByTestId('preview-output');
  await expect(output).toContainText('"crimeReference"');

  // Unmap Event.crimeReference from the inspector: the preview follows; undo brings it back.
  await page.getByRole('button', { name: 'Find…' }).click();
  await page.getByLabel('Find a field').fill('crimeReference');
  await page.locator('.mw-find-list li', { hasText: 'Event · crimeReference' }).first().dispatchEvent('mousedown');
  await page.getByTestId('target-field-crimeReference').first().click();

  // Values on the graph: the selected record's crime reference flows along the edge into
  // Event.crimeReference (label on the edge, full value on hover), and the staged counts settle.
  const shown = JSON.parse((await output.textContent()) ?? '{}') as { entities: { entityType: string; crimeReference?: string }[] };
  const crimeRef = shown.entities.find((e) => e.entityType === 'Event')!.crimeReference!;
  const edgeValue = page.getByTestId('edge-value-e:r-event-crimeReference');
  await expect(edgeValue).toHaveText(JSON.stringify(crimeRef), { timeout: 15_000 });
  await expect(edgeValue).toHaveAttribute('title', JSON.stringify(crimeRef));
  await expect(page.getByTestId('preview-counts')).toContainText(/^read \d+ · written \d+ · rejected \d+ · \d+ ms$/, { timeout: 30_000 });
  // Zooming out is a layout change: it shows more of the values and re-runs nothing.
  await page.locator('.react-flow__controls-zoomout').click();
  await expect(page.getByTestId('preview-counts')).toContainText(/^read /);
  // The palette folds away to give the graph its width; a rail brings it back.
  const before = (await ed.canvas.boundingBox())!.width;
  await page.getByTestId('palette-hide').click();
  await expect(page.getByTestId('palette')).toHaveCount(0);
  await expect.poll(async () => (await ed.canvas.boundingBox())!.width).toBeGreaterThan(before + 150);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(DIR, `preview-values-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByTestId('palette-show').click();
  await expect(page.getByTestId('palette')).toBeVisible();

  await page.getByTestId('field-rule-inspector').getByRole('button', { name: 'Remove mapping' }).click();
  await expect(output).not.toContainText('"crimeReference"', { timeout: 15_000 });
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Control+z');
  await expect(output).toContainText('"crimeReference"', { timeout: 15_000 });

  // Save the record as a test; it passes; break its expectation; the failure shows as a diff.
  await page.getByTestId('save-test').click();
  await page.getByRole('tab', { name: /Tests/ }).click();
  await expect(page.getByTestId('test-case')).toHaveCount(1);
  await page.getByTestId('run-tests').click();
  await expect(page.getByTestId('test-summary')).toHaveText('1 passed · 0 failed', { timeout: 30_000 });
  await page.getByTestId('test-case').getByRole('button', { name: 'Edit expected' }).click();
  const expected = page.getByTestId('test-case').getByRole('textbox');
  const text = await expected.inputValue();
  expect(text).toContain('"crimeReference"');
  await expected.fill(text.replace(/"crimeReference": "([^"]*)"/, '"crimeReference": "$1-CHANGED"'));
  await page.getByTestId('test-case').getByRole('button', { name: 'Save expected' }).click();
  await page.getByTestId('run-tests').click();
  await expect(page.getByTestId('test-summary')).toHaveText('0 passed · 1 failed', { timeout: 30_000 });
  const diff = page.getByTestId('test-diff');
  await expect(diff.locator('.monaco-diff-editor')).toBeVisible({ timeout: 20_000 });
  await expect(diff).toContainText('CHANGED');
  // The bottom panel is shorter than the diff: scroll so the folded-around change is in view.
  await diff.locator('.mw-diff-host').evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await page.waitForTimeout(500);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(DIR, `test-diff-${scheme}.png`) });
  }
});
