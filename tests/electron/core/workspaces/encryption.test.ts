import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Session } from '../../../../electron/core/api/session';
import { openManaged } from '../../../../electron/core/workspaces/manager';
import { BIN } from '../../../cli-helpers';
import { SEED, tempDir } from '../../../helpers';
import { filesUnder } from './fixtures';

// Words of the seed texts, a note and an imported file that the program's own code never
// contains (its compiled copy in the temporary folder is scanned too).
const MARKERS = ['Shabayev', 'Padrino', 'Ryabkov', 'Jraissati', 'Russian nationals', 'Zanzibar-marker', 'Quetzalcoatl-report'];


/** Which markers a file holds in plaintext, as UTF-8 or UTF-16. */
function plaintextIn(file: string): string[] {
  const bytes = readFileSync(file);
  return MARKERS.filter((m) => bytes.includes(Buffer.from(m, 'utf8')) || bytes.includes(Buffer.from(m, 'utf16le')) || bytes.includes(Buffer.from(m.toLowerCase(), 'utf8')));
}

function setup() {
  const dir = tempDir();
  const env = { ...process.env, WORKBENCH_WORKSPACE: '', WORKBENCH_DATA_DIR: join(dir, 'data'), TMPDIR: join(dir, 'tmp') };
  for (const d of ['data', 'tmp', 'work']) spawnSync('mkdir', ['-p', join(dir, d)]);
  writeFileSync(join(dir, 'pass'), 'correct horse battery staple\n');
  writeFileSync(join(dir, 'wrong'), 'wrong horse\n');
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env, cwd: join(dir, 'work') });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  };
  return { dir, run, ws: join(dir, 'work', 'private.workspace'), pass: join(dir, 'pass'), wrong: join(dir, 'wrong') };
}

describe('an encrypted workspace', () => {
  it('leaves no plaintext in any file the app wrote: workspace, log, backups, hand-outs, temporary files, saved index', () => {
    const { dir, run, ws, pass } = setup();
    const p = ['--passphrase-file', pass];
    expect(run('init', '-w', ws, ...p)).toMatchObject({ code: 0 });
    expect(run('note', 'add', 'Zanzibar-marker: Peskov called it nonsense', '--doc', String(SEED.moscowTimes), '--handout', '-w', ws, ...p).code).toBe(0);
    expect(run('tag', 'create', 'Wagner', '-w', ws, ...p).code).toBe(0);
    const search = run('search', 'Ilyushin', '--json', '-w', ws, ...p);
    expect(JSON.parse(search.stdout).total).toBe(2);
    expect(run('search', 'zanzibar', '--json', '-w', ws, ...p).stdout).toContain('Zanzibar-marker');
    expect(run('search', 'Shabayev', '--json', '-w', ws, ...p).stdout).toContain('Shabayev');
    // The analysis (entities, passages) is stored too: it must be encrypted like the rest.
    expect(run('entities', '--json', '-w', ws, ...p).stdout).toContain('Yevgeny Shabayev');
    expect(run('backup', '-w', ws, ...p).code).toBe(0);
    const handout = run('handout', '--out', join(dir, 'work', 'class.handout'), '--notes', '--json', '-w', ws, ...p);
    expect(JSON.parse(handout.stdout)).toMatchObject({ encrypted: true, notes: 1 });
    expect(run('adopt', join(dir, 'work', 'class.handout'), '-w', join(dir, 'work', 'mine.workspace'), ...p).code).toBe(0);
    expect(run('merge', join(dir, 'work', 'mine.workspace'), '-w', ws, ...p).code).toBe(0);
    // The user's own source file lies outside the folders scanned: it was not written by the app.
    writeFileSync(join(dir, 'report.txt'), 'Field report\n\nQuetzalcoatl-report: more arrived via Havana.');
    expect(run('import', join(dir, 'report.txt'), '-w', ws, ...p).code).toBe(0);
    expect(run('check', '-w', ws, ...p).code).toBe(0);

    const written = filesUnder(join(dir, 'work'), join(dir, 'data'), join(dir, 'tmp'));
    expect(written.filter((f) => f.includes('backups')).length).toBeGreaterThanOrEqual(3);
    expect(written.filter((f) => f.endsWith('.workspace') || f.endsWith('.handout')).length).toBeGreaterThanOrEqual(5);
    const leaks = written.map((f) => ({ f, found: plaintextIn(f) })).filter((x) => x.found.length > 0);
    expect(leaks).toEqual([]);
  });

  it('a wrong or missing passphrase gives a clear error and changes nothing', () => {
    const { run, ws, pass, wrong } = setup();
    run('init', '-w', ws, '--passphrase-file', pass);
    const before = createHash('sha256').update(readFileSync(ws)).digest('hex');
    const bad = run('info', '-w', ws, '--passphrase-file', wrong);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`Wrong passphrase, or ${ws} is not a workspace. Nothing was changed.`);
    const none = run('info', '-w', ws);
    expect(none.stderr).toContain('is encrypted (or is not a workspace): give its passphrase');
    expect(createHash('sha256').update(readFileSync(ws)).digest('hex')).toBe(before);
    expect(existsSync(`${ws}-wal`)).toBe(false);
  });

  it('encrypt converts a plaintext workspace and its backups; decrypt turns it back', () => {
    const { dir, run, ws, pass } = setup();
    run('init', '-w', ws);
    run('note', 'add', 'Zanzibar-marker', '-w', ws);
    run('backup', '-w', ws);
    expect(plaintextIn(ws)).toContain('Zanzibar-marker');
    const enc = run('encrypt', '-w', ws, '--passphrase-file', pass);
    expect(enc.code, enc.stderr).toBe(0);
    const files = filesUnder(join(dir, 'work'), join(dir, 'data'));
    expect(files.filter((f) => f.includes('backups')).length).toBeGreaterThanOrEqual(2);
    expect(files.map((f) => ({ f, found: plaintextIn(f) })).filter((x) => x.found.length)).toEqual([]);
    expect(run('info', '-w', ws).code).toBe(1);
    expect(JSON.parse(run('info', '--json', '-w', ws, '--passphrase-file', pass).stdout)).toMatchObject({ documents: 5, notes: 1 });
    expect(run('decrypt', '-w', ws, '--passphrase-file', pass).code).toBe(0);
    expect(JSON.parse(run('info', '--json', '-w', ws).stdout)).toMatchObject({ documents: 5, notes: 1 });
    expect(plaintextIn(ws)).toContain('Zanzibar-marker');
  });

  it('imports what a browser uploads from memory: no temporary file holds its text', async () => {
    const tmp = tempDir();
    const dir = tempDir();
    const data = tempDir();
    const before = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      const ws = await openManaged(join(dir, 'private.workspace'), { dataDir: data, create: true, passphrase: 'pw', importPaths: [] });
      const session = Session.of(ws);
      const upload = Buffer.from('Field report\n\nQuetzalcoatl-report: Peskov said nothing.').toString('base64');
      const r = await session.dispatch('import.upload', { files: [{ name: 'notes/field.txt', data: upload }] });
      expect(r).toMatchObject({ ok: true, result: { imported: 1, outcomes: [{ path: 'notes/field.txt', status: 'imported' }] } });
      expect(ws.search.search({ query: 'quetzalcoatl' }).total).toBe(1);
      session.close();
      // Only the TypeScript loader's cache of the program's own code may be there (tests run from source).
      expect(filesUnder(tmp).filter((f) => !/\/tsx-\d+\//.test(f))).toEqual([]);
      expect([...filesUnder(tmp), ...filesUnder(dir), ...filesUnder(data)].flatMap(plaintextIn)).toEqual([]);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
  });
});
