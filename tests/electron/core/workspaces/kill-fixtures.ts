import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN } from '../../../cli-helpers';
import { tempDir } from '../../../helpers';
import { filesUnder } from './fixtures';

/**
 * kill -9 at random moments during encrypt, hand-out, merge and backup. Each run starts a
 * real CLI process and kills it a random 0–400 ms after the operation has visibly begun
 * (its journal or partial file appears). KILL_RUNS per operation: 20 runs each take
 * minutes on a shared 2-core machine, so CI runs 3 and WORKBENCH_KILL_RUNS=20 runs the full count.
 */
export const RUNS = Number(process.env.WORKBENCH_KILL_RUNS ?? 3);
const MARKERS = ['Shabayev', 'Padrino', 'Ryabkov', 'Zanzibar-marker'];

export function setup() {
  const dir = tempDir();
  const data = join(dir, 'data');
  const work = join(dir, 'work');
  for (const d of [data, work]) mkdirSync(d, { recursive: true });
  const env = { ...process.env, WORKBENCH_WORKSPACE: '', WORKBENCH_DATA_DIR: data };
  const file = join(work, 'private.workspace');
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, ...args, '-w', file], { encoding: 'utf8', env });
    return { code: r.status ?? -1, out: r.stdout + r.stderr };
  };
  const pass = (name: string, text: string) => {
    writeFileSync(join(dir, name), `${text}\n`);
    return join(dir, name);
  };
  /** Runs the command and kills it a random moment after `started()` first holds. */
  const killDuring = (args: string[], started: () => boolean) =>
    new Promise<{ killed: boolean }>((done) => {
      const child = spawn(process.execPath, [BIN, ...args, '-w', file], { env, stdio: 'ignore' });
      let killed = false;
      const poll = setInterval(() => {
        if (!started()) return;
        clearInterval(poll);
        setTimeout(() => (killed = child.kill('SIGKILL')), Math.random() * 400);
      }, 2);
      child.on('exit', () => {
        clearInterval(poll);
        done({ killed });
      });
    });
  return { dir, data, work, file, run, pass, killDuring };
}


export function plaintext(...dirs: string[]): string[] {
  return filesUnder(...dirs).filter((f) => {
    const bytes = readFileSync(f);
    return MARKERS.some((m) => bytes.includes(Buffer.from(m)));
  });
}

export const partialIn = (dir: string) => () => existsSync(dir) && readdirSync(dir).some((n) => n.includes('.partial-'));
export const SLOW = 900_000;

