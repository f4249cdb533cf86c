import { Command } from 'cmdk';
import { useEffect, useState } from 'react';
import type { DocumentHit } from '../../../electron/shared/schemas';
import { api } from '../api';
import { useDebounced } from '../hooks/use-api-data';
import { useWorkbench } from '../state';

export interface Action {
  id: string;
  label: string;
  shortcut?: string;
  run: () => void;
}

/** Ctrl+K: every action, and any document by title. */
export function CommandPalette({ actions, onClose }: { actions: Action[]; onClose: () => void }) {
  const wb = useWorkbench();
  const [search, setSearch] = useState('');
  const typed = useDebounced(search, 150);
  const [docs, setDocs] = useState<DocumentHit[]>([]);
  useEffect(() => {
    if (!typed.trim()) return setDocs([]);
    let live = true;
    api.search
      .query({ query: `title:${JSON.stringify(typed.trim())}`, limit: 8 })
      .then((r) => live && setDocs(r.documents))
      .catch(() => live && setDocs([]));
    return () => {
      live = false;
    };
  }, [typed]);
  const run = (fn: () => void) => {
    onClose();
    fn();
  };
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <Command className="palette" label="Command palette" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
        <Command.Input autoFocus value={search} onValueChange={setSearch} placeholder="Type a command or a document title…" />
        <Command.List>
          <Command.Empty>Nothing found.</Command.Empty>
          <Command.Group heading="Actions">
            {actions.map((a) => (
              <Command.Item key={a.id} value={a.label} onSelect={() => run(a.run)}>
                {a.label}
                {a.shortcut && <kbd>{a.shortcut}</kbd>}
              </Command.Item>
            ))}
          </Command.Group>
          {docs.length > 0 && (
            <Command.Group heading="Documents">
              {docs.map((d) => (
                <Command.Item key={d.id} value={`open ${d.title} ${d.id}`} onSelect={() => run(() => wb.open(d.id))}>
                  Open: {d.title}
                </Command.Item>
              ))}
            </Command.Group>
          )}
        </Command.List>
      </Command>
    </div>
  );
}
