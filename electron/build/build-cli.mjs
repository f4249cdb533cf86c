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

/**
 * Packages compiled into the CLI instead of loaded from node_modules, where Node resolves,
 * reads and compiles them file by file. The argument parser runs on every start, `--help`
 * included; zod (about 80 files) validates every call of a command that opens a workspace.
 * Together they were 25–40 ms of a command's start. zod stays in a chunk `--help` never loads.
 */
const COMPILED_IN = new Set(['commander', 'zod']);

/** Leaves every other package in node_modules, loaded when the code that needs it runs. */
const packagesOutside = {
  name: 'packages-outside',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      const parts = args.path.split('/');
      const name = args.path.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
      return COMPILED_IN.has(name) ? undefined : { path: args.path, external: true };
    });
  },
};

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
    plugins: [packagesOutside],
    // A CommonJS package compiled into an ES module calls require() for Node's own modules
    // (commander: node:events, node:path…); esbuild's documented answer is a require made here.
    // No module of ours may declare a top-level `require` (use another name, as word-forms.ts does).
    banner: {
      js: "import { createRequire as __workbenchCreateRequire } from 'node:module';\n"
        + 'const require = __workbenchCreateRequire(import.meta.url);',
    },
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
