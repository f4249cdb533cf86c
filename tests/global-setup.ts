// Tests run the real `workbench` command, which is the CLI compiled to out/cli: build it
// from the source under test first (well under a second), so a test never runs a stale build.
// Then one workspace with the seeds imported, which newWorkspace() copies instead of starting
// an import (two worker threads) for each of the eighty tests that only need the seeds; and a copy analysed.
// And the seeds with the 25 real news pages, imported by the CLI and analysed, which the tests of the
// analysis on real news (unit and end-to-end) each used to build for themselves.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
  // Built while the first files run: the news tests wait for it (newsWorkspaceFile in helpers.ts).
  const news = join(dir, 'news-analysed.workspace');
  project.provide('analysedNews', news);
  const env = { ...process.env, ...project.config.env, WORKBENCH_WORKSPACE: '' };
  const building = buildNews(file, news, project.config.root, env).catch((err: unknown) => {
    writeFileSync(`${news}.failed`, err instanceof Error ? (err.stack ?? err.message) : String(err));
  });
  return async () => {
    await building;
    rmSync(dir, { recursive: true, force: true });
  };
}

/** The seeds, then `workbench import` of the news folder, then the analysis; moved to `target` once complete. */
async function buildNews(seeds: string, target: string, root: string, env: NodeJS.ProcessEnv): Promise<void> {
  const file = `${target}.partial`;
  copyFileSync(seeds, file);
  const bin = join(root, 'electron/core/cli/bin.js');
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, [bin, 'import', join(root, 'tests/fixtures/html-news'), '--json', '-w', file], { env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      // Exit 2: the folder's README and JSON files are not documents; the pages are.
      if (err && err.code !== 2) reject(new Error(`workbench import of tests/fixtures/html-news: ${err.message}\n${stderr}${stdout}`));
      else resolve();
    });
  });
  const { Workspace } = await import('../electron/core/workspace');
  const ws = await Workspace.open(file, { backgroundAnalysis: false });
  try {
    await ws.analyze();
  } finally {
    ws.close();
  }
  renameSync(file, target);
}
