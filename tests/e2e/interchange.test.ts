import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openPage, servedWorkbench, shot } from './harness';

const wb = servedWorkbench();

describe('interchange in a browser: citations, the library, REFI-QDA and scans', () => {
  it('exports the current search results as RIS and as library CSV from "Export these results"', async () => {
    const { page, errors } = await openPage(wb.browser(), wb.served().url);
    await page.getByRole('searchbox', { name: 'Search' }).fill('Shabayev');
    const documents = page.getByRole('listbox', { name: 'Documents' });
    await expect.poll(() => page.locator('.library-bar .count').textContent()).toMatch(/^[1-4] documents?$/);
    const found = await documents.getByRole('option').count();
    await page.getByRole('button', { name: 'Export these results…' }).click();
    const dialog = page.getByRole('dialog', { name: /^Export/ });
    expect(await dialog.getByRole('radio', { name: /The current search results/ }).isChecked()).toBe(true);
    await dialog.getByRole('radio', { name: /^RIS/ }).check();
    await shot(page, 'interchange-1-export-results');
    const [ris] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export', exact: true }).click()]);
    expect(ris.suggestedFilename()).toMatch(/-citations\.ris$/);
    const text = readFileSync((await ris.path())!, 'utf8');
    expect(text.match(/^TY {2}- /gm)).toHaveLength(found);
    expect(text).toContain('T2  - The Moscow Times');
    await dialog.getByRole('radio', { name: /^Library as CSV/ }).check();
    const [csv] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export', exact: true }).click()]);
    const rows = readFileSync((await csv.path())!, 'utf8').trimEnd().split('\r\n');
    expect(rows[0]).toContain('"snippet"');
    expect(rows).toHaveLength(found + 1);
    // Every document, whatever the search, from the same dialog.
    await dialog.getByRole('radio', { name: /^Every document/ }).check();
    await dialog.getByRole('radio', { name: /^CSL-JSON/ }).check();
    const [csl] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export', exact: true }).click()]);
    expect(JSON.parse(readFileSync((await csl.path())!, 'utf8'))).toHaveLength(5);
    expect(errors).toEqual([]);
  });
});
