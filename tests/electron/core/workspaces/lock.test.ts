import Database from 'better-sqlite3-multiple-ciphers';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Real processes, each starting Node and the CLI: slow on a shared build machine.
const SLOW = 240_000;
import { Session } from '../../../../electron/core/api/session';
import { Workspace } from '../../../../electron/core/workspace';
import { analysedFile, BIN, cli } from '../../../cli-helpers';
import { ROOT, SEED, tempDir } from '../../../helpers';

interface Shell {
  child: ChildProcess;
  url: URL;
  token: string;
}

/** `workbench serve <file>` in its own process, as a user runs it. */
async function serve(file: string): Promise<Shell> {
  const child = spawn(process.execPath, [BIN, 'serve', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = await new Promise<URL>((ok, fail) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Open (http:\/\/\S+)/.exec(out);
      if (m) ok(new URL(m[1]!));
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => fail(new Error(`serve exited ${code}: ${out}`)));
  });
  return { child, url, token: url.searchParams.get('token')! };
}

async function invoke(shell: Shell, method: string, input: unknown): Promise<{ ok: boolean; result?: unknown; error?: { message: string } }> {
  const r = await fetch(new URL('/api/invoke', shell.url), {
    method: 'POST',
    headers: { Authorization: `Bearer ${shell.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ method, input }),
  });
  return (await r.json()) as { ok: boolean };
}

const exited = (child: ChildProcess) => new Promise<number | null>((ok) => (child.exitCode !== null ? ok(child.exitCode) : child.once('exit', (code) => ok(code))));

describe('one owner per workspace, with two real processes', () => {
  it('the CLI beside the browser shell: writes are refused at once naming the shell, reads run, nothing is lost', async () => {
    const file = analysedFile('shared.workspace');
    const backup = cli(['backup', '-w', file, '--json']);
    const backupFile = (JSON.parse(backup.stdout) as { file: string }).file;
    const shell = await serve(file);
    try {
      const refused = `${file} is open in the workbench (pid ${shell.child.pid}); close it or run this command there.`;
      for (const args of [['note', 'add', 'from the terminal'], ['restore', backupFile], ['encrypt', '--new-passphrase-file', join(ROOT, 'package.json')], ['import', join(ROOT, 'seeds')]]) {
        const r = cli([...args, '-w', file]);
        expect(r.code, args.join(' ')).toBe(1);
        expect(r.stderr, args.join(' ')).toContain(refused);
      }
      // Reading beside the owner works.
      const found = cli(['search', 'Ilyushin', '-w', file, '--json']);
      expect(found.code).toBe(0);
      expect((JSON.parse(found.stdout) as { total: number }).total).toBeGreaterThan(0);

      expect(await invoke(shell, 'notes.create', { body: 'Written in the browser after the refused restore' })).toMatchObject({ ok: true });
      shell.child.kill('SIGTERM');
      await exited(shell.child);
      const notes = cli(['note', 'list', '--free', '-w', file, '--json']);
      expect(notes.stdout).toContain('Written in the browser after the refused restore');
      expect(cli(['check', '-w', file]).code).toBe(0);
    } finally {
      shell.child.kill('SIGKILL');
    }
  }, SLOW);

  it('the lock goes with the process: after kill -9 of the shell, the CLI writes', async () => {
    const file = join(tempDir(), 'killed.workspace');
    expect(cli(['init', '-w', file, '--empty']).code).toBe(0);
    const shell = await serve(file);
    expect(cli(['note', 'add', 'refused', '-w', file]).code).toBe(1);
    shell.child.kill('SIGKILL');
    await exited(shell.child);
    const r = cli(['note', 'add', 'after the kill', '-w', file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  }, SLOW);

  it('two imports at once: the second is refused at once (or runs after), and the saved index holds every document', async () => {
    const file = join(tempDir(), 'twice.workspace');
    expect(cli(['init', '-w', file, '--empty']).code).toBe(0);
    const run = (folder: string) => {
      const child = spawn(process.execPath, [BIN, 'import', join(ROOT, 'tests/fixtures', folder), '-w', file, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      // With --json the error comes on stdout.
      for (const stream of [child.stdout!, child.stderr!]) stream.on('data', (d: Buffer) => (err += d.toString()));
      return exited(child).then((code) => ({ code, err }));
    };
    const results = await Promise.all([run('html-news'), run('email')]);
    for (const r of results) {
      if (r.code === 1) expect(r.err).toMatch(/is open in the workbench \(pid \d+\); close it or run this command there\./);
      else expect(r.code === 0 || r.code === 2).toBe(true);
    }
    expect(results.some((r) => r.code !== 1)).toBe(true);
    expect(cli(['check', '-w', file]).code).toBe(0);
    // Every stored document is found by its title, which only the saved index answers.
    const db = new Database(file, { readonly: true });
    const titles = db.prepare('SELECT id, title FROM documents').all() as Array<{ id: number; title: string }>;
    db.close();
    const ws = await Workspace.open(file);
    try {
      expect(ws.indexOutcome).toBe('loaded');
      for (const t of titles.slice(0, 40)) {
        const word = t.title.split(/[^\p{L}\p{N}]+/u).find((w) => w.length > 4);
        if (word) expect(ws.search.search({ query: `title:${word}`, limit: 200 }).documents.map((r) => r.id), t.title).toContain(t.id);
      }
    } finally {
      ws.close();
    }
  }, SLOW);
});

describe('the owner and changes made by another connection', () => {
  it('notices them (data_version) and brings its index up to date before answering; a stale saved index is rebuilt', async () => {
    const file = join(tempDir(), 'external.workspace');
    (await Workspace.open(file, { create: true })).close();
    const session = new Session({ dataDir: tempDir() });
    await session.openFile(file);
    await session.workspace.ready;
    const query = { query: 'title:quetzalcoatl' };
    expect(await session.dispatch('search.query', query)).toMatchObject({ ok: true, result: { total: 0 } });
    // Another program (an older version, a script) writes past the lock.
    const other = new Database(file);
    other.prepare('UPDATE documents SET title = ? WHERE id = ?').run('Quetzalcoatl over Caracas', SEED.fox);
    other.close();
    expect(await session.dispatch('search.query', query)).toMatchObject({ ok: true, result: { total: 1, documents: [{ id: SEED.fox }] } });
    session.close();

    const raw = new Database(file);
    raw.prepare('UPDATE documents SET title = ? WHERE id = ?').run('Tenochtitlan dispatch', SEED.insight);
    raw.close();
    const again = await Workspace.open(file);
    expect(again.indexOutcome).toBe('rebuilt-stale');
    expect(again.search.search({ query: 'title:tenochtitlan' }).documents.map((r) => r.id)).toEqual([SEED.insight]);
    again.close();
  });
});
