import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../cli-helpers';
import { copyAnalysedNews } from '../helpers';
import { launch, openPage, serve, shot, type Served } from './harness';

const waitFor = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 60_000, interval: 200 });

interface TimelineJson {
  periods: Array<{ month: string; documents: Array<{ id: number; title: string }>; mentions: Array<{ documentId: number; date: string; text: string }> }>;
}

/**
 * The seeds and the 25 real news pages, imported by the command line and analysed before the browser
 * opens them: once, by the test setup, for this file and the other news tests.
 */
let served: Served;
let browser: Browser;
let dir: string;
let timeline: TimelineJson;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'workbench-news-e2e-'));
  const file = join(dir, 'news.workspace');
  const cli = (...args: string[]) => execFileSync(process.execPath, [BIN, ...args, '-w', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  await copyAnalysedNews(file);
  timeline = JSON.parse(cli('timeline', '--json')) as TimelineJson;
  served = await serve({ file });
  browser = await launch();
}, 900_000);
afterAll(async () => {
  await browser?.close();
  await served?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function tab(page: Page, name: string) {
  await page.getByRole('tablist', { name: 'Side panels' }).getByRole('tab', { name }).click();
}

describe('the analysis panels on the seeds and 25 real news pages', () => {
  it('gives, by `workbench timeline --json`, the documents and the dated mentions behind each month', () => {
    const jan = timeline.periods.find((p) => p.month === '2019-01')!;
    expect(jan.documents.map((d) => d.title)).toContain("Russian Mercenaries Arrive in Venezuela to Shore Up Maduro's Rule");
    expect(jan.mentions).toEqual(expect.arrayContaining([expect.objectContaining({ date: '2019-01-23', text: 'on Wednesday' })]));
    expect(timeline.periods.find((p) => p.month === '2023-05')?.mentions.filter((m) => m.documentId === 1) ?? []).toEqual([]);
  });

  it('lists the entities the texts are about, without function words or headline words', async () => {
    const { page, errors } = await openPage(browser, served.url);
    await tab(page, 'Entities');
    const entities = page.getByRole('list', { name: 'Entities' });
    await waitFor(() => entities.textContent()).toContain('Vladimir Putin');
    const names = await entities.getByRole('listitem').allTextContents();
    const top = names.slice(0, 20).join(' | ');
    for (const expected of ['United States', 'Venezuela', 'Nicolás Maduro']) expect(top).toContain(expected);
    expect(names.some((n) => /^The\b\s*\d/.test(n) || /^Que\b/.test(n))).toBe(false);
    expect(names.filter((n) => n.includes('Putin'))).toHaveLength(1);
    await shot(page, 'news-entities');
    expect(errors).toEqual([]);
  });

  it('shows figures with their scale in a table that fits its panel, disputed claims marked, and opens it wide', async () => {
    const { page, errors } = await openPage(browser, served.url);
    await tab(page, 'Figures');
    const table = page.getByRole('table', { name: 'Figures' });
    await waitFor(() => table.textContent()).toContain('6.4 million votes');
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('6,400,000');
    expect(text).toContain('disputed');
    expect(text).not.toContain('Tupolev');
    // The table is no wider than the panel that holds it.
    const fits = await table.evaluate((t) => t.getBoundingClientRect().width <= (t.closest('.side-body') as HTMLElement).clientWidth + 1);
    expect(fits).toBe(true);
    await shot(page, 'news-figures');
    // Open wide: the table takes the reader area, in place of the documents, and no dialog covers them.
    await page.getByRole('button', { name: 'Open wide' }).click();
    const view = page.getByRole('region', { name: 'Figures, wide' });
    const wide = view.getByRole('table', { name: 'Figures, wide' });
    await waitFor(() => wide.textContent()).toContain('Russians');
    expect(await page.getByRole('dialog').count()).toBe(0);
    const widths = await wide.evaluate((t) => [t.getBoundingClientRect().width, (document.querySelector('.side-body') as HTMLElement).clientWidth]);
    expect(widths[0]!).toBeGreaterThan(widths[1]!);
    // It stands where the reader stands: inside the readers' panel, between the library and the side panel.
    const inReaders = await view.evaluate((v) => {
      const r = v.getBoundingClientRect();
      const side = (document.querySelector('.side-body') as HTMLElement).getBoundingClientRect();
      return r.right <= side.left + 1 && r.height > window.innerHeight / 2;
    });
    expect(inReaders).toBe(true);
    // Keyboard: focus lands on the way back; the filter narrows the wide table.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Back to the reader');
    await view.getByRole('searchbox', { name: 'Filter wide figures' }).fill('Russians');
    await waitFor(() => wide.locator('tbody tr').count()).toBe(4);
    await view.getByRole('searchbox', { name: 'Filter wide figures' }).fill('');
    await shot(page, 'news-figures-wide');
    // Escape gives the reader area back to the documents.
    await page.keyboard.press('Escape');
    await waitFor(() => view.count()).toBe(0);
    await page.getByRole('button', { name: 'Open wide' }).focus();
    await page.keyboard.press('Enter');
    await waitFor(() => view.count()).toBe(1);
    await view.getByRole('button', { name: 'Back to the reader' }).click();
    await waitFor(() => view.count()).toBe(0);
    // A figure clicked in the wide table opens its document in the reader, at the figure.
    await page.getByRole('button', { name: 'Open wide' }).click();
    await view.getByRole('button', { name: 'about 2,000 Russian nationals' }).click();
    await waitFor(() => view.count()).toBe(0);
    await waitFor(() => page.getByRole('region', { name: /^Reader 1: Russian Mercenaries Providing Muscle/ }).count()).toBe(1);
    await shot(page, 'news-figures-wide-back');
    expect(errors).toEqual([]);
  });

  it('leads from a bar of the timeline to its documents and the dates the texts mention', async () => {
    const { page, errors } = await openPage(browser, served.url);
    await tab(page, 'Timeline');
    await waitFor(() => page.locator('.timeline-chart canvas').count()).toBe(1);
    await page.getByRole('button', { name: 'What stands behind 2019-01' }).click();
    const detail = page.getByRole('region', { name: 'Behind 2019-01' });
    await waitFor(() => detail.getByRole('list', { name: 'Published in 2019-01' }).textContent()).toContain('Russian Mercenaries Arrive in Venezuela');
    expect(await detail.getByRole('list', { name: 'Mentioned in 2019-01' }).textContent()).toContain('on Wednesday');
    await shot(page, 'news-timeline-month');
    // A click on a bar of the chart lists that month too.
    await detail.getByRole('button', { name: 'Close the month' }).click();
    const over = page.locator('.timeline-chart .u-over');
    const b = (await over.boundingBox())!;
    await page.mouse.click(b.x + b.width - 4, b.y + b.height - 4);
    await waitFor(() => page.locator('.timeline-detail').count()).toBe(1);
    await shot(page, 'news-timeline-bar');
    expect(errors).toEqual([]);
  });
});
