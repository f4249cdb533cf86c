/**
 * Issue 13's defects in the window's frame: filters one can see, tags and documents managed
 * without the CLI, dialogs that take focus and give it back, a layout that holds on a small
 * window, the keyboard, and the charts.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, servedWorkbench, shot } from './harness';

const waitFor = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 60_000, interval: 100 });
const { browser, served } = servedWorkbench();

const library = (page: Page) => page.getByRole('listbox', { name: 'Documents' });
const count = (page: Page) => page.getByRole('region', { name: 'Library' }).getByRole('status').first().textContent();
const tab = (page: Page, name: string) => page.getByRole('tablist', { name: 'Side panels' }).getByRole('tab', { name }).click();
const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');
const inDialog = (page: Page) => page.evaluate(() => Boolean(document.activeElement?.closest('[role=dialog]')));

async function workspaceMenu(page: Page, item: string) {
  await page.getByRole('button', { name: 'Workspace ▾' }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

describe('the window', () => {
  it('shows an entity filter as a chip above the list, kept across panels, and clears it there', async () => {
    const { page, errors } = await openPage(browser(), served().url);
    await tab(page, 'Entities');
    await page.getByLabel('Filter entities').fill('Peskov');
    await page.getByRole('list', { name: 'Entities' }).getByRole('button', { name: 'Dmitry Peskov' }).click();
    await waitFor(() => count(page)).toBe('2 documents');
    const chips = page.getByRole('group', { name: 'Active filters' });
    await waitFor(() => chips.textContent()).toContain('Mentions: Dmitry Peskov');
    await tab(page, 'Notes');
    await waitFor(() => chips.textContent()).toContain('Mentions: Dmitry Peskov');
    await shot(page, 'foundations-filter-chip');
    await chips.getByRole('button', { name: 'Clear filter Mentions: Dmitry Peskov' }).click();
    await waitFor(() => count(page)).toBe('5 documents');
    expect(await chips.count()).toBe(0);
    // The focus is not dropped on the page: it goes back to the search box.
    await waitFor(() => focused(page)).toBe('Search');
    expect(errors).toEqual([]);
  });

  it('manages tags from the Tags dialog: a path makes the levels; rename, recolour, nest, merge and delete, with undo', async () => {
    const { page, errors } = await openPage(browser(), served().url);
    await workspaceMenu(page, 'Manage tags…');
    const dialog = page.getByRole('dialog', { name: 'Tags' });
    const fresh = dialog.getByLabel(/^New tag/);
    await waitFor(() => inDialog(page)).toBe(true);
    for (const name of ['flights/russia', 'cuba', 'havana']) {
      await fresh.fill(name);
      await dialog.getByRole('button', { name: 'Add tag' }).click();
      await waitFor(() => fresh.inputValue()).toBe('');
    }
    const tags = dialog.getByRole('list', { name: 'Tags' });
    await waitFor(() => tags.getByRole('listitem').evaluateAll((items) => items.map((i) => `${i.getAttribute('aria-label')}@${(i as HTMLElement).style.paddingLeft}`)))
      .toEqual(['cuba@0rem', 'flights@0rem', 'russia@1.25rem', 'havana@0rem']);
    // Rename, then take it back.
    const name = dialog.getByLabel('Name of russia');
    await name.fill('russian flights');
    await name.press('Enter');
    await waitFor(() => dialog.getByRole('status').textContent()).toContain('Renamed “russia” to “russian flights”');
    await dialog.getByRole('status').getByRole('button', { name: 'Undo' }).click();
    await waitFor(() => dialog.getByLabel('Name of russia').count()).toBe(1);
    // Nest havana under cuba with "Move under…".
    await dialog.getByLabel('Move havana under').selectOption({ label: 'cuba' });
    await waitFor(() => tags.getByRole('listitem').evaluateAll((items) => items.map((i) => i.getAttribute('aria-label')))).toEqual(['cuba', 'havana', 'flights', 'russia']);
    await dialog.getByLabel('Colour of cuba').fill('#aa3300');
    // The tag tree beside the dialog takes the colour (read by class: the modal hides the rest from roles).
    await waitFor(() => page.locator('.tag-filter', { hasText: 'cuba' }).evaluate((b) => getComputedStyle(b).getPropertyValue('--tag').trim())).toBe('#aa3300');
    // Merge havana into flights, delete flights/russia's parent, and undo the deletion from the toast.
    await dialog.getByLabel('Merge havana into').selectOption({ label: 'flights' });
    await waitFor(() => tags.getByRole('listitem').count()).toBe(3);
    await dialog.getByRole('button', { name: 'Delete tag cuba' }).click();
    await waitFor(() => tags.getByRole('listitem').count()).toBe(2);
    await shot(page, 'foundations-tags-dialog');
    await page.keyboard.press('Escape');
    await waitFor(() => dialog.count()).toBe(0);
    await page.getByRole('status', { name: 'Undo' }).getByRole('button', { name: 'Undo' }).click();
    await waitFor(() => page.getByRole('navigation', { name: 'Filters' }).getByRole('button', { name: /^Filter by tag cuba/ }).count()).toBe(1);
    // A nested tag on a document is named by its path, in the library and the reader: "flights/russia", not "russia".
    await page.evaluate(async () => {
      const call = async (method: string, input: unknown) => {
        const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${sessionStorage.getItem('workbench.token')}` };
        return ((await (await fetch('/api/invoke', { method: 'POST', headers, body: JSON.stringify({ method, input }) })).json()) as { result: unknown }).result;
      };
      const russia = ((await call('tags.list', {})) as Array<{ id: number; name: string }>).find((t) => t.name === 'russia')!;
      await call('tags.apply', { tagId: russia.id, documentIds: [2] });
    });
    const row = library(page).getByRole('option', { name: /^Russian Mercenaries Arrive/ });
    await waitFor(() => row.locator('.chip').allTextContents()).toEqual(['flights/russia']);
    await row.click();
    await waitFor(() => page.getByRole('region', { name: /^Reader 1/ }).getByRole('button', { name: 'Remove tag flights/russia' }).count()).toBe(1);
    await shot(page, 'foundations-tag-path');
    expect(errors).toEqual([]);
  });

  it('deletes documents picked in the library, and undo brings them back', async () => {
    const { page, errors } = await openPage(browser(), served().url);
    await waitFor(() => count(page)).toBe('5 documents');
    const rows = library(page).getByRole('option');
    await rows.nth(1).click({ modifiers: ['Control'] });
    await rows.nth(2).click({ modifiers: ['Control'] });
    const bar = page.getByRole('toolbar', { name: 'Picked documents' });
    await waitFor(() => bar.textContent()).toContain('2 documents picked');
    await shot(page, 'foundations-picked');
    // What is picked can be exported too: the Export dialog offers it first.
    await page.keyboard.press('Control+e');
    const exportDialog = page.getByRole('dialog', { name: /^Export highlights and notes/ });
    await waitFor(() => exportDialog.getByRole('radio', { name: /The documents picked in the library/ }).isChecked()).toBe(true);
    expect(await exportDialog.textContent()).toContain('The documents picked in the library — 2 documents');
    await page.keyboard.press('Escape');
    await waitFor(() => exportDialog.count()).toBe(0);
    await bar.getByRole('button', { name: 'Delete 2 documents' }).click();
    await waitFor(() => count(page)).toBe('3 documents');
    await page.getByRole('status', { name: 'Undo' }).getByRole('button', { name: 'Undo' }).click();
    await waitFor(() => count(page)).toBe('5 documents');
    // From the keyboard: Delete on the row under the cursor.
    await library(page).focus();
    await page.keyboard.press('End');
    await page.keyboard.press('Delete');
    await waitFor(() => count(page)).toBe('4 documents');
    await page.keyboard.press('Control+Alt+z');
    await waitFor(() => count(page)).toBe('5 documents');
    expect(errors).toEqual([]);
  });

  it('opens the Workspaces and Backups dialogs with focus inside, closes them with Esc and gives focus back', async () => {
    const { page, errors } = await openPage(browser(), served().url);
    for (const [item, name] of [['Switch or create a workspace…', 'Workspaces'], ['Backups…', 'Backups']] as const) {
      await workspaceMenu(page, item);
      const dialog = page.getByRole('dialog', { name });
      await dialog.waitFor();
      await waitFor(() => inDialog(page)).toBe(true);
      // Tab stays inside.
      for (let i = 0; i < 12; i++) await page.keyboard.press('Tab');
      expect(await inDialog(page)).toBe(true);
      if (name === 'Workspaces') {
        const path = await dialog.getByLabel('New workspace file').inputValue();
        expect(path).toMatch(/^\/.+\/New research\.workspace$/);
        expect(path.startsWith('/New')).toBe(false);
      }
      await page.keyboard.press('Escape');
      await waitFor(() => dialog.count()).toBe(0);
      await waitFor(() => focused(page)).toBe('Workspace ▾');
    }
    expect(errors).toEqual([]);
  });

  it('holds its layout at 1024×700 and at 150% zoom with two readers: regions fold to rails, toolbars stay one row', async () => {
    for (const [width, height, scheme] of [[1024, 700, 'light'], [960, 600, 'dark'], [1440, 900, 'light']] as const) {
      const { page, errors } = await openPage(browser(), served().url, { colorScheme: scheme });
      await page.setViewportSize({ width, height });
      await library(page).getByRole('option').first().click();
      await library(page).getByRole('option').nth(1).click({ modifiers: ['Control'] });
      await page.keyboard.press('Control+\\');
      await page.getByRole('region', { name: /^Reader 2/ }).waitFor();
      const narrow = width < 1100;
      expect(await page.getByRole('navigation', { name: 'Library (folded)' }).count()).toBe(narrow ? 1 : 0);
      expect(await page.getByRole('navigation', { name: 'Side panel (folded)' }).count()).toBe(width < 1280 ? 1 : 0);
      // Nothing scrolls sideways, and each reader's toolbar is one row.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      const toolbars = await page.locator('.reader .reader-bar').all();
      expect(toolbars).toHaveLength(2);
      for (const toolbar of toolbars) {
        expect((await toolbar.boundingBox())!.height).toBeLessThan(48);
      }
      if (width >= 1280) {
        const tabs = await page.getByRole('tablist', { name: 'Side panels' }).boundingBox();
        expect(tabs!.height).toBeLessThan(48);
      }
      await shot(page, `foundations-layout-${width}-${scheme}`);
      if (narrow) {
        await page.getByRole('button', { name: 'Show the library' }).click();
        await waitFor(() => library(page).count()).toBe(1);
      }
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });

  it('is one tab stop in the library, ArrowDown goes from the search box to the results, Esc from Find back to the text', async () => {
    const { page, errors } = await openPage(browser(), served().url);
    await page.getByRole('searchbox', { name: 'Search' }).fill('mercenaries');
    await waitFor(() => count(page)).toMatch(/documents?$/);
    // The whole library counts as many documents as the results: the marked word says the results are in.
    await library(page).getByRole('option').first().locator('mark').first().waitFor();
    await page.getByRole('searchbox', { name: 'Search' }).press('ArrowDown');
    await waitFor(() => focused(page)).toBe('Documents');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    const stillIn = await page.evaluate(() => Boolean(document.activeElement?.closest('[role=listbox]')));
    expect(stillIn).toBe(false);
    // The side panel's tabs are one tab stop, with the arrows inside.
    await page.getByRole('tablist', { name: 'Side panels' }).getByRole('tab', { name: 'Notes' }).focus();
    await page.keyboard.press('ArrowRight');
    await waitFor(() => focused(page)).toBe('Passages');
    expect(await page.getByRole('tab', { name: 'Passages' }).getAttribute('aria-selected')).toBe('true');
    // Esc from Find gives the focus back to the text being read.
    await library(page).getByRole('option').first().click();
    // Ctrl+\\ on the document already open does not open it a second time.
    await library(page).focus();
    await page.keyboard.press('Control+\\');
    // Two frames: the key's state change has been drawn by then.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await page.getByRole('region', { name: /^Reader 2/ }).count()).toBe(0);
    await page.getByRole('region', { name: /^Reader 1/ }).getByLabel('Document').first().focus();
    await page.keyboard.press('Control+f');
    await waitFor(() => focused(page)).toBe('Find in document');
    await page.keyboard.type('maduro');
    await page.keyboard.press('Escape');
    await waitFor(() => focused(page)).toBe('Document');
    expect(await page.getByRole('textbox', { name: 'Find in document' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('charts tags by outlet, and a click on a cell filters the library to that tag and outlet', async () => {
    const { page, errors } = await openPage(browser(), served().url);
    await library(page).getByRole('option', { name: /^Russian Mercenaries Arrive/ }).click();
    const tagBox = page.getByRole('region', { name: /^Reader 1/ }).getByLabel('Add a tag to this document');
    await tagBox.fill('wire copy');
    await tagBox.press('Enter');
    await tab(page, 'Charts');
    const table = page.getByRole('table', { name: 'Tags by outlet' });
    await table.getByRole('button', { name: 'wire copy in The Moscow Times: 1 document; show them' }).click();
    const chips = page.getByRole('group', { name: 'Active filters' });
    await waitFor(() => chips.textContent()).toContain('Tag: wire copy');
    expect(await chips.textContent()).toContain('Outlet: The Moscow Times');
    await waitFor(() => count(page)).toBe('1 document');
    await waitFor(() => page.locator('.charts canvas').count()).toBe(1);
    await shot(page, 'foundations-charts');
    expect(errors).toEqual([]);
  });

  // Last: it switches the served workspace away and back.
  it('keeps the path of a protected recent workspace and puts the caret in the passphrase', async () => {
    const { page, errors } = await openPage(browser(), served().url);
    const locked = served().file.replace(/e2e\.workspace$/, 'Protected.workspace');
    await workspaceMenu(page, 'Switch or create a workspace…');
    const dialog = page.getByRole('dialog', { name: 'Workspaces' });
    await dialog.getByLabel('New workspace file').fill(locked);
    await dialog.getByLabel(/Protect with a passphrase/).check();
    await dialog.getByLabel('Passphrase', { exact: true }).fill('correct horse');
    await dialog.getByLabel('Passphrase again').fill('correct horse');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await waitFor(() => page.title()).toBe('Protected.workspace — Research Workbench');
    await library(page).waitFor();
    await page.keyboard.press('Control+Shift+O');
    // By its path: other test files' workspaces in the shared recent list have the same name.
    await page.getByRole('dialog', { name: 'Workspaces' }).locator(`button[title="${served().file}"]`).click();
    await waitFor(() => page.title()).toBe('e2e.workspace — Research Workbench');
    await library(page).getByRole('option').first().waitFor();
    await page.keyboard.press('Control+Shift+O');
    const d2 = page.getByRole('dialog', { name: 'Workspaces' });
    await d2.locator(`button[title="${locked}"]`).click();
    await waitFor(() => d2.getByRole('alert').textContent()).toMatch(/passphrase/i);
    expect(await d2.getByLabel('Workspace file', { exact: true }).inputValue()).toBe(locked);
    await waitFor(() => d2.getByLabel('Passphrase (only if it is protected)').evaluate((el) => el === document.activeElement)).toBe(true);
    await shot(page, 'foundations-protected-recent');
    await page.keyboard.type('correct horse');
    await page.keyboard.press('Enter');
    await waitFor(() => page.title()).toBe('Protected.workspace — Research Workbench');
    await page.keyboard.press('Control+Shift+O');
    // By its path: other test files' workspaces in the shared recent list have the same name.
    await page.getByRole('dialog', { name: 'Workspaces' }).locator(`button[title="${served().file}"]`).click();
    await waitFor(() => page.title()).toBe('e2e.workspace — Research Workbench');
    expect(errors).toEqual([]);
  });
});
