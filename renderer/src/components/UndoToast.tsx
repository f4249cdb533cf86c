import { useEffect, useRef, useState } from 'react';
import type { BackupFailure } from '../../../electron/shared/api/contract';
import type { UndoEntry } from '../../../electron/shared/schemas';
import { api, errorMessage } from '../api';
import { onUndoRequest } from '../undo';

const SHOW_MS = 10_000;

// The undo log names actions ("Delete note 4"); a toast says what was done ("Deleted note 4").
const DONE: Readonly<Record<string, string>> = {
  Delete: 'Deleted',
  Merge: 'Merged',
  Move: 'Moved',
  Rename: 'Renamed',
  Remove: 'Removed',
  Recolour: 'Recoloured',
  Restore: 'Restored',
};
const doneLabel = (label: string) => label.replace(/^(\w+)\b/, (verb) => DONE[verb] ?? verb);
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/**
 * Says, until it is dismissed or a backup is made, that the daily backup of the open
 * workspace failed (the server only logged it before), with a way to make one now.
 */
function BackupWarning() {
  const [failure, setFailure] = useState<BackupFailure | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const check = () =>
      void api.workspaces
        .status()
        .then((s) => live && setFailure(s.backupFailure))
        .catch(() => undefined);
    check();
    const offs = [api.on('backup.failed', (f) => setFailure(f)), api.on('workspace.changed', ({ kind }) => kind === 'workspace' && check())];
    return () => {
      live = false;
      offs.forEach((o) => o());
    };
  }, []);
  if (!failure) return null;
  const name = failure.file.split(/[\\/]/).pop();
  const backUp = async () => {
    try {
      const made = await api.backups.create();
      setFailure(null);
      setMessage(`Backed up to ${made.name}.`);
    } catch (err) {
      setMessage(`The backup failed again: ${errorMessage(err)}`);
    }
  };
  return (
    <div className="backup-warning" role="alert" aria-label="Backup failed">
      <span>
        <strong>The daily backup of {name} could not be made</strong> ({failure.message}). Your work is saved in the workspace itself, but there is no
        fresh copy to go back to. {message}
      </span>
      <button type="button" onClick={() => void backUp()}>
        Back up now
      </button>
      <button type="button" className="link-button" aria-label="Dismiss the backup warning" onClick={() => setFailure(null)}>
        ×
      </button>
    </div>
  );
}

/**
 * After a deletion or a tag merge, offers to take it back ("Deleted note 4 · Undo"), and
 * undoes the latest with Ctrl+Alt+Z. Whatever part of the interface deleted something,
 * the undo log says so: the toast watches it rather than each delete button.
 */
export function UndoToast() {
  const [entry, setEntry] = useState<UndoEntry | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const seen = useRef<number | null>(null);

  useEffect(() => {
    let live = true;
    const check = () =>
      void api.undo
        .list()
        .then((list) => {
          if (!live) return;
          const top = list[0];
          if (seen.current === null) seen.current = top?.id ?? 0;
          else if (top && top.id > seen.current) {
            seen.current = top.id;
            setEntry(top);
            setMessage(null);
          }
        })
        .catch(() => undefined);
    check();
    const off = api.on('workspace.changed', check);
    return () => {
      live = false;
      off();
    };
  }, []);

  useEffect(() => {
    if (!entry && !message) return;
    const t = setTimeout(() => {
      setEntry(null);
      setMessage(null);
    }, SHOW_MS);
    return () => clearTimeout(t);
  }, [entry, message]);

  const undo = async () => {
    try {
      const done = await api.undo.run();
      setEntry(null);
      setMessage(`Undone: ${lowerFirst(doneLabel(done.label))}.`);
    } catch (err) {
      setMessage(errorMessage(err));
    }
  };

  // The key, the palette and the menus give the command (see the registry); the toast runs it.
  useEffect(() => onUndoRequest(() => void undo()), []);

  return (
    <>
      <BackupWarning />
      {(entry || message) && (
        <div className="toast" role="status" aria-label="Undo">
          {entry ? (
            <>
              <span>{doneLabel(entry.label)}.</span>
              <button type="button" onClick={() => void undo()}>
                Undo
              </button>
            </>
          ) : (
            <span>{message}</span>
          )}
          <button type="button" className="link-button" aria-label="Dismiss" onClick={() => (setEntry(null), setMessage(null))}>
            ×
          </button>
        </div>
      )}
    </>
  );
}
