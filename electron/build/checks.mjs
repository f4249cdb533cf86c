// What `npm test` runs before vitest: each type-check project of `npm run typecheck`, `npm run lint`
// and the electron-vite build, as many at a time as there are cores, longest first. One after the
// other they took 64 s on the 2-core machine, most of it tsc using one core; side by side, half.
// Each step's output is printed whole when it ends; the run fails if any step fails, after all
// have run, so that one run shows every error.
//
// The CLI part of `npm run build` is left to the test setup (tests/global-setup.ts), which
// compiles it from the source under test anyway: built here too, it would be built twice.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

// Longest first (the type checks, about 20 s each, then lint, 11 s, and the build, 2 s), so that the last to start is short.
const steps = [...scripts.typecheck.split('&&'), scripts.lint, 'electron-vite build'].map((s) => s.trim());
const env = { ...process.env, PATH: `${join(root, 'node_modules/.bin')}${delimiter}${process.env.PATH ?? ''}` };

function run(command) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, { cwd: root, env, shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`\n> ${command}  (${code === 0 ? 'passed' : `failed, exit ${code}`}, ${seconds} s)\n${out}`);
      resolve(code === 0);
    });
  });
}

const queue = [...steps];
const failed = [];
const lane = async () => {
  for (let step = queue.shift(); step !== undefined; step = queue.shift()) if (!(await run(step))) failed.push(step);
};
await Promise.all(Array.from({ length: Math.min(availableParallelism(), steps.length) }, lane));
if (failed.length > 0) {
  process.stderr.write(`\nFailed: ${failed.join(', ')}\n`);
  process.exit(1);
}
