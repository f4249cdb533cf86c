import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers';
import { openPage, selectText, servedWorkbench, shot } from './harness';

const WIRE = "Russian Mercenaries Arrive in Venezuela to Shore Up Maduro's Rule";
const REWRITE = /^After the USA has threatened to intervene in Venezuela/;
const WIRE_SENTENCE = 'The contractors\' task in Venezuela was to protect Maduro from any attempt by opposition sympathisers';
const SHARED = 'traveled to Venezuela on private chartered flights';
const OWN = 'Maduro has accused the USA of agitating';
const OVERLAP = 'accused the USA of agitating for the Venezuelan opposition';

const { browser, served } = servedWorkbench();
const library = (page: Page) => page.getByRole('listbox', { name: 'Documents' });
const isFocused = (l: Locator) => l.evaluate((el) => el === document.activeElement);

async function highlight(page: Page, reader: RegExp, passage: string, tag: string) {
  await selectText(page, reader, passage);
  const toolbar = page.getByRole('dialog', { name: 'Highlight the selection' });
  await toolbar.getByLabel('Tag for the highlight').fill(tag);
  await toolbar.getByRole('button', { name: 'Highlight', exact: true }).click();
  await expect.poll(() => toolbar.count()).toBe(0);
}

/** The computed background of the highlighted piece of text that contains `text`. */
const background = (reader: Locator, text: string) =>
  reader
    .locator('.doc-text .hl')
    .filter({ hasText: text })
    .first()
    .evaluate((el) => getComputedStyle(el).backgroundColor);

describe('the note editor and the reader', () => {
  it('puts a new note’s caret in its body, below its passage, and keeps no untouched note', async () => {
    const { page, errors } = await openPage(browser(), served().url);
    await library(page).getByRole('option', { name: WIRE }).click();
    const notes = page.getByRole('complementary', { name: 'Notes' });
    const body = page.getByLabel('Note text (Markdown)');

    // "New note" takes the caret; Done with nothing typed keeps nothing and offers no undo.
    await notes.getByRole('button', { name: 'New note on this document' }).click();
    await expect.poll(() => isFocused(body)).toBe(true);
    await notes.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => body.count()).toBe(0);
    await expect.poll(() => notes.locator('.note-card').count()).toBe(0);

    // "Add note" on a highlight: what one types goes into the note, below the quote.
    await highlight(page, /^Reader 1:/, WIRE_SENTENCE, 'Protection');
    const reader = page.getByRole('region', { name: /^Reader 1:/ });
    await reader.locator('.doc-text .hl').first().click();
    const popover = page.getByRole('dialog', { name: 'Highlight' });
    // Typed at once, before the note is even made: nothing is lost.
    await popover.getByRole('button', { name: 'Add note' }).click();
    await page.keyboard.type('Shabayev is the only named source for this.');
    await expect.poll(() => isFocused(body)).toBe(true);
    await expect.poll(() => body.inputValue()).toBe('Shabayev is the only named source for this.');
    await shot(page, 'notes-passage-note-typed');
    await expect.poll(() => notes.getByRole('status').filter({ hasText: /^(Saved|Saving…|Editing)$/ }).textContent()).toBe('Saved');
    await notes.getByRole('tab', { name: 'Preview' }).click();
    const editor = notes.getByLabel('Note editor');
    await expect.poll(() => editor.textContent()).toContain(WIRE_SENTENCE);
    // The comment is never part of the quote.
    expect(await editor.locator('blockquote').filter({ hasText: 'Shabayev is the only' }).count()).toBe(0);
    await expect.poll(() => editor.locator('p').filter({ hasText: 'Shabayev is the only named source for this.' }).count()).toBe(1);
    await notes.getByRole('button', { name: 'Done' }).click();
    const card = notes.locator('.note-card').filter({ hasText: 'Shabayev is the only' });
    await expect.poll(() => card.count()).toBe(1);
    expect(await card.locator('blockquote').filter({ hasText: 'Shabayev' }).count()).toBe(0);

    // "Highlight + note" then Done untouched: no quote-only note is left behind.
    await selectText(page, /^Reader 1:/, 'Our people are there directly for his protection');
    await page.getByRole('dialog', { name: 'Highlight the selection' }).getByRole('button', { name: 'Highlight + note' }).click();
    await expect.poll(() => isFocused(body)).toBe(true);
    await expect.poll(() => notes.locator('.note-card').count()).toBe(2);
    await notes.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => notes.locator('.note-card').count()).toBe(1);
    // Neither untouched note left anything to undo.
    await page.keyboard.press('Control+Alt+z');
    await expect.poll(() => page.getByRole('status', { name: 'Undo' }).textContent()).toContain('There is nothing to undo.');
    expect(errors).toEqual([]);
  });

  it('keeps the passage being highlighted marked, with the toolbar below it even after the text reflows', async () => {
    const { page, errors } = await openPage(browser(), served().url);
    await library(page).getByRole('option', { name: REWRITE }).click();
    await library(page).getByRole('button', { name: `Open ${WIRE} to the side` }).click();
    const reader = page.getByRole('region', { name: /^Reader 1: After the USA/ });
    // A passage inside one shared with the other pane: its own mark must show over that one.
    await expect.poll(() => reader.locator('.doc-text .shared').filter({ hasText: 'chartered' }).count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await selectText(page, /^Reader 1:/, SHARED);
    const toolbar = page.getByRole('dialog', { name: 'Highlight the selection' });
    await expect.poll(() => toolbar.count()).toBe(1);
    // The tag box has the focus, which takes the browser's selection away: the passage stays marked.
    await expect.poll(() => isFocused(toolbar.getByLabel('Tag for the highlight'))).toBe(true);
    const pending = reader.locator('.doc-text .pending');
    expect((await pending.allTextContents()).join('')).toBe(SHARED);
    const colours = await pending.evaluateAll((els) => els.map((el) => getComputedStyle(el).backgroundColor));
    const sharedColour = await reader.locator('.doc-text .shared:not(.pending)').first().evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(new Set(colours).size).toBe(1);
    expect(colours[0]).not.toBe(sharedColour);
    /** How far below the passage's last line the toolbar's top edge stands, in px (negative: over it). */
    const gap = () =>
      reader.evaluate((root) => {
        const bottom = Math.max(...[...root.querySelectorAll('.doc-text .pending')].map((p) => p.getBoundingClientRect().bottom));
        return Math.round(root.querySelector('.selection-toolbar')!.getBoundingClientRect().top - bottom);
      });
    expect(await gap()).toBeGreaterThanOrEqual(0);
    expect(await gap()).toBeLessThan(20);
    // A narrower window rewraps the text; the toolbar follows the passage instead of covering it.
    const wide = page.viewportSize()!;
    await page.setViewportSize({ width: 1024, height: 700 });
    await expect.poll(gap).toBeGreaterThanOrEqual(0);
    expect(await gap()).toBeLessThan(20);
    await reader.locator('.selection-toolbar').scrollIntoViewIfNeeded();
    await shot(page, 'reader-highlight-toolbar-narrow');
    await page.setViewportSize(wide);
    await page.keyboard.press('Escape');
    await expect.poll(() => toolbar.count()).toBe(0);
    expect(await reader.locator('.doc-text .pending').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('draws own highlights in their tag’s colour over shared passages, and offers each of overlapping ones', async () => {
    const { page, errors } = await openPage(browser(), served().url);
    await library(page).getByRole('option', { name: REWRITE }).click();
    await library(page).getByRole('button', { name: `Open ${WIRE} to the side` }).click();
    const left = page.getByRole('region', { name: /^Reader 1: After the USA/ });
    await expect.poll(() => page.getByRole('region', { name: /^Reader 2: Russian Mercenaries Arrive/ }).count()).toBe(1);
    await expect.poll(() => left.locator('.doc-text .shared').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    await expect.poll(() => left.locator('.doc-text .shared').filter({ hasText: 'chartered' }).count()).toBeGreaterThan(0);

    await highlight(page, /^Reader 1:/, SHARED, 'Flights');
    await highlight(page, /^Reader 1:/, OWN, 'Flights');
    // Inside the shared passage the highlight keeps its tag's colour, as it has outside.
    await expect.poll(() => background(left, 'chartered')).toBe(await background(left, 'agitating'));

    // Two highlights over the same words: both show, and a click offers each.
    await highlight(page, /^Reader 1:/, OVERLAP, 'Accusation');
    const both = left.locator('.doc-text .hl').filter({ hasText: 'the USA of agitating' }).first();
    await expect.poll(() => both.evaluate((el) => (getComputedStyle(el).boxShadow.match(/inset/g) ?? []).length)).toBe(2);
    await both.click();
    const menu = page.getByRole('menu', { name: 'Highlights here' });
    await expect.poll(() => menu.getByRole('menuitem').count()).toBe(2);
    await shot(page, 'reader-overlapping-highlights');
    await menu.getByRole('menuitem', { name: /Accusation/ }).click();
    const popover = page.getByRole('dialog', { name: 'Highlight' });
    await expect.poll(() => popover.textContent()).toContain('Accusation');
    expect(await popover.textContent()).not.toContain('Flights');
    expect(errors).toEqual([]);
  });

  it('renders a Markdown article as formatted text, with hits and highlights on the right words', async () => {
    const { page, errors } = await openPage(browser(), served().url);
    await library(page).getByRole('option', { name: WIRE }).click();
    const reader = page.getByRole('region', { name: /^Reader 1: Russian Mercenaries Arrive/ });
    const text = reader.getByLabel('Document text');
    await expect.poll(() => text.evaluate((el) => (el as HTMLElement).innerText)).toContain('Cuba connection?');
    const shown = await text.evaluate((el) => (el as HTMLElement).innerText);
    expect(shown).not.toMatch(/###|\*\*|\]\(#\)/);
    expect(shown).toContain("Related article: Putin's Needy Little Helpers Are Ruining Russia (Op-ed)");
    const heading = reader.locator('.md-h3').filter({ hasText: 'Cuba connection?' });
    expect(await heading.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThan(
      await text.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize)),
    );
    expect(await heading.evaluate((el) => getComputedStyle(el).fontWeight)).toBe('700');

    await page.getByRole('searchbox', { name: 'Search' }).fill('Cuba');
    await expect.poll(() => reader.getByRole('status').textContent()).toMatch(/^Hit 1 of \d+$/);
    const hits = await reader.locator('.doc-text .hit').allTextContents();
    expect(hits.length).toBeGreaterThan(1);
    for (const h of hits) expect(h).toMatch(/^cuba/i);

    await highlight(page, /^Reader 1:/, 'Cuba connection?', 'Heading');
    await reader.locator('.doc-text .hl').filter({ hasText: 'connection?' }).first().click();
    await expect.poll(() => page.getByRole('dialog', { name: 'Highlight' }).locator('blockquote').textContent()).toBe('Cuba connection?');
    await page.getByRole('dialog', { name: 'Highlight' }).getByRole('button', { name: 'Close' }).click();
    await reader.locator('.doc-text .md-h3').first().scrollIntoViewIfNeeded();
    await shot(page, 'reader-markdown');
    expect(errors).toEqual([]);
  });

  it('shows a saved page rendered in a locked frame, its source one click away', async () => {
    const { page, errors } = await openPage(browser(), served().url);
    await page.getByLabel('Files to import').setInputFiles(join(ROOT, 'tests/fixtures/html-news/guardian-1/source.html'));
    const summary = page.getByRole('dialog', { name: 'Import summary' });
    await expect.poll(() => summary.textContent(), { timeout: 60_000 }).toContain('1 imported');
    await summary.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('searchbox', { name: 'Search' }).fill('title:whale');
    await library(page).getByRole('option', { name: /^'What is the sea telling us/ }).click();
    const reader = page.getByRole('region', { name: /^Reader 1: 'What is the sea telling us/ });
    await reader.getByRole('button', { name: 'Original' }).click();
    const frame = reader.locator('iframe[title="Original page"]');
    await expect.poll(() => frame.count()).toBe(1);
    expect(await frame.getAttribute('sandbox')).toBe('');
    const srcdoc = (await frame.getAttribute('srcdoc')) ?? '';
    expect(srcdoc).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
    expect(srcdoc).not.toMatch(/<script|javascript:|\son\w+=|src="https?:/i);
    await expect.poll(() => reader.frameLocator('iframe[title="Original page"]').locator('body').textContent()).toContain('Māori tribes fearful over whale strandings');
    await shot(page, 'reader-original-page');
    await reader.getByRole('button', { name: 'Source' }).click();
    await expect.poll(() => reader.getByLabel('Original file').textContent()).toMatch(/<!DOCTYPE html>/i);
    await reader.getByRole('button', { name: 'Page', exact: true }).click();
    await expect.poll(() => frame.count()).toBe(1);
    await reader.getByRole('button', { name: 'Text' }).click();
    await expect.poll(() => reader.getByLabel('Document text').count()).toBe(1);
    expect(errors).toEqual([]);
  });

  // Reuses what the tests above made (highlights, the saved page): one workspace for the file.
  it('looks right in the dark: highlights, Markdown, a note and the original page', async () => {
    const { page, errors } = await openPage(browser(), served().url, { colorScheme: 'dark' });
    await library(page).getByRole('option', { name: REWRITE }).click();
    await library(page).getByRole('button', { name: `Open ${WIRE} to the side` }).click();
    const left = page.getByRole('region', { name: /^Reader 1: After the USA/ });
    await expect.poll(() => left.locator('.doc-text .hl').count()).toBeGreaterThan(0);
    await left.locator('.doc-text .hl').filter({ hasText: 'chartered' }).first().scrollIntoViewIfNeeded();
    await page.getByRole('region', { name: /^Reader 2:/ }).locator('.doc-text .md-h3').first().scrollIntoViewIfNeeded();
    await shot(page, 'reader-dark-highlights-markdown');
    const notes = page.getByRole('complementary', { name: 'Notes' });
    const before = await notes.locator('.note-card').count();
    await notes.getByRole('button', { name: 'New note on this document' }).click();
    // Typed at once after "New note": every character lands in the note, none presses a button.
    await page.keyboard.type('## A heading in a note\n\nIt should stay a sane size.');
    await expect.poll(() => page.getByLabel('Note text (Markdown)').inputValue()).toBe('## A heading in a note\n\nIt should stay a sane size.');
    await expect.poll(() => notes.getByRole('status').filter({ hasText: /^(Saved|Saving…|Editing)$/ }).textContent()).toBe('Saved');
    await expect.poll(() => notes.locator('.note-card').count()).toBe(before + 1);
    await notes.getByRole('tab', { name: 'Preview' }).click();
    const heading = notes.getByLabel('Note editor').getByRole('heading', { name: 'A heading in a note' });
    // A heading in a note is a heading, at the size of the panel's text, not a page title.
    expect(await heading.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize))).toBeLessThanOrEqual(18);
    await shot(page, 'notes-dark-preview');
    await notes.getByRole('button', { name: 'Done' }).click();

    // A free note linking the wire report and a passage in it is listed once under "Linking here".
    await notes.getByRole('button', { name: 'New free note' }).click();
    await page.keyboard.type('Compare the wire: ');
    const linker = notes.getByRole('combobox', { name: 'Insert a link to a document or passage' });
    const options = await linker.locator('option').evaluateAll((os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? '' })));
    await linker.selectOption(options.find((o) => o.label.startsWith('Document: Russian Mercenaries Arrive'))!.value);
    await linker.selectOption(options.find((o) => o.label.includes('Cuba connection?'))!.value);
    await expect.poll(() => notes.getByRole('status').filter({ hasText: /^(Saved|Saving…|Editing)$/ }).textContent()).toBe('Saved');
    await notes.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('region', { name: /^Reader 2: Russian Mercenaries Arrive/ }).click({ position: { x: 5, y: 5 } });
    const linking = notes.locator('.note-card').filter({ hasText: 'Compare the wire' });
    await expect.poll(() => linking.locator('.note-label').allTextContents()).toEqual(['Links to this document and a passage here']);

    // The chooser over overlapping highlights, and a saved page, in the dark, in a small window.
    await page.setViewportSize({ width: 1024, height: 700 });
    await left.locator('.doc-text .hl').filter({ hasText: 'the USA of agitating' }).first().click();
    const menu = page.getByRole('menu', { name: 'Highlights here' });
    await expect.poll(() => menu.getByRole('menuitem').count()).toBe(2);
    await shot(page, 'reader-dark-overlapping-highlights');
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.count()).toBe(0);
    // At 1024 px with two readers the library is folded to its rail, and a reader's tools are in its ⋯ menu.
    await page.getByRole('button', { name: 'Show the library' }).click();
    await library(page).getByRole('option', { name: /^'What is the sea telling us/ }).click();
    const reader = page.getByRole('region', { name: /^Reader 1: 'What is the sea telling us/ });
    await reader.getByRole('button', { name: 'Reader tools' }).click();
    await page.getByRole('menuitem', { name: 'Show the original' }).click();
    await expect.poll(() => reader.frameLocator('iframe[title="Original page"]').locator('body').textContent()).toContain('Māori tribes');
    await shot(page, 'reader-dark-original-page');
    expect(errors).toEqual([]);
  });
});
