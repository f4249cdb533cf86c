// Compiles the `workbench` CLI and the engine's workers to plain JavaScript in out/cli/, so
// that no TypeScript is compiled when a command starts. Runs from `npm install` (prepare),
// `npm run build` and the test setup; it takes well under a second.
//
// esbuild rather than a second electron-vite target: the CLI must not be bundled for
// Electron's runtime, and esbuild (already installed by vite and tsx) splits the dynamic
// imports into chunks of their own, which is what keeps each command's start light.
// Chunks sit beside the entries (out/cli is as deep as electron/core), so paths taken
// relative to import.meta.url (the seeds, the built renderer) resolve the same from both.
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const outdir = join(root, 'out/cli');

export async function buildCli() {
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: {
      main: 'electron/core/cli/main.ts',
      'import-worker': 'electron/core/import/import-worker.ts',
      'parse-worker': 'electron/core/import/parse-worker.ts',
      'analysis-worker': 'electron/core/analysis/analysis-worker.ts',
      // `workbench serve` hosts its workspace in this worker (see session-host.ts).
      'session-worker': 'electron/core/api/session-worker.ts',
    },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Libraries stay in node_modules and load when the code that needs them runs.
    packages: 'external',
    chunkNames: 'chunk-[hash]',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  // The module graph, for the test that keeps heavy libraries out of a command's start.
  writeFileSync(join(outdir, 'meta.json'), JSON.stringify(result.metafile));
  writeFileSync(join(outdir, 'package.json'), '{ "type": "module" }\n');
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
