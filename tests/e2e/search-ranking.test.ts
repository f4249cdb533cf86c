import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, selectText, servedWorkbench, shot } from './harness';

const wb = servedWorkbench();
// On a busy machine the interface can take seconds to answer; a slow step is not a failure.
const waitFor = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 60_000, interval: 100 });
const WIRE = "Russian Mercenaries Arrive in Venezuela to Shore Up Maduro's Rule";
const REWRITE = /^After the USA has threatened to intervene in Venezuela/;
const FLIGHT = 'A Russian Ilyushin-96 flew into Havana late on Wednesday after starting its journey in Moscow and flying via Senegal and Paraguay, the data showed.';

async function shots(page: Page, name: string): Promise<void> {
  await shot(page, name);
  await page.setViewportSize({ width: 1024, height: 700 });
  await shot(page, `${name}-1024`);
  await page.setViewportSize({ width: 1440, height: 900 });
}

// Passages are found through the analysis, which runs in the background after the workspace opens.
const waitLong = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 60_000, interval: 200 });
const count = (page: Page) => page.getByRole('region', { name: 'Library' }).getByRole('status').first().textContent();

describe('ranked partial matches and passages in the library', () => {
  it('lists the documents with all the words, a boundary, then those with some, each saying what it lacks', async () => {
    const { page, errors } = await openPage(wb.browser(), wb.served().url);
    await page.getByRole('searchbox', { name: 'Search' }).fill('Havana Peskov');
    await waitFor(() => count(page)).toBe('1 document with all your words · 2 with some of them');
    const list = page.getByRole('listbox', { name: 'Documents' });
    await waitFor(() => list.getByRole('option').count()).toBe(3);
    const first = list.getByRole('option').first();
    expect(await first.getAttribute('aria-label')).toBe(WIRE);
    expect(await first.locator('.missing').count()).toBe(0);
    // The boundary sits between the two groups.
    const order = await list.locator('[role=option], [role=separator]').evaluateAll((els) =>
      els.sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top).map((e) => e.getAttribute('role')),
    );
    expect(order).toEqual(['option', 'separator', 'option', 'option']);
    const missing = await list.locator('.missing').allTextContents();
    expect(missing.sort()).toEqual(['Missing: Havana', 'Missing: Peskov']);
    await shots(page, '25-partial-matches');

    await page.getByLabel('Every word').check();
    await waitFor(() => count(page)).toBe('1 document');
    expect(await list.getByRole('option').count()).toBe(1);
    await shot(page, '26-every-word');
    await page.getByLabel('Every word').uncheck();
    expect(errors).toEqual([]);
  });

  it('keeps the last results while a query is unfinished, with a quiet hint instead of an error', async () => {
    const { page } = await openPage(wb.browser(), wb.served().url);
    const box = page.getByRole('searchbox', { name: 'Search' });
    await box.fill('Ilyushin');
    const list = page.getByRole('listbox', { name: 'Documents' });
    await waitFor(() => list.getByRole('option').count()).toBe(2);
    await box.fill('Ilyushin "third coun');
    await waitFor(() => page.locator('.query-hint').count()).toBe(1);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await list.getByRole('option').count()).toBe(2);
    await shot(page, '27-unfinished-query');
    await box.fill('Ilyushin "third countries"');
    await waitFor(() => page.locator('.query-hint').count()).toBe(0);
  });

  it('finds a pasted passage in the document that copied it, and opens it at the passage', async () => {
    const { page, errors } = await openPage(wb.browser(), wb.served().url, { colorScheme: 'dark' });
    await page.getByRole('searchbox', { name: 'Search' }).fill(FLIGHT);
    const list = page.getByRole('listbox', { name: 'Documents' });
    const rewrite = list.getByRole('option', { name: REWRITE });
    await waitLong(() => rewrite.locator('.badge').textContent()).toMatch(/^passage \d+%$/);
    // The document it was pasted from, and the one that copied it, come first; the rest lack words.
    const top = await list.getByRole('option').evaluateAll((els) => els.slice(0, 2).map((e) => e.getAttribute('aria-label')));
    expect(top).toContain(WIRE);
    expect(await list.getByRole('option', { name: WIRE }).locator('.badge').textContent()).toMatch(/^passage \d+%$/);
    await shots(page, '28-passage-found-dark');
    await waitLong(() => page.locator('.analysis-progress').count()).toBe(0);
    await rewrite.click();
    const reader = page.getByRole('region', { name: /^Reader 1: After the USA/ });
    // The reader may first mark the first hit, then the passage once it is placed: wait for the passage.
    await waitLong(async () => (await reader.locator('.focus-mark').allTextContents()).join('')).toContain('flew into Havana');
    expect(errors).toEqual([]);
  });

  it('finds the selected passage elsewhere from the reader', async () => {
    const { page } = await openPage(wb.browser(), wb.served().url);
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.getByRole('listbox', { name: 'Documents' }).getByRole('option', { name: WIRE }).click();
    await selectText(page, /^Reader 1:/, FLIGHT);
    await page.getByRole('dialog', { name: 'Highlight the selection' }).getByRole('button', { name: 'Find this passage elsewhere' }).click();
    await waitFor(() => page.getByRole('searchbox', { name: 'Search' }).inputValue()).toContain('Ilyushin-96 flew into Havana');
    const rewrite = page.getByRole('listbox', { name: 'Documents' }).getByRole('option', { name: REWRITE });
    await waitLong(() => rewrite.locator('.badge').count()).toBe(1);
    await shot(page, '29-find-passage-elsewhere');
  });
});
