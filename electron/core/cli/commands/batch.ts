import type { Command } from 'commander';
import { Option } from 'commander';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { ErrorCode, WorkbenchError } from '../../../shared/errors';
import type { BatchResult } from '../../../shared/api/contract-search';
import { batchCsv, listFormat, parseQueryList } from '../../../shared/text/query-list';
import type { Runner } from '../main';
import { progressBar, table } from '../output';

function humanText(res: BatchResult): string {
  const rows = [['line', 'documents', 'query', 'first documents']];
  for (const r of res.rows) {
    const first = r.error ? `error: ${r.error.message}` : r.documents.slice(0, 3).map((d) => `[${d.id}] ${d.title}`).join('; ');
    rows.push([String(r.line), String(r.total), r.query, first]);
  }
  const stopped = res.cancelled ? ' Stopped (Ctrl+C) before the end of the list.' : '';
  const summary = `${res.rows.length} queries: ${res.matched} found documents, ${res.failed} could not run (${(res.elapsedMs / 1000).toFixed(1)} s).${stopped}`;
  return `${table(rows)}\n\n${summary}`;
}

export function registerBatch(program: Command, run: Runner): void {
  program
    .command('batch-search')
    .description('run a term list, one query a line (.txt) or in the first column (.csv); each query gets its count and first documents. Exits 2 when some queries could not run.')
    .argument('<file>', 'the list: names.txt, or names.csv')
    .addOption(new Option('--format <format>', 'csv: one row per query and document; json; text (a table) by default').choices(['text', 'csv', 'json']).default('text'))
    .option('-n, --limit <n>', 'documents listed per query', '10')
    .option('--some', 'count documents holding only some of a query’s words too (by default every word is needed)')
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .action(async (file: string, opts: { format: 'text' | 'csv' | 'json'; limit: string; some?: boolean; out?: string }, cmd: Command) => {
      if (!existsSync(file)) throw new WorkbenchError(ErrorCode.InvalidInput, `${file} does not exist.`, { file });
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 0 || limit > 100) {
        throw new WorkbenchError(ErrorCode.InvalidInput, `--limit: "${opts.limit}" is not a whole number from 0 to 100.`, { field: 'limit' });
      }
      const queries = parseQueryList(readFileSync(file, 'utf8'), listFormat(file));
      if (queries.length === 0) throw new WorkbenchError(ErrorCode.InvalidInput, `${file} holds no query: write one a line.`, { file });
      await run.withApi(
        cmd,
        async (api, out) => {
          const bar = await progressBar('Searching [{bar}] {value}/{total} queries');
          const onSigint = () => void api.search.batchCancel();
          process.once('SIGINT', onSigint);
          const off = api.on('batch.progress', (p) => bar?.update(p.done));
          bar?.start(queries.length, 0);
          let res: BatchResult;
          try {
            res = await api.search.batch({ queries, limit, all: !opts.some });
          } finally {
            process.off('SIGINT', onSigint);
            off();
            bar?.stop();
          }
          const format = out.json ? 'json' : opts.format;
          const text = format === 'csv' ? batchCsv(res.rows) : format === 'json' ? `${JSON.stringify(res, null, 2)}\n` : `${humanText(res)}\n`;
          if (opts.out) {
            writeFileSync(opts.out, text);
            process.stderr.write(`Wrote ${opts.out}: ${res.rows.length} queries, ${res.failed} could not run.\n`);
          } else process.stdout.write(text);
          if (res.failed > 0) run.setExitCode(2);
        },
        { read: true },
      );
    });
}
