import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { newProjectFromExample } from './seed';
import { EditorPage } from './pages/EditorPage';

const DIR = fileURLToPath(new URL('./screenshots/', import.meta.url));
const PROJECT = 'Acme example, lineage (e2e)';

/** Computed opacity of an element (dimming is done with opacity). */
const opacity = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => Number(getComputedStyle(el).opacity));

test('lineage of a field is highlighted, and the panels resize and stay resized', async ({ app, shell }) => {
  test.skip(!app.host, 'browser host only (seeding through the HTTP API)');
  test.setTimeout(180_000);
  const host = app.host!;
  const page = app.page;
  await page.setViewportSize({ width: 1440, height: 900 });

  // The built-in example's mapping, opened with a view framing the Event rule and what feeds it.
  const seed = await newProjectFromExample(host, PROJECT);
  const src = seed.example;
  const saved = await host.call('mapping.save', {
    projectId: seed.projectId,
    document: { ...src, id: seed.base.document.id, layout: { ...src.layout, viewport: { x: 12, y: 10, zoom: 0.29 } } },
    baseRevision: seed.base.revision,
  });
  expect(saved.ok, JSON.stringify(saved)).toBe(true);

  await page.reload();
  await shell.waitForReady();
  await shell.openProject(PROJECT);
  const ed = new EditorPage(page);
  await expect(ed.node('r-event')).toBeVisible();

  // Event.crimeReference = upper(trim(crime_ref)): select the target field on its node.
  const lineageEdges = ['e:r-event-crimeReference', 'e:n-upper-3:arg0', 'e:n-trim-2:arg0'];
  await (await ed.fieldRow('r-event', 'target', 'crimeReference')).click();
  for (const id of lineageEdges) await expect(ed.edge(id)).toHaveClass(/mw-edge-lineage/);
  await expect(ed.canvas).toHaveClass(/mw-lineage-active/);
  // Another target's connection into the same node is dimmed, and so are nodes outside the lineage.
  await expect(ed.edge('e:r-event-summary')).not.toHaveClass(/mw-edge-lineage/);
  expect(await opacity(page, '[data-testid="rf__edge-e:r-event-summary"]')).toBeLessThan(0.5);
  expect(await opacity(page, '[data-testid="rf__edge-e:r-event-crimeReference"]')).toBe(1);
  await expect(page.getByTestId('rf__node-n-upper-3')).toHaveClass(/mw-in-lineage/);
  await expect(page.getByTestId('rf__node-n-trim-2')).toHaveClass(/mw-in-lineage/);
  expect(await opacity(page, '[data-testid="rf__node-source:s-vehicles"]')).toBeLessThan(0.5);
  expect(await opacity(page, '[data-testid="rf__node-n-upper-3"]')).toBe(1);
  // The source field read at the far end is marked on its row.
  await expect(ed.node('source:s-offences').getByTestId('source-field-crime_ref')).toHaveClass(/mw-row-lineage/);
  await expect(ed.node('source:s-offences').getByTestId('source-field-force_code')).not.toHaveClass(/mw-row-lineage/);

  await page.mouse.move(5, 450); // no hover highlight in the pictures
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(DIR, `lineage-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // Escape clears the highlight.
  await page.keyboard.press('Escape');
  await expect(ed.canvas).not.toHaveClass(/mw-lineage-active/);
  await expect(ed.edge('e:r-event-crimeReference')).not.toHaveClass(/mw-edge-lineage/);
  expect(await opacity(page, '[data-testid="rf__edge-e:r-event-summary"]')).toBe(1);

  // The other way: a source field highlights everything it feeds.
  await ed.node('source:s-offences').getByTestId('source-field-crime_ref').click();
  await expect(ed.edge('e:n-trim-2:arg0')).toHaveClass(/mw-edge-lineage/);
  await expect(ed.edge('e:r-event-crimeReference')).toHaveClass(/mw-edge-lineage/);
  await expect(ed.edge('e:r-event-summary')).not.toHaveClass(/mw-edge-lineage/);
  await expect(ed.node('r-event').getByTestId('target-field-crimeReference')).toHaveClass(/mw-row-lineage/);
  await page.keyboard.press('Escape');
  await expect(ed.canvas).not.toHaveClass(/mw-lineage-active/);

  // Panels: drag the inspector's splitter 120 px towards the canvas; the bottom one with the keyboard.
  const inspector = page.getByTestId('inspector');
  const sideSplitter = page.getByTestId('splitter-inspector');
  await expect(sideSplitter).toHaveAttribute('aria-valuenow', '300');
  const before = (await inspector.boundingBox())!;
  const grip = (await sideSplitter.boundingBox())!;
  await page.mouse.move(grip.x + grip.width / 2, grip.y + 200);
  await page.mouse.down();
  await page.mouse.move(grip.x + grip.width / 2 - 60, grip.y + 200, { steps: 4 });
  await page.mouse.move(grip.x + grip.width / 2 - 120, grip.y + 200, { steps: 4 });
  await page.mouse.up();
  await expect(sideSplitter).toHaveAttribute('aria-valuenow', '420');
  expect(Math.round((await inspector.boundingBox())!.width)).toBe(Math.round(before.width) + 120);

  const bottomSplitter = page.getByTestId('splitter-bottom');
  await bottomSplitter.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Shift+ArrowUp');
  await expect(bottomSplitter).toHaveAttribute('aria-valuenow', String(188 + 16 + 64));
  expect(Math.round((await page.getByTestId('bottom-panel').boundingBox())!.height)).toBe(268);

  // Both sizes survive a reload.
  await page.reload();
  await shell.waitForReady();
  await shell.openProject(PROJECT);
  await expect(ed.node('r-event')).toBeVisible();
  await expect(page.getByTestId('splitter-inspector')).toHaveAttribute('aria-valuenow', '420');
  await expect(page.getByTestId('splitter-bottom')).toHaveAttribute('aria-valuenow', '268');
  expect(Math.round((await page.getByTestId('inspector').boundingBox())!.width)).toBe(Math.round(before.width) + 120);

  // Enter on a focused splitter hides its panel; the title bar's toggle brings it back at its size.
  await page.getByTestId('splitter-bottom').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('bottom-panel')).toHaveCount(0);
  await page.keyboard.press('Control+j');
  await expect(page.getByTestId('splitter-bottom')).toHaveAttribute('aria-valuenow', '268');

  // A wide canvas at 1440 px: the inspector at its narrowest, the bottom panel low.
  await page.getByTestId('splitter-inspector').focus();
  await page.keyboard.press('Home');
  await page.getByTestId('splitter-bottom').focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('splitter-inspector')).toHaveAttribute('aria-valuenow', '220');
  await page.getByTestId('splitter-bottom').blur();
  await page.mouse.move(5, 450);
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(DIR, 'editor-wide-1440.png') });
});
