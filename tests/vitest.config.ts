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
    pool: 'forks',
    globalSetup: ['tests/global-setup.ts'],
    // The CLI and the shells keep backups in the app's data folder: in tests, a temporary one, never the user's.
    env: { WORKBENCH_DATA_DIR: mkdtempSync(join(tmpdir(), 'workbench-data-')) },
  },
});
