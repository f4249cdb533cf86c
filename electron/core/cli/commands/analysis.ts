import type { Command } from 'commander';
import { analysisPending } from '../../analysis/pending';
import type { Workspace } from '../../workspace';
import { parseId, type CommandOpen, type Runner } from '../main';
import { progressBar, table } from '../output';

const clip = (s: string, n = 70) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > n ? `${flat.slice(0, n - 1)}…` : flat;
};

/** Brings the analysis up to date first, with a progress bar on a terminal. */
async function upToDate(ws: Workspace, json: boolean): Promise<void> {
  const bar = await progressBar('Analysing [{bar}] {value}/{total} documents', !json);
  let started = false;
  const onProgress = (p: { done: number; total: number }) => {
    if (!bar) return;
    if (!started) bar.start(p.total, p.done);
    else bar.update(p.done);
    started = true;
  };
  ws.on('analysisProgress', onProgress);
  try {
    await ws.analyze();
  } finally {
    ws.off('analysisProgress', onProgress);
    bar?.stop();
  }
}

/** The analysis commands read; they open a writer only when the analysis has documents to catch up on. */
const READ_WHEN_ANALYSED: CommandOpen = { read: (ws) => !analysisPending(ws.db), waitForIndex: false };

export function registerAnalysis(program: Command, run: Runner): void {
  program
    .command('passages')
    .description('passages a document shares with others, word for word or reworded, with the likely origin')
    .argument('<id>', 'document id')
    .option('--with <id>', 'only those shared with this document')
    .action(async (id: string, opts: { with?: string }, cmd: Command) => {
      const docId = parseId(id, 'document id');
      const otherId = opts.with ? parseId(opts.with, '--with') : undefined;
      await run.withApi(cmd, async (api, out, ws) => {
        await upToDate(ws, out.json);
        const list = await api.analysis.passages({ documentId: docId, ...(otherId ? { otherId } : {}) });
        out.result(list, () =>
          list.length
            ? list
                .map((p) => `[${p.start}–${p.end}] ${p.kind} ${Math.round(p.score * 100)}% with #${p.other.id} ${clip(p.other.title, 40)}; origin: ${p.origin === null ? 'unclear' : p.origin === docId ? 'this document' : `#${p.origin}`}\n  here:  ${clip(p.quote)}\n  there: ${clip(p.otherQuote)}`)
                .join('\n')
            : `Document ${docId} shares no passage with another document.`,
        );
      }, READ_WHEN_ANALYSED);
    });

  program
    .command('entities')
    .description('people, organisations and places with document counts; --merge / --split correct the grouping')
    .option('-n, --limit <n>', 'how many', '50')
    .option('--merge <keys...>', 'merge these entities (keys or names) into the first')
    .option('--split <variant>', 'split this name variant out of its entity')
    .option('--mentions <key>', 'where this entity is mentioned')
    .action(async (opts: { limit: string; merge?: string[]; split?: string; mentions?: string }, cmd: Command) => {
      const changes = Boolean(opts.merge || opts.split);
      await run.withApi(cmd, async (api, out, ws) => {
        await upToDate(ws, out.json);
        if (opts.merge) {
          const e = await api.analysis.mergeEntities({ keys: opts.merge });
          out.result(e, () => `Merged into ${e.name}: ${e.variants.join(', ')}.`);
          return;
        }
        if (opts.split) {
          const e = await api.analysis.splitEntity({ variant: opts.split });
          out.result(e, () => `“${opts.split}” is now an entity of its own: ${e.name}.`);
          return;
        }
        if (opts.mentions) {
          const list = await api.analysis.mentions({ key: opts.mentions });
          out.result(list, () => table(list.map((m) => [`#${m.documentId}`, `${m.start}–${m.end}`, m.surface])));
          return;
        }
        const list = await api.analysis.entities({ limit: Number(opts.limit) });
        out.result(list, () => table([['entity', 'kind', 'docs', 'mentions', 'variants'], ...list.map((e) => [e.name, e.kind, String(e.documents), String(e.mentions), e.variants.join(', ')])]));
      }, changes ? {} : READ_WHEN_ANALYSED);
    });

  program
    .command('figures')
    .description('numbers with what they count, per document, grouped by what they are about')
    .action(async (_opts, cmd: Command) => {
      await run.withApi(cmd, async (api, out, ws) => {
        await upToDate(ws, out.json);
        const list = await api.analysis.figures();
        out.result(list, () => table([['about', 'figure', 'value', 'document', 'outlet', 'date'], ...list.map((f) => [`${f.about ?? f.subject ?? ''}${f.disputed ? ' (outlets disagree)' : ''}`, f.text, f.value.toLocaleString('en'), `#${f.documentId} ${clip(f.title, 30)}`, f.outlet ?? '', f.published ?? ''])]));
      }, READ_WHEN_ANALYSED);
    });

  program
    .command('timeline')
    .description('documents by published month, dates the texts mention, and the undated documents; per month, which documents and which dates (e.g. workbench timeline --json)')
    .action(async (_opts, cmd: Command) => {
      await run.withApi(cmd, async (api, out, ws) => {
        await upToDate(ws, out.json);
        const t = await api.analysis.timeline();
        out.result(t, () =>
          [
            'Published:',
            ...t.published.map((p) => `  ${p.month}  ${'█'.repeat(Math.min(p.count, 60))} ${p.count}`),
            ...t.yearOnly.map((p) => `  ${p.year} (year only)  ${p.count}`),
            'Mentioned in the texts:',
            ...t.mentioned.map((p) => `  ${p.month}  ${'█'.repeat(Math.min(p.count, 60))} ${p.count}`),
            'By month, what stands behind the bars:',
            ...t.periods.flatMap((p) => [
              `  ${p.month}  ${p.documentCount} published, ${p.mentionCount} mentioned`,
              ...p.documents.map((d) => `    published ${d.published}  #${d.id} ${clip(d.title, 60)}${d.outlet ? ` (${d.outlet})` : ''}`),
              ...p.mentions.map((m) => `    mentioned ${m.date}  "${clip(m.text, 30)}" in #${m.documentId} ${clip(m.title, 50)}`),
            ]),
            `No date: ${t.undated.count}`,
            ...t.undated.documents.map((d) => `  #${d.id} ${clip(d.title, 60)}`),
          ].join('\n'),
        );
      }, READ_WHEN_ANALYSED);
    });
}
