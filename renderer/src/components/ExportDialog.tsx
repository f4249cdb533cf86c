import { useEffect, useState } from 'react';
import type { Tag } from '../../../electron/shared/schemas';
import { plural } from '../../../electron/shared/text/plural';
import { api, errorMessage } from '../api';
import { selectEffectiveQuery, useWorkbench } from '../state';
import { Dialog } from './Dialog';

type NotesFormat = 'md' | 'csv' | 'json';
type LibraryFormat = 'csl-json' | 'bibtex' | 'ris' | 'library-csv';
type QdaFormat = 'qdpx' | 'qdc';
type Format = NotesFormat | LibraryFormat | QdaFormat;

const NOTES_FORMATS: ReadonlyArray<{ value: NotesFormat; label: string; hint: string }> = [
  { value: 'md', label: 'Markdown', hint: 'quotes grouped by tag, each cited with title, outlet, date and URL; links in notes become citations' },
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
const isNotes = (f: Format): f is NotesFormat => NOTES_FORMATS.some((x) => x.value === f);

function download(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

type Scope = 'all' | 'tag' | 'results' | 'open' | 'picked';

const quoted = (name: string) => `"${name.replace(/"/g, '')}"`;

/**
 * Exports highlights and notes, or citations and the library, of everything, one tag, the
 * current search results, the documents picked in the library or those open in the readers, and hands the file to the
 * browser's download.
 */
export function ExportDialog({ onClose, results = false }: { onClose: () => void; results?: boolean }) {
  const query = useWorkbench((s) => selectEffectiveQuery(s).trim());
  const panes = useWorkbench((s) => s.panes);
  const open = [...new Set(panes.flatMap((p) => (p ? [p.documentId] : [])))];
  const picked = useWorkbench((s) => s.picked);
  const [format, setFormat] = useState<Format>(results ? 'library-csv' : 'md');
  const [scope, setScope] = useState<Scope>(picked.length ? 'picked' : results && query ? 'results' : 'all');
  const [tags, setTags] = useState<Tag[]>([]);
  const [tagId, setTagId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    api.tags
      .list()
      .then((list) => live && (setTags(list), setTagId((old) => old ?? list[0]?.id ?? null)))
      .catch((err: unknown) => live && setError(errorMessage(err)));
    return () => {
      live = false;
    };
  }, []);
  const tag = tags.find((t) => t.id === tagId);
  const run = async () => {
    setError(null);
    setDone(null);
    try {
      // Citations of a tag, and a project of one, are of the documents the search `tag:"…"` finds.
      const selection =
        scope === 'results' ? { query } : scope === 'open' ? { ids: open } : scope === 'picked' ? { ids: picked } : scope === 'tag' && tag && !isNotes(format) ? { query: `tag:${quoted(tag.name)}` } : {};
      if (isQda(format)) {
        const out = await api.export.qda({ format, ...(format === 'qdpx' ? selection : {}) });
        const bytes = Uint8Array.from(atob(out.base64), (c) => c.charCodeAt(0));
        download(out.fileName, new Blob([bytes], { type: out.mimeType }));
        setDone(`Saved ${out.fileName}.`);
        return;
      }
      const out = isLibrary(format)
        ? await api.export.library({ format, ...selection })
        : await api.export.run({ format, ...selection, ...(scope === 'tag' && tag ? { tagId: tag.id } : {}) });
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
  // A codebook is always every tag; a project, like the rest, is of what is chosen.
  const whole = format === 'qdc';
  return (
    <Dialog label="Export highlights and notes, citations, the library or a REFI-QDA project" title="Export" className="export-dialog" onClose={onClose} footer={
        <button type="button" onClick={() => void run()} autoFocus>
          Export
        </button>
      }>
      <div className="export-grid">
        <fieldset className="export-scope">
          <legend>Of what</legend>
          <label className="radio">
            <input type="radio" name="scope" checked={scope === 'all' || whole} onChange={() => setScope('all')} />
            Every document <span className="hint">— the whole workspace</span>
          </label>
          <div className="row">
            <label className="radio">
              <input type="radio" name="scope" checked={scope === 'tag' && !whole} disabled={whole || tags.length === 0} onChange={() => setScope('tag')} />
              One tag
            </label>
            <select
              aria-label="Tag to export"
              value={tagId ?? ''}
              disabled={whole || tags.length === 0}
              onChange={(e) => {
                setTagId(Number(e.target.value));
                setScope('tag');
              }}
            >
              {tags.length === 0 && <option value="">no tags yet</option>}
              {tags.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name} ({plural(t.highlightCount, 'highlight')}, {plural(t.documentCount, 'document')})
                </option>
              ))}
            </select>
          </div>
          <label className="radio">
            <input type="radio" name="scope" checked={scope === 'results' && !whole} disabled={whole || !query} onChange={() => setScope('results')} />
            The current search results {query ? <span className="hint">— {query}</span> : <span className="hint">— no search</span>}
          </label>
          <label className="radio">
            <input type="radio" name="scope" checked={scope === 'open' && !whole} disabled={whole || open.length === 0} onChange={() => setScope('open')} />
            The documents open in the readers <span className="hint">— {open.length ? plural(open.length, 'document') : 'none open'}</span>
          </label>
          <label className="radio">
            <input type="radio" name="scope" checked={scope === 'picked' && !whole} disabled={whole || picked.length === 0} onChange={() => setScope('picked')} />
            The documents picked in the library{' '}
            <span className="hint">— {picked.length ? plural(picked.length, 'document') : 'none: Ctrl+click rows to pick them'}</span>
          </label>
          {whole && <p className="hint">A REFI-QDA codebook is always every tag.</p>}
        </fieldset>
        <fieldset>
          <legend>Highlights and notes</legend>
          {NOTES_FORMATS.map(radio)}
        </fieldset>
      </div>
      <div className="export-grid">
        <fieldset>
          <legend>Citations and the library</legend>
          {LIBRARY_FORMATS.map(radio)}
        </fieldset>
        <fieldset>
          <legend>For qualitative analysis software</legend>
          {QDA_FORMATS.map(radio)}
        </fieldset>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {done && <p role="status">{done}</p>}
    </Dialog>
  );
}
