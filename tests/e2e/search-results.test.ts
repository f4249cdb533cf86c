import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { openPage, selectText, servedWorkbench, shot } from './harness';

const wb = servedWorkbench();
// On a busy machine the interface can take seconds to answer; a slow step is not a failure.
const waitFor = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 60_000, interval: 100 });
const FLIGHT = 'A Russian Ilyushin-96 flew into Havana late on Wednesday';
const WIRE = "Russian Mercenaries Arrive in Venezuela to Shore Up Maduro's Rule";

/** Shots at both window sizes: what a laptop shows and what a small window shows. */
async function shots(page: Page, name: string): Promise<void> {
  await shot(page, name);
  await page.setViewportSize({ width: 1024, height: 700 });
  await shot(page, `${name}-1024`);
  await page.setViewportSize({ width: 1440, height: 900 });
}

describe('search results of every kind', () => {
  it('runs a batch of queries from a .csv, shows a wrong one’s error in its row, runs a row in the library and exports CSV', async () => {
    const { page, errors } = await openPage(wb.browser(), wb.served().url);
    await page.getByRole('button', { name: 'Batch search…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Batch search' });
    const list = join(tempDir(), 'names.csv');
    writeFileSync(list, 'Ilyushin,aircraft\n"""third countries""",quote\ndate:foo,wrong\nzanzibarian,nothing\n');
    await dialog.getByLabel('List file').setInputFiles(list);
    await waitFor(() => dialog.textContent()).toContain('names.csv: 4 queries');
    await dialog.getByRole('button', { name: 'Search 4 queries' }).click();
    const table = dialog.getByRole('table', { name: 'Batch results' });
    await waitFor(() => table.getByRole('row').count()).toBe(5);
    const cells = async (i: number) => (await table.getByRole('row').nth(i).getByRole('cell').allTextContents()).slice(0, 2);
    expect(await cells(1)).toEqual(['Ilyushin', '2']);
    expect(await cells(2)).toEqual(['"third countries"', '2']);
    expect(await cells(3)).toEqual(['date:foo', '—']);
    expect(await table.getByRole('row').nth(3).textContent()).toContain('date:foo is not a date');
    expect(await cells(4)).toEqual(['zanzibarian', '0']);
    expect(await dialog.textContent()).toContain('4 queries: 2 found documents, 1 could not run');
    await shots(page, '20-batch-search');

    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export CSV' }).click();
    const file = await (await download).path();
    const lines = readFileSync(file, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('"line","query","documents","rank","document_id","title","outlet","published","score","error"');
    expect(lines.filter((l) => l.startsWith('"1","Ilyushin","2",'))).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith('"2","""third countries""","2",'))).toHaveLength(2);
    expect(lines.find((l) => l.startsWith('"3","date:foo"'))).toContain('is not a date');
    expect(lines).toHaveLength(1 + 2 + 2 + 1 + 1);

    await table.getByRole('row').nth(1).click();
    await waitFor(() => dialog.count()).toBe(0);
    expect(await page.getByRole('searchbox', { name: 'Search' }).inputValue()).toBe('Ilyushin');
    await waitFor(() => page.getByRole('listbox', { name: 'Documents' }).getByRole('option').count()).toBe(2);
    expect(errors).toEqual([]);
  });

  it('finds a free note by a word written only in it, in the library and in Ctrl+K, and opens it', async () => {
    const { page, errors } = await openPage(wb.browser(), wb.served().url);
    await page.getByRole('button', { name: 'New free note' }).first().click();
    await page.getByLabel('Note text (Markdown)').fill('Who was copying whom? The rewrite looks like a straight copy of the wire.');
    await waitFor(() => page.locator('.save-status').textContent()).toBe('Saved');
    await page.getByRole('button', { name: 'Done' }).click().catch(() => undefined);

    const box = page.getByRole('searchbox', { name: 'Search' });
    await box.fill('copying');
    const found = page.getByRole('list', { name: 'Notes found' });
    await waitFor(() => found.textContent()).toContain('Who was copying whom?');
    expect(await found.locator('mark').first().textContent()).toBe('copying');
    expect(await page.locator('.library .empty').count()).toBe(0); // not "Nothing matches"
    await shots(page, '21-note-found');
    await found.getByRole('button').first().click();
    await waitFor(() => page.getByLabel('Note text (Markdown)').inputValue()).toContain('Who was copying whom?');

    await box.fill('');
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Command palette' }).fill('copying');
    const option = page.getByRole('option', { name: /^Note: Who was copying whom\?/ });
    await waitFor(() => option.count()).toBe(1);
    await shot(page, '22-palette-note');
    await option.click();
    await waitFor(() => page.getByLabel('Note text (Markdown)').inputValue()).toContain('Who was copying whom?');
    expect(errors).toEqual([]);
  });

  it('finds a highlight by its quote and opens its document at the passage', async () => {
    const { page, errors } = await openPage(wb.browser(), wb.served().url, { colorScheme: 'dark' });
    const box = page.getByRole('searchbox', { name: 'Search' });
    await box.fill('Ilyushin-96');
    await page.getByRole('listbox', { name: 'Documents' }).getByRole('option', { name: WIRE }).click();
    await selectText(page, /^Reader 1:/, FLIGHT);
    await page.getByRole('dialog', { name: 'Highlight the selection' }).getByRole('button', { name: 'Highlight', exact: true }).click();
    await waitFor(() => page.locator('.reader .hl').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Close pane' }).click();

    await box.fill('wednesday havana');
    const found = page.getByRole('list', { name: 'Highlights found' });
    await waitFor(() => found.locator('mark').allTextContents()).toEqual(['Havana', 'Wednesday']);
    expect(await found.textContent()).toContain(FLIGHT);
    await shots(page, '23-highlight-found-dark');
    await found.getByRole('button').first().click();
    const reader = page.getByRole('region', { name: /^Reader 1:/ });
    await waitFor(() => reader.count()).toBe(1);
    // The passage is brought into view.
    await waitFor(() =>
      reader.locator('.hl').first().evaluate((el) => {
        const r = el.getBoundingClientRect();
        const box = el.closest('.reader-scroll')!.getBoundingClientRect();
        return r.top >= box.top && r.bottom <= box.bottom;
      }),
    ).toBe(true);

    // The command palette finds it too, and opens the document at it.
    await page.getByRole('button', { name: 'Close pane' }).click();
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Command palette' }).fill('havana wednesday');
    const option = page.getByRole('option', { name: /^Highlight: “A Russian Ilyushin-96 flew into Havana/ });
    await waitFor(() => option.count()).toBe(1);
    await shot(page, '23-palette-highlight-dark');
    await option.click();
    await waitFor(() => page.getByRole('region', { name: /^Reader 1: Russian Mercenaries Arrive/ }).locator('.hl').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });

  it('shows a wrong query’s error with no result list', async () => {
    const { page } = await openPage(wb.browser(), wb.served().url);
    await page.getByRole('searchbox', { name: 'Search' }).fill('date:foo');
    await waitFor(() => page.getByRole('alert').first().textContent()).toContain('date:foo is not a date');
    expect(await page.getByRole('listbox', { name: 'Documents' }).count()).toBe(0);
    expect(await page.locator('.library .count').textContent()).toBe('No results');
    await shots(page, '24-wrong-query');
    await page.getByRole('searchbox', { name: 'Search' }).fill('Ilyushin');
    await waitFor(() => page.getByRole('listbox', { name: 'Documents' }).getByRole('option').count()).toBe(2);
    expect(await page.getByRole('alert').count()).toBe(0);
  });
});
