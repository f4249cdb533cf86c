import { useEffect, useRef, useState } from 'react';
import type { ImportOutcome, ImportProgress, ImportSummary } from '../../../electron/shared/schemas';
import { noun, plural } from '../../../electron/shared/text/plural';
import { api, errorMessage } from '../api';

interface Picked {
  name: string;
  file: File;
}

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Walks a dropped folder (the browser's own entry API; no paths are involved). */
async function entries(item: FileSystemEntry, prefix = ''): Promise<Picked[]> {
  if (item.isFile) {
    const file = await new Promise<File>((ok, fail) => (item as FileSystemFileEntry).file(ok, fail));
    return [{ name: `${prefix}${item.name}`, file }];
  }
  const reader = (item as FileSystemDirectoryEntry).createReader();
  const out: Picked[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((ok, fail) => reader.readEntries(ok, fail));
    if (batch.length === 0) break;
    for (const child of batch) out.push(...(await entries(child, `${prefix}${item.name}/`)));
  }
  return out;
}

const megabytes = (bytes: number) => `${(bytes / 1048576).toFixed(bytes < 10 * 1048576 ? 1 : 0)} MB`;
const fileName = (path: string) => path.split('/').pop() ?? path;

/** One list of outcomes in the summary, keyed by position: files picked from two folders can share a name. */
interface OutcomesProps {
  title: string;
  list: ImportOutcome[];
  className: string;
  open?: boolean;
  what: (o: ImportOutcome) => React.ReactNode;
}

function Outcomes({ title, list, className, open = true, what }: OutcomesProps) {
  if (list.length === 0) return null;
  return (
    <details className="outcomes" open={open}>
      <summary>
        <h3>
          {title} ({list.length})
        </h3>
      </summary>
      <ul className={className} aria-label={title}>
        {list.map((o, i) => (
          <li key={i}>{what(o)}</li>
        ))}
      </ul>
    </details>
  );
}

/**
 * Import by dropping files or folders anywhere on the window, or with the picker; a
 * progress bar with counts from the first file, then a summary that lists what came in,
 * what was skipped and what failed and why.
 */
export function ImportControl() {
  const [sending, setSending] = useState<{ files: number; bytes: number } | null>(null);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const files = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);
  // Progress comes as events, the answer as the call's reply: a count that arrives after the
  // reply belongs to the import just finished. A new import says so with a count of 0.
  const finished = useRef(false);

  useEffect(() => {
    const offs = [
      api.on('import.progress', (p) => {
        if (finished.current && p.filesDone > 0) return;
        finished.current = false;
        setSending(null);
        setProgress(p);
      }),
      api.on('import.done', (s) => {
        finished.current = true;
        setProgress(null);
        setCancelling(false);
        setSummary(s);
      }),
    ];
    return () => offs.forEach((o) => o());
  }, []);

  const upload = async (picked: Picked[]) => {
    if (picked.length === 0) return;
    setError(null);
    setSummary(null);
    setProgress(null);
    setCancelling(false);
    finished.current = false;
    // Until the server counts files, what is going on is the reading and sending.
    setSending({ files: picked.length, bytes: picked.reduce((n, p) => n + p.file.size, 0) });
    try {
      const sent = await Promise.all(picked.map(async (p) => ({ name: p.name, data: await toBase64(p.file) })));
      setSummary(await api.import.upload({ files: sent }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      finished.current = true;
      setSending(null);
      setProgress(null);
    }
  };

  useEffect(() => {
    const over = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      setDragging(false);
      const items = [...e.dataTransfer.items].map((i) => i.webkitGetAsEntry()).filter((x): x is FileSystemEntry => x !== null);
      // Folders come only as entries; plain file lists (some platforms, scripted drops) as files.
      if (items.length === 0) void upload([...e.dataTransfer.files].map((file) => ({ name: file.name, file })));
      else void Promise.all(items.map((i) => entries(i))).then((lists) => upload(lists.flat()));
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);

  const fromInput = (input: HTMLInputElement | null) => {
    const list = [...(input?.files ?? [])].map((file) => ({ name: file.webkitRelativePath || file.name, file }));
    if (input) input.value = '';
    void upload(list);
  };

  const of = (status: ImportOutcome['status']) => summary?.outcomes.filter((o) => o.status === status) ?? [];
  // A project or codebook is one file whose outcome counts what came in with it.
  const isProject = (o: ImportOutcome) => /\.(qdpx|qdc)$/i.test(o.path);
  const projects = of('imported').filter(isProject);
  const imported = of('imported').filter((o) => !isProject(o));
  const supported = /; supported: (.*)$/.exec(of('skipped')[0]?.reason ?? '')?.[1];
  const why = (o: ImportOutcome) => (
    <>
      <strong>{o.path}</strong>: {o.reason}
    </>
  );
  return (
    <>
      <button
        type="button"
        onClick={() => files.current?.click()}
        aria-label="Import files"
        title="Text, Markdown, web pages, PDF, Word, e-mail, and REFI-QDA projects (.qdpx) and codebooks (.qdc)"
      >
        Import…
      </button>
      <button type="button" onClick={() => folder.current?.click()} aria-label="Import a folder">
        Folder…
      </button>
      <input ref={files} type="file" multiple hidden aria-label="Files to import" onChange={() => fromInput(files.current)} />
      <input ref={folder} type="file" hidden aria-label="Folder to import" {...{ webkitdirectory: '' }} onChange={() => fromInput(folder.current)} />
      {dragging && <div className="drop-overlay" aria-hidden="true">Drop files or folders to import them</div>}
      {sending && !progress && (
        <div className="import-progress" role="status" aria-label="Import progress">
          Sending {plural(sending.files, 'file')} ({megabytes(sending.bytes)})…
          <progress aria-label="Files imported" />
        </div>
      )}
      {progress && (
        <div className="import-progress" role="status" aria-label="Import progress">
          Importing {progress.filesDone.toLocaleString('en')} of {plural(progress.filesTotal, 'file')}
          <progress max={progress.filesTotal || 1} value={progress.filesDone} aria-label="Files imported" />
          {/* A scan being read by OCR is named with its page count, the slow part of an import. */}
          {(progress.ocr?.path ?? progress.currentPath) && (
            <span className="import-current" title={progress.ocr?.path ?? progress.currentPath ?? ''}>
              {fileName(progress.ocr?.path ?? progress.currentPath ?? '')}
            </span>
          )}
          {progress.ocr && (
            <span className="import-ocr">
              OCR page {progress.ocr.page} of {progress.ocr.pages}
            </span>
          )}
          <button
            type="button"
            disabled={cancelling}
            onClick={() => {
              setCancelling(true);
              void api.import.cancel();
            }}
          >
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        </div>
      )}
      {(summary || error) && (
        <div className="dialog-backdrop">
          <div className="dialog import-summary" role="dialog" aria-modal="true" aria-label="Import summary">
            <h2>{summary?.cancelled ? 'Import cancelled' : 'Import finished'}</h2>
            {error && <p role="alert" className="error">{error}</p>}
            {summary && (
              <>
                <p>
                  {plural(summary.files, 'file')}: {summary.imported} imported, {plural(summary.duplicates, 'duplicate')}, {summary.failed} failed
                  {summary.skipped ? `, ${summary.skipped} skipped` : ''}
                  {summary.cancelled ? ' (cancelled)' : ''}.
                </p>
                {summary.imported > 0 && (
                  <p className="hint">
                    The analysis of the new {noun(summary.imported, 'document')} (shared passages, names, places, dates and figures) goes on in the background;
                    its progress shows above the side panel.
                  </p>
                )}
                <Outcomes title="Failed" list={of('failed')} className="failures" what={why} />
                <Outcomes title="REFI-QDA projects and codebooks" list={projects} className="projects" what={why} />
                <Outcomes
                  title="Imported"
                  list={imported}
                  className="imported"
                  open={imported.length <= 20}
                  what={(o) => (
                    <>
                      <strong>{o.title ?? fileName(o.path)}</strong> <span className="hint">{o.path}</span>
                    </>
                  )}
                />
                <Outcomes
                  title="Skipped: not a kind of file the workbench reads"
                  list={of('skipped')}
                  className="skipped"
                  open={false}
                  // The reason names the kinds it reads; said once below, not on every line.
                  what={(o) => (
                    <>
                      <strong>{o.path}</strong>: {o.reason?.replace(/; supported: .*$/, '')}
                    </>
                  )}
                />
                {supported && <p className="hint">It reads {supported}.</p>}
                <Outcomes title="Duplicates" list={of('duplicate')} className="duplicates" open={false} what={why} />
              </>
            )}
            <button type="button" autoFocus onClick={() => { setSummary(null); setError(null); }}>
              Close
            </button>
          </div>
        </div>
      )}
    </>
  );
}
