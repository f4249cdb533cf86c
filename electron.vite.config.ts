import react from '@vitejs/plugin-react';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import { resolve } from 'node:path';

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          // The engine's workers, built beside the main process (see OpenWorkspaceOptions.workers).
          'import-worker': resolve(__dirname, 'electron/core/import/import-worker.ts'),
          'parse-worker': resolve(__dirname, 'electron/core/import/parse-worker.ts'),
          'analysis-worker': resolve(__dirname, 'electron/core/analysis/analysis-worker.ts'),
          // The thread that owns the workspace, off the window's (see electron/core/api/session-host.ts).
          'session-worker': resolve(__dirname, 'electron/core/api/session-worker.ts'),
        },
      },
    },
  },
  preload: {
    // Bundled whole: a sandboxed preload can require nothing but electron.
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
