import Database from 'better-sqlite3-multiple-ciphers';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportSummary, SearchResponse, Tag } from '../../../../electron/shared/schemas';
import { cli, cliJson, seededFile } from '../../../cli-helpers';
import { SEED, tempDir } from '../../../helpers';

/** The seeds as `init` imports them (copied from the test setup's import; the first test runs `init` itself). */
function workspace(): string {
  return seededFile();
}

describe('the workbench CLI', () => {
  it('creates a workspace with the seeds and counts what it holds', () => {
    const w = join(tempDir(), 'cli.workspace');
    const r = cli(['init', '-w', w]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('with 5 document(s)');
    expect(cliJson(['info', '-w', w])).toMatchObject({ documents: 5, tags: 0, highlights: 0, notes: 0 });
    expect(cli(['init', '-w', w]).stderr).toMatch(/already exists/);
    const empty = join(tempDir(), 'empty.workspace');
    expect(cliJson(['init', '--empty', '-w', empty])).toMatchObject({ documents: 0 });
  });

  it('searches, with id, file name, title, outlet, date, score and snippet in --json', () => {
    const w = workspace();
    const res = cliJson<SearchResponse & { documents: Array<{ date: string }> }>(['search', 'Ilyushin', '-w', w]);
    expect(res.total).toBe(2);
    for (const d of res.documents) {
      expect(Object.keys(d)).toEqual(expect.arrayContaining(['id', 'fileName', 'title', 'outlet', 'date', 'score', 'snippet']));
    }
    expect(res.documents.find((d) => d.id === SEED.moscowTimes)).toMatchObject({ fileName: '001_5401790a290c0953.txt', outlet: 'The Moscow Times', date: '2019-01-26' });
    expect(cliJson<SearchResponse>(['search', 'happiest', '-w', w]).total).toBe(1);
    expect(cliJson<SearchResponse>(['search', 'happiest', '--clean', '-w', w]).total).toBe(0);
    const human = cli(['search', 'Ilyushin', '-w', w]).stdout;
    expect(human).toContain('2 document(s) match "Ilyushin"');
    expect(human).toContain('«Ilyushin»-96');
  });

  it('imports with a summary that gives every failure its reason, and exits 2 when a file failed', () => {
    const w = workspace();
    const dir = tempDir();
    writeFileSync(join(dir, 'good.txt'), 'A new report\n\nWith new text.');
    writeFileSync(join(dir, 'empty.txt'), '');
    const r = cli(['import', dir, '-w', w, '--json']);
    expect(r.code).toBe(2);
    const summary = JSON.parse(r.stdout) as ImportSummary;
    expect(summary).toMatchObject({ files: 2, imported: 1, failed: 1 });
    expect(summary.outcomes.find((o) => o.status === 'failed')).toMatchObject({ path: join(dir, 'empty.txt'), reason: 'empty file (0 bytes)' });
    const again = cli(['import', join(dir, 'good.txt'), '-w', w]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/1 file\(s\): 0 imported, 1 duplicate\(s\), 0 failed\.\n {2}duplicate {2}.*good\.txt: same text as document 6/);
  });

  it('tags, highlights, notes and exports', () => {
    const w = workspace();
    expect(cli(['tag', 'apply', 'Provenance', String(SEED.moscowTimes), String(SEED.rewrite), '-w', w]).stdout).toContain('Tagged 2 document(s) with "Provenance"');
    const hl = cliJson<{ id: number }>(['highlight', 'add', String(SEED.moscowTimes), '--quote', 'not from Moscow but from third countries', '--tag', 'Claims', '-w', w]);
    cliJson(['note', 'add', `The wire says [this](hl:${hl.id})`, '--doc', String(SEED.moscowTimes), '-w', w]);
    const tags = cliJson<Tag[]>(['tag', 'list', '-w', w]);
    expect(tags.map((t) => [t.name, t.documentCount, t.highlightCount])).toEqual([
      ['Claims', 0, 1],
      ['Provenance', 2, 0],
    ]);
    expect(cliJson<unknown[]>(['note', 'backlinks', '--highlight', String(hl.id), '-w', w])).toHaveLength(1);
    const md = cli(['export', '--format', 'md', '-w', w]).stdout;
    expect(md).toContain('## Claims\n\n> not from Moscow but from third countries');
    const out = join(tempDir(), 'export.csv');
    cli(['export', '--format', 'csv', '--out', out, '-w', w]);
    expect(readFileSync(out, 'utf8')).toContain('"not from Moscow but from third countries"');
    expect(cli(['tag', 'delete', 'Provenance', '-w', w]).code).toBe(0);
    expect(cliJson(['info', '-w', w])).toMatchObject({ documents: 5, tags: 1, highlights: 1, notes: 1 });
    expect(cli(['note', 'delete', '1', '-w', w]).code).toBe(0);
    expect(cliJson<unknown[]>(['note', 'list', '-w', w])).toEqual([]);
  });

  it('edits metadata and shows a document', () => {
    const w = workspace();
    cli(['edit', String(SEED.hispolitica), '--outlet', 'Hispolitica', '--date', '2019-02', '-w', w]);
    const doc = cliJson<{ outlet: string; published: string; body: string }>(['show', String(SEED.hispolitica), '-w', w]);
    expect(doc).toMatchObject({ outlet: 'Hispolitica', published: '2019-02' });
    expect(doc.body).toContain('Putin Doubles Down in Venezuela');
    const bad = cli(['edit', '4', '--date', 'someday', '-w', w]);
    expect(bad).toMatchObject({ code: 1 });
    expect(bad.stderr).toContain('--date: "someday" is not a date.');
  });

  it('fails with a clear message and a non-zero exit', () => {
    const w = workspace();
    expect(cli(['show', '99', '-w', w])).toMatchObject({ code: 1, stderr: 'workbench: No document with id 99.\n' });
    expect(cli(['show', 'abc', '-w', w]).stderr).toContain('document id: "abc" is not an id');
    expect(cli(['search', 'x'])).toMatchObject({ code: 1, stderr: expect.stringContaining('No workspace given') });
    const json = cli(['search', '"open', '-w', w, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({ error: { code: 'BAD_QUERY', message: 'The quote opened at character 1 is never closed.' } });
    const text = join(tempDir(), 'notes.txt');
    writeFileSync(text, 'my own notes, which must not be touched '.repeat(5));
    const before = readFileSync(text);
    const r = cli(['info', '-w', text]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${text} is not a workspace this version can open: it is not a SQLite database`);
    expect(readFileSync(text).equals(before)).toBe(true);
    expect(cli(['frobnicate']).code).toBe(1);
  });

  it('check reports a flipped byte inside a text that SQLite itself does not notice', () => {
    const w = workspace();
    expect(cli(['check', '-w', w])).toMatchObject({ code: 0, stdout: expect.stringContaining('OK: 5 document(s)') });
    const db = new Database(w);
    db.prepare("UPDATE documents SET body = replace(body, 'Ilyushin-96', 'Ilyushin-97') WHERE id = ?").run(SEED.rewrite);
    db.close();
    const r = cli(['check', '-w', w]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`document ${SEED.rewrite}: its text no longer matches its SHA-256`);
  });

  it('check reports a byte flipped on disk inside a note, which SQLite’s own checks pass', () => {
    const w = workspace();
    cliJson(['note', 'add', 'Zyxwvut: the flight came through Havana', '-w', w]);
    expect(cli(['check', '-w', w]).code).toBe(0);
    const bytes = readFileSync(w);
    const at = bytes.indexOf('Zyxwvut');
    expect(at).toBeGreaterThan(0);
    expect(bytes.indexOf('Zyxwvut', at + 1)).toBe(-1);
    bytes[at + 1] = 'x'.charCodeAt(0);
    writeFileSync(w, bytes);
    const raw = new Database(w, { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
    const r = cli(['check', '-w', w]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('note 1: its text no longer matches its SHA-256 (damaged)');
  });
});
