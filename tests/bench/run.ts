/**
 * `npm run bench [-- --sizes 1000,10000,100000] [-- --no-reference] [-- --no-analysis] [-- --no-minisearch] [-- --no-cli] [-- --no-ui] [-- --no-ocr] [-- --ocr-only]`
 *
 * Prepares a corpus of real text, then at each size measures the workbench (import and
 * index, cold open to first result, query latencies, memory) and, on the same documents,
 * plain MiniSearch over the full text and bare SQLite FTS5 as references; last, OCR speed.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCorpus } from './corpus';
import { KINDS, makeQueries, type BenchQuery } from './queries';
import { benchOcr } from './ocr';
import { mb, ms } from './stats';
import { bareBm25, cranfieldWorkspace, loadCranfield, workbench } from './cranfield';
import { benchCli, printCli } from './cli';
import { benchFirstWindow } from './first-window';
import { benchLibraryScroll, printLibraryScroll } from './library-scroll';

const args = process.argv.slice(2);
const sizesArg = args[args.indexOf('--sizes') + 1];
const sizes = args.includes('--sizes') && sizesArg ? sizesArg.split(',').map(Number) : [1000, 10_000, 100_000];
const withReference = !args.includes('--no-reference');
const withAnalysis = !args.includes('--no-analysis');
/** Plain MiniSearch over full texts needs ~4 GB and minutes at 100k: `--no-minisearch` leaves it out. */
const withMiniSearch = !args.includes('--no-minisearch');
const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
/** Per run, so that two benches on one machine never share files. */
const work = join(tmpdir(), 'workbench-bench', `run-${process.pid}`);
/** The command line against Recoll (`--no-cli` leaves it out); at 100k it would take most of the run. */
const withCli = !args.includes('--no-cli');
/** Scrolling the library in Chromium (`--no-ui` leaves it out). */
const withUi = !args.includes('--no-ui');

// The workers the workbench starts (import, parse, analysis, the copy's check) run compiled, as
// in the CLI and the shells: built once here, so they are never TypeScript compiled at their start.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
spawnSync(process.execPath, [join(ROOT, 'electron/build/build-cli.mjs')], { cwd: ROOT, stdio: 'inherit' });
const childEnv = { ...process.env, WORKBENCH_WORKERS_DIR: join(ROOT, 'out/cli') };

function child(mode: string, a: string, b: string, heapMb = 4096): Record<string, unknown> {
  const r = spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, '--import', 'tsx', CHILD, mode, a, b], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: childEnv,
  });
  if (r.status !== 0) return { error: (r.stderr || `exit ${r.status}`).trim().split('\n').slice(-3).join(' ') };
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
}

type Lat = Record<string, { p50: number; p95: number; hits: number }>;
const row = (cells: string[]) => `| ${cells.join(' | ')} |`;

if (args.includes('--ocr-only')) {
  await benchOcr();
  process.exit(0);
}

console.log('Preparing the corpus (real text only; cached after the first run)…');
const t0 = performance.now();
const corpus = buildCorpus(100_000);
console.log(`  ${corpus.docs.length} documents, ${(corpus.docs.reduce((n, d) => n + d.length, 0) / 1e6).toFixed(0)} MB, in ${((performance.now() - t0) / 1000).toFixed(1)} s, from:`);
for (const s of corpus.sources) console.log(`  - ${s.name}: ${s.megabytes} MB`);
console.log(`Node ${process.version}, ${process.arch}; ${KINDS.length} query kinds × 200 queries drawn from the corpus; pages of 20 results.\n`);

{
  // Search quality first: it takes seconds, and answers whether the ranking is worth its latency.
  const c = loadCranfield(fileURLToPath(new URL('../fixtures/cranfield', import.meta.url)));
  const dir = join(tmpdir(), 'workbench-bench', 'cranfield');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const ws = await cranfieldWorkspace(c, dir);
  const wb = workbench(c, ws);
  ws.close();
  const bare = bareBm25(c);
  const f = (n: number) => n.toFixed(4);
  console.log(`## Search quality: Cranfield (${c.docs.size.toLocaleString('en')} abstracts, ${c.queries.length} queries typed as they are, graded judgments)\n`);
  console.log(row(['engine', 'nDCG@10', 'MAP', 'recall@100', 'queries with no answer']));
  console.log(row(Array(5).fill('---')));
  console.log(row(['workbench', f(wb.ndcg10), f(wb.map), f(wb.recall100), String(wb.empty)]));
  console.log(row(['bare FTS5 bm25, words ORed', f(bare.ndcg10), f(bare.map), f(bare.recall100), String(bare.empty)]));
  console.log(`\nnDCG@10: workbench ${((wb.ndcg10 / bare.ndcg10 - 1) * 100).toFixed(1)}% against bare bm25 (goal: at least +5%).\n`);
  rmSync(dir, { recursive: true, force: true });
}

if (withCli) {
  // The desktop shell's first window: the built main process in Node, Electron mocked.
  try {
    const w = benchFirstWindow();
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(
      `## The desktop shell's first window (built main process, Electron mocked, median of ${w.newMs.length})\n\n` +
        `- from the main process's start: ${median(w.newMs)} ms on a new data folder (the default workspace made meanwhile), ` +
        `${median(w.againMs)} ms opening it again; packages the main thread had loaded by then: ${w.packages.join(', ') || 'none'} ` +
        '(goal: no analysis or importer library)\n',
    );
  } catch (err) {
    console.log(`## The desktop shell's first window: not measured: ${(err as Error).message}\n`);
  }
}

for (const size of sizes) {
  rmSync(work, { recursive: true, force: true });
  const dir = join(work, 'docs');
  mkdirSync(dir, { recursive: true });
  const docs = corpus.docs.slice(0, size);
  docs.forEach((d, i) => writeFileSync(join(dir, `d${String(i).padStart(6, '0')}.txt`), d));
  const megabytes = docs.reduce((n, d) => n + Buffer.byteLength(d), 0) / 1e6;
  const queriesFile = join(work, 'queries.json');
  writeFileSync(queriesFile, JSON.stringify(makeQueries(docs)));
  const wsFile = join(work, 'bench.workspace');

  console.log(`## ${size.toLocaleString('en')} documents (${megabytes.toFixed(1)} MB of text)\n`);
  const imp = child('wb-import', dir, wsFile);
  const q = child('wb-query', wsFile, queriesFile);
  const results: Array<{ name: string; importDocsPerSec: number; cold: number; lat?: Lat; rss?: number; peak?: number; note?: string }> = [];
  if (imp.error || q.error) console.log(`workbench failed: ${String(imp.error ?? q.error)}`);
  else
    results.push({
      name: 'workbench',
      importDocsPerSec: size / (imp.seconds as number),
      cold: q.coldFirstMs as number,
      lat: q.latencies as Lat,
      rss: q.rss as number,
      peak: Math.max(imp.peakRss as number, q.peakRss as number),
      note: `cold open → first result is answered from FTS5${q.firstPartial ? ' (partial: titles, tags and notes still loading)' : ''}; the index of titles, tags and notes was in after ${ms(q.indexReadyMs as number)} (${String(q.indexOutcome)}); the first fuzzy query loaded the word list in ${ms(q.firstFuzzyMs as number)}; RSS ${mb(q.rss as number)} once quiet (the workspace gives memory back 3 s after the last search), ${mb(q.busyRss as number)} right after the last query; import peak RSS ${mb(imp.peakRss as number)}`,
    });

  if (withReference) {
    const fts = join(work, 'fts.db');
    const fb = child('fts-build', String(size), fts);
    const fq = child('fts-query', fts, queriesFile);
    if (fb.error || fq.error) console.log(`bare FTS5 failed: ${String(fb.error ?? fq.error)}`);
    else results.push({ name: 'bare SQLite FTS5', importDocsPerSec: size / (fb.seconds as number), cold: fq.coldFirstMs as number, lat: fq.latencies as Lat, rss: fq.rss as number, peak: fq.peakRss as number, note: 'fuzzy = scan of the fts5vocab table' });

    const msFile = join(work, 'minisearch.json');
    const mbuild: Record<string, unknown> = withMiniSearch ? child('ms-build', String(size), msFile, 16_384) : { error: 'left out (--no-minisearch)' };
    const mq = mbuild.error || mbuild.saveError ? { error: mbuild.error ?? mbuild.saveError } : child('ms-query', msFile, queriesFile, 16_384);
    if (mbuild.error) console.log(`plain MiniSearch failed: ${String(mbuild.error)}`);
    else
      results.push({
        name: 'plain MiniSearch, full text',
        importDocsPerSec: size / (mbuild.buildSeconds as number),
        cold: mq.error ? NaN : (mq.coldFirstMs as number),
        ...(mq.error ? {} : { lat: mq.latencies as Lat, rss: mq.rss as number }),
        peak: Math.max(mbuild.peakRss as number, (mq.peakRss as number) ?? 0),
        note: `heap after build ${mb(mbuild.heap as number)}; saving toJSON ${mbuild.saveError ? `failed: ${String(mbuild.saveError)}` : `${(mbuild.saveSeconds as number).toFixed(1)} s`}; no phrases (words ANDed); read from memory, not files`,
      });
  }

  console.log(row(['engine', 'import+index docs/s', 'cold open → first result', ...KINDS.map((k) => `p50 / p95 ${k}`), 'RSS after queries (workbench: once quiet)', 'peak RSS']));
  console.log(row(Array(5 + KINDS.length).fill('---')));
  for (const r of results) {
    console.log(
      row([
        r.name,
        Math.round(r.importDocsPerSec).toLocaleString('en'),
        ms(r.cold),
        ...KINDS.map((k) => (r.lat ? `${ms(r.lat[k]!.p50)} / ${ms(r.lat[k]!.p95)}` : '—')),
        r.rss ? mb(r.rss) : '—',
        r.peak ? mb(r.peak) : '—',
      ]),
    );
  }
  for (const r of results) if (r.note) console.log(`\n- ${r.name}: ${r.note}`);
  console.log('');
  if (withCli && size <= 10_000) {
    try {
      printCli(benchCli(dir, work, JSON.parse(readFileSync(queriesFile, 'utf8')) as BenchQuery[]), size);
    } catch (err) {
      console.log(`the command line: failed: ${(err as Error).message}\n`);
    }
  }
  if (withUi) {
    try {
      printLibraryScroll(await benchLibraryScroll(wsFile, size, work), size);
    } catch (err) {
      console.log(`scrolling the library: failed: ${(err as Error).message}\n`);
    }
  }
  const batch = child('wb-batch', wsFile, queriesFile);
  if (batch.error) console.log(`\n- batch search: failed: ${String(batch.error)}`);
  else {
    console.log(
      `\n- batch search of a term list: ${batch.queries as number} queries (10 documents listed each) in ${(batch.seconds as number).toFixed(1)} s ` +
        `(goal at 10,000 documents: under 30 s); ${batch.matched as number} found documents, ${batch.failed as number} could not run; ` +
        `progress reported ${batch.reports as number} times, at most ${ms(batch.longestGapMs as number)} apart`,
    );
  }
  const sizeWithout = statSync(wsFile).size;
  const an = withAnalysis ? child('wb-analysis', wsFile, '-') : null;
  if (an?.error) console.log(`\n- analysis: failed: ${String(an.error)}`);
  else if (an) {
    const c = an.counts as Record<string, number>;
    console.log(
      `\n- cross-source analysis (passages, entities, figures, dates) of all ${size.toLocaleString('en')} documents: ${(an.seconds as number).toFixed(1)} s ` +
        `(${Math.round((an.documents as number) / (an.seconds as number)).toLocaleString('en')} docs/s; goal at 100,000: 120 s or less), peak RSS ${mb(an.peakRss as number)}; ` +
        `found ${c.passages} shared passages, ${c.boilerplate} boilerplate fingerprints counted once, ${c.mentions} entity mentions, ${c.figures} figures, ${c.dates} dates. ` +
        `The workspace: ${mb(sizeWithout)} without the analysis, ${mb(statSync(wsFile).size)} with it (+${((statSync(wsFile).size / sizeWithout - 1) * 100).toFixed(0)}%; goal: 50% or less). ` +
        `Reading it: entity list ${ms(an.entitiesMs as number)} (then ${ms(an.entitiesAgainMs as number)} cached), figures ${ms(an.figuresMs as number)}, timeline ${ms(an.timelineMs as number)}, one document's passages p95 ${ms(an.passagesP95 as number)}`,
    );
  }
  // Last: it encrypts the workspace.
  const safe = child('wb-safety', wsFile, join(work, 'data'));
  if (safe.error) console.log(`\n- safety: failed: ${String(safe.error)}`);
  else {
    console.log(
      `\n- keeping it safe: quick_check on open ${ms(safe.quickCheckMs as number)}; a verified backup (VACUUM INTO + the copy's check in two threads, see verified-copy.ts) ${ms(safe.backupMs as number)} for ${mb(safe.backupBytes as number)}; ` +
        `a hand-out ${ms(safe.handoutMs as number)} (goal at 100,000: 3 s or less each); encrypting the workspace ${ms(safe.encryptMs as number)}; opening it encrypted ${ms(safe.encryptedOpenMs as number)}`,
    );
  }
  console.log('');
}
rmSync(work, { recursive: true, force: true });
if (!args.includes('--no-ocr')) await benchOcr();
