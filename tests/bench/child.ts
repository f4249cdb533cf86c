/**
 * One measurement in a fresh process, so that cold opens are cold and peak memory belongs
 * to one engine. Prints a single JSON line. Modes:
 *   wb-import <dir> <workspace>        import+index with the workbench
 *   wb-query <workspace> <queries>     cold open to first result, then query latencies
 *   wb-analysis <workspace> -          the cross-source analysis of every document, then reading it
 *   wb-safety <workspace> <data dir>   quick_check on open, a verified backup, a hand-out, encrypting
 *   wb-batch <workspace> <queries>     batch search of 1,000 queries, as the Batch search dialog runs it
 *   ms-build <count> <out.json>        plain MiniSearch over the full text (reference)
 *   ms-query <in.json> <queries>
 *   fts-build <count> <db>             bare SQLite FTS5 (reference)
 *   fts-query <db> <queries>
 */
import Database from 'better-sqlite3-multiple-ciphers';
import MiniSearch from 'minisearch';
import { readFileSync, writeFileSync } from 'node:fs';
import { Workspace } from '../../electron/core/workspace';
import { runBatch } from '../../electron/core/search/batch';
import { backupNow } from '../../electron/core/workspaces/manager';
import { rekeyWorkspace } from '../../electron/core/workspaces/rekey';
import { exportHandout } from '../../electron/core/workspaces/handout';
import { analyze } from '../../electron/core/analysis/run-analysis';
import { DEFAULT_WORKERS } from '../../electron/core/import/run-in-worker';
import { openDatabase } from '../../electron/core/db/open';
import { AnalysisService } from '../../electron/core/services/analysis';
import { fold } from '../../electron/shared/text/normalize';
import { buildCorpus } from './corpus';
import { KINDS, workbenchSyntax, type BenchQuery, type QueryKind } from './queries';
import { peakRss, percentile } from './stats';
import { withinOneEdit } from '../../electron/shared/text/edit-distance';

type Latencies = Record<QueryKind, { p50: number; p95: number; hits: number }>;

function timeQueries(queries: BenchQuery[], run: (q: BenchQuery) => number): Latencies {
  const out = {} as Latencies;
  for (const kind of KINDS) {
    const list = queries.filter((q) => q.kind === kind);
    const times: number[] = [];
    let hits = 0;
    for (const q of list) {
      const t0 = performance.now();
      hits += run(q) > 0 ? 1 : 0;
      times.push(performance.now() - t0);
    }
    out[kind] = { p50: percentile(times, 50), p95: percentile(times, 95), hits };
  }
  return out;
}

const readQueries = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as BenchQuery[];
const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
const PAGE = 20;

async function main(mode: string, a: string, b: string): Promise<void> {
  switch (mode) {
    case 'wb-import': {
      const ws = await Workspace.open(b, { create: true, importPaths: [] });
      const t0 = performance.now();
      const summary = await ws.importFiles([a]);
      ws.flush();
      const seconds = (performance.now() - t0) / 1000;
      ws.close();
      print({ seconds, imported: summary.imported, failed: summary.failed, peakRss: peakRss() });
      return;
    }
    case 'wb-analysis': {
      const { db } = openDatabase(a);
      db.exec('DELETE FROM analyzed'); // the import's background run may have started it
      const t0 = performance.now();
      // As the workspace runs it: names and dates in a helper thread beside the passages, the
      // worker compiled (run.ts builds out/cli and names it in WORKBENCH_WORKERS_DIR).
      const progress = await analyze(db, { helper: { script: DEFAULT_WORKERS.analysis!, file: a } });
      const seconds = (performance.now() - t0) / 1000;
      const service = new AnalysisService(db, () => undefined);
      const time = (fn: () => unknown) => {
        const s0 = performance.now();
        fn();
        return performance.now() - s0;
      };
      const timeAsync = async (fn: () => Promise<unknown>) => {
        const s0 = performance.now();
        await fn();
        return performance.now() - s0;
      };
      const entitiesMs = await timeAsync(() => service.entities(500));
      const entitiesAgainMs = await timeAsync(() => service.entities(500));
      const figuresMs = time(() => service.figures());
      const timelineMs = time(() => service.timeline());
      const ids = db.prepare('SELECT id FROM documents ORDER BY random() LIMIT 50').pluck().all() as number[];
      const passages = ids.map((id) => time(() => service.passagesFor(id)));
      const counts = db
        .prepare(
          `SELECT (SELECT count(*) FROM shared_passages) AS passages, (SELECT count(*) FROM passage_boilerplate) AS boilerplate,
             (SELECT count(*) FROM entity_mentions) AS mentions, (SELECT count(*) FROM figures) AS figures, (SELECT count(*) FROM mentioned_dates) AS dates`,
        )
        .get();
      db.close();
      print({ seconds, documents: progress.done, entitiesMs, entitiesAgainMs, figuresMs, timelineMs, passagesP95: percentile(passages, 95), counts, peakRss: peakRss() });
      return;
    }
    case 'wb-safety': {
      const db = new Database(a, { readonly: true });
      const q0 = performance.now();
      db.pragma('quick_check');
      const quickCheckMs = performance.now() - q0;
      db.close();
      const ws = await Workspace.open(a);
      const b0 = performance.now();
      const backup = backupNow(ws, b);
      const backupMs = performance.now() - b0;
      const h0 = performance.now();
      exportHandout(ws, `${a}.handout`, { tags: true, highlights: true, notes: true });
      const handoutMs = performance.now() - h0;
      ws.close();
      const e0 = performance.now();
      rekeyWorkspace(a, b, undefined, 'bench passphrase');
      const encryptMs = performance.now() - e0;
      const o0 = performance.now();
      const enc = await Workspace.open(a, { waitForIndex: false, passphrase: 'bench passphrase' });
      const encryptedOpenMs = performance.now() - o0;
      enc.close();
      print({ quickCheckMs, backupMs, backupBytes: backup.bytes, handoutMs, encryptMs, encryptedOpenMs });
      return;
    }
    case 'wb-query': {
      const queries = readQueries(b);
      // As the shells open a workspace: answer from FTS5 at once, the index loading behind.
      const t0 = performance.now();
      const ws = await Workspace.open(a, { waitForIndex: false });
      const first = ws.search.search({ query: workbenchSyntax(queries[0]!), limit: PAGE });
      const coldFirstMs = performance.now() - t0;
      await ws.ready;
      const indexReadyMs = performance.now() - t0;
      const t1 = performance.now();
      ws.search.search({ query: workbenchSyntax(queries.find((q) => q.kind === 'fuzzy')!), limit: PAGE });
      const firstFuzzyMs = performance.now() - t1;
      const latencies = timeQueries(queries, (q) => ws.search.search({ query: workbenchSyntax(q), limit: PAGE }).total);
      const busyRss = process.memoryUsage().rss;
      // Steady: once the searching has stopped and the workspace has given back what it held
      // for the queries (memory.ts), and the system has taken the pages back (about a second).
      const released = ws.idle.releases;
      while (ws.idle.releases === released) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, 2000));
      const rss = process.memoryUsage().rss;
      ws.close();
      print({ coldFirstMs, firstPartial: first.partial, indexReadyMs, firstFuzzyMs, latencies, rss, busyRss, peakRss: peakRss(), indexOutcome: ws.indexOutcome });
      return;
    }
    case 'wb-batch': {
      const all = readQueries(b).map(workbenchSyntax);
      const queries = Array.from({ length: 1000 }, (_v, i) => all[i % all.length]!);
      const ws = await Workspace.open(a);
      let reports = 0;
      let longestGapMs = 0;
      let last = performance.now();
      const t0 = performance.now();
      const res = await runBatch(ws.search, { queries, limit: 10 }, {
        onProgress: () => {
          reports++;
          longestGapMs = Math.max(longestGapMs, performance.now() - last);
          last = performance.now();
        },
      });
      const seconds = (performance.now() - t0) / 1000;
      ws.close();
      print({ seconds, queries: res.rows.length, matched: res.matched, failed: res.failed, reports, longestGapMs, peakRss: peakRss() });
      return;
    }
    case 'ms-build': {
      const docs = buildCorpus(100_000).docs.slice(0, Number(a));
      const ms = new MiniSearch<{ id: number; text: string }>({ fields: ['text'], processTerm: (t) => fold(t) || null });
      const t0 = performance.now();
      await ms.addAllAsync(docs.map((text, id) => ({ id, text })), { chunkSize: 1000 });
      const buildSeconds = (performance.now() - t0) / 1000;
      const heap = process.memoryUsage().heapUsed;
      let saveSeconds = NaN;
      let saveError: string | null = null;
      try {
        const t1 = performance.now();
        writeFileSync(b, JSON.stringify(ms));
        saveSeconds = (performance.now() - t1) / 1000;
      } catch (err) {
        saveError = (err as Error).message;
      }
      print({ buildSeconds, heap, saveSeconds, saveError, peakRss: peakRss() });
      return;
    }
    case 'ms-query': {
      const queries = readQueries(b);
      const t0 = performance.now();
      const ms = MiniSearch.loadJSON<{ id: number; text: string }>(readFileSync(a, 'utf8'), { fields: ['text'], processTerm: (t) => fold(t) || null });
      const run = (q: BenchQuery) => {
        const opts = { prefix: q.kind === 'prefix', fuzzy: q.kind === 'fuzzy' ? q.distance! : false, combineWith: q.kind === 'sentence' ? ('OR' as const) : ('AND' as const) };
        return ms.search(q.words.join(' '), opts).slice(0, PAGE).length;
      };
      run(queries[0]!);
      const coldFirstMs = performance.now() - t0;
      const latencies = timeQueries(queries, run);
      print({ coldFirstMs, latencies, rss: process.memoryUsage().rss, heap: process.memoryUsage().heapUsed, peakRss: peakRss() });
      return;
    }
    case 'fts-build': {
      const docs = buildCorpus(100_000).docs.slice(0, Number(a));
      const db = new Database(b);
      db.pragma('journal_mode = WAL');
      db.exec(`CREATE TABLE documents (id INTEGER PRIMARY KEY, body TEXT NOT NULL);
        CREATE VIRTUAL TABLE documents_fts USING fts5 (body, content = 'documents', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2');
        CREATE TRIGGER ai AFTER INSERT ON documents BEGIN INSERT INTO documents_fts (rowid, body) VALUES (new.id, new.body); END;`);
      const insert = db.prepare('INSERT INTO documents (body) VALUES (?)');
      const t0 = performance.now();
      for (let i = 0; i < docs.length; i += 1000) db.transaction(() => docs.slice(i, i + 1000).forEach((d) => insert.run(d)))();
      const seconds = (performance.now() - t0) / 1000;
      db.close();
      print({ seconds, peakRss: peakRss() });
      return;
    }
    case 'fts-query': {
      const queries = readQueries(b);
      const t0 = performance.now();
      const db = new Database(a);
      const select = (expr: string) =>
        (db
          .prepare(`SELECT rowid, snippet(documents_fts, 0, '[', ']', '…', 24) FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rank LIMIT ${PAGE}`)
          .all(expr).length);
      const count = (expr: string) => db.prepare('SELECT count(*) FROM documents_fts WHERE documents_fts MATCH ?').pluck().get(expr) as number;
      db.exec("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, 'documents_fts', 'row')");
      const vocab = db.prepare('SELECT term FROM temp.v').pluck();
      const run = (q: BenchQuery): number => {
        let expr: string;
        if (q.kind === 'phrase') expr = `"${q.words.join(' ')}"`;
        else if (q.kind === 'prefix') expr = `${q.words[0]}*`;
        else if (q.kind === 'fuzzy') {
          const near = (vocab.all() as string[]).filter((t) => withinOneEdit(t, q.words[0]!)).slice(0, 24);
          if (!near.length) return 0;
          expr = near.map((t) => `"${t}"`).join(' OR ');
        } else expr = q.words.map((w) => `"${w}"`).join(q.kind === 'sentence' ? ' OR ' : ' ');
        select(expr);
        return count(expr);
      };
      run(queries[0]!);
      const coldFirstMs = performance.now() - t0;
      const latencies = timeQueries(queries, run);
      print({ coldFirstMs, latencies, rss: process.memoryUsage().rss, peakRss: peakRss() });
      return;
    }
    default:
      throw new Error(`unknown mode ${mode}`);
  }
}

const [mode, a, b] = process.argv.slice(2);
main(mode!, a!, b!).catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
