import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ROOT, SEED, tempDir } from '../helpers';
import { openPage, servedWorkbench, shot } from './harness';

const wb = servedWorkbench();
const NEWS = join(ROOT, 'tests/fixtures/html-news');
const FOLDERS = readdirSync(NEWS, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

/** A call through the page's own token, for setting up what the test then exports through the interface. */
async function call<T>(page: Page, method: string, input: unknown): Promise<T> {
  const r = await page.evaluate(
    async ([m, i]) => {
      const res = await fetch('/api/invoke', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${sessionStorage.getItem('workbench.token')}` },
        body: JSON.stringify({ method: m, input: i }),
      });
      return res.json();
    },
    [method, input] as const,
  );
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.result as T;
}

async function exported(page: Page, setUp: (dialog: ReturnType<Page['getByRole']>) => Promise<void>): Promise<{ name: string; text: string }> {
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: /^Export/ });
  await setUp(dialog);
  const [file] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export', exact: true }).click()]);
  const text = readFileSync((await file.path())!, 'utf8');
  await dialog.getByRole('button', { name: 'Close' }).click();
  return { name: file.suggestedFilename(), text };
}

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
    // The count moved file by file while the files were read, not in one jump once all were parsed.
    expect(new Set(counts.filter((n) => n > 0 && n < total)).size, seen.join(' | ')).toBeGreaterThanOrEqual(3);
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
    expect(await summary.count()).toBe(0);
    await expect.poll(() => page.evaluate(() => (window as unknown as { seen: string[] }).seen.some((t) => /^Analysing \d+ of \d+ documents: shared passages/.test(t)))).toBe(true);
    await expect.poll(() => page.getByRole('status', { name: 'Analysis progress' }).count(), { timeout: 120_000 }).toBe(0);
    expect(errors).toEqual([]);
  });

  it('reads scans in the OCR languages chosen in the window, saying each page as it is read', async () => {
    const { page, errors } = await openPage(wb.browser(), wb.served().url);
    await page.getByRole('button', { name: 'Workspace ▾' }).click();
    await page.getByRole('menuitem', { name: 'OCR languages for photos and scans…' }).click();
    const dialog = page.getByRole('dialog', { name: 'OCR languages for photos and scanned PDFs' });
    // Only the languages whose data is installed are offered.
    await expect.poll(() => dialog.getByRole('checkbox').count()).toBe(2);
    expect(await dialog.getByRole('checkbox', { name: 'English (eng)' }).isChecked()).toBe(true);
    await dialog.getByRole('checkbox', { name: 'French (fra)' }).check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.getByRole('status').textContent()).toBe('Photos and scans will be read in English and French.');
    await shot(page, 'import-export-ocr-languages');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver(() => {
        const text = document.querySelector('[aria-label="Import progress"]')?.textContent ?? '';
        if (text && seen.at(-1) !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByLabel('Files to import').setInputFiles([join(ROOT, 'tests/fixtures/ocr/scanned-3-pages.pdf')]);
    await expect.poll(() => page.getByRole('status', { name: 'Import progress' }).textContent(), { timeout: 120_000 }).toContain('OCR page 2 of 3');
    await shot(page, 'import-export-ocr-progress');
    const summary = page.getByRole('dialog', { name: 'Import summary' });
    await expect.poll(() => summary.textContent(), { timeout: 180_000 }).toMatch(/Import finished/);
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    for (const n of [1, 2, 3]) expect(seen.some((t) => t.includes(`scanned-3-pages.pdfOCR page ${n} of 3`)), seen.join(' | ')).toBe(true);
    await summary.getByRole('button', { name: 'Close' }).click();
    const found = await call<{ documents: Array<{ id: number }> }>(page, 'search.query', { query: 'Shabayev', limit: 20 });
    const ocr = await Promise.all(found.documents.map((d) => call<{ title: string; ocr: { languages: string } | null }>(page, 'documents.get', { id: d.id })));
    expect(ocr.map((d) => d.ocr?.languages)).toContain('eng+fra');
    // The reader shows each scanned page's image beside the text read from it.
    const scan = ocr.find((d) => d.ocr)!;
    await page.getByRole('listbox', { name: 'Documents' }).getByRole('option').filter({ hasText: scan.title.slice(0, 30) }).first().click();
    await page.getByRole('button', { name: 'Show page image' }).click();
    const figure = page.getByRole('figure', { name: 'Page image' });
    await expect.poll(() => figure.getByRole('img').getAttribute('alt')).toMatch(/^Page 1 of the scan /);
    await figure.getByRole('button', { name: 'Next page image' }).click();
    await expect.poll(() => figure.getByRole('img').getAttribute('alt')).toMatch(/^Page 2 of the scan /);
    expect(await figure.textContent()).toContain('Page 2 (2 of 3 scanned)');
    await expect.poll(() => figure.getByRole('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(1000);
    await shot(page, 'import-export-ocr-page-image');
    expect(errors).toEqual([]);
  }, 300_000);

  it('exports Markdown fit to hand in, of everything, of one tag, or of the documents open', async () => {
    const { page, errors } = await openPage(wb.browser(), wb.served().url);
    const claims = await call<{ id: number }>(page, 'tags.create', { name: 'Claims' });
    const wire = await call<{ id: number }>(page, 'tags.create', { name: 'Wire copy' });
    await call(page, 'tags.apply', { tagId: wire.id, documentIds: [SEED.moscowTimes] });
    const flight = await call<{ id: number; quote: string }>(page, 'highlights.create', { documentId: SEED.moscowTimes, quote: 'two chartered aircraft for Havana', tagIds: [claims.id] });
    await call(page, 'highlights.create', { documentId: SEED.fox, quote: 'Baltic Fleet' });
    await call(page, 'notes.create', { body: `> ${flight.quote}\n\nThe same words as [the rewrite](doc:${SEED.rewrite}).`, highlightId: flight.id });
    await call(page, 'notes.create', { body: `# My argument\n\nThe wire came first: [[hl:${flight.id}]].` });

    const all = await exported(page, async (dialog) => {
      await dialog.getByRole('radio', { name: /^Markdown/ }).check();
      await shot(page, 'import-export-3-export-dialog');
    });
    expect(all.text).not.toMatch(/\]\((hl|doc):\d+\)|\[\[(hl|doc):/);
    expect(all.text).toMatch(/The same words as the rewrite \(\*[^*]+\*, [^)]+\)\./);
    expect(all.text).toContain('The wire came first: “two chartered aircraft for Havana” (*Russian Mercenaries Arrive in Venezuela');
    expect(all.text).toMatch(/^- \*Russian Mercenaries Arrive in Venezuela to Shore Up Maduro's Rule\*.* — tags: Wire copy$/m);
    expect(all.text).toContain('### Free note\n\n#### My argument');
    expect(all.text.match(/^# /gm)).toHaveLength(1);
    expect(all.text).toContain('- Note: The same words as');
    expect(all.text.split('> two chartered aircraft for Havana')).toHaveLength(2);

    const tag = await exported(page, async (dialog) => {
      await dialog.getByRole('combobox', { name: 'Tag to export' }).selectOption({ label: 'Claims (1 highlight, 0 documents)' });
      expect(await dialog.getByRole('radio', { name: 'One tag' }).isChecked()).toBe(true);
      await dialog.getByRole('radio', { name: /^Markdown/ }).check();
    });
    expect(tag.name).toMatch(/-highlights-claims\.md$/);
    expect(tag.text).toContain('Tag: Claims\n\n## Claims\n\n> two chartered aircraft for Havana');
    expect(tag.text).not.toContain('Baltic Fleet');

    await page.getByRole('searchbox', { name: 'Search' }).fill('"Baltic Fleetto"');
    await expect.poll(() => page.getByRole('listbox', { name: 'Documents' }).getByRole('option').count()).toBe(1);
    await page.getByRole('listbox', { name: 'Documents' }).getByRole('option').first().click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    const open = await exported(page, async (dialog) => {
      await dialog.getByRole('radio', { name: /^The documents open in the readers — 1 document/ }).check();
      await dialog.getByRole('radio', { name: /^Markdown/ }).check();
    });
    expect(open.text).toContain('> Baltic Fleet');
    expect(open.text).not.toContain('two chartered aircraft');
    expect(errors).toEqual([]);
  });

  it('exports a REFI-QDA project of the current search results, valid to the schema', async () => {
    const { page, errors } = await openPage(wb.browser(), wb.served().url);
    await page.getByRole('searchbox', { name: 'Search' }).fill('Venezuela Havana');
    await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
    const found = await call<{ total: number }>(page, 'search.query', { query: 'Venezuela Havana', limit: 1 });
    expect(found.total).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: /^Export/ });
    await dialog.getByRole('radio', { name: /^REFI-QDA project/ }).check();
    await dialog.getByRole('radio', { name: /^The current search results/ }).check();
    await shot(page, 'import-export-qdpx-of-results');
    const [file] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export', exact: true }).click()]);
    expect(file.suggestedFilename()).toBe('e2e-selection.qdpx');
    const { default: JSZip } = await import('jszip');
    const zip = await JSZip.loadAsync(readFileSync((await file.path())!));
    const qde = await zip.file('project.qde')!.async('string');
    expect(qde.match(/<TextSource /g)).toHaveLength(found.total);
    const qdeFile = join(tempDir(), 'project.qde');
    writeFileSync(qdeFile, qde);
    // xmllint says "validates" on stderr, and fails the call when it does not.
    execFileSync('xmllint', ['--noout', '--schema', join(ROOT, 'tests/fixtures/refi-qda/Project-mrt2019.xsd'), qdeFile], { stdio: 'pipe' });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    expect(errors).toEqual([]);
  });

  it('says counts in words with the right plural, and the undo toast says what was done', async () => {
    const { page, errors } = await openPage(wb.browser(), wb.served().url);
    // From the test before: "Claims" on one highlight, "Wire copy" on one document.
    const filters = page.getByRole('navigation', { name: 'Filters' });
    const claims = filters.getByRole('button', { name: 'Filter by tag Claims: 0 documents, 1 highlight' });
    await expect.poll(() => claims.textContent()).toBe('Claims1 highlight');
    expect(await filters.getByRole('button', { name: 'Filter by tag Wire copy: 1 document, 0 highlights' }).textContent()).toBe('Wire copy1 doc');
    expect(await filters.textContent()).not.toContain('docs/highlights');
    const fox = await call<Array<{ id: number }>>(page, 'highlights.list', { documentId: SEED.fox });
    await call(page, 'highlights.delete', { id: fox[0]!.id });
    const toast = page.getByRole('status', { name: 'Undo' });
    await expect.poll(() => toast.textContent()).toContain('Deleted highlight “Baltic Fleet”.');
    await shot(page, 'import-export-4-undo-toast');
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => toast.textContent()).toContain('Undone: deleted highlight “Baltic Fleet”.');
    expect(errors).toEqual([]);
  });
});
