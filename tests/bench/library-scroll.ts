/**
 * Scrolling the library of a large workspace in Chromium, as a user flicking through it: the
 * built interface served by `workbench serve`, the list scrolled a screen per frame, then
 * dragged to far places, and every frame's length taken from requestAnimationFrame. Beside
 * it, the same browser scrolling a plain page that holds the same number of rows in its
 * HTML (no script, no virtual list): what the browser alone does.
 * Needs `npm run build` and Chromium. Alone: `node --import tsx tests/bench/library-scroll.ts <file.workspace>`.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'electron/core/cli/bin.js');

export interface ScrollFrames {
  frames: number;
  p50: number;
  p95: number;
  /** Frames longer than 20 ms, of all. */
  slow: number;
  /** Rows still drawn as "…" (their page not in yet) half a second after each jump, at most. */
  placeholders: number;
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

/**
 * Runs in the page (plain JavaScript: the bench is typed without the DOM). Scrolls the list a
 * screen each frame for `frames` frames, then jumps far and back as a dragged scrollbar does,
 * recording each frame's length and the rows still drawn as placeholders after each jump.
 */
const SCROLL = `async ({ selector, frames }) => {
  const list = document.querySelector(selector);
  const deltas = [];
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  let last = await frame();
  const step = list.clientHeight;
  for (let i = 0; i < frames; i++) {
    list.scrollTop += step;
    const now = await frame();
    deltas.push(now - last);
    last = now;
  }
  let placeholders = 0;
  for (const at of [0.5, 0.9, 0.1, 0.73]) {
    list.scrollTop = at * list.scrollHeight;
    last = await frame();
    for (let i = 0; i < 30; i++) {
      const now = await frame();
      deltas.push(now - last);
      last = now;
    }
    await new Promise((r) => setTimeout(r, 500));
    placeholders = Math.max(placeholders, list.querySelectorAll('.placeholder').length);
  }
  return { deltas, placeholders };
}`;

async function scrollFrames(page: Page, selector: string, frames: number): Promise<{ deltas: number[]; placeholders: number }> {
  return page.evaluate(`(${SCROLL})(${JSON.stringify({ selector, frames })})`) as Promise<{ deltas: number[]; placeholders: number }>;
}

const summary = (r: { deltas: number[]; placeholders: number }): ScrollFrames => ({
  frames: r.deltas.length,
  p50: percentile(r.deltas, 50),
  p95: percentile(r.deltas, 95),
  slow: r.deltas.filter((d) => d > 20).length / r.deltas.length,
  placeholders: r.placeholders,
});

export async function benchLibraryScroll(file: string, rows: number, workDir: string): Promise<{ workbench: ScrollFrames; plain: ScrollFrames }> {
  if (!existsSync(join(ROOT, 'out/renderer/index.html'))) throw new Error('the interface is not built: run `npm run build`');
  // A copy: `serve` starts the analysis of what it opens, which would change the workspace the
  // bench goes on to measure (its size without the analysis at 10,000 documents: 26-29 MB, not 21).
  const served = join(workDir, 'scroll.workspace');
  copyFileSync(file, served);
  const child = spawn(process.execPath, [BIN, 'serve', served], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
    });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(url);
    const list = page.getByRole('listbox', { name: 'Documents' });
    await list.waitFor({ timeout: 600_000 });
    await page.getByRole('region', { name: 'Library' }).getByText(/^[\d,]+ documents$/).waitFor({ timeout: 600_000 });
    const workbench = summary(await scrollFrames(page, '[role=listbox][aria-label=Documents]', 300));

    // The browser alone: the same number of rows written out in one page.
    const plainFile = join(workDir, 'plain-list.html');
    const row = (i: number) => `<div class="r"><b>Document ${i}</b><br>Outlet · 2019-01-26<br>A line of text from document ${i}</div>`;
    writeFileSync(
      plainFile,
      `<!doctype html><style>#l{height:800px;overflow:auto}.r{height:78px;border-bottom:1px solid #ddd;font:13px sans-serif}</style><div id="l">${Array.from({ length: rows }, (_, i) => row(i)).join('')}</div>`,
    );
    const plainPage = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await plainPage.goto(`file://${plainFile}`);
    const plain = summary(await scrollFrames(plainPage, '#l', 300));
    return { workbench, plain };
  } finally {
    await browser.close();
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    }
    for (const f of [served, `${served}-wal`, `${served}-shm`, `${served}.lock`]) rmSync(f, { force: true });
  }
}

export function printLibraryScroll(r: { workbench: ScrollFrames; plain: ScrollFrames }, rows: number): void {
  const line = (name: string, f: ScrollFrames) =>
    `| ${name} | ${f.frames} | ${f.p50.toFixed(1)} ms | ${f.p95.toFixed(1)} ms | ${(f.slow * 100).toFixed(1)}% | ${f.placeholders} |`;
  console.log(`### Scrolling the library in Chromium (${rows.toLocaleString('en')} rows, a screen a frame, then four far jumps)\n`);
  console.log('| list | frames | frame p50 | frame p95 | frames over 20 ms | rows still "…" 0.5 s after a jump |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  console.log(line('workbench library (virtual list, pages fetched as they show)', r.workbench));
  console.log(line('plain page with every row in its HTML (the browser alone)', r.plain));
  console.log(`\nGoal at 100,000 documents: frame p95 ≤ 20 ms.\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: library-scroll.ts <file.workspace> [rows]');
  const rows = Number(process.argv[3] ?? 100_000);
  printLibraryScroll(await benchLibraryScroll(file, rows, join(file, '..')), rows);
}
