import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers';
import { openPage, servedWorkbench, shot } from './harness';

const wb = servedWorkbench();
const NEWS = join(ROOT, 'tests/fixtures/html-news');
const FOLDERS = readdirSync(NEWS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe('importing and exporting in a browser', () => {
  it('imports two picked files that share a name, each with its own outcome', async () => {
    const { page, errors } = await openPage(wb.browser(), wb.served().url);
    await page.getByLabel('Files to import').setInputFiles([join(NEWS, 'ars-1/source.html'), join(NEWS, 'bbc-1/source.html')]);
    const summary = page.getByRole('dialog', { name: 'Import summary' });
    await expect.poll(() => summary.textContent(), { timeout: 60_000 }).toMatch(/Import finished/);
    expect(await summary.textContent()).toContain('2 files: 2 imported, 0 duplicates, 0 failed.');
    const imported = summary.getByRole('list', { name: 'Imported' }).getByRole('listitem');
    expect(await imported.allTextContents()).toEqual([expect.stringMatching(/source\.html$/), expect.stringMatching(/source\.html$/)]);
    await summary.getByRole('button', { name: 'Close' }).click();
    expect(errors).toEqual([]);
  });

  it('shows progress from the first file, lists what came in and what was skipped, then the analysis at work', async () => {
    const { page, errors } = await openPage(wb.browser(), wb.served().url);
    // Every text the status line shows, as it shows it.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver(() => {
        for (const el of document.querySelectorAll('[aria-label="Import progress"], [aria-label="Analysis progress"]')) {
          const text = el.textContent ?? '';
          if (seen.at(-1) !== text) seen.push(text);
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const picked = FOLDERS.flatMap((f) => [join(NEWS, f, 'source.html'), join(NEWS, f, 'expected-metadata.json')]);
    await page.getByLabel('Files to import').setInputFiles(picked);
    const summary = page.getByRole('dialog', { name: 'Import summary' });
    await expect.poll(() => summary.textContent(), { timeout: 120_000 }).toMatch(/Import finished/);
    const total = picked.length;
    const fresh = FOLDERS.length - 2; // ars-1 and bbc-1 came in with the test before
    expect(await summary.textContent()).toContain(`${total} files: ${fresh} imported, 2 duplicates, 0 failed, ${FOLDERS.length} skipped.`);
    await shot(page, 'import-export-1-import-summary');
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    const counts = seen.map((t) => /^Importing (\d+) of /.exec(t)?.[1]).filter((n) => n !== undefined).map(Number);
    // The count moved while the files were read, not only at the end.
    expect(counts.some((n) => n > 0 && n < total), seen.join(' | ')).toBe(true);
    // A long list starts folded.
    await summary.getByText(`Imported (${fresh})`).click();
    const imported = summary.getByRole('list', { name: 'Imported' }).getByRole('listitem');
    expect(await imported.count()).toBe(fresh);
    expect(await imported.allTextContents()).toContainEqual(expect.stringMatching(/^'What is the sea telling us/));
    await summary.getByText(/^Skipped: not a kind of file the workbench reads/).click();
    const skipped = await summary.getByRole('list', { name: /^Skipped/ }).getByRole('listitem').allTextContents();
    expect(skipped).toHaveLength(FOLDERS.length);
    expect(skipped[0]).toMatch(/^expected-metadata\.json: unsupported file type \(\.json\)/);
    expect(await summary.textContent()).toContain('It reads .txt, .text, .md');
    expect(await summary.getByRole('list', { name: 'Failed' }).count()).toBe(0);
    await shot(page, 'import-export-2-import-summary-skipped');
    await summary.getByRole('button', { name: 'Close' }).click();
    // The analysis of the new documents says what it is doing, then goes away when done.
    await expect.poll(() => page.evaluate(() => (window as unknown as { seen: string[] }).seen.some((t) => t.startsWith('Analysing new documents')))).toBe(true);
    await expect.poll(() => page.getByRole('status', { name: 'Analysis progress' }).count(), { timeout: 120_000 }).toBe(0);
    expect(errors).toEqual([]);
  });
});
