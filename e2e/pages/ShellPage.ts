import { expect, type Locator, type Page } from '@playwright/test';

/** The app shell: sidebar project list, start page, dialogs. Everything goes through data-testids. */
export class ShellPage {
  readonly root: Locator;
  readonly allProjects: Locator;
  readonly search: Locator;
  readonly currentProjectName: Locator;
  readonly toasts: Locator;

  constructor(readonly page: Page) {
    this.root = page.locator('#root');
    this.allProjects = page.getByTestId('all-projects');
    this.search = page.getByTestId('project-search');
    this.currentProjectName = page.getByTestId('current-project-name');
    this.toasts = page.getByTestId('toast');
  }

  /** Waits for the app-ready marker; fails with the app's own error message if it reports one. */
  async waitForReady(): Promise<void> {
    await expect(this.page.locator('[data-app-state="ready"], [data-app-state="error"]')).toBeVisible({ timeout: 20_000 });
    const error = await this.root.getAttribute('data-app-error');
    expect(error, 'the app reported an error instead of becoming ready').toBeNull();
    await expect(this.root).toHaveAttribute('data-app-state', 'ready');
  }

  async goto(url: string): Promise<void> {
    await this.page.goto(url);
    await this.waitForReady();
  }

  projectItem(name: string): Locator {
    return this.allProjects.locator(`[data-testid="project-item"][data-project-name="${name.replace(/"/g, '\\"')}"]`);
  }

  async projectNames(): Promise<string[]> {
    return this.allProjects.getByTestId('project-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-project-name') ?? ''));
  }

  async createProject(name: string, description = ''): Promise<void> {
    await this.page.getByTestId('sidebar-new-project').click();
    const dialog = this.page.getByTestId('create-project-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('project-name-input').fill(name);
    if (description) await dialog.getByTestId('project-description-input').fill(description);
    await dialog.getByTestId('create-project-submit').click();
    await expect(dialog).toBeHidden();
    await expect(this.currentProjectName).toHaveText(name);
  }

  async openProject(name: string): Promise<void> {
    await this.projectItem(name).click();
    await expect(this.currentProjectName).toHaveText(name);
  }

  /** Renames with the keyboard: focus the project in the list, F2, type, Enter. */
  async renameProject(from: string, to: string): Promise<void> {
    await this.projectItem(from).focus();
    await this.page.keyboard.press('F2');
    const dialog = this.page.getByTestId('rename-project-dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('rename-project-input').fill(to);
    await this.page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(this.projectItem(to)).toBeVisible();
  }

  /** Opens the delete confirmation for a project with the Delete key; returns the dialog. */
  async startDelete(name: string): Promise<Locator> {
    await this.projectItem(name).focus();
    await this.page.keyboard.press('Delete');
    const dialog = this.page.getByTestId('delete-project-dialog');
    await expect(dialog).toBeVisible();
    return dialog;
  }
}
