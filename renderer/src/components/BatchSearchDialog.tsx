import { useEffect, useRef, useState } from 'react';
import type { BatchResult } from '../../../electron/shared/api/contract-search';
import { batchCsv, listFormat, parseQueryList, type ListedQuery } from '../../../electron/shared/text/query-list';
import { plural } from '../../../electron/shared/text/plural';
import { api, errorMessage } from '../api';
import { useActions } from '../state';
import { Dialog } from './Dialog';

const LISTED = 5;

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Batch search…: a term list, pasted or from a .txt/.csv file, run against the corpus.
 * Each query gets its number of documents and the first of them; clicking a row runs it
 * in the library, and the table goes out as CSV with one row per query and document.
 */
export function BatchSearchDialog({ onClose }: { onClose: () => void }) {
  const wb = useActions();
  const [text, setText] = useState('');
  const [list, setList] = useState<{ name: string; queries: ListedQuery[] } | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<BatchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  useEffect(() => api.on('batch.progress', (p) => setProgress(p)), []);

  const queries = list ? list.queries : parseQueryList(text);
  const pick = async (file: File | undefined) => {
    if (!file) return;
    const parsed = parseQueryList(await file.text(), listFormat(file.name));
    if (parsed.length === 0) setError(`${file.name} holds no query: write one a line.`);
    else setError(null);
    setList({ name: file.name, queries: parsed });
  };
  const run = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    setProgress({ done: 0, total: queries.length });
    try {
      setResult(await api.search.batch({ queries, limit: LISTED }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const runInLibrary = (query: string) => {
    wb.clearFilters();
    wb.setQuery(query);
    onClose();
  };

  return (
    <Dialog label="Batch search" onClose={onClose} wide>
      <p className="hint">One query a line, in the search box’s language (names, “a phrase”, title:…). Every word of a query must appear.</p>
      {list ? (
        <p>
          {list.name}: {list.queries.length} {list.queries.length === 1 ? 'query' : 'queries'}{' '}
          <button type="button" className="link-button" onClick={() => setList(null)}>
            Type or paste instead
          </button>
        </p>
      ) : (
        <textarea
          aria-label="Queries, one a line"
          className="batch-input"
          rows={6}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={'Yevgeny Prigozhin\n"third countries"\nIlyushin OR Antonov'}
          autoFocus
        />
      )}
      <div className="row">
        <button type="button" onClick={() => fileInput.current?.click()}>
          Open a .txt or .csv list…
        </button>
        <input ref={fileInput} type="file" hidden accept=".txt,.csv,text/plain,text/csv" aria-label="List file" onChange={(e) => void pick(e.target.files?.[0])} />
        <button type="button" disabled={busy || queries.length === 0} onClick={() => void run()}>
          Search {queries.length || ''} {queries.length === 1 ? 'query' : 'queries'}
        </button>
        {result && (
          <button type="button" onClick={() => download('batch-search.csv', batchCsv(result.rows))}>
            Export CSV
          </button>
        )}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {busy && progress && (
        <p role="status" className="batch-progress">
          Searching {progress.done} of {progress.total}… <progress value={progress.done} max={progress.total} />{' '}
          <button type="button" onClick={() => void api.search.batchCancel()}>
            Stop
          </button>
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {result && (
        <>
          <p role="status">
            {plural(result.rows.length, 'query')}: {result.matched} found documents
            {result.failed > 0 && `, ${result.failed} could not run`} ({(result.elapsedMs / 1000).toFixed(1)} s).
            {result.cancelled && ` Stopped before the end of the list.`} Click a row to run it in the library.
          </p>
          <div className="batch-table-wrap">
            <table className="batch-table" aria-label="Batch results">
              <thead>
                <tr>
                  <th>Query</th>
                  <th>Documents</th>
                  <th>First documents</th>
                </tr>
              </thead>
              <tbody>
                {result.rows.map((r) => (
                  <tr key={r.line} tabIndex={0} onClick={() => runInLibrary(r.query)} onKeyDown={(e) => e.key === 'Enter' && runInLibrary(r.query)} className={r.error ? 'failed' : r.total ? '' : 'none'}>
                    <td>{r.query}</td>
                    <td className="num">{r.error ? '—' : r.total.toLocaleString()}</td>
                    <td>{r.error ? <span className="error">{r.error.message}</span> : r.documents.map((d) => d.title).join(' · ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Dialog>
  );
}
