import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, inject } from 'vitest';
import { Workspace, type OpenWorkspaceOptions } from '../electron/core/workspace';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A closed workspace holding the five seeds, imported by the test setup (global-setup.ts). */
    seedsTemplate: string;
    /** The same, with the cross-source analysis done (global-setup.ts). */
    analysedSeeds: string;
    /** The seeds and the 25 news pages of tests/fixtures/html-news, analysed; ready once the file exists (global-setup.ts). */
    analysedNews: string;
  }
}

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SEEDS = join(ROOT, 'seeds');

const dirs: string[] = [];
const open: Workspace[] = [];

afterEach(() => {
  while (open.length) {
    try {
      open.pop()!.close();
    } catch {
      // already closed by the test
    }
  }
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

/** A fresh temporary folder, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'workbench-test-'));
  dirs.push(dir);
  return dir;
}

/**
 * A new workspace file in a temporary folder: with the seeds unless told otherwise. With no
 * options it is a copy of the seeds imported once by the test setup (same documents, ids and
 * saved index); pass options, e.g. `{ importPaths: [SEEDS] }`, to import them afresh.
 */
export async function newWorkspace(options: OpenWorkspaceOptions = {}): Promise<Workspace> {
  const file = join(tempDir(), 'test.workspace');
  if (Object.keys(options).length === 0) {
    copyFileSync(inject('seedsTemplate'), file);
    const ws = await Workspace.open(file);
    open.push(ws);
    return ws;
  }
  const ws = await Workspace.open(file, { create: true, ...options });
  open.push(ws);
  return ws;
}

/** A new workspace with the seeds already analysed: a copy of the one the test setup analysed. */
export async function analysedWorkspace(): Promise<Workspace> {
  const file = join(tempDir(), 'analysed.workspace');
  copyFileSync(inject('analysedSeeds'), file);
  const ws = await Workspace.open(file);
  open.push(ws);
  return ws;
}

/**
 * A copy, at `file`, of the seeds and the 25 real news pages imported by `workbench import` and
 * analysed: built once by the test setup, while the first files run, rather than by every test file.
 */
export async function copyAnalysedNews(file: string): Promise<void> {
  const built = inject('analysedNews');
  // A cap for a hang, not a wait: the setup finishes in well under a minute on a busy machine.
  const deadline = Date.now() + 600_000;
  while (!existsSync(built)) {
    if (existsSync(`${built}.failed`)) throw new Error(`The test setup could not build the news workspace: ${readFileSync(`${built}.failed`, 'utf8')}`);
    if (Date.now() > deadline) throw new Error(`The test setup has not built ${built}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  copyFileSync(built, file);
}

export async function reopen(ws: Workspace): Promise<Workspace> {
  ws.close();
  const again = await Workspace.open(ws.file);
  open.push(again);
  return again;
}

/** Seed ids in import order: 000 → 1, 001 → 2, … */
export const SEED = { insight: 1, moscowTimes: 2, rewrite: 3, hispolitica: 4, fox: 5 } as const;
