import Database from 'better-sqlite3-multiple-ciphers';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BATCH_DOCS } from '../../../../electron/core/import/run-import';
import { Workspace } from '../../../../electron/core/workspace';
import { cli, cliAsync } from '../../../cli-helpers';
import { SEEDS, tempDir } from '../../../helpers';

/** Thousands of distinct small articles made of pairs of real seed paragraphs. */
function corpus(dir: string, count: number): void {
  const paragraphs = [
    ...new Set(
      readdirSync(SEEDS).flatMap((f) =>
        readFileSync(join(SEEDS, f), 'utf8')
          .split(/\n\s*\n|\n/)
          .map((p) => p.trim())
          .filter((p) => p.length > 80),
      ),
    ),
  ];
  expect(paragraphs.length * (paragraphs.length - 1) / 2).toBeGreaterThanOrEqual(count);
  mkdirSync(dir, { recursive: true });
  let n = 0;
  for (let i = 0; i < paragraphs.length && n < count; i++) {
    for (let j = i + 1; j < paragraphs.length && n < count; j++, n++) {
      writeFileSync(join(dir, `a${String(n).padStart(5, '0')}.txt`), `${paragraphs[i]}\n\n${paragraphs[j]}\n`);
    }
  }
}

const FILES = 4000;

describe('a crash in the middle of an import', () => {
  it('leaves a consistent workspace that a re-run completes', async () => {
    const dir = tempDir();
    const files = join(dir, 'files');
    corpus(files, FILES);
    const w = join(dir, 'crash.workspace');
    expect(cli(['init', '--empty', '-w', w]).code).toBe(0);
    const child = cliAsync(['import', files, '-w', w]);
    let running = true;
    const exited = new Promise((r) => child.on('exit', (code) => ((running = false), r(code))));
    const reader = new Database(w, { readonly: true });
    // Kill as soon as the first batch is committed, however long the start takes on a busy machine.
    let seen = 0;
    while (running && seen === 0) {
      await new Promise((r) => setTimeout(r, 5));
      seen = reader.prepare('SELECT count(*) FROM documents').pluck().get() as number;
    }
    child.kill('SIGKILL');
    await exited;
    reader.close();
    expect(seen).toBeGreaterThan(0);

    const ws = await Workspace.open(w);
    const stored = ws.documents.count();
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(FILES);
    expect(stored % DEFAULT_BATCH_DOCS).toBe(0); // whole batches only
    expect(ws.indexOutcome).not.toBe('loaded'); // the index saved before the crash is stale
    expect(await ws.check()).toMatchObject({ ok: true });
    const summary = await ws.importFiles([files]);
    expect(summary).toMatchObject({ imported: FILES - stored, duplicates: stored, failed: 0 });
    expect(ws.documents.count()).toBe(FILES);
    expect(await ws.check()).toMatchObject({ ok: true, problems: [] });
    ws.close();
  });
});
