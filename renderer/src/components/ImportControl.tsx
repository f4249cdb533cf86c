import { useEffect, useRef, useState } from 'react';
import type { ImportProgress, ImportSummary } from '../../../electron/shared/schemas';
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

/**
 * Import by dropping files or folders anywhere on the window, or with the picker; a
 * progress bar with counts, then a summary that lists every failed file and why.
 */
export function ImportControl() {
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const files = useRef<HTMLInputElement>(null);
  const folder = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const offs = [
      api.on('import.progress', (p) => setProgress(p)),
      api.on('import.done', (s) => {
        setProgress(null);
        setSummary(s);
      }),
    ];
    return () => offs.forEach((o) => o());
  }, []);

  const upload = async (picked: Picked[]) => {
    if (picked.length === 0) return;
    setError(null);
    setSummary(null);
    setProgress({ filesDone: 0, filesTotal: picked.length, bytesDone: 0, bytesTotal: picked.reduce((n, p) => n + p.file.size, 0), currentPath: null });
    try {
      const sent = await Promise.all(picked.map(async (p) => ({ name: p.name, data: await toBase64(p.file) })));
      setSummary(await api.import.upload({ files: sent }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
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

  const failed = summary?.outcomes.filter((o) => o.status === 'failed') ?? [];
  // A project or codebook is one file whose outcome counts what came in with it.
  const projects = summary?.outcomes.filter((o) => o.status === 'imported' && /\.(qdpx|qdc)$/i.test(o.path)) ?? [];
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
      {progress && (
        <div className="import-progress" role="status" aria-label="Import progress">
          Importing {progress.filesDone} of {progress.filesTotal} files
          <progress max={progress.filesTotal || 1} value={progress.filesDone} aria-label="Files imported" />
          <button type="button" onClick={() => void api.import.cancel()}>
            Cancel
          </button>
        </div>
      )}
      {(summary || error) && (
        <div className="dialog-backdrop">
          <div className="dialog" role="dialog" aria-modal="true" aria-label="Import summary">
            <h2>Import finished</h2>
            {error && <p role="alert" className="error">{error}</p>}
            {summary && (
              <>
                <p>
                  {summary.files} file{summary.files === 1 ? '' : 's'}: {summary.imported} imported, {summary.duplicates} duplicate{summary.duplicates === 1 ? '' : 's'}, {summary.failed} failed
                  {summary.cancelled ? ' (cancelled)' : ''}.
                </p>
                {projects.length > 0 && (
                  <>
                    <h3>REFI-QDA projects and codebooks</h3>
                    <ul className="projects">
                      {projects.map((o) => (
                        <li key={o.path}>
                          <strong>{o.path}</strong>: {o.reason}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
                {failed.length > 0 && (
                  <>
                    <h3>Failed</h3>
                    <ul className="failures">
                      {failed.map((o) => (
                        <li key={o.path}>
                          <strong>{o.path}</strong>: {o.reason}
                        </li>
                      ))}
                    </ul>
                  </>
                )}
                {summary.outcomes.some((o) => o.status === 'duplicate') && (
                  <details>
                    <summary>Duplicates</summary>
                    <ul>
                      {summary.outcomes
                        .filter((o) => o.status === 'duplicate')
                        .map((o) => (
                          <li key={o.path}>
                            {o.path}: {o.reason}
                          </li>
                        ))}
                    </ul>
                  </details>
                )}
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
