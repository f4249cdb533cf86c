import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers';
import { openPage, servedWorkbench, shot } from './harness';

const wb = servedWorkbench();

describe('the workbench in a browser', () => {
  it('imports files with the picker and lists each failed file with its reason', async () => {
    const { page, errors } = await openPage(wb.browser(), wb.served().url);
    const dir = tempDir();
    writeFileSync(join(dir, 'field-notes.txt'), 'Field notes from Caracas\n\nThe Wagner contractors were seen near the palace.');
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]));
    await page.getByLabel('Files to import').setInputFiles([join(dir, 'field-notes.txt'), join(dir, 'empty.txt'), join(dir, 'photo.jpg')]);
    const summary = page.getByRole('dialog', { name: 'Import summary' });
    await expect.poll(() => summary.textContent(), { timeout: 60_000 }).toContain('3 files: 1 imported, 0 duplicates, 2 failed.');
    const text = await summary.textContent();
    expect(text).toContain('empty.txt: empty file (0 bytes)');
    expect(text).toContain('photo.jpg: the image is truncated: its end is missing');
    await shot(page, '6-import-summary');
    await summary.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('palace Wagner');
    await expect.poll(() => page.getByRole('listbox', { name: 'Documents' }).getByRole('option', { name: 'Field notes from Caracas' }).count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('filters the library by a tag from the tag tree, with counts', async () => {
    const { page } = await openPage(wb.browser(), wb.served().url);
    const documents = page.getByRole('listbox', { name: 'Documents' });
    await documents.getByRole('option', { name: /Putin Doubles Down/ }).click();
    const reader = page.getByRole('region', { name: /^Reader 1: Putin Doubles Down/ });
    await reader.getByLabel('Add a tag to this document').fill('Partisan');
    await reader.getByLabel('Add a tag to this document').press('Enter');
    await expect.poll(() => reader.locator('.doc-tags .chip').textContent()).toContain('Partisan');
    const filter = page.getByRole('button', { name: /^Filter by tag Partisan: 1 document, 0 highlights$/ });
    await filter.click();
    await expect.poll(() => filter.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => documents.getByRole('option').count()).toBe(1);
    await shot(page, '7-tag-filter');
    await filter.click();
    await expect.poll(() => documents.getByRole('option').count()).toBeGreaterThan(1);
    // The tag comes off from the reader header.
    await reader.getByRole('button', { name: 'Remove tag Partisan' }).click();
    await expect.poll(() => page.getByRole('button', { name: /^Filter by tag Partisan: 0 documents/ }).count()).toBe(1);
  });

  it('follows a dark system theme and switches theme from the toolbar', async () => {
    const { page } = await openPage(wb.browser(), wb.served().url, { colorScheme: 'dark' });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(22, 24, 28)');
    await page.getByRole('listbox', { name: 'Documents' }).getByRole('option').first().click();
    await shot(page, '8-dark');
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await page.reload();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light'); // remembered
  });

  it('reaches actions and documents from the command palette (Ctrl+K)', async () => {
    const { page } = await openPage(wb.browser(), wb.served().url);
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('combobox', { name: 'Command palette' });
    await palette.fill('export');
    await shot(page, '9-command-palette');
    await page.keyboard.press('Enter');
    const exportDialog = page.getByRole('dialog', { name: 'Export highlights and notes' });
    await expect.poll(() => exportDialog.count()).toBe(1);
    await exportDialog.getByRole('button', { name: 'Close', exact: true }).click();
    await page.keyboard.press('Control+k');
    await palette.fill('Doubles');
    await page.getByRole('option', { name: /^Open: Putin Doubles Down/ }).click();
    await expect.poll(() => page.getByRole('region', { name: /^Reader 1: Putin Doubles Down/ }).count()).toBe(1);
  });

  it('shows a bad query as an error and keeps what was typed', async () => {
    const { page } = await openPage(wb.browser(), wb.served().url);
    const box = page.getByRole('searchbox', { name: 'Search' });
    await box.fill('date:someday wagner');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('date:someday is not a date');
    expect(await box.inputValue()).toBe('date:someday wagner');
    await box.fill('wagner');
    await expect.poll(() => page.getByRole('alert').count()).toBe(0);
  });

  it('finds in the document with Ctrl+F, accent-insensitively', async () => {
    const { page } = await openPage(wb.browser(), wb.served().url);
    await page.getByRole('listbox', { name: 'Documents' }).getByRole('option', { name: /Providing Muscle/ }).click();
    const reader = page.getByRole('region', { name: /^Reader 1: Russian Mercenaries Providing Muscle/ });
    await reader.getByLabel('Document', { exact: true }).focus();
    await page.keyboard.press('Control+f');
    await reader.getByRole('textbox', { name: 'Find in document' }).fill('guaido');
    await expect.poll(() => reader.getByRole('status').textContent()).toMatch(/^Match 1 of \d+$/);
    expect(await reader.locator('.find.current').textContent()).toBe('Guaidó');
  });

  it('imports a saved web page and switches between its text and the original', async () => {
    const { page, errors } = await openPage(wb.browser(), wb.served().url);
    await page.getByLabel('Files to import').setInputFiles(join(ROOT, 'tests/fixtures/html-news/guardian-1/source.html'));
    const summary = page.getByRole('dialog', { name: 'Import summary' });
    await expect.poll(() => summary.textContent(), { timeout: 60_000 }).toContain('1 imported');
    await summary.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('title:whale');
    await page.getByRole('listbox', { name: 'Documents' }).getByRole('option', { name: /^'What is the sea telling us/ }).click();
    const reader = page.getByRole('region', { name: /^Reader 1: 'What is the sea telling us/ });
    await expect.poll(() => reader.locator('.meta-line').textContent()).toContain('the Guardian');
    expect(await reader.getByLabel('Document text').textContent()).toMatch(/^Whale whisperer Hori Parata/);
    await reader.getByRole('button', { name: 'Original' }).click();
    // The page shows rendered (notes-reader.test.ts); its source is one click away.
    await reader.getByRole('button', { name: 'Source' }).click();
    await expect.poll(() => reader.getByLabel('Original file').textContent()).toMatch(/<!DOCTYPE html>/i);
    await shot(page, '10-original-html');
    await reader.getByRole('button', { name: 'Text' }).click();
    await expect.poll(() => reader.getByLabel('Document text').count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('folds boilerplate away in the clean view and brings it back', async () => {
    const { page } = await openPage(wb.browser(), wb.served().url);
    await page.getByRole('listbox', { name: 'Documents' }).getByRole('option', { name: /Putin Doubles Down/ }).click();
    const reader = page.getByRole('region', { name: /^Reader 1: Putin Doubles Down/ });
    const text = reader.getByLabel('Document text');
    await expect.poll(() => text.innerText()).toContain('Who are the happiest people?');
    await reader.getByRole('button', { name: 'Clean view' }).click();
    await expect.poll(() => text.innerText()).not.toContain('Who are the happiest people?');
    const visible = await text.innerText();
    expect(visible).toContain('Additional coordination is also taking place in the skies');
    expect(visible).not.toContain('We have no tolerance for comments');
    expect(await reader.getByRole('button', { name: /^Show folded/ }).count()).toBe(3);
    await shot(page, '11-clean-view');
    await reader.getByRole('button', { name: 'Show folded poll' }).click();
    await expect.poll(() => text.innerText()).toContain('Who are the happiest people?');
    // Search can leave the same boilerplate out.
    await page.getByRole('searchbox', { name: 'Search' }).fill('happiest');
    const documents = page.getByRole('listbox', { name: 'Documents' });
    await expect.poll(() => documents.getByRole('option').count()).toBe(1);
    await page.getByRole('checkbox', { name: 'Skip boilerplate' }).check();
    await expect.poll(() => documents.getByRole('option').count()).toBe(0);
    await page.getByRole('checkbox', { name: 'Skip boilerplate' }).uncheck();
  });

  it('imports a PDF, a Word document and a mailbox from the picker', async () => {
    const { page, errors } = await openPage(wb.browser(), wb.served().url);
    await page.getByLabel('Files to import').setInputFiles([
      join(ROOT, 'tests/fixtures/pdf/report.pdf'),
      join(ROOT, 'tests/fixtures/pdf/encrypted.pdf'),
      join(ROOT, 'tests/fixtures/office/briefing.docx'),
      join(ROOT, 'tests/fixtures/email/mailbox.mbox'),
      join(ROOT, 'tests/fixtures/email/with-attachment.eml'),
    ]);
    const summary = page.getByRole('dialog', { name: 'Import summary' });
    await expect.poll(() => summary.textContent(), { timeout: 20_000 }).toContain('5 files: 4 imported, 0 duplicates, 1 failed.');
    expect(await summary.textContent()).toContain('encrypted.pdf: the PDF is encrypted with a password');
    await summary.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('klez OR "third countries" OR ilyushin');
    const documents = page.getByRole('listbox', { name: 'Documents' });
    // Exactly the imported ones that match, and the two seeds that mention the Ilyushin.
    await expect.poll(async () => (await documents.getByRole('option').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label')))).length).toBe(5);
    const titles = await documents.getByRole('option').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label')));
    expect(titles).toEqual(expect.arrayContaining(['Flight records, January 2019', 'Wagner in Venezuela: a briefing', "[IRR] Klez: The Virus That Won't Die"]));
    await documents.getByRole('option', { name: 'Flight records, January 2019' }).click();
    await expect.poll(() => page.getByRole('region', { name: /^Reader 1: Flight records/ }).locator('.meta-line').textContent()).toContain('Venezuela Investigative Unit');
    await shot(page, '12-pdf-docx-mail');
    // An attachment leads back to its message.
    await page.getByRole('searchbox', { name: 'Search' }).fill('title:notspam');
    await documents.getByRole('option', { name: 'notspam.txt' }).click();
    await page.getByRole('region', { name: /^Reader 1: notspam\.txt/ }).getByRole('button', { name: 'Open the message this is attached to' }).click();
    await expect.poll(() => page.getByRole('region', { name: /^Reader 1: Re: \[Razor-users\]/ }).count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('imports files dropped on the window', async () => {
    const { page } = await openPage(wb.browser(), wb.served().url);
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File(['Dropped dispatch\n\nA courier reported the Antonov landing.'], 'dispatch.txt', { type: 'text/plain' }));
      window.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, cancelable: true }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, cancelable: true }));
    });
    const summary = page.getByRole('dialog', { name: 'Import summary' });
    await expect.poll(() => summary.textContent(), { timeout: 60_000 }).toMatch(/Import finished/);
    expect(await summary.textContent()).toContain('1 file: 1 imported, 0 duplicates, 0 failed.');
  });

  it('saves a search under a name and runs it again', async () => {
    const { page } = await openPage(wb.browser(), wb.served().url);
    await page.getByRole('searchbox', { name: 'Search' }).fill('Shabayev OR Spetsnaz');
    await page.getByRole('button', { name: 'Save this search' }).click();
    await page.getByRole('textbox', { name: 'Name for this search' }).fill('Flights');
    await page.getByRole('button', { name: 'Save search' }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('');
    await page.getByRole('button', { name: 'Run saved search Flights' }).click();
    expect(await page.getByRole('searchbox', { name: 'Search' }).inputValue()).toBe('Shabayev OR Spetsnaz');
    await expect.poll(() => page.getByRole('listbox', { name: 'Documents' }).getByRole('option').count()).toBe(2);
  });

  it('gives every control an accessible name, with documents, dialogs and the editor open', async () => {
    const { page } = await openPage(wb.browser(), wb.served().url);
    await page.getByRole('listbox', { name: 'Documents' }).getByRole('option').first().click();
    await page.getByRole('listbox', { name: 'Documents' }).getByRole('button', { name: /to the side$/ }).nth(1).click();
    await page.getByRole('button', { name: 'New note on this document' }).click();
    const unnamed = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('button, input, select, textarea, [role=option], [role=tab], a[href]')]
        .filter((el) => !(el as HTMLInputElement).hidden && el.getAttribute('type') !== 'hidden' && el.offsetParent !== null)
        .filter((el) => {
          const labelled = el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || (el as HTMLInputElement).labels?.[0]?.textContent?.trim();
          return !labelled && !el.textContent?.trim() && !el.getAttribute('title');
        })
        .map((el) => el.outerHTML.slice(0, 120)),
    );
    expect(unnamed).toEqual([]);
  });

  it('refuses the API without the token', async () => {
    const origin = new URL(wb.served().url).origin;
    const res = await fetch(`${origin}/api/invoke`, { method: 'POST', body: JSON.stringify({ method: 'workspace.info', input: {} }) });
    expect(res.status).toBe(401);
  });
});
