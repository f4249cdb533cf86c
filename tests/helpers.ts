import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
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

export async function reopen(ws: Workspace): Promise<Workspace> {
  ws.close();
  const again = await Workspace.open(ws.file);
  open.push(again);
  return again;
}

/** Seed ids in import order: 000 → 1, 001 → 2, … */
export const SEED = { insight: 1, moscowTimes: 2, rewrite: 3, hispolitica: 4, fox: 5 } as const;
