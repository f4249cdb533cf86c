/**
 * The desktop shell's first window, measured from the main process's start: the built
 * out/main/index.js run in Node with Electron mocked (tests/fixtures/electron-mock), on a
 * new data folder (the default workspace made with the seeds) and then on the same one again.
 * Reports when the first window was made and which packages the main thread had loaded then.
 * Needs `npm run build`. Alone: `node --import tsx tests/bench/first-window.ts`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = join(ROOT, 'out/main/index.js');
const PRELOAD = join(ROOT, 'tests/fixtures/electron-mock/preload.mjs');

export interface FirstWindow {
  /** Milliseconds from the process's start to the first BrowserWindow, with the default workspace still to be made. */
  newMs: number[];
  /** The same, opening the workspace made before. */
  againMs: number[];
  /** The packages the main thread had loaded when the first window was made. */
  packages: string[];
}

function once(dataDir: string): { ms: number; packages: string[] } {
  const log = join(dataDir, `modules-${Date.now()}.log`);
  const r = spawnSync(process.execPath, ['--import', PRELOAD, MAIN], { encoding: 'utf8', env: { ...process.env, WORKBENCH_DATA_DIR: dataDir, WORKBENCH_MODULE_LOG: log } });
  const line = r.stdout.split('\n')[0] ?? '';
  if (r.status !== 0 || !line.startsWith('{')) throw new Error(`the built main process failed (${r.status}): ${r.stderr}`);
  const answer = JSON.parse(line) as { firstWindowMs: number; info: { ok: boolean } };
  if (!answer.info.ok) throw new Error(`the first window's call failed: ${line}`);
  const lines = readFileSync(`${log}.first-window`, 'utf8').split('\n').filter(Boolean);
  const packages = [...new Set(lines.map((l) => (l.startsWith('@') ? l.split('/').slice(0, 2).join('/') : l.split('/')[0]!)))];
  return { ms: answer.firstWindowMs, packages };
}

export function benchFirstWindow(runs = 5): FirstWindow {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first.`);
  const result: FirstWindow = { newMs: [], againMs: [], packages: [] };
  for (let i = 0; i < runs; i++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'workbench-first-window-'));
    try {
      const fresh = once(dataDir);
      result.newMs.push(fresh.ms);
      result.againMs.push(once(dataDir).ms);
      result.packages = [...new Set([...result.packages, ...fresh.packages])];
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const r = benchFirstWindow();
  console.log(`first window, from the main process's start (Node, Electron mocked; median of ${r.newMs.length}):`);
  console.log(`  new data folder (the default workspace made meanwhile): ${median(r.newMs)} ms`);
  console.log(`  again (the workspace opened meanwhile): ${median(r.againMs)} ms`);
  console.log(`  packages loaded by the main thread by then: ${r.packages.join(', ') || 'none'}`);
}
