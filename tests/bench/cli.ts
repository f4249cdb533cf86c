/**
 * The command line as a user meets it, side by side with Recoll (installed from Debian when
 * missing): `--help`, a cold `search` in a new process, and `import` of a folder, end to end,
 * against `recollq -h`, `recollq` and `recollindex` on the same documents.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { workbenchSyntax, type BenchQuery } from './queries';
import { ms, percentile } from './stats';

const BIN = fileURLToPath(new URL('../../electron/core/cli/bin.js', import.meta.url));

/** Wall time of one run of a command, in ms; throws with its output when it fails. */
function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', env, maxBuffer: 1 << 26 });
  const elapsed = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${cmd} ${args.slice(0, 3).join(' ')} exited ${r.status}: ${(r.stderr || r.stdout).slice(-300)}`);
  return elapsed;
}

const median = (xs: number[]) => percentile(xs, 50);

/** Recoll's binaries, installed with apt-get when they are missing and apt can; null when not possible. */
function recoll(): boolean {
  const has = () => spawnSync('sh', ['-c', 'command -v recollindex && command -v recollq'], { encoding: 'utf8' }).status === 0;
  if (has()) return true;
  try {
    console.log('  (installing Recoll from Debian for the comparison…)');
    execFileSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends recoll'], { stdio: 'ignore' });
  } catch {
    return false;
  }
  return has();
}

export interface CliFigures {
  /** `node -e 0`: what any Node program pays before its first line. */
  nodeStartMs: number;
  helpMs: number;
  /**
   * The same without NODE_EXTRA_CA_CERTS, when this machine sets it: Node then reads the
   * certificates at every start (about 85 ms here), though the workbench opens no connection.
   */
  withoutCaCerts: { nodeStartMs: number; helpMs: number; searchColdMs: { p50: number; p95: number } } | null;
  recollHelpMs: number | null;
  importSeconds: number;
  recollIndexSeconds: number | null;
  searchColdMs: { p50: number; p95: number };
  recollColdMs: { p50: number; p95: number } | null;
}

/** Measures the CLI on `docsDir` (one .txt a document) with `queries`' two-word and single-word queries. */
export function benchCli(docsDir: string, work: string, queries: BenchQuery[]): CliFigures {
  const env: NodeJS.ProcessEnv = { ...process.env, WORKBENCH_DATA_DIR: join(work, 'cli-data'), WORKBENCH_WORKSPACE: '' };
  const runs = 15;
  const nodeStart = Array.from({ length: runs }, () => timed(process.execPath, ['-e', '0'], env));
  const help = Array.from({ length: runs }, () => timed(process.execPath, [BIN, '--help'], env));
  const ws = join(work, 'cli.workspace');
  rmSync(ws, { force: true });
  // End to end as a user runs it: a new workspace, then the folder; searchable when it returns.
  const importMs = timed(process.execPath, [BIN, 'init', '--empty', '-w', ws], env) + timed(process.execPath, [BIN, 'import', docsDir, '-w', ws], env);
  const picked = queries.filter((q) => q.kind === 'two' || q.kind === 'single').slice(0, 30);
  const search = picked.map((q) => timed(process.execPath, [BIN, 'search', workbenchSyntax(q), '-n', '20', '-w', ws], env));

  let withoutCaCerts: CliFigures['withoutCaCerts'] = null;
  if (env.NODE_EXTRA_CA_CERTS) {
    const bare: NodeJS.ProcessEnv = { ...env };
    delete bare.NODE_EXTRA_CA_CERTS;
    const start = Array.from({ length: runs }, () => timed(process.execPath, ['-e', '0'], bare));
    const h = Array.from({ length: runs }, () => timed(process.execPath, [BIN, '--help'], bare));
    const s = picked.map((q) => timed(process.execPath, [BIN, 'search', workbenchSyntax(q), '-n', '20', '-w', ws], bare));
    withoutCaCerts = { nodeStartMs: median(start), helpMs: median(h), searchColdMs: { p50: median(s), p95: percentile(s, 95) } };
  }

  const figures: CliFigures = {
    nodeStartMs: median(nodeStart),
    withoutCaCerts,
    helpMs: median(help),
    recollHelpMs: null,
    importSeconds: importMs / 1000,
    recollIndexSeconds: null,
    searchColdMs: { p50: median(search), p95: percentile(search, 95) },
    recollColdMs: null,
  };
  if (recoll()) {
    const conf = join(work, 'recoll');
    rmSync(conf, { recursive: true, force: true });
    mkdirSync(conf, { recursive: true });
    writeFileSync(join(conf, 'recoll.conf'), `topdirs = ${docsDir}\nidxflushmb = 50\n`);
    // recollq -h exits 1 after printing its usage: time it without the exit check.
    const rhelp = Array.from({ length: runs }, () => {
      const t0 = performance.now();
      spawnSync('recollq', ['-h'], { encoding: 'utf8' });
      return performance.now() - t0;
    });
    figures.recollHelpMs = median(rhelp);
    figures.recollIndexSeconds = timed('recollindex', ['-c', conf, '-z']) / 1000;
    const rq = picked.map((q) => timed('recollq', ['-c', conf, '-n', '20', '-b', q.words.join(' ')]));
    figures.recollColdMs = { p50: median(rq), p95: percentile(rq, 95) };
  }
  return figures;
}

export function printCli(f: CliFigures, size: number): void {
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  console.log(row(['the command line', 'workbench', 'Recoll, same run', 'goal']));
  console.log(row(['---', '---', '---', '---']));
  console.log(row(['Node\'s own start, `node -e 0` (median of 15)', ms(f.nodeStartMs), '—', '']));
  console.log(row(['`--help` (median of 15)', ms(f.helpMs), f.recollHelpMs === null ? '—' : `${ms(f.recollHelpMs)} (recollq -h)`, '≤ 150 ms']));
  console.log(
    row([
      `search in a new process, ${size.toLocaleString('en')} documents (p50 / p95 of 30)`,
      `${ms(f.searchColdMs.p50)} / ${ms(f.searchColdMs.p95)}`,
      f.recollColdMs ? `${ms(f.recollColdMs.p50)} / ${ms(f.recollColdMs.p95)} (recollq)` : '—',
      '≤ 150 ms, and no slower than recollq',
    ]),
  );
  const w = f.withoutCaCerts;
  if (w) {
    const note = ' without this machine\'s NODE_EXTRA_CA_CERTS';
    console.log(row([`Node's own start${note}`, ms(w.nodeStartMs), '—', '']));
    console.log(row([`\`--help\`${note}`, ms(w.helpMs), '—', '≤ 150 ms']));
    console.log(row([`search in a new process${note}`, `${ms(w.searchColdMs.p50)} / ${ms(w.searchColdMs.p95)}`, '—', '≤ 150 ms']));
  }
  const ratio = f.recollIndexSeconds === null ? '' : ` — ${(f.recollIndexSeconds / f.importSeconds).toFixed(1)}× Recoll's speed`;
  console.log(
    row([
      `import of the folder, end to end (init + import)`,
      `${f.importSeconds.toFixed(1)} s${ratio}`,
      f.recollIndexSeconds === null ? '—' : `${f.recollIndexSeconds.toFixed(1)} s (recollindex -z)`,
      '≥ 5× Recoll',
    ]),
  );
  console.log('');
}
