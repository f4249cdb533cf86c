/**
 * Search quality on the Cranfield collection (1,400 abstracts, 225 queries, graded human
 * judgments), for the workbench and for bare FTS5 bm25 with the query's words ORed, on
 * the same texts in the same run. Used by `npm run bench` and by a ranking test.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../electron/core/workspace';

export interface Collection {
  docs: Map<number, string>;
  queries: string[];
  /** Per query (index into `queries`): document id → gain (5 − Cleverdon's code, so 1 → 4 … 4 → 1). */
  qrels: Array<Map<number, number>>;
}

export function loadCranfield(dir: string): Collection {
  const docs = new Map<number, string>();
  const read = (name: string) => readFileSync(join(dir, name), 'utf8').replace(/\r\n?/g, '\n');
  for (const block of read('cran.all.1400').split(/^\.I /m).slice(1)) {
    const id = Number(block.slice(0, block.indexOf('\n')));
    const text = /\n\.W\n([\s\S]*)$/.exec(block)?.[1] ?? '';
    docs.set(id, text.trim());
  }
  const queries = read('cran.qry')
    .split(/^\.I /m)
    .slice(1)
    .map((b) => (/\n\.W\n([\s\S]*)$/.exec(b)?.[1] ?? '').replace(/\s+/g, ' ').trim());
  const qrels = queries.map(() => new Map<number, number>());
  for (const line of read('cranqrel').split('\n')) {
    const [q, d, code] = line.trim().split(/\s+/).map(Number);
    if (!q || !d || code === undefined || code < 1 || code > 4) continue;
    qrels[q - 1]?.set(d, 5 - code);
  }
  return { docs, queries, qrels };
}

export interface Quality {
  ndcg10: number;
  map: number;
  recall100: number;
  /** Queries with no document at all in the answer. */
  empty: number;
}

function score(runs: number[][], qrels: Array<Map<number, number>>): Quality {
  let ndcg = 0;
  let ap = 0;
  let recall = 0;
  let judged = 0;
  let empty = 0;
  runs.forEach((ranked, q) => {
    const rel = qrels[q]!;
    if (rel.size === 0) return;
    judged++;
    if (ranked.length === 0) empty++;
    const dcg = ranked.slice(0, 10).reduce((n, d, i) => n + (rel.get(d) ?? 0) / Math.log2(i + 2), 0);
    const ideal = [...rel.values()].sort((a, b) => b - a).slice(0, 10).reduce((n, g, i) => n + g / Math.log2(i + 2), 0);
    ndcg += ideal ? dcg / ideal : 0;
    let hits = 0;
    let sum = 0;
    ranked.forEach((d, i) => {
      if (rel.has(d)) sum += ++hits / (i + 1);
    });
    ap += sum / rel.size;
    recall += ranked.slice(0, 100).filter((d) => rel.has(d)).length / rel.size;
  });
  return { ndcg10: ndcg / judged, map: ap / judged, recall100: recall / judged, empty };
}

/** Bare FTS5 (unicode61, bm25), the query's words ORed. */
export function bareBm25(c: Collection): Quality {
  const db = new Database(':memory:');
  db.exec('CREATE VIRTUAL TABLE t USING fts5 (body)');
  const insert = db.prepare('INSERT INTO t (rowid, body) VALUES (?, ?)');
  db.transaction(() => c.docs.forEach((text, id) => insert.run(id, text)))();
  const search = db.prepare('SELECT rowid FROM t WHERE t MATCH ? ORDER BY bm25(t) LIMIT 100').pluck();
  const runs = c.queries.map((q) => {
    const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    return words.length ? (search.all(words.map((w) => `"${w}"`).join(' OR ')) as number[]) : [];
  });
  db.close();
  return score(runs, c.qrels);
}

/** The documents imported as text files into a new workspace (reopened when it exists). */
export async function cranfieldWorkspace(c: Collection, dir: string): Promise<Workspace> {
  const file = join(dir, 'cranfield.workspace');
  if (existsSync(file)) return Workspace.open(file);
  const docsDir = join(dir, 'cranfield-docs');
  mkdirSync(docsDir, { recursive: true });
  c.docs.forEach((text, id) => writeFileSync(join(docsDir, `cran-${String(id).padStart(4, '0')}.txt`), text));
  const ws = await Workspace.open(file, { create: true, importPaths: [docsDir] });
  // Passage search reads the analysis' fingerprints: let it finish, so that every run ranks alike.
  await ws.analyze();
  return ws;
}

/** The workbench, each query typed as it is. */
export function workbench(c: Collection, ws: Workspace, limit = 100): Quality {
  return qualityOf(c, ws, c.queries.map((query) => ws.search.search({ query, limit })));
}

/** The quality of the workbench's answers to the collection's queries, in order. */
export function qualityOf(c: Collection, ws: Workspace, answers: Array<{ documents: Array<{ id: number }> }>): Quality {
  const byFile = new Map(
    (ws.db.prepare('SELECT id, file_name AS f FROM documents').all() as Array<{ id: number; f: string }>).map((r) => [r.id, Number(r.f.slice(5, 9))]),
  );
  return score(answers.map((a) => a.documents.map((d) => byFile.get(d.id)!)), c.qrels);
}
