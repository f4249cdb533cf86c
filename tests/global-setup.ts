// Tests run the real `workbench` command, which is the CLI compiled to out/cli: build it
// from the source under test first (well under a second), so a test never runs a stale build.
// Then one workspace with the seeds imported, which newWorkspace() copies instead of starting
// an import (two worker threads) for each of the eighty tests that only need the seeds; and a copy analysed.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
// @ts-expect-error -- a plain ES module of the build, without type declarations
import { buildCli } from '../electron/build/build-cli.mjs';

export default async function setup(project: TestProject): Promise<() => void> {
  await buildCli();
  process.env.WORKBENCH_WORKERS_DIR = join(project.config.root, 'out/cli');
  const { Workspace } = await import('../electron/core/workspace');
  const dir = mkdtempSync(join(tmpdir(), 'workbench-seeds-template-'));
  const file = join(dir, 'seeds.workspace');
  const ws = await Workspace.open(file, { create: true, backgroundAnalysis: false });
  ws.close();
  project.provide('seedsTemplate', file);
  // The same, analysed: for the tests of what the analysis found, and every served end-to-end workspace,
  // which would otherwise each start an analysis worker for the same five documents.
  const analysed = join(dir, 'seeds-analysed.workspace');
  copyFileSync(file, analysed);
  const copy = await Workspace.open(analysed, { backgroundAnalysis: false });
  await copy.analyze();
  copy.close();
  project.provide('analysedSeeds', analysed);
  return () => rmSync(dir, { recursive: true, force: true });
}
