import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { EditorPage } from './pages/EditorPage';

const DIR = fileURLToPath(new URL('./screenshots/', import.meta.url));

const PEOPLE = 'id,surname,forename,dob\n1,Smith,Alex,1990-01-02\n2,Jones,Sam,1985-12-31\n3,Khan,Ravi,2001-07-15\n';

/** Drops a file on the window the way a file manager would: dragenter, dragover, drop with files. */
async function dropFile(page: Page, name: string, text: string): Promise<void> {
  await page.evaluate(
    ({ name, text }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: 'text/plain' }));
      const target = document.querySelector('[data-testid="mapping-editor"]') ?? document.body;
      for (const type of ['dragenter', 'dragover', 'drop']) target.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    { name, text },
  );
}

async function chooseFile(page: Page, name: string, text: string): Promise<void> {
  await page.getByTestId('import-file-input').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
}

test('samples: import a schema and samples (drop and file chooser), edit a sample with live markers, save, re-import a schema', async ({ app, shell }) => {
  test.skip(!app.host, 'browser host only (seeding through the HTTP API)');
  test.setTimeout(150_000);
  const host = app.host!;
  const page = app.page;
  const created = await host.call('projects.create', { name: 'Samples (e2e)' });
  if (!created.ok) throw new Error(created.error.message);
  const projectId = created.value.id;
  await page.reload();
  await shell.waitForReady();
  await shell.openProject('Samples (e2e)');
  const ed = new EditorPage(page);
  await expect(ed.canvas).toBeVisible();

  // 1. A supplier export through the file chooser: a new project has no source, so it becomes the schema.
  await chooseFile(page, 'people.csv', PEOPLE);
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('import-kind-schema')).toBeChecked();
  await expect(dialog.getByTestId('import-format')).toHaveValue('csv');
  await expect(dialog.getByTestId('import-source-name')).toHaveValue('People');
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await page.screenshot({ path: path.join(DIR, 'import-dialog.png') });
  await dialog.getByTestId('import-submit').click();
  await expect(dialog.getByTestId('import-result')).toContainText('Added the schema of People: 4 fields inferred from 3 records');
  await dialog.getByTestId('import-done').click();
  await expect(dialog).toBeHidden();
  await expect(await ed.fieldRow('source:src-people', 'source', 'surname')).toBeVisible();
  await ed.waitSaved();
  const saved = await host.call('mapping.get', { projectId });
  if (!saved.ok) throw new Error(saved.error.message);
  expect(saved.value.document.sources.map((s) => [s.id, s.name, s.primary])).toEqual([['src-people', 'People', true]]);

  // 2. The same file dropped on the window: now a source exists, so it is a sample of it.
  await dropFile(page, 'people.csv', PEOPLE);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('import-kind-sample')).toBeChecked();
  await dialog.getByTestId('import-submit').click();
  await expect(dialog.getByTestId('import-result')).toContainText('with 3 records');

  // 3. A second sample with a broken row through the file chooser: stored, its problem located.
  await dialog.getByTestId('import-done').click();
  await chooseFile(page, 'people-more.csv', 'id,surname,forename,dob\n4,Patel,Asha,1979-03-03\n5,"Brown\n');
  await expect(dialog.getByTestId('import-kind-sample')).toBeChecked();
  await dialog.getByTestId('import-submit').click();
  await expect(dialog.getByTestId('import-result')).toContainText('of which 1 cannot be read');
  await expect(dialog.getByTestId('import-diagnostics')).toContainText(/people-more\.csv:3:\d+ \(record 2\)/);
  await dialog.getByTestId('import-done').click();

  // 4. Listed in the Samples tab with their formats, sources and record counts.
  await page.getByRole('tab', { name: /Samples/ }).click();
  const panel = page.getByTestId('samples-panel');
  const cells = (name: string) => panel.getByTestId(`sample-row-${name}`).locator('td');
  await expect(cells('people.csv')).toHaveText(['people.csv', 'CSV', 'People', '94 bytes', '3', /Open/]);
  await expect(cells('people-more.csv')).toHaveText(['people-more.csv', 'CSV', 'People', /bytes/, '2', /Open/]);

  // 5. Open people.csv, add a row with an unterminated quote: a marker appears; fix it; save.
  await panel.getByTestId('sample-row-people.csv').getByTestId('sample-open').click();
  const editor = page.getByTestId('sample-editor');
  const monaco = editor.getByTestId('sample-monaco');
  await expect(monaco.locator('.view-line').first()).toContainText('id,surname,forename,dob');
  await expect(editor.getByTestId('sample-check')).toContainText('3 records read, no problems');
  await monaco.locator('.view-line').nth(3).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText('4,"Okafor,Ngozi,1995-05-05');
  await expect(monaco.locator('.squiggly-error').first()).toBeVisible({ timeout: 10_000 });
  await expect(editor.getByTestId('sample-check')).toHaveAttribute('data-errors', '1');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(DIR, `samples-editor-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  // Remove the stray quote: Home, then the `4,` and the quote.
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Delete');
  await expect(monaco.locator('.squiggly-error')).toHaveCount(0, { timeout: 10_000 });
  await expect(editor.getByTestId('sample-check')).toContainText('4 records read, no problems');
  await editor.getByTestId('sample-save').click();
  await expect(editor.getByTestId('sample-saved')).toBeVisible();
  await expect(cells('people.csv').nth(4)).toHaveText('4');
  const list = await host.call('samples.list', { projectId });
  if (!list.ok) throw new Error(list.error.message);
  const people = list.value.find((s) => s.name === 'people.csv')!;
  const content = await host.call('samples.get', { id: people.id });
  if (!content.ok) throw new Error(content.error.message);
  expect(content.value.content).toBe(PEOPLE + '4,Okafor,Ngozi,1995-05-05\n');
  expect(content.value.recordCount).toBe(4);

  // 6. Re-import the schema from a newer export with an extra column, through the command palette's
  //    "Import file…": the new field is on the canvas.
  await page.keyboard.press('Control+K');
  await page.getByTestId('command-palette-input').fill('Import file');
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('command-project.import').click();
  await (await chooser).setFiles({ name: 'people-v2.csv', mimeType: 'text/plain', buffer: Buffer.from('id,surname,forename,dob,nickname\n1,Smith,Alex,1990-01-02,Al\n') });
  await dialog.getByTestId('import-kind-schema').check();
  await expect(dialog.getByTestId('import-source')).toHaveValue('src-people');
  await dialog.getByTestId('import-submit').click();
  await expect(dialog.getByTestId('import-result')).toContainText('Re-imported the schema of People');
  await expect(dialog.getByTestId('import-added-fields')).toContainText('nickname');
  await dialog.getByTestId('import-done').click();
  await expect(await ed.fieldRow('source:src-people', 'source', 'nickname')).toBeVisible();

  // 7. A large export from the title bar's Import button: progress shows, Cancel stops it, nothing is stored.
  const record = '<Person><Id>1</Id><Surname>Smith</Surname><Forename>Alex</Forename><Notes>' + 'n'.repeat(200) + '</Notes></Person>\n';
  const big = '<Export>\n' + record.repeat(Math.ceil((30 * 1024 * 1024) / record.length)) + '</Export>\n';
  const bigChooser = page.waitForEvent('filechooser');
  await page.getByTestId('toolbar-import').click();
  await (await bigChooser).setFiles({ name: 'people-big.xml', mimeType: 'text/xml', buffer: Buffer.from(big) });
  await expect(dialog.getByTestId('import-record-path')).toHaveValue('/Export/Person');
  await dialog.getByTestId('import-kind-sample').check();
  await dialog.getByTestId('import-submit').click();
  await expect(dialog.getByTestId('import-progress')).toHaveAttribute('data-phase', 'reading', { timeout: 30_000 });
  await dialog.getByTestId('import-cancel').click();
  await expect(dialog.getByTestId('import-cancelled')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  const after = await host.call('samples.list', { projectId });
  if (!after.ok) throw new Error(after.error.message);
  expect(after.value.map((s) => s.name).sort()).toEqual(['people-more.csv', 'people.csv']);
});
