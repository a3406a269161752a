import { expect, test } from './fixtures';

test.describe('projects', () => {
  test('create, reload, restart, rename and delete a project', async ({ app, shell }) => {
    const name = 'Niche RMS custody → POLE';
    await shell.createProject(name, 'Custody records export, weekly CSV');
    await expect(shell.projectItem(name)).toBeVisible();
    // The new project is open and its URL says so.
    await expect(app.page.getByTestId('main-area')).toHaveAttribute('aria-label', `Project ${name}`);
    expect(new URL(app.page.url()).hash).toMatch(/^#\/projects\//);
    expect(new URL(app.page.url()).searchParams.has('token')).toBe(false);

    // Reload: still there, and the open project stays open.
    await app.page.reload();
    await shell.waitForReady();
    await expect(shell.projectItem(name)).toBeVisible();
    await expect(shell.currentProjectName).toHaveText(name);

    // A new host process over the same workspace still has it.
    await app.restart();
    await shell.waitForReady();
    await expect(shell.projectItem(name)).toBeVisible();
    await expect(app.page.getByTestId('recent-projects').getByTestId('project-item').first()).toHaveAttribute('data-project-name', name);

    // Rename with F2 on the focused list item.
    const renamed = 'Niche RMS custody (v2)';
    await shell.renameProject(name, renamed);
    await expect(shell.projectItem(name)).toHaveCount(0);
    if (app.host) {
      const list = await app.host.call('projects.list', {});
      expect(list.ok && list.value.map((p) => p.name)).toContain(renamed);
    }

    // Delete: the button stays disabled until the name is typed; Cancel keeps the project.
    let dialog = await shell.startDelete(renamed);
    await expect(dialog.getByTestId('delete-project-submit')).toBeDisabled();
    await dialog.getByTestId('delete-project-cancel').click();
    await expect(dialog).toBeHidden();
    await expect(shell.projectItem(renamed)).toBeVisible();

    dialog = await shell.startDelete(renamed);
    await dialog.getByTestId('delete-confirm-input').fill('Niche');
    await expect(dialog.getByTestId('delete-project-submit')).toBeDisabled();
    await dialog.getByTestId('delete-confirm-input').fill(renamed);
    await dialog.getByTestId('delete-project-submit').click();
    await expect(dialog).toBeHidden();
    await expect(shell.projectItem(renamed)).toHaveCount(0);
    await expect(app.page.getByTestId('start-page')).toBeVisible();

    await app.page.reload();
    await shell.waitForReady();
    await expect(shell.projectItem(renamed)).toHaveCount(0);
  });

  test('the create dialog explains what is wrong and closes with Escape', async ({ app, shell }) => {
    await app.page.keyboard.press('Control+n');
    const dialog = app.page.getByTestId('create-project-dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('project-name-input')).toBeFocused();
    await dialog.getByTestId('create-project-submit').click();
    await expect(dialog.getByTestId('project-name-error')).toHaveText('Give the project a name.');
    await app.page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(shell.toasts).toHaveCount(0);
  });

  test('changes made elsewhere show up without a reload', async ({ app, shell }) => {
    test.skip(!app.host, 'needs the browser host API to make a change from outside the window');
    const created = await app.host!.call('projects.create', { name: 'Made by another window' });
    expect(created.ok).toBe(true);
    await expect(shell.projectItem('Made by another window')).toBeVisible();
  });
});
