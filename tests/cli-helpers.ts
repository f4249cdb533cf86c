import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { ROOT, tempDir } from './helpers';

export const BIN = join(ROOT, 'electron/core/cli/bin.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `workbench` command, as a user would. */
export function cli(args: string[], input?: string): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input, env: { ...process.env, WORKBENCH_WORKSPACE: '' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export function cliJson<T = unknown>(args: string[]): T {
  const r = cli([...args, '--json']);
  if (r.code !== 0) throw new Error(`workbench ${args.join(' ')} exited ${r.code}: ${r.stderr}${r.stdout}`);
  return JSON.parse(r.stdout) as T;
}

export function cliAsync(args: string[]) {
  return spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * A workspace file holding the seeds as `workbench init` makes them: a copy of the one the
 * test setup imported, for tests about other commands (init itself is tested in cli.test.ts).
 */
export function seededFile(name = 'cli.workspace'): string {
  const file = join(tempDir(), name);
  copyFileSync(inject('seedsTemplate'), file);
  return file;
}

/** The same, analysed: for a test that serves it, which would otherwise analyse the seeds first. */
export function analysedFile(name = 'cli.workspace'): string {
  const file = join(tempDir(), name);
  copyFileSync(inject('analysedSeeds'), file);
  return file;
}
