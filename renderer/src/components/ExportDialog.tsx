import { useState } from 'react';
import { api, errorMessage } from '../api';
import { useWorkbench } from '../state';

type NotesFormat = 'md' | 'csv' | 'json';
type LibraryFormat = 'csl-json' | 'bibtex' | 'ris' | 'library-csv';
type QdaFormat = 'qdpx' | 'qdc';
type Format = NotesFormat | LibraryFormat | QdaFormat;

const NOTES_FORMATS: ReadonlyArray<{ value: NotesFormat; label: string; hint: string }> = [
  { value: 'md', label: 'Markdown', hint: 'quotes grouped by tag, each cited with title, outlet, date and URL' },
  { value: 'csv', label: 'CSV', hint: 'one row per highlight or note, for a spreadsheet' },
  { value: 'json', label: 'JSON', hint: 'everything, for other programs' },
];

const LIBRARY_FORMATS: ReadonlyArray<{ value: LibraryFormat; label: string; hint: string }> = [
  { value: 'csl-json', label: 'CSL-JSON', hint: 'citations for Zotero and citation processors' },
  { value: 'bibtex', label: 'BibTeX', hint: 'citations for LaTeX and Zotero' },
  { value: 'ris', label: 'RIS', hint: 'citations for Zotero, EndNote, Mendeley' },
  { value: 'library-csv', label: 'Library as CSV', hint: 'one row per document: tags, counts of highlights and notes, matched snippet' },
];

const QDA_FORMATS: ReadonlyArray<{ value: QdaFormat; label: string; hint: string }> = [
  { value: 'qdpx', label: 'REFI-QDA project', hint: 'documents, tags as codes, highlights and notes for ATLAS.ti, MAXQDA, NVivo (.qdpx)' },
  { value: 'qdc', label: 'REFI-QDA codebook', hint: 'the tag tree with colours and descriptions (.qdc)' },
];

const isQda = (f: Format): f is QdaFormat => f === 'qdpx' || f === 'qdc';
const isLibrary = (f: Format): f is LibraryFormat => LIBRARY_FORMATS.some((x) => x.value === f);

function download(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Exports highlights and notes, or citations and the library (all of it, or the current
 * search results), and hands the file to the browser's download.
 */
export function ExportDialog({ onClose, results = false }: { onClose: () => void; results?: boolean }) {
  const wb = useWorkbench();
  const query = wb.effectiveQuery.trim();
  const [format, setFormat] = useState<Format>(results ? 'library-csv' : 'md');
  const [scope, setScope] = useState<'all' | 'results'>(results && query ? 'results' : 'all');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const run = async () => {
    setError(null);
    setDone(null);
    try {
      if (isQda(format)) {
        const out = await api.export.qda({ format });
        const bytes = Uint8Array.from(atob(out.base64), (c) => c.charCodeAt(0));
        download(out.fileName, new Blob([bytes], { type: out.mimeType }));
        setDone(`Saved ${out.fileName}.`);
        return;
      }
      const out = isLibrary(format)
        ? await api.export.library({ format, ...(scope === 'results' && query ? { query } : {}) })
        : await api.export.run({ format });
      download(out.fileName, new Blob([out.text], { type: out.mimeType }));
      setDone(`Saved ${out.fileName}.`);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const radio = (f: { value: Format; label: string; hint: string }) => (
    <label key={f.value} className="radio">
      <input type="radio" name="format" value={f.value} checked={format === f.value} onChange={() => setFormat(f.value)} />
      {f.label} <span className="hint">— {f.hint}</span>
    </label>
  );
  return (
    <div className="dialog-backdrop" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="dialog" role="dialog" aria-modal="true" aria-label="Export highlights and notes, citations, the library or a REFI-QDA project">
        <h2>Export</h2>
        <fieldset>
          <legend>Highlights and notes</legend>
          {NOTES_FORMATS.map(radio)}
        </fieldset>
        <fieldset>
          <legend>Citations and the library</legend>
          {LIBRARY_FORMATS.map(radio)}
          <div className="row">
            <label className="radio">
              <input type="radio" name="scope" checked={scope === 'all'} disabled={!isLibrary(format)} onChange={() => setScope('all')} />
              Every document
            </label>
            <label className="radio">
              <input
                type="radio"
                name="scope"
                checked={scope === 'results'}
                disabled={!isLibrary(format) || !query}
                onChange={() => setScope('results')}
              />
              The current search results {query ? <span className="hint">— {query}</span> : <span className="hint">— no search</span>}
            </label>
          </div>
        </fieldset>
        <fieldset>
          <legend>For qualitative analysis software</legend>
          {QDA_FORMATS.map(radio)}
        </fieldset>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        {done && <p role="status">{done}</p>}
        <div className="row">
          <button type="button" onClick={() => void run()} autoFocus>
            Export
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    </div>
  );
}
