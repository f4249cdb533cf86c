import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { BIN } from '../cli-helpers';
import { ROOT } from '../helpers';

/** Screenshots land here; CI keeps the folder. */
export const SHOTS = join(ROOT, 'tests/.artifacts/screenshots');

export interface Served {
  url: string;
  file: string;
  stop(): Promise<void>;
}

/**
 * Runs `workbench serve` on a workspace with the seeds (analysed), as `npm run serve` does after
 * building and the analysis. The folder lives as long as the server, not just one test.
 */
export async function serve(options: { file?: string; args?: string[] } = {}): Promise<Served> {
  const dir = mkdtempSync(join(tmpdir(), 'workbench-e2e-'));
  const file = options.file ?? join(dir, 'e2e.workspace');
  // The seeds as a new workspace gets them, analysed once by the test setup rather than by every server.
  if (!options.file) copyFileSync(inject('analysedSeeds'), file);
  const child: ChildProcess = spawn(process.execPath, [BIN, 'serve', file, ...(options.args ?? [])], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 120_000); // a cap for a hang, not a wait
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
  return {
    url,
    file,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
      }),
  };
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/**
 * The pages a test opened are closed after it: left open, each went on re-rendering on every change
 * the server announced (the later tests' imports, tags, notes), for nothing, on the same two cores.
 */
const contexts: BrowserContext[] = [];
afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
});

export async function openPage(browser: Browser, url: string, options: { colorScheme?: 'light' | 'dark'; waitForLibrary?: boolean } = {}): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true, colorScheme: options.colorScheme ?? 'light' });
  contexts.push(context);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  // Nothing may leave the machine: fail any request that is not to the server itself.
  const origin = new URL(url).origin;
  await page.route('**/*', (route) => (route.request().url().startsWith(origin) || route.request().url().startsWith('blob:') || route.request().url().startsWith('data:') ? route.continue() : route.abort()));
  // Fail with the step that hangs, well within the test's time; generous, for a busy machine.
  page.setDefaultTimeout(30_000);
  await page.goto(url);
  // The interface is up once the library has rendered (keyboard shortcuts are bound by then).
  if (options.waitForLibrary !== false) await page.getByRole('listbox', { name: 'Documents' }).waitFor();
  return { page, errors };
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** Selects characters [start, end) of a reader's text, as a mouse drag would, and releases the mouse. */
export async function selectText(page: Page, readerName: RegExp, passage: string): Promise<void> {
  const reader = page.getByRole('region', { name: readerName });
  const text = reader.getByLabel('Document text');
  await text.evaluate((root, wanted) => {
    const body = root.textContent ?? '';
    const start = body.indexOf(wanted);
    if (start < 0) throw new Error(`passage not in the text: ${wanted}`);
    const end = start + wanted.length;
    const locate = (offset: number, preferEnd: boolean): [Node, number] => {
      for (const span of root.querySelectorAll<HTMLElement>('[data-start]')) {
        const s = Number(span.dataset.start);
        const len = span.textContent!.length;
        if (offset > s + len || offset < s) continue;
        if (offset === s + len && !preferEnd) continue;
        return [span.firstChild!, offset - s];
      }
      throw new Error(`no text node at ${offset}`);
    };
    const range = document.createRange();
    range.setStart(...locate(start, false));
    range.setEnd(...locate(end, true));
    const sel = window.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
    root.closest('.reader-scroll')!.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
  }, passage);
}

/** One served workspace and one browser for the tests of a file. */
export function servedWorkbench(): { browser: () => Browser; served: () => Served } {
  let browser: Browser;
  let served: Served;
  beforeAll(async () => {
    served = await serve();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });
  return { browser: () => browser, served: () => served };
}
