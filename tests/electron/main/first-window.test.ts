import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { resolveConfig } from 'electron-vite';
import { build, type Rollup } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../../helpers';

/** What reads documents, finds names and dates, or writes exchange formats: needed by import and analysis only. */
const IMPORT_AND_ANALYSIS = [
  'compromise', 'fr-compromise', 'es-compromise', 'de-compromise', 'chrono-node', 'linkedom', 'mailparser', 'mammoth', 'jszip',
  'yaml', 'yauzl', '@mozilla/readability', 'pdfjs-dist', 'tesseract.js', '@citation-js/core', '@xmldom/xmldom', 'eld', 'chardet',
  'stopword', '@orama/stemmers',
];

let chunks: Map<string, Rollup.OutputChunk>;
// As deep as out/main, so that paths the engine takes relative to its own file (the seeds) resolve alike.
const outDir = join(ROOT, 'out', `main-under-test-${process.pid}`);

/** The desktop main process as `npm run build` makes it (electron-vite's own configuration), in a folder of its own. */
beforeAll(async () => {
  const config = await resolveConfig({ root: ROOT, logLevel: 'silent' }, 'build', 'production');
  const main = config.config!.main!;
  const out = await build({ ...main, logLevel: 'silent', build: { ...main.build, outDir, emptyOutDir: true } });
  const outputs = (Array.isArray(out) ? out : [out]) as Rollup.RollupOutput[];
  chunks = new Map(outputs.flatMap((o) => o.output).filter((c): c is Rollup.OutputChunk => c.type === 'chunk').map((c) => [c.fileName, c]));
});
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** The packages an entry loads before its first line runs: its static imports, followed through the shared chunks. */
function loadedAtStart(entry: string): string[] {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const id of chunks.get(file)!.imports) {
      if (chunks.has(id)) visit(id);
      else if (!id.startsWith('node:')) packages.add(id.startsWith('@') ? id.split('/').slice(0, 2).join('/') : id.split('/')[0]!);
    }
  };
  visit(entry);
  return [...packages].sort();
}

describe("the desktop shell's first window", () => {
  it('loads no importer, no analysis library and no database: the main process starts with Electron alone', () => {
    const main = loadedAtStart('index.js');
    expect(IMPORT_AND_ANALYSIS.filter((p) => main.includes(p))).toEqual([]);
    // The workspace is the session worker's: SQLite, the search index and the contract's validation load there.
    expect(main).not.toContain('better-sqlite3-multiple-ciphers');
    expect(main).not.toContain('minisearch');
    expect(main).not.toContain('zod');
    expect(main).toEqual(['electron']);
    expect(chunks.get('index.js')!.code).toContain('session-worker.js');
  });

  it('the session worker is built beside it, and opens a workspace without any importer or analysis library', () => {
    const worker = loadedAtStart('session-worker.js');
    expect(worker).toContain('better-sqlite3-multiple-ciphers');
    expect(worker).toContain('zod');
    expect(IMPORT_AND_ANALYSIS.filter((p) => worker.includes(p))).toEqual([]);
    // They are there, for when an import or the analysis runs: reached with import() only (a lazy chunk's
    // static import, or, for the parsers and the analysis, an import() of the package where it is used).
    const everything = [...chunks.values()].flatMap((c) => [...c.imports, ...c.dynamicImports]);
    expect(everything).toEqual(expect.arrayContaining(['compromise', 'chrono-node', 'mammoth']));
  });
});

describe('the built desktop main process, run in Node with Electron mocked', () => {
  it('opens the default workspace in its worker, answers IPC and relays events, having loaded no package but Electron', () => {
    const data = tempDir();
    const log = join(data, 'modules.log');
    const r = spawnSync(process.execPath, ['--import', join(ROOT, 'tests/fixtures/electron-mock/preload.mjs'), join(outDir, 'index.js')], {
      encoding: 'utf8',
      env: { ...process.env, WORKBENCH_DATA_DIR: data, WORKBENCH_MODULE_LOG: log },
    });
    expect(r.status, r.stderr).toBe(0);
    // electron.mjs: the first window's IPC answers, then the app quits once the worker has closed the workspace.
    const [answers, quit] = r.stdout.trim().split('\n');
    expect(JSON.parse(answers!)).toMatchObject({
      info: { ok: true, result: { name: 'Default.workspace', documents: 5 } },
      created: { ok: true, result: { name: 'From the built main' } },
      title: 'Default.workspace — Research Workbench',
    });
    expect(quit).toBe('quit');
    // What this thread had loaded when the window was made, and by the end: Electron (the mock), nothing else.
    expect(readFileSync(`${log}.first-window`, 'utf8').split('\n').filter(Boolean)).toEqual(['electron']);
    expect(readFileSync(log, 'utf8').split('\n').filter(Boolean)).toEqual(['electron']);
    expect(existsSync(join(data, 'Default.workspace'))).toBe(true);
  });
});
