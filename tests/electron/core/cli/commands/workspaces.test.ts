import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cli, cliJson, seededFile } from '../../../../cli-helpers';
import { SEED, SEEDS, tempDir } from '../../../../helpers';

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('workbench handout, adopt, merge, backup, restore, undo', () => {
  it('a trainer hands out, a trainee adopts and annotates, the trainer merges back: nothing duplicated', () => {
    const dir = tempDir();
    const trainer = join(dir, 'trainer.workspace');
    copyFileSync(seededFile(), trainer);
    cliJson(['tag', 'create', 'Wagner', '-w', trainer]);
    cliJson(['highlight', 'add', String(SEED.moscowTimes), '--quote', 'not from Moscow but from third countries', '--tag', 'Wagner', '-w', trainer]);
    cliJson(['note', 'add', 'Guidance: who wrote this first?', '--doc', String(SEED.moscowTimes), '--handout', '-w', trainer]);
    cliJson(['note', 'add', 'Private: ask the desk', '--doc', String(SEED.moscowTimes), '-w', trainer]);
    const out = join(dir, 'class.handout');
    const h = cliJson<{ notes: number; privateNotesLeftOut: number }>(['handout', '--out', out, '--tags', '--highlights', '--notes', '-w', trainer]);
    expect(h).toMatchObject({ notes: 1, privateNotesLeftOut: 1 });
    const sum = digest(out);

    const trainee = join(dir, 'trainee.workspace');
    expect(cli(['adopt', out, '-w', trainee]).stdout).toContain('from the hand-out “class”: 5 document(s), 1 note(s) from the trainer (read-only)');
    expect(cli(['note', 'edit', '1', 'mine now', '-w', trainee]).stderr).toContain('Note 1 came with the hand-out “class” and cannot be changed');
    cliJson(['highlight', 'add', String(SEED.rewrite), '--quote', 'Ilyushin-96', '--tag', 'Cuba', '-w', trainee]);
    cliJson(['note', 'add', 'The rewrite copies the wire', '--doc', String(SEED.rewrite), '-w', trainee]);
    expect(cli(['note', 'list', '-w', trainee]).stdout).toMatch(/\[hand-out “class”\]\s+Guidance/);
    expect(digest(out)).toBe(sum);

    const first = cli(['merge', trainee, '-w', trainer]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('added: 1 tag(s), 0 document tag(s), 1 highlight(s), 1 highlight tag(s), 1 note(s)');
    expect(first.stdout).toContain('already here: 1 highlight(s), 1 note(s)');
    expect(first.stdout).toMatch(/backup made first: .*before-merge\.workspace/);
    const again = cliJson<{ added: Record<string, number> }>(['merge', trainee, '-w', trainer]);
    expect(Object.values(again.added)).toEqual([0, 0, 0, 0, 0]);
    expect(cliJson(['info', '-w', trainer])).toMatchObject({ highlights: 2, notes: 3, tags: 2 });
  });

  it('backups lists, restore puts one back, and undo takes back a deletion', () => {
    const w = seededFile('mine.workspace');
    cliJson(['note', 'add', 'Keep me', '-w', w]);
    const b = cliJson<{ file: string }>(['backup', '-w', w]);
    expect(cli(['backups', '-w', w]).stdout).toContain(b.file);
    cliJson(['delete', String(SEED.fox), '-w', w]);
    expect(cli(['undo', '--list', '-w', w]).stdout).toMatch(/Delete document “.*”/);
    expect(cli(['undo', '-w', w]).stdout).toMatch(/^Undone: Delete document/);
    expect(cliJson(['info', '-w', w])).toMatchObject({ documents: 5 });
    expect(cli(['undo', '-w', w]).stderr).toContain('There is nothing to undo.');
    cliJson(['note', 'delete', '1', '-w', w]);
    const r = cli(['restore', b.file, '-w', w]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/What was there is kept as .*before-restore\.workspace/);
    expect(cliJson(['info', '-w', w])).toMatchObject({ notes: 1 });
  });

  it('a kill during export leaves no file under the hand-out’s name, and the next export succeeds', async () => {
    const dir = tempDir();
    const w = join(dir, 'big.workspace');
    const src = join(dir, 'src');
    mkdirSync(src);
    // Enough text that the copy takes a while: 300 documents of 200 KB.
    const words = readFileSync(join(SEEDS, '001_5401790a290c0953.txt'), 'utf8').split(/\s+/);
    for (let i = 0; i < 300; i++) {
      let text = `Report ${i}\n\n`;
      while (text.length < 200_000) text += `${words[(text.length * 7 + i) % words.length]} ${i} `;
      writeFileSync(join(src, `r${i}.txt`), text);
    }
    expect(cli(['init', '--import', src, '-w', w]).code).toBe(0);
    const out = join(dir, 'class.handout');
    const child = spawn(process.execPath, [BIN, 'handout', '--out', out, '-w', w], { stdio: 'ignore', env: { ...process.env, WORKBENCH_WORKSPACE: '' } });
    const partial = await new Promise<boolean>((resolve) => {
      const timer = setInterval(() => {
        if (readdirSync(dir).some((f) => f.startsWith('class.handout.partial-'))) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve(true);
        }
      }, 2);
      child.on('exit', () => {
        clearInterval(timer);
        resolve(false);
      });
    });
    await new Promise((r) => (child.exitCode === null && child.signalCode === null ? child.on('exit', r) : r(null)));
    expect(partial, 'the export finished before it could be killed').toBe(true);
    expect(existsSync(out)).toBe(false);
    const done = cliJson<{ documents: number }>(['handout', '--out', out, '-w', w]);
    expect(done.documents).toBe(300);
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  }, 300_000);
});

describe('workbench encrypt, run again', () => {
  it('succeeds without asking when the workspace already opens with the new passphrase', () => {
    const dir = tempDir();
    const w = seededFile('again.workspace');
    const pass = join(dir, 'pass');
    writeFileSync(pass, 'a long enough passphrase\n');
    expect(cli(['encrypt', '--new-passphrase-file', pass, '-w', w]).code).toBe(0);
    const again = cli(['encrypt', '--new-passphrase-file', pass, '-w', w]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('already encrypted with this passphrase');
    expect(cli(['info', '--passphrase-file', pass, '-w', w]).code).toBe(0);
    const other = join(dir, 'other');
    writeFileSync(other, 'another passphrase entirely\n');
    // A different new passphrase still needs the current one.
    expect(cli(['encrypt', '--new-passphrase-file', other, '-w', w]).stderr).toContain('pass --passphrase-file');
  }, 180_000);
});
