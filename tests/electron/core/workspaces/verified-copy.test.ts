import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkAndSyncCopy, copyProblems, writeVerifiedCopy } from '../../../../electron/core/workspaces/verified-copy';
import { DEFAULT_WORKERS } from '../../../../electron/core/import/run-in-worker';
import { analysedWorkspace, tempDir } from '../../../helpers';

/** Overwrites the b-tree header and cell pointers of one page of `table` in a closed database file with junk. */
function damagePageOf(file: string, table: string): void {
  const db = new Database(file, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const page = db.prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno LIMIT 1").pluck().get(table) as number;
  db.close();
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, (page - 1) * pageSize);
  closeSync(fd);
}

describe('the check of a copy the workbench wrote', () => {
  it('passes a sound copy and names the damage in a damaged one, full-text and analysis tables included', async () => {
    const ws = await analysedWorkspace();
    const dir = tempDir();
    const copy = join(dir, 'copy.workspace');
    writeVerifiedCopy(ws.db, copy, undefined);
    ws.close();
    const sound = new Database(copy, { readonly: true });
    expect(copyProblems(sound)).toEqual([]);
    sound.close();

    for (const table of ['documents', 'notes', 'documents_fts_data', 'entity_mentions']) {
      const damaged = join(dir, `${table}.workspace`);
      const source = new Database(copy, { readonly: true });
      source.prepare('VACUUM INTO ?').run(damaged);
      source.close();
      damagePageOf(damaged, table);
      const db = new Database(damaged, { readonly: true });
      expect(copyProblems(db).length, table).toBeGreaterThan(0);
      db.close();
      // Split over two threads (the analysis and full-text tables in the worker), in this thread
      // alone, and with a worker script that is missing: the damage is found each time.
      for (const script of [DEFAULT_WORKERS.analysis, null, pathToFileURL(join(dir, 'missing-worker.js'))]) {
        expect(checkAndSyncCopy(damaged, undefined, { script: script ?? undefined }).length, `${table}, ${String(script)}`).toBeGreaterThan(0);
      }
    }
  });

  it('checks a sound copy in two threads and finds nothing; the copy is written under its name only then', async () => {
    const ws = await analysedWorkspace();
    const dir = tempDir();
    const copy = join(dir, 'copy.workspace');
    expect(DEFAULT_WORKERS.analysis?.href).toContain('out/cli');
    writeVerifiedCopy(ws.db, copy, undefined, undefined, { script: DEFAULT_WORKERS.analysis });
    ws.close();
    expect(checkAndSyncCopy(copy, undefined, { script: DEFAULT_WORKERS.analysis })).toEqual([]);
    const db = new Database(copy, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM entity_mentions').pluck().get()).toBeGreaterThan(0);
    db.close();
  });
});
