import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers';
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

  it('exports a REFI-QDA project from the Export dialog, and imports a .qdpx with the picker', async () => {
    const { page, errors } = await openPage(wb.browser(), wb.served().url);
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: /^Export/ });
    await dialog.getByRole('radio', { name: /^REFI-QDA project/ }).check();
    await shot(page, 'interchange-2-export-qdpx');
    const [qdpx] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export', exact: true }).click()]);
    expect(qdpx.suggestedFilename()).toBe('e2e.qdpx');
    const zip = await JSZip.loadAsync(readFileSync((await qdpx.path())!));
    expect(await zip.file('project.qde')!.async('string')).toContain('<Project ');
    expect(Object.keys(zip.files).filter((f) => f.startsWith('sources/') && f.endsWith('.txt')).length).toBeGreaterThanOrEqual(5);
    await dialog.getByRole('button', { name: 'Close' }).click();

    await page.getByLabel('Files to import').setInputFiles([join(ROOT, 'tests/fixtures/refi-qda/handmade.qdpx')]);
    const summary = page.getByRole('dialog', { name: 'Import summary' });
    await expect.poll(() => summary.textContent(), { timeout: 60_000 }).toContain('1 file: 1 imported');
    expect(await summary.textContent()).toContain('handmade.qdpx: 3 documents, 3 new tags, 3 highlights, 4 notes');
    await shot(page, 'interchange-3-import-qdpx');
    await summary.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('Shabayev');
    await page.getByRole('listbox', { name: 'Documents' }).getByRole('option', { name: 'Field notes — Shabayev' }).click();
    const reader = page.getByRole('region', { name: /^Reader 1: Field notes/ });
    await expect.poll(() => reader.locator('[data-highlight]').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('button', { name: /^Filter by tag Wagner/ }).count()).toBe(1);
    await shot(page, 'interchange-4-imported-project');
    expect(errors).toEqual([]);
  }, 300_000); // an export, and an import of three sources with a PDF

  it('imports a photo of a page by OCR, marks it OCR in the library and the reader, and shows the page image beside the text', async () => {
    const { page, errors } = await openPage(wb.browser(), wb.served().url);
    await page.getByLabel('Files to import').setInputFiles([join(ROOT, 'tests/fixtures/ocr/scan-150dpi.png')]);
    const summary = page.getByRole('dialog', { name: 'Import summary' });
    await expect.poll(() => summary.textContent(), { timeout: 90_000 }).toContain('1 file: 1 imported');
    await summary.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('Ilyushin Shabayev');
    const row = page.getByRole('listbox', { name: 'Documents' }).getByRole('option', { name: /^Citing contacts/ });
    await expect.poll(() => row.locator('.badge.ocr').textContent()).toBe('OCR');
    await row.click();
    const reader = page.getByRole('region', { name: /^Reader 1: Citing contacts/ });
    await expect.poll(() => reader.locator('.badge.ocr').textContent()).toMatch(/^OCR · eng · \d+%$/);
    await reader.getByRole('button', { name: 'Show page image' }).click();
    await expect.poll(() => reader.getByRole('img', { name: /was recognised from$/ }).evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1308);
    await shot(page, 'interchange-5-ocr-page-image');
    expect(errors).toEqual([]);
  }, 300_000);
});
