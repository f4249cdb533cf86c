import { useEffect, useRef, useState } from 'react';
import type { UndoEntry } from '../../../electron/shared/schemas';
import { api, errorMessage } from '../api';
import { onUndoRequest } from '../undo';

const SHOW_MS = 10_000;

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
      setMessage(`Undone: ${done.label}.`);
    } catch (err) {
      setMessage(errorMessage(err));
    }
  };

  // The key, the palette and the menus give the command (see the registry); the toast runs it.
  useEffect(() => onUndoRequest(() => void undo()), []);

  if (!entry && !message) return null;
  return (
    <div className="toast" role="status" aria-label="Undo">
      {entry ? (
        <>
          <span>{entry.label}.</span>
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
  );
}
