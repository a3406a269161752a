import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';
import { EditorPage } from './pages/EditorPage';

const DIR = fileURLToPath(new URL('./screenshots/', import.meta.url));

// The force reviewer's path end to end: an engineer exports the example project as a signed
// bundle, a reviewer opens that file in review mode, sees it verified, runs its self-tests,
// approves a field and saves a decision.
test('export the example, open the bundle for review, self-test, approve and save', async ({ app, shell }) => {
  test.skip(!app.host, 'browser host only (downloads are served by the host)');
  test.setTimeout(180_000);
  const page = app.page;
  await shell.waitForReady();

  const list = await app.host!.call('projects.list', {});
  if (!list.ok) throw new Error(list.error.message);
  const example = list.value.find((p) => p.isExample);
  expect(example, 'the example project is seeded').toBeTruthy();
  await shell.openProject(example!.name);

  // Export, signing with a key made in the dialog.
  await page.getByTestId('export-bundle').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog.getByTestId('export-checks-ok')).toBeVisible({ timeout: 60_000 });
  await dialog.getByTestId('export-next').click();
  await expect(dialog.getByTestId('export-tests')).toContainText('0 failed');
  await dialog.getByTestId('export-next').click();
  await dialog.getByRole('button', { name: 'New key…' }).click();
  await dialog.getByLabel('Key name').fill('Acme Records');
  await dialog.getByRole('button', { name: 'Create key' }).click();
  await expect(dialog.getByTestId('sign-with')).not.toHaveValue('');
  await dialog.getByLabel('Release notes').fill('First release for review.');
  await dialog.getByTestId('export-confirm').click();
  await expect(dialog.getByTestId('export-result')).toBeVisible({ timeout: 90_000 });
  await expect(dialog.getByTestId('export-sha256')).toHaveText(/^[0-9a-f]{64}$/);
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('export-download').click()]);
  const file = path.join(app.host!.workspace, 'received', download.suggestedFilename());
  await download.saveAs(file);
  expect(download.suggestedFilename()).toMatch(/\.mwb$/);
  await dialog.getByRole('button', { name: 'Close' }).last().click();

  // Review it from the start page, as a reviewer would.
  await page.getByTestId('home-button').click();
  await page.getByTestId('start-review-bundle').click();
  await page.getByTestId('open-bundle-file').setInputFiles(file);
  await page.getByTestId('open-bundle-submit').click();
  const banner = page.getByTestId('review-banner');
  await expect(banner).toHaveAttribute('data-tone', 'good', { timeout: 30_000 });
  await expect(page.getByTestId('review-status')).toHaveText('Verified');
  await expect(banner).toContainText(/All \d+ files match the manifest\./);
  await expect(banner).toContainText('Signed by Acme Records (author)');

  await page.getByTestId('review-tab-tests').click();
  await page.getByTestId('review-run-tests').click();
  await expect(page.getByTestId('review-tests-summary')).toContainText(/All \d+ tests passed\./, { timeout: 60_000 });

  await page.getByTestId('review-tab-mapping').click();
  const row = page.getByTestId('review-field-row').first();
  await row.getByRole('radio', { name: 'Approve' }).click();
  await expect(row.getByRole('radio', { name: 'Approve' })).toHaveAttribute('aria-checked', 'true');

  await page.getByTestId('review-screen').evaluate((el) => el.scrollTo(0, 0));
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.screenshot({ path: path.join(DIR, `review-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // The graph, read-only: the editor's canvas draws the bundle's mapping; dragging from a field
  // makes no connection and nodes stay where the author put them.
  await page.getByTestId('review-tab-graph').click();
  const graph = page.getByTestId('review-graph');
  const canvas = new EditorPage(page);
  await expect(canvas.canvas).toHaveAttribute('data-readonly', 'true');
  await expect(canvas.node('r-event')).toBeVisible({ timeout: 20_000 });
  await expect(canvas.node('source:s-offences')).toBeVisible();
  expect(await graph.locator('.react-flow__node').count()).toBeGreaterThan(5);
  const edgeIds = () => graph.locator('.react-flow__edge').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')).sort());
  const before = await edgeIds();
  expect(before.length).toBeGreaterThan(5);
  await canvas.connect('source:s-offences', 'crime_ref', 'r-event', 'notes');
  await expect(graph.locator('.react-flow__connectionline')).toHaveCount(0);
  expect(await edgeIds()).toEqual(before);
  const positions = await canvas.positions();
  await canvas.dragNode('r-event', -80, 60);
  // A drag on a fixed node may pan the view (nodes scrolled out are no longer drawn), but no node moves.
  const after = await canvas.positions();
  expect(after['r-event']).toBe(positions['r-event']);
  for (const [id, at] of Object.entries(after)) if (id in positions) expect(at, id).toBe(positions[id]);
  await canvas.dragNode('r-event', 80, -60);
  for (const search of await graph.getByRole('searchbox').all()) await search.fill('');

  // Selecting a target field says in words where it comes from, and links to its table row.
  await (await canvas.fieldRow('r-event', 'target', 'summary')).click();
  const details = page.getByTestId('review-graph-details');
  await expect(details).toContainText('Summary');
  await expect(details).toContainText('offence.description');
  for (const search of await graph.getByRole('searchbox').all()) await search.fill('');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.screenshot({ path: path.join(DIR, `review-graph-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await details.getByTestId('review-graph-show-row').first().click();
  const focused = page.locator('tr[data-rule="r-event"][data-target="Event.summary"]');
  await expect(focused).toHaveClass(/is-focused/);
  await expect(focused).toBeInViewport();

  await page.getByTestId('review-tab-decision').click();
  await page.getByTestId('review-reviewer').fill('DS Jane Smith, Information Management');
  await page.getByRole('radiogroup', { name: 'Overall decision' }).getByRole('radio', { name: 'Approve' }).click();
  await page.getByTestId('review-save').click();
  await expect(page.getByTestId('review-saved')).toContainText('Decision saved: Approve by DS Jane Smith');

  // The decision is in the workspace, with the field decision.
  const reviewId = decodeURIComponent(new URL(page.url()).hash.replace('#/review/', ''));
  const stored = await app.host!.call('bundles.get', { reviewId });
  if (!stored.ok) throw new Error(stored.error.message);
  expect(stored.value.review?.decisions).toEqual([expect.objectContaining({ verdict: 'approve' })]);
});
