import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { cli, cliJson, seededFile } from '../../../cli-helpers';

function seeded(): string {
  return seededFile('reading.workspace');
}

describe('commands that only read', () => {
  it('answer without making the daily backup; the first command that writes makes it', () => {
    const w = seeded();
    // A new workspace has no backup yet, so one is due at the next full open.
    expect(cliJson<unknown[]>(['backups', '-w', w])).toEqual([]);
    for (const args of [['search', 'wagner'], ['show', '1'], ['info'], ['tag', 'list'], ['note', 'list'], ['saved', 'list']]) {
      expect(cli([...args, '-w', w]).code, args.join(' ')).toBe(0);
    }
    expect(cliJson<unknown[]>(['backups', '-w', w])).toEqual([]);
    expect(cli(['tag', 'create', 'Claims', '-w', w]).code).toBe(0);
    expect(cliJson<Array<{ reason: string }>>(['backups', '-w', w])).toMatchObject([{ reason: 'open' }]);
  });

  it('leave the file as it was: not one byte written', () => {
    const w = seeded();
    expect(cli(['timeline', '-w', w]).code).toBe(0); // brings the analysis up to date: a writer
    const before = statSync(w).mtimeMs;
    for (const args of [['search', 'wagner mercenaries'], ['show', '2'], ['info'], ['similar', '1'], ['timeline'], ['entities']]) {
      expect(cli([...args, '-w', w]).code, args.join(' ')).toBe(0);
    }
    expect(statSync(w).mtimeMs).toBe(before);
    expect(existsSync(`${w}-wal`) ? statSync(`${w}-wal`).size : 0).toBe(0);
  });

  it('fall back to the full open when the last session crashed with pages in its log', () => {
    const w = seeded();
    // A writer that never checkpoints and then dies: its log, with a new tag in it, stays behind.
    // (Closing would checkpoint, so the log is copied first and put back after.)
    const db = new Database(w);
    db.pragma('wal_autocheckpoint = 0');
    db.prepare("INSERT INTO tags (name, color, created_at) VALUES ('Left in the log', '#e6194b', '2026-01-01T00:00:00Z')").run();
    const wal = `${w}-wal`;
    const log = readFileSync(wal);
    expect(log.length).toBeGreaterThan(0);
    db.close();
    writeFileSync(wal, log);
    const tags = cliJson<Array<{ name: string }>>(['tag', 'list', '-w', w]);
    expect(tags.map((t) => t.name)).toContain('Left in the log');
    // The full open ran: its daily backup is there.
    expect(cliJson<unknown[]>(['backups', '-w', w]).length).toBe(1);
  });
});
