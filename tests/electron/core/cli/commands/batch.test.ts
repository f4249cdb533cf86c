import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BatchResult } from '../../../../../electron/shared/api/contract-search';
import { BIN, cli } from '../../../../cli-helpers';
import { SEED, tempDir } from '../../../../helpers';

// Each run starts a process; on a busy machine that takes seconds.
const SLOW = 90_000;

describe('workbench batch-search', () => {
  // batch-search only reads: one workspace serves every test.
  let w = '';
  let home = '';
  beforeAll(() => {
    home = mkdtempSync(join(tmpdir(), 'workbench-batch-'));
    w = join(home, 'cli.workspace');
    // The seeds as init makes them, imported once by the test setup (init itself is tested in cli.test.ts).
    copyFileSync(inject('seedsTemplate'), w);
  }, SLOW);
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('runs a .txt list and prints a table, exiting 2 when a query could not run', () => {
    const list = join(tempDir(), 'names.txt');
    writeFileSync(list, 'Ilyushin\n\ndate:foo\nzanzibarian\n');
    const r = cli(['batch-search', list, '-w', w]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toMatch(/^1\s+2\s+Ilyushin\s+\[\d\] /m);
    expect(r.stdout).toMatch(/^3\s+0\s+date:foo\s+error: date:foo is not a date/m);
    expect(r.stdout).toMatch(/^4\s+0\s+zanzibarian/m);
    expect(r.stdout).toContain('3 queries: 1 found documents, 1 could not run');
  }, SLOW);

  it('reads the first column of a .csv and writes CSV with one row per query and document to --out', () => {
    const dir = tempDir();
    const list = join(dir, 'names.csv');
    writeFileSync(list, 'Ilyushin,aircraft\n"""third countries""",quote\n');
    const out = join(dir, 'result.csv');
    const r = cli(['batch-search', list, '--format', 'csv', '--out', out, '-w', w]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`Wrote ${out}: 2 queries, 0 could not run.`);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe('"line","query","documents","rank","document_id","title","outlet","published","score","error"');
    expect(lines.filter((l) => l.startsWith('"1","Ilyushin","2",'))).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith('"2","""third countries""","2",'))).toHaveLength(2);
    expect(lines).toHaveLength(5);
  }, SLOW);

  it('gives JSON with --format json or --json, and --limit caps the documents listed', () => {
    const list = join(tempDir(), 'names.txt');
    writeFileSync(list, 'Ilyushin\n');
    const res = JSON.parse(cli(['batch-search', list, '--format', 'json', '-n', '1', '-w', w]).stdout) as BatchResult;
    expect(res.rows[0]).toMatchObject({ line: 1, query: 'Ilyushin', total: 2, error: null });
    expect(res.rows[0]!.documents).toHaveLength(1);
    expect([SEED.moscowTimes, SEED.rewrite]).toContain(res.rows[0]!.documents[0]!.id);
    const again = JSON.parse(cli(['batch-search', list, '--json', '-w', w]).stdout) as BatchResult;
    expect(again.rows[0]!.documents).toHaveLength(2);
  }, SLOW);

  it('shows a progress bar on a terminal, and none when its output goes elsewhere', () => {
    const dir = tempDir();
    const list = join(dir, 'names.txt');
    writeFileSync(list, 'Ilyushin\nWagner\n');
    const out = join(dir, 'out.csv');
    // util-linux's script(1) gives the command a terminal, as a user's shell would.
    const command = [process.execPath, BIN, 'batch-search', list, '-w', w, '--format', 'csv', '--out', out].map((a) => `'${a}'`).join(' ');
    const tty = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8' });
    expect(tty.status, tty.stdout).toBe(0);
    expect(tty.stdout).toMatch(/Searching \[.*\] 2\/2 queries/);
    expect(readFileSync(out, 'utf8')).toContain('"1","Ilyushin","2"');
    const piped = cli(['batch-search', list, '-w', w, '--format', 'csv', '--out', out]);
    expect(piped.stderr).not.toContain('Searching');
  }, SLOW);

  it('names the file or option at fault', () => {
    const missing = join(tempDir(), 'nope.txt');
    expect(cli(['batch-search', missing, '-w', w]).stderr).toContain(`${missing} does not exist.`);
    const empty = join(tempDir(), 'empty.txt');
    writeFileSync(empty, '\n\n');
    expect(cli(['batch-search', empty, '-w', w]).stderr).toContain(`${empty} holds no query`);
    writeFileSync(empty, 'x\n');
    expect(cli(['batch-search', empty, '-n', 'many', '-w', w]).stderr).toContain('--limit: "many"');
  }, SLOW);
});
