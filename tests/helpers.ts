import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { Workspace, type OpenWorkspaceOptions } from '../electron/core/workspace';

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

/** A new workspace file in a temporary folder: with the seeds unless told otherwise. */
export async function newWorkspace(options: OpenWorkspaceOptions = {}): Promise<Workspace> {
  const ws = await Workspace.open(join(tempDir(), 'test.workspace'), { create: true, ...options });
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
