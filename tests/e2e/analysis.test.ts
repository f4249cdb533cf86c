import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, servedWorkbench, shot } from './harness';

const REWRITE = /^After the USA has threatened to intervene/;
const INSIGHT = /^Russian Mercenaries Providing Muscle/;
const waitFor = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 60_000, interval: 100 });

const { browser, served } = servedWorkbench();

async function tab(page: Page, name: string) {
  await page.getByRole('tablist', { name: 'Side panels' }).getByRole('tab', { name }).click();
}
const library = (page: Page) => page.getByRole('listbox', { name: 'Documents' });
const count = (page: Page) => page.getByRole('region', { name: 'Library' }).getByRole('status').first().textContent();

describe('cross-source analysis panels', () => {
  it('shows what the rewrite took from the wire report, and steps through the shared passages side by side', async () => {
    const { page, errors } = await openPage(browser(), served().url);
    await library(page).getByRole('option', { name: REWRITE }).click();
    await tab(page, 'Passages');
    const list = page.getByRole('list', { name: 'Shared passages' });
    await waitFor(() => list.getByRole('listitem').count()).toBeGreaterThanOrEqual(3);
    const text = (await list.textContent()) ?? '';
    expect(text).toContain('The mercenaries traveled to Venezuela on private chartered flights');
    expect(text).toContain('That document is the likely origin.');
    await list.getByRole('button', { name: /^Compare side by side with Russian Mercenaries Arrive/ }).first().click();
    const left = page.getByRole('region', { name: /^Reader 1/ });
    const right = page.getByRole('region', { name: /^Reader 2: Russian Mercenaries Arrive/ });
    await waitFor(() => right.locator('.doc-text .shared').count()).toBeGreaterThan(0);
    expect(await left.locator('.doc-text .shared').count()).toBeGreaterThan(0);
    await left.getByRole('button', { name: 'Next shared passage' }).click();
    await waitFor(() => left.getByRole('group', { name: 'Passages shared with the other pane' }).textContent()).toMatch(/Shared \d of \d/);
    await waitFor(() => right.getByRole('group', { name: 'Passages shared with the other pane' }).textContent()).toMatch(/Shared \d of \d/);
    await shot(page, 'analysis-shared-passages');
    expect(errors).toEqual([]);
  });

  it('filters the library by an entity and marks its mentions, variants merged', async () => {
    const { page, errors } = await openPage(browser(), served().url);
    await tab(page, 'Entities');
    const entities = page.getByRole('list', { name: 'Entities' });
    await page.getByLabel('Filter entities').fill('Peskov');
    await entities.getByRole('button', { name: 'Dmitry Peskov' }).click();
    await waitFor(() => count(page)).toBe('2 documents');
    await library(page).getByRole('option', { name: INSIGHT }).click();
    const reader = page.getByRole('region', { name: /^Reader 1/ });
    await waitFor(() => reader.locator('.doc-text .entity').allTextContents()).toEqual(['Dimitry Peskov']);
    await shot(page, 'analysis-entities');
    await page.getByLabel('Filter entities').fill('');
    await waitFor(() => entities.textContent()).toContain('Nicolás Maduro');
    expect(errors).toEqual([]);
  });

  it('compares figures across outlets in one table, each linked to its place', async () => {
    const { page, errors } = await openPage(browser(), served().url);
    await tab(page, 'Figures');
    const table = page.getByRole('table', { name: 'Figures' });
    await waitFor(() => table.textContent()).toContain('more than 850 have been detained');
    for (const f of ['around 100 Russian mercenaries', 'about 400', 'about 2,000 Russian nationals', 'over 40 people have been killed', '2,200 people']) expect(await table.textContent()).toContain(f);
    await table.getByRole('button', { name: 'about 400' }).click();
    const reader = page.getByRole('region', { name: /^Reader \d: Russian Mercenaries Arrive/ });
    await waitFor(() => reader.locator('.doc-text .focus-mark').textContent()).toBe('about 400');
    await shot(page, 'analysis-figures');
    expect(errors).toEqual([]);
  });

  it('draws the timeline, filters the library by a brushed range, and lists the undated', async () => {
    const { page, errors } = await openPage(browser(), served().url);
    await tab(page, 'Timeline');
    // Once the analysis has read the dates in the texts (it runs after the workspace opens).
    // (2018-12 is mentioned only: 001's "Dec. 10"; the 2023 dates of 000's related-content list are boilerplate, not events.)
    await waitFor(() => page.getByRole('list', { name: 'Months' }).textContent()).toContain('2018-12');
    await waitFor(() => page.locator('.timeline-chart canvas').count()).toBe(1);
    await expect(page.getByRole('list', { name: 'Documents with no date' }).getByRole('listitem').count()).resolves.toBe(2);
    // Brush: drag across the plot area.
    const over = page.locator('.timeline-chart .u-over');
    const b = (await over.boundingBox())!;
    await page.mouse.move(b.x + 2, b.y + b.height / 2);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width * 0.3, b.y + b.height / 2, { steps: 5 });
    await page.mouse.up();
    await waitFor(() => page.getByLabel('Published from (yyyy, yyyy-mm or yyyy-mm-dd)').inputValue()).not.toBe('');
    await shot(page, 'analysis-timeline');
    await page.getByRole('button', { name: 'Show 2019-01' }).click();
    await waitFor(() => page.getByLabel('Published from (yyyy, yyyy-mm or yyyy-mm-dd)').inputValue()).toBe('2019-01-01');
    expect(await page.getByLabel('Published until (yyyy, yyyy-mm or yyyy-mm-dd)').inputValue()).toBe('2019-01-31');
    await waitFor(() => library(page).getByRole('option').count()).toBe(2);
    expect(errors).toEqual([]);
  });
});


describe('correcting entities by hand', () => {
  it('splits a variant off and merges it back from the Entities panel', async () => {
    const { page, errors } = await openPage(browser(), served().url);
    await tab(page, 'Entities');
    const entities = page.getByRole('list', { name: 'Entities' });
    await page.getByLabel('Filter entities').fill('Maduro');
    await entities.getByRole('button', { name: 'Nicolás Maduro' }).click();
    await page.getByRole('button', { name: 'maduro ✂', exact: true }).click();
    // Two entities now: the full name, and "Maduro" on its own.
    await waitFor(() => entities.getByRole('listitem').count()).toBe(2);
    await entities.getByRole('button', { name: 'merge into Nicolás Maduro' }).click();
    await waitFor(() => entities.getByRole('listitem').count()).toBe(1);
    await waitFor(() => page.getByRole('button', { name: 'maduro ✂', exact: true }).count()).toBe(1);
    await shot(page, 'analysis-entity-merge');
    expect(errors).toEqual([]);
  });
});
