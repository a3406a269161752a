import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MappingDocument } from '../mappings/document/types';
import { expect, test } from './fixtures';
import { newProjectFromExample } from './seed';
import { EditorPage } from './pages/EditorPage';

const DIR = fileURLToPath(new URL('./screenshots/', import.meta.url));
const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

test('code view: edit the mapping as JSON, see errors without losing the canvas, undo', async ({ app, shell }) => {
  test.skip(!app.host, 'browser host only (seeding through the HTTP API)');
  test.setTimeout(120_000);
  const host = app.host!;
  const page = app.page;

  // A project holding the built-in example's mapping.
  const seed = await newProjectFromExample(host, 'Code view (e2e)');
  const doc: MappingDocument = { ...seed.example, id: seed.base.document.id };
  const saved = await host.call('mapping.save', {
    projectId: seed.projectId,
    document: doc,
    baseRevision: seed.base.revision,
  });
  expect(saved.ok, JSON.stringify(saved)).toBe(true);
  const originalName = doc.name;

  await page.reload();
  await shell.waitForReady();
  await shell.openProject('Code view (e2e)');
  const ed = new EditorPage(page);
  await expect(ed.canvas).toBeVisible();

  // The shortcut opens the split view; the canonical text validates clean against the schema.
  await page.keyboard.press(`${mod}+Shift+J`);
  const code = page.getByTestId('code-view');
  const status = page.getByTestId('code-view-status');
  await expect(code).toBeVisible();
  await expect(ed.canvas).toBeVisible();
  await expect(status).toHaveAttribute('data-state', 'in-sync', { timeout: 20_000 });
  const nameLine = code.locator('.view-line', { hasText: `"name": ${JSON.stringify(originalName)}` }).first();
  await expect(nameLine).toBeVisible();
  await page.waitForTimeout(1000);
  await expect(code.locator('.squiggly-error')).toHaveCount(0);

  // Rename the mapping in the JSON: applied as one undoable edit and saved.
  // Click the line's start (a view-line is as wide as the longest line), select the value between
  // its quotes and replace it (a quote-free insert, so Monaco's quote auto-closing stays out of it).
  await nameLine.click({ position: { x: 4, y: 4 } });
  await page.keyboard.press('Home');
  for (let i = 0; i < '"name": "'.length; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+End');
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.insertText('Renamed in code');
  await expect(status).toHaveAttribute('data-state', 'in-sync', { timeout: 10_000 });
  await expect(page.getByRole('button', { name: 'Undo' })).toHaveAttribute('title', /Edit in code view/);
  await ed.waitSaved();
  const renamed = await host.call('mapping.get', { projectId: seed.projectId });
  if (!renamed.ok) throw new Error(renamed.error.message);
  expect(renamed.value.document.name).toBe('Renamed in code');

  // A JSON error: marked in the editor, explained in the status, and the canvas keeps the last valid version.
  await page.keyboard.press('End');
  await page.keyboard.type(' oops');
  await expect(status).toHaveAttribute('data-state', 'invalid', { timeout: 10_000 });
  await expect(status).toContainText(/\d+ problems? — the canvas shows the last valid version/);
  await expect(code.locator('.squiggly-error').first()).toBeVisible({ timeout: 10_000 });
  await expect(ed.canvas).toBeVisible();
  await expect(page.getByRole('button', { name: 'Undo' })).toHaveAttribute('title', /Edit in code view/);

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(DIR, `code-view-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // Undo the typing in the text (Monaco's own undo), then the rename from the toolbar: the text follows.
  await page.keyboard.press(`${mod}+Z`);
  await expect(status).toHaveAttribute('data-state', 'in-sync', { timeout: 10_000 });
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(
    code.locator('.view-line', { hasText: `"name": ${JSON.stringify(originalName)}` }).first(),
  ).toBeVisible();
  await ed.waitSaved();
  const undone = await host.call('mapping.get', { projectId: seed.projectId });
  if (!undone.ok) throw new Error(undone.error.message);
  expect(undone.value.document.name).toBe(originalName);

  // Code only: the canvas is gone, the text stays.
  await page.getByTestId('view-mode-code').click();
  await expect(ed.canvas).toHaveCount(0);
  await expect(code).toBeVisible();
  await page.getByTestId('view-mode-canvas').click();
  await expect(code).toHaveCount(0);
  await expect(ed.canvas).toBeVisible();

  // Coverage tab: per-entity figures for the example's rules; clicking one selects its rule.
  await page.getByRole('tab', { name: /Coverage/ }).click();
  const coverage = page.getByTestId('coverage');
  await expect(coverage).toBeVisible({ timeout: 20_000 });
  const firstRule = doc.entities[0];
  const row = coverage.getByTestId(`coverage-${firstRule.id}`);
  await expect(row).toContainText(/\d+\/\d+ · \d+%/);
  await expect(page.getByText('Select a node or a target field to edit it.')).toBeVisible();
  await row.getByRole('button').click();
  // The rule is selected: the inspector shows it instead of its empty state.
  await expect(page.getByText('Select a node or a target field to edit it.')).toHaveCount(0);
});
