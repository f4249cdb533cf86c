import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openPage, selectText, servedWorkbench, shot } from './harness';

const WIRE = "Russian Mercenaries Arrive in Venezuela to Shore Up Maduro's Rule";
const REWRITE = /^After the USA has threatened to intervene in Venezuela/;
const WIRE_SENTENCE = 'A Russian Ilyushin-96 flew into Havana late on Wednesday after starting its journey in Moscow and flying via Senegal and Paraguay, the data showed.';
const REWRITE_SENTENCE = 'A Russian Ilyushin-96 flew into Havana late on Wednesday after starting its journey in Moscow and flying via Senegal and Paraguay.';

const wb = servedWorkbench();

describe('a researcher follows the Ilyushin flight across two outlets', () => {
  it('searches, reads side by side, steps through hits, highlights, tags, links them in a note, reloads and exports', async () => {
    const { page, errors } = await openPage(wb.browser(), wb.served().url);
    const documents = page.getByRole('listbox', { name: 'Documents' });

    // 1. Search Ilyushin: exactly the two documents that mention it.
    await page.getByRole('searchbox', { name: 'Search' }).fill('Ilyushin');
    await expect.poll(() => documents.getByRole('option').count()).toBe(2);
    await expect.poll(() => page.getByRole('status').filter({ hasText: /documents?$/ }).first().textContent()).toBe('2 documents');
    const names = await documents.getByRole('option').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label')));
    expect(names[0]).toBe(WIRE);
    expect(names[1]).toMatch(REWRITE);
    await expect.poll(() => documents.locator('mark').first().textContent()).toBe('Ilyushin');
    await shot(page, '1-search');

    // 2. Open them side by side.
    await documents.getByRole('option', { name: WIRE }).click();
    await documents.getByRole('button', { name: /^Open After the USA.* to the side$/ }).click();
    const left = page.getByRole('region', { name: /^Reader 1: Russian Mercenaries Arrive/ });
    const right = page.getByRole('region', { name: /^Reader 2: After the USA/ });
    await expect.poll(() => left.getByRole('heading', { level: 2 }).textContent()).toBe(WIRE);
    await expect.poll(() => right.getByRole('heading', { level: 2 }).textContent()).toMatch(REWRITE);

    // 3. Step through the hits: buttons, Enter and F3.
    const leftCount = left.getByRole('status');
    await expect.poll(() => leftCount.textContent()).toBe('Hit 1 of 3');
    await left.getByRole('button', { name: 'Next hit' }).click();
    await expect.poll(() => leftCount.textContent()).toBe('Hit 2 of 3');
    await left.getByLabel('Document', { exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => leftCount.textContent()).toBe('Hit 3 of 3');
    await page.keyboard.press('F3');
    await expect.poll(() => leftCount.textContent()).toBe('Hit 1 of 3');
    await page.keyboard.press('Shift+Enter');
    await expect.poll(() => leftCount.textContent()).toBe('Hit 3 of 3');
    await expect.poll(() => left.locator('.hit.current').textContent()).toBe('Ilyushin');
    await expect.poll(() => right.getByRole('status').textContent()).toBe('Hit 1 of 1');
    await shot(page, '2-side-by-side');

    // 4. Highlight the flight in each and tag both with a new tag.
    await selectText(page, /^Reader 1:/, WIRE_SENTENCE);
    const toolbar = page.getByRole('dialog', { name: 'Highlight the selection' });
    await toolbar.getByLabel('Tag for the highlight').fill('Flight evidence');
    await shot(page, '3-highlight-toolbar');
    await toolbar.getByRole('button', { name: 'Highlight', exact: true }).click();
    await expect.poll(() => left.locator('.hl').count()).toBeGreaterThan(0);
    await selectText(page, /^Reader 2:/, REWRITE_SENTENCE);
    await toolbar.getByLabel('Tag for the highlight').fill('Flight evidence');
    await toolbar.getByRole('button', { name: 'Highlight', exact: true }).click();
    await expect.poll(() => right.locator('.hl').count()).toBeGreaterThan(0);
    const tagButton = page.getByRole('button', { name: /^Filter by tag Flight evidence/ });
    await expect.poll(() => tagButton.getAttribute('aria-label')).toBe('Filter by tag Flight evidence: 0 documents, 2 highlights');
    // The highlight is drawn in its tag's colour, and clicking it shows its tag.
    const color = await left.locator('.hl').first().evaluate((el) => getComputedStyle(el).getPropertyValue('--hl').trim());
    expect(color).toMatch(/^#[0-9a-f]{6}$/);
    await left.locator('.hl').first().click();
    const popover = page.getByRole('dialog', { name: 'Highlight' });
    await expect.poll(() => popover.textContent()).toContain('Flight evidence');
    await popover.getByRole('button', { name: 'Close' }).click();

    // 5. A note that links the two passages.
    await left.click({ position: { x: 5, y: 5 } });
    await page.getByRole('button', { name: 'New note on this document' }).click();
    const editor = page.getByLabel('Note text (Markdown)');
    await editor.fill('The rewrite copies the wire word for word: ');
    const linker = page.getByRole('combobox', { name: 'Insert a link to a document or passage' });
    const passages = await linker.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter((v) => v.includes('(hl:')));
    expect(passages).toHaveLength(2);
    await linker.selectOption(passages[0]!);
    await editor.press('End');
    await editor.pressSequentially(' and ');
    await linker.selectOption(passages[1]!);
    await expect.poll(() => page.getByRole('status').filter({ hasText: /^(Saved|Saving…|Editing)$/ }).textContent(), { timeout: 30_000 }).toBe('Saved');
    await page.getByRole('tab', { name: 'Preview' }).click();
    await expect.poll(() => page.locator('.note-editor .markdown a').count()).toBe(2);
    await shot(page, '4-note-with-links');

    // 6. Reload: everything is still there.
    await page.reload();
    const left2 = page.getByRole('region', { name: /^Reader 1: Russian Mercenaries Arrive/ });
    const right2 = page.getByRole('region', { name: /^Reader 2: After the USA/ });
    await expect.poll(() => left2.locator('.hl').count()).toBeGreaterThan(0);
    await expect.poll(() => right2.locator('.hl').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('button', { name: /^Filter by tag Flight evidence/ }).count()).toBe(1);
    await left2.click({ position: { x: 5, y: 5 } });
    const noteCard = page.locator('.note-card').filter({ hasText: 'The rewrite copies the wire' });
    await expect.poll(() => noteCard.first().locator('a').count()).toBe(2);
    // Following a passage link opens the passage.
    await noteCard.first().locator('a').nth(1).click();
    await expect.poll(() => page.getByRole('region', { name: /^Reader 1: After the USA/ }).count()).toBe(1);
    await shot(page, '5-after-reload');

    // 7. Export Markdown: both quotes, with their titles.
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export highlights and notes' });
    await dialog.getByRole('radio', { name: /Markdown/ }).check();
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export' }).click()]);
    const markdown = readFileSync((await download.path())!, 'utf8');
    expect(markdown).toContain('## Flight evidence');
    expect(markdown).toContain(`> ${WIRE_SENTENCE}`);
    expect(markdown).toContain(`> ${REWRITE_SENTENCE}`);
    expect(markdown).toContain(`*${WIRE}*, The Moscow Times, 2019-01-26`);
    expect(markdown).toContain('*After the USA has threatened to intervene in Venezuela');
    expect(errors).toEqual([]);
  });
});
