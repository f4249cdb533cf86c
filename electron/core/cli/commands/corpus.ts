import type { Command } from 'commander';
import { Option } from 'commander';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { ErrorCode, WorkbenchError } from '../../../shared/errors';
import type { ImportSummary, SearchResponse, SortKey } from '../../../shared/schemas';
import { normalizeDate } from '../../../shared/text/dates';
import type { ExportFormat } from '../../services/export';
import { LIBRARY_FORMATS, type LibraryFormat } from '../../services/library-export';
import { DEFAULT_MAX_FILE_BYTES } from '../../import/limits';
import { DEFAULT_OCR_LANGUAGES, OCR_LANG_ENV, installedLanguages, ocrLanguages } from '../../import/ocr';
import type { Api } from '../../../shared/api/client';
import { parseId, type Runner } from '../main';
import { progressBar, renderSnippet, table, terminalSafe } from '../output';

/** The contract's SortKey values, written out so that `--help` does not load the schemas; the type keeps them complete. */
const SORTS: Record<SortKey, true> = { relevance: true, date: true, title: true, outlet: true };
const SORT_KEYS = Object.keys(SORTS) as SortKey[];

interface SearchOptions {
  limit: string;
  offset: string;
  sort: SortKey;
  clean?: boolean;
  all?: boolean;
  passage?: string;
  passageFile?: string;
}

function searchInput(query: string | undefined, opts: SearchOptions): { query: string; passage: boolean } {
  const given = [query !== undefined, opts.passage !== undefined, opts.passageFile !== undefined].filter(Boolean).length;
  if (given !== 1) {
    throw new WorkbenchError(ErrorCode.InvalidInput, 'Give one of: a query, --passage "<text>" or --passage-file <file>.', { field: 'query' });
  }
  if (opts.passageFile !== undefined) {
    if (!existsSync(opts.passageFile)) {
      throw new WorkbenchError(ErrorCode.NotFound, `--passage-file: ${opts.passageFile} does not exist.`, { field: 'passage-file' });
    }
    return { query: readFileSync(opts.passageFile, 'utf8'), passage: true };
  }
  return opts.passage !== undefined ? { query: opts.passage, passage: true } : { query: query!, passage: false };
}

function searchText(res: SearchResponse, query: string, passage: boolean): string {
  const what = passage ? 'the passage' : JSON.stringify(query);
  const lines = [
    res.totalSome > 0
      ? `${res.totalAll} document(s) with all your words · ${res.totalSome} with some of them, for ${what}.`
      : passage
        ? `${res.total} document(s) hold ${what}.`
        : `${res.total} document(s) match ${what}.`,
  ];
  res.documents.forEach((d, i) => {
    if (i > 0 && d.missing.length > 0 && res.documents[i - 1]!.missing.length === 0) lines.push('', '— with some of the words —');
    lines.push('', `[${d.id}] ${d.title}`, `     ${[d.outlet ?? 'unknown outlet', d.published ?? 'undated', d.fileName ?? ''].join(' · ')}  (score ${d.score}, in ${d.matchedIn.join(', ') || 'all'})`);
    if (d.passage) lines.push(`     passage at characters ${d.passage.start}–${d.passage.end} (similarity ${d.passage.score})`);
    lines.push(`     ${renderSnippet(d.snippet)}`);
    if (d.missing.length) lines.push(`     Missing: ${d.missing.join(', ')}`);
  });
  if (res.highlights.length) {
    lines.push('', `${res.highlights.length} highlight(s):`);
    for (const h of res.highlights) lines.push(`  highlight ${h.id} in [${h.documentId}] ${h.documentTitle}: ${renderSnippet(h.snippet)}`);
  }
  if (res.notes.length) {
    lines.push('', `${res.notes.length} note(s):`);
    for (const n of res.notes) lines.push(`  note ${n.id}: ${renderSnippet(n.snippet)}`);
  }
  return lines.join('\n');
}

/** A tag named by id, or by name in any case. */
async function tagIdOf(api: Api, ref: string): Promise<number> {
  const tags = await api.tags.list();
  const wanted = ref.replace(/\s+/g, ' ').trim().toLowerCase();
  const tag = /^\d+$/.test(wanted) ? tags.find((t) => t.id === Number(wanted)) : tags.find((t) => t.name.toLowerCase() === wanted);
  if (!tag) throw new WorkbenchError(ErrorCode.NotFound, `No tag ${/^\d+$/.test(wanted) ? `with id ${ref}` : `named "${ref}"`}. See \`workbench tag list\`.`, { field: 'tag' });
  return tag.id;
}

function summaryText(s: ImportSummary): string {
  const lines = [`${s.files} file(s): ${s.imported} imported, ${s.duplicates} duplicate(s), ${s.failed} failed${s.skipped ? `, ${s.skipped} skipped` : ''}${s.cancelled ? ' (cancelled)' : ''}.`];
  for (const o of s.outcomes) {
    if (o.status === 'failed') lines.push(`  failed     ${o.path}: ${o.reason}`);
    if (o.status === 'duplicate') lines.push(`  duplicate  ${o.path}: ${o.reason}`);
    if (o.status === 'skipped') lines.push(`  skipped    ${o.path}: ${o.reason}`);
  }
  return lines.join('\n');
}

async function runImport(api: Api, paths: string[], json: boolean, maxFileMb?: number): Promise<ImportSummary> {
  const bar = await progressBar('Importing [{bar}] {value}/{total} files | {mb} MB | {file}', !json);
  let started = false;
  const off = api.on('import.progress', (p) => {
    if (!bar) return;
    // A scan being read by OCR is named with its page, the slow part of an import.
    const name = terminalSafe((p.ocr?.path ?? p.currentPath ?? '').split('/').pop()?.slice(0, 40) ?? '');
    const payload = { mb: (p.bytesDone / 1048576).toFixed(1), file: p.ocr ? `${name}: OCR page ${p.ocr.page} of ${p.ocr.pages}` : name };
    if (!started) {
      bar.start(p.filesTotal, p.filesDone, payload);
      started = true;
    } else bar.update(p.filesDone, payload);
  });
  try {
    // Ctrl+C cancels at once (the CLI's client turns it into import.cancel).
    return await api.import.paths({ paths, ...(maxFileMb ? { maxFileMb } : {}) });
  } finally {
    off();
    bar?.stop();
  }
}

export function registerCorpus(program: Command, run: Runner): void {
  program
    .command('init')
    .description('create a new workspace, with the sample corpus unless --empty or --import is given')
    .option('--empty', 'start with no documents')
    .option('--import <paths...>', 'import these files or folders instead of the sample corpus')
    .action(async (opts: { empty?: boolean; import?: string[] }, cmd: Command) => {
      const file = run.workspacePath(cmd);
      if (existsSync(file)) throw new WorkbenchError(ErrorCode.Conflict, `${file} already exists; open it with -w, or choose another name.`, { file });
      const importPaths = opts.empty ? [] : opts.import;
      await run.withApi(
        cmd,
        async (api, out) => {
          const info = await api.workspace.info();
          out.result(info, () => `Created ${file} with ${info.documents} document(s).`);
        },
        { create: true, ...(importPaths ? { importPaths } : {}) },
      );
    });

  program
    .command('import')
    .description('import files and folders (.txt, .md, .html, .pdf, .docx, .eml, .mbox; photos and scans .png .jpg .tif .webp by OCR), and REFI-QDA projects (.qdpx) and codebooks (.qdc); every file gets an outcome. Exits 2 when some files failed.')
    .argument('<paths...>', 'files and folders')
    .option('--max-file-mb <n>', `refuse files larger than this (default ${DEFAULT_MAX_FILE_BYTES / 1048576})`)
    .option('--ocr-lang <langs>', `languages to recognise in photos and scans, joined by + (installed: ${installedLanguages().join(', ')}; default ${DEFAULT_OCR_LANGUAGES})`)
    .addHelpText('after', '\nExample:\n  workbench import scans/ --ocr-lang eng+fra')
    .action(async (paths: string[], opts: { maxFileMb?: string; ocrLang?: string }, cmd: Command) => {
      if (opts.ocrLang !== undefined) {
        try {
          // The import's worker threads read the choice from the environment they inherit.
          process.env[OCR_LANG_ENV] = ocrLanguages(opts.ocrLang).join('+');
        } catch (err) {
          throw new WorkbenchError(ErrorCode.InvalidInput, `--ocr-lang: ${(err as Error).message}.`, { field: 'ocr-lang' });
        }
      }
      const maxFileMb = opts.maxFileMb === undefined ? undefined : Number(opts.maxFileMb);
      if (maxFileMb !== undefined && !(maxFileMb > 0)) throw new WorkbenchError(ErrorCode.InvalidInput, `--max-file-mb: "${opts.maxFileMb}" is not a positive number.`, { field: 'max-file-mb' });
      await run.withApi(cmd, async (api, out) => {
        const summary = await runImport(api, paths, out.json, maxFileMb);
        out.result(summary, () => summaryText(summary));
        if (summary.failed > 0) run.setExitCode(2);
      });
    });

  program
    .command('search')
    .description('search the workspace (see the query language in the README)')
    .argument('[query]', 'for example: wagner "not from moscow" -cuba date:2019')
    .option('-n, --limit <n>', 'how many results', '20')
    .option('--offset <n>', 'skip this many results', '0')
    .addOption(new Option('--sort <key>', 'order of results').choices(SORT_KEYS).default('relevance'))
    .option('--clean', 'leave boilerplate out: donation boxes, polls, comment threads')
    .option('--all', 'only the documents with every word (by default, those with some of them follow)')
    .option('--passage <text>', 'find where a passage (or a lightly reworded one) appears')
    .option('--passage-file <file>', 'the same, for the text of a file')
    .addHelpText('after', `
Examples:
  workbench search "wagner mercenaries"          documents with both words, then those with one
  workbench search "wagner mercenaries" --all    only those with both
  workbench search "wagner NEAR/10 venezuela"    both within ten words
  workbench search --passage-file quote.txt      where else this paragraph appears`)
    .action(async (queryArg: string | undefined, opts: SearchOptions, cmd: Command) => {
      const { query, passage } = searchInput(queryArg, opts);
      await run.withApi(
        cmd,
        async (api, out) => {
          const res = await api.search.query({
            query, passage, all: Boolean(opts.all), limit: Number(opts.limit), offset: Number(opts.offset), sort: opts.sort, clean: Boolean(opts.clean),
          });
          const documents = res.documents.map((d) => ({ ...d, date: d.published }));
          out.result({ ...res, documents }, () => searchText(res, query, passage));
        },
        { read: true },
      );
    });

  program
    .command('show')
    .description('show a document: metadata, text, highlights and notes')
    .argument('<id>', 'document id')
    .option('--no-text', 'leave out the text')
    .action(async (id: string, opts: { text: boolean }, cmd: Command) => {
      await run.withApi(cmd, async (api, out) => {
        const doc = await api.documents.get({ id: parseId(id, 'document id') });
        const highlights = await api.highlights.list({ documentId: doc.id });
        const notes = await api.notes.forDocument({ documentId: doc.id });
        out.result({ ...doc, highlights, notes }, () => {
          const rows = [
            ['title', doc.title],
            ['outlet', doc.outlet ?? '—'],
            ['author', doc.author ?? '—'],
            ['published', doc.published ?? '—'],
            ['url', doc.url ?? '—'],
            ['file', `${doc.fileName ?? '—'} (${doc.format}, ${doc.encoding ?? '?'})`],
            ['sha256', doc.sha256],
            ['tags', doc.tags.map((t) => t.name).join(', ') || '—'],
          ];
          const lines = [`Document ${doc.id}`, table(rows)];
          for (const h of highlights) lines.push(`  highlight ${h.id} [${h.start}-${h.end}] ${h.tags.map((t) => `#${t.name}`).join(' ')}: “${h.quote}”`);
          for (const n of notes) lines.push(`  note ${n.id}: ${n.body.split('\n')[0]}`);
          if (opts.text) lines.push('', doc.body);
          return lines.join('\n');
        });
      }, { read: true, waitForIndex: false });
    });

  program
    .command('edit')
    .description("correct a document's metadata")
    .argument('<id>', 'document id')
    .option('--title <text>')
    .option('--outlet <text>', 'publisher or source (empty to clear)')
    .option('--author <text>', 'author or byline (empty to clear)')
    .option('--date <date>', 'published date: 2019, 2019-01 or 2019-01-26 (empty to clear)')
    .option('--url <url>', 'original address (empty to clear)')
    .action(async (id: string, opts: { title?: string; outlet?: string; author?: string; date?: string; url?: string }, cmd: Command) => {
      await run.withApi(cmd, async (api, out) => {
        let published: string | null | undefined;
        if (opts.date !== undefined) {
          published = opts.date.trim() === '' ? null : normalizeDate(opts.date);
          if (published === null && opts.date.trim() !== '') throw new WorkbenchError(ErrorCode.InvalidInput, `--date: "${opts.date}" is not a date.`, { field: 'date' });
        }
        const blank = (v: string | undefined) => (v === undefined ? undefined : v.trim() === '' ? null : v);
        const patch = Object.fromEntries(
          Object.entries({ title: opts.title, outlet: blank(opts.outlet), author: blank(opts.author), published, url: blank(opts.url) }).filter(([, v]) => v !== undefined),
        );
        const meta = await api.documents.updateMetadata({ id: parseId(id, 'document id'), patch });
        out.result(meta, () => `Updated document ${meta.id}: ${meta.title}`);
      });
    });

  program
    .command('similar')
    .description('documents that share the most distinctive words with this one')
    .argument('<id>', 'document id')
    .option('-n, --limit <n>', 'how many', '10')
    .action(async (id: string, opts: { limit: string }, cmd: Command) => {
      await run.withApi(
        cmd,
        async (api, out) => {
          const similar = await api.documents.similar({ id: parseId(id, 'document id'), limit: Number(opts.limit) });
          out.result(similar, () => similar.map((s) => `[${s.id}] ${s.title} (score ${s.score})`).join('\n') || 'No similar documents.');
        },
        // Read from the bodies' full-text index alone: the index of titles, tags and notes is not loaded.
        { read: true, waitForIndex: false },
      );
    });

  program
    .command('delete')
    .description('delete documents with their highlights (notes on them stay, free-standing); workbench undo brings them back')
    .argument('<ids...>', 'document ids')
    .action(async (ids: string[], _opts, cmd: Command) => {
      await run.withApi(cmd, async (api, out) => {
        const { deleted } = await api.documents.delete({ ids: ids.map((id) => parseId(id, 'document id')) });
        out.result({ deleted }, () => `Deleted ${deleted} document(s). Undo with: workbench undo`);
      });
    });

  program
    .command('export')
    .description('export highlights and notes (md, csv, json), citations (csl-json, bibtex, ris), the library as CSV, or a REFI-QDA project (qdpx) or codebook (qdc)')
    .addOption(
      new Option('--format <format>', 'md: highlights grouped by tag with citations; csv; json; csl-json, bibtex, ris: citations for Zotero; library-csv: one row a document; qdpx: a REFI-QDA project (needs --out); qdc: the tags as a REFI-QDA codebook')
        .choices(['md', 'csv', 'json', ...LIBRARY_FORMATS, 'qdpx', 'qdc'])
        .default('md'),
    )
    .option('-q, --query <query>', 'only the documents this search finds (their highlights and notes; for library-csv, with the matched snippet)')
    .option('--ids <ids...>', 'only these documents')
    .option('--tag <tag>', 'md, csv, json: only the highlights with this tag (name or id) or a tag below it, and the notes on them')
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .addHelpText(
      'after',
      '\nExamples:\n  workbench export --format ris --query "wagner -cuba" --out wagner.ris\n  workbench export --format md --tag Claims --out claims.md\n' +
        '  workbench export --format md --ids 2 4 --out two.md\n  workbench export --format qdpx --out project.qdpx\n  workbench export --format qdpx --query "tag:Claims" --out claims.qdpx',
    )
    .action(async (opts: { format: ExportFormat | LibraryFormat | 'qdpx' | 'qdc'; query?: string; ids?: string[]; tag?: string; out?: string }, cmd: Command) => {
      await run.withApi(cmd, async (api) => {
        if (opts.format === 'qdpx' || opts.format === 'qdc') {
          if (opts.format === 'qdpx' && !opts.out) throw new WorkbenchError(ErrorCode.InvalidInput, '--format qdpx writes a zip archive: say where with --out <file>.qdpx.', { field: 'out' });
          const scope = opts.query !== undefined ? '--query' : opts.ids ? '--ids' : opts.tag !== undefined ? '--tag' : null;
          if (scope && opts.format === 'qdc') throw new WorkbenchError(ErrorCode.InvalidInput, `${scope}: a codebook (--format qdc) is always every tag; a project (qdpx) can be of a selection.`, { field: scope.slice(2) });
          if (opts.tag !== undefined) throw new WorkbenchError(ErrorCode.InvalidInput, '--tag goes with md, csv and json; for a project of the documents a tag marks, use --query "tag:…".', { field: 'tag' });
          const ids = opts.ids?.map((i) => parseId(i, 'document id'));
          const selection = { ...(opts.query !== undefined ? { query: opts.query } : {}), ...(ids ? { ids } : {}) };
          const data = Buffer.from((await api.export.qda({ format: opts.format, ...selection })).base64, 'base64');
          if (opts.out) {
            writeFileSync(opts.out, data);
            process.stderr.write(`Wrote ${opts.out}\n`);
          } else process.stdout.write(data);
          return;
        }
        const library = (LIBRARY_FORMATS as readonly string[]).includes(opts.format);
        if (library && opts.tag !== undefined) {
          throw new WorkbenchError(ErrorCode.InvalidInput, `--tag goes with md, csv and json (highlights and notes), not --format ${opts.format}; use --query "tag:…" for citations.`, { field: 'tag' });
        }
        const ids = opts.ids?.map((i) => parseId(i, 'document id'));
        const tagId = opts.tag !== undefined ? await tagIdOf(api, opts.tag) : undefined;
        const selection = { ...(opts.query !== undefined ? { query: opts.query } : {}), ...(ids ? { ids } : {}) };
        const { text } = library
          ? await api.export.library({ format: opts.format as LibraryFormat, ...selection })
          : await api.export.run({ format: opts.format as ExportFormat, ...selection, ...(tagId !== undefined ? { tagId } : {}) });
        if (opts.out) {
          writeFileSync(opts.out, text);
          process.stderr.write(`Wrote ${opts.out}\n`);
        } else process.stdout.write(text);
      });
    });

  program
    .command('info')
    .description('what the workspace holds')
    .action(async (_opts, cmd: Command) => {
      await run.withApi(cmd, async (api, out) => {
        const info = await api.workspace.info();
        out.result(info, () =>
          table([
            ['workspace', info.file],
            ['documents', String(info.documents)],
            ['text', `${(info.bytes / 1048576).toFixed(1)} MB`],
            ['tags', String(info.tags)],
            ['highlights', String(info.highlights)],
            ['notes', String(info.notes)],
            ['saved searches', String(info.savedSearches)],
            ['encrypted', info.encrypted ? 'yes' : 'no'],
            ...(info.adoptedFrom ? [['from hand-out', `“${info.adoptedFrom.title}” (${info.adoptedFrom.from})`]] : []),
          ]),
        );
      }, { read: true, waitForIndex: false });
    });

  program
    .command('check')
    .description('check the workspace file, its full-text postings, document hashes and search index; exits 1 on a problem')
    .action(async (_opts, cmd: Command) => {
      await run.withWorkspace(cmd, async (ws, out) => {
        const report = await ws.check();
        out.result(report, () =>
          report.ok ? `OK: ${report.checked.documents} document(s) and ${report.checked.notes} note(s) checked.` : `Problems found:\n${report.problems.map((p) => `  - ${p}`).join('\n')}`,
        );
        if (!report.ok) run.setExitCode(1);
      });
    });

  const saved = program.command('saved').description('saved searches');
  saved
    .command('list')
    .action(async (_o, cmd: Command) => {
      await run.withApi(
        cmd,
        async (api, out) => {
          const list = await api.savedSearches.list();
          out.result(list, () => (list.length ? table(list.map((s) => [String(s.id), s.name, s.query])) : 'No saved searches.'));
        },
        { read: true, waitForIndex: false },
      );
    });
  saved
    .command('save')
    .argument('<name>')
    .argument('<query>')
    .action(async (name: string, query: string, _o, cmd: Command) => {
      await run.withApi(cmd, async (api, out) => {
        const s = await api.savedSearches.save({ name, query });
        out.result(s, () => `Saved search ${s.id} "${s.name}": ${s.query}`);
      });
    });
  saved
    .command('delete')
    .argument('<id>')
    .action(async (id: string, _o, cmd: Command) => {
      await run.withApi(cmd, async (api, out) => {
        await api.savedSearches.delete({ id: parseId(id) });
        out.result({ deleted: Number(id) }, () => `Deleted saved search ${id}.`);
      });
    });
}
