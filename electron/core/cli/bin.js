#!/usr/bin/env node
// The `workbench` command: runs the CLI compiled to out/cli by electron/build/build-cli.mjs
// (`npm install` builds it), so no TypeScript is compiled when a command starts.
let cli;
try {
  cli = await import('../../../out/cli/main.js');
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes('out/cli/main.js')) throw err;
  process.stderr.write('The workbench CLI is not built: run `npm run build:cli` (or `npm install`) in the project folder.\n');
  process.exit(1);
}
process.exitCode = await cli.main(process.argv);
