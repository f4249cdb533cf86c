import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/core/db/open';
import { APPLICATION_ID, LATEST_VERSION } from '../../../../electron/core/db/migrations';
import { Workspace } from '../../../../electron/core/workspace';
import { tempDir } from '../../../helpers';

function expectRefused(file: string, message: RegExp) {
  const before = readFileSync(file);
  expect(() => openDatabase(file)).toThrow(message);
  expect(() => openDatabase(file)).toThrow(file);
  expect(readFileSync(file).equals(before)).toBe(true);
}

describe('opening a workspace file', () => {
  it('creates a new workspace with the pragmas the engine relies on', () => {
    const file = join(tempDir(), 'new.workspace');
    const { db, created } = openDatabase(file, { create: true });
    expect(created).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('trusted_schema', { simple: true })).toBe(0);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
  });

  it('refuses a missing file unless asked to create it', () => {
    const file = join(tempDir(), 'missing.workspace');
    expect(() => openDatabase(file)).toThrow(/does not exist/);
  });

  it('refuses an empty file and leaves it empty', () => {
    const file = join(tempDir(), 'empty.workspace');
    writeFileSync(file, '');
    expectRefused(file, /empty \(0 bytes\)/);
    expect(readFileSync(file).length).toBe(0);
  });

  it('refuses a file that is not SQLite', () => {
    const file = join(tempDir(), 'notes.txt');
    writeFileSync(file, 'Just some notes, long enough to fill a header of one hundred bytes. '.repeat(3));
    expectRefused(file, /not a SQLite database/);
  });

  it("refuses another application's SQLite database", () => {
    const file = join(tempDir(), 'other.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE photos (id INTEGER PRIMARY KEY)');
    db.pragma('application_id = 1234');
    db.close();
    expectRefused(file, /another application/);
  });

  it('refuses a plain SQLite database with no application id', () => {
    const file = join(tempDir(), 'plain.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE t (x)');
    db.close();
    expectRefused(file, /not a workspace/);
  });

  it('refuses a workspace from a newer version', () => {
    const file = join(tempDir(), 'future.workspace');
    openDatabase(file, { create: true }).db.close();
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    expectRefused(file, /newer version \(schema \d+, this version knows up to \d+\)/);
  });

  it('reopens a workspace whose last changes are still in the write-ahead log', async () => {
    const dir = tempDir();
    const file = join(dir, 'crashed.workspace');
    const ws = await Workspace.open(file, { create: true, importPaths: [] });
    ws.tags.create({ name: 'kept' });
    // Simulate a crash: copy the files as they are, before any checkpoint.
    const copy = join(dir, 'copy.workspace');
    writeFileSync(copy, readFileSync(file));
    writeFileSync(`${copy}-wal`, readFileSync(`${file}-wal`));
    ws.close();
    const again = await Workspace.open(copy);
    expect(again.tags.list().map((t) => t.name)).toEqual(['kept']);
    again.close();
  });

  it('removes a new workspace whose first import could not run, so it is not left empty', async () => {
    const file = join(tempDir(), 'new.workspace');
    const broken = { import: new URL('file:///nonexistent/import-worker.js'), parse: null };
    await expect(Workspace.open(file, { create: true, workers: broken })).rejects.toThrow(/Import worker failed/);
    expect(existsSync(file)).toBe(false);
  });
});
