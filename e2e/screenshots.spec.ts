import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';

const DIR = fileURLToPath(new URL('./screenshots/', import.meta.url));

// Screenshots of the shell for review (README, design checks), in both OS themes. Not compared
// pixel by pixel: fonts differ between machines; the point is to look at them.
test('shell screenshots in light and dark', async ({ app, shell }) => {
  test.skip(!app.host, 'browser host only (seeding through the HTTP API)');
  const host = app.host!;
  const seeds = [
    { name: 'Niche RMS custody → POLE', description: 'Weekly custody-record CSV export from Niche RMS, mapped to Person, Event and Location.' },
    { name: 'Athena intelligence reports', description: 'Athena XML intelligence logs: subjects, vehicles and linked occurrences.' },
    { name: 'Connect CAD incidents', description: 'Control-room incident JSON from the CAD feed, with call times and dispositions.' },
  ];
  for (const s of seeds) {
    const r = await host.call('projects.create', s);
    expect(r.ok, JSON.stringify(r)).toBe(true);
  }
  const list = await host.call('projects.list', {});
  if (!list.ok) throw new Error(list.error.message);
  // Open two so the sidebar has a Recent section.
  for (const p of list.value.filter((x) => x.name.startsWith('Niche') || x.name.startsWith('Athena'))) await host.call('projects.open', { id: p.id });

  const page = app.page;
  await page.reload();
  await shell.waitForReady();
  await shell.projectItem('Niche RMS custody → POLE').first().focus();

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await expect(page.getByTestId('project-card').first()).toBeVisible();
    await page.screenshot({ path: path.join(DIR, `shell-${scheme}.png`) });
  }

  // The same in a project with the panels, for the editor's frame.
  await page.emulateMedia({ colorScheme: 'light' });
  await shell.openProject('Athena intelligence reports');
  await expect(page.getByTestId('editor-loading')).toHaveCount(0, { timeout: 20_000 });
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(DIR, 'project-light.png') });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.keyboard.press('Control+k');
  await expect(page.getByTestId('command-palette')).toBeVisible();
  await page.screenshot({ path: path.join(DIR, 'palette-dark.png') });
});
