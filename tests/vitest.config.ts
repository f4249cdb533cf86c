import { defineConfig } from 'vitest/config';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    // Many tests start the real CLI or a browser; on a busy 2-core machine one start can take 10 s.
    // A limit is for a test that hangs, not a measure of speed (that is `npm run bench`).
    testTimeout: 300_000,
    hookTimeout: 120_000,
    // expect.poll waits until its condition holds; 1 s (vitest's default) is less than a busy
    // 2-core machine can take to render a highlight. A cap for a hang, not a wait.
    expect: { poll: { timeout: 30_000, interval: 50 } },
    pool: 'forks',
    // Two at a time on a 2-core machine (vitest's default leaves one core idle): most tests
    // wait on a worker thread, a CLI process or Chromium, so two files overlap well.
    maxWorkers: 2,
    globalSetup: ['tests/global-setup.ts'],
    // The CLI and the shells keep backups in the app's data folder: in tests, a temporary one, never the user's.
    env: {
      WORKBENCH_DATA_DIR: mkdtempSync(join(tmpdir(), 'workbench-data-')),
      // The import and analysis workers as global-setup.ts has just built them from this source:
      // a worker then starts without compiling TypeScript, as in the CLI and the app.
      WORKBENCH_WORKERS_DIR: join(root, 'out/cli'),
    },
  },
});
