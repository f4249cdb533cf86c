import { Command } from 'cmdk';
import { useEffect, useState } from 'react';
import type { DocumentHit, HighlightHit, NoteHit } from '../../../electron/shared/schemas';
import { COMMANDS, keyLabel } from '../../../electron/shared/commands';
import { api } from '../api';
import { useDebounced } from '../hooks/use-debounced';
import type { Handlers } from '../hooks/use-commands';
import { useActions } from '../state';

/** Ctrl+K: every command of the registry, any document by title, and your notes and highlights by their words. */
export function CommandPalette({ handlers, onClose }: { handlers: Handlers; onClose: () => void }) {
  const wb = useActions();
  const actions = COMMANDS.filter((c) => c.id !== 'palette');
  const [search, setSearch] = useState('');
  const typed = useDebounced(search, 150);
  const [docs, setDocs] = useState<DocumentHit[]>([]);
  const [mine, setMine] = useState<{ notes: NoteHit[]; highlights: HighlightHit[] }>({ notes: [], highlights: [] });
  useEffect(() => {
    if (!typed.trim()) {
      setDocs([]);
      setMine({ notes: [], highlights: [] });
      return;
    }
    let live = true;
    api.search
      .query({ query: `title:${JSON.stringify(typed.trim().replace(/"/g, ''))}`, limit: 8 })
      .then((r) => live && setDocs(r.documents))
      .catch(() => live && setDocs([]));
    // Typed half-way ("a quote not yet closed"), the query fails: what was found stays.
    api.search
      .query({ query: typed, limit: 1 })
      .then((r) => live && setMine({ notes: r.notes.slice(0, 5), highlights: r.highlights.slice(0, 5) }))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [typed]);
  const run = (fn: () => void) => {
    onClose();
    fn();
  };
  return (
    // cmdk's dialog is Radix's: focus moves in and back out, Escape and a click outside close it.
    <Command.Dialog open onOpenChange={(open) => !open && onClose()} label="Command palette" overlayClassName="dialog-backdrop" contentClassName="palette">
        <Command.Input autoFocus value={search} onValueChange={setSearch} placeholder="Type a command or a document title…" />
        <Command.List>
          <Command.Empty>Nothing found.</Command.Empty>
          {mine.notes.length > 0 && (
            <Command.Group heading="Notes">
              {mine.notes.map((n) => (
                <Command.Item key={`n${n.id}`} value={`note ${n.id} ${search}`} onSelect={() => run(() => wb.setNoteId(n.id))}>
                  Note: {n.snippet.text.slice(0, 90)}
                </Command.Item>
              ))}
            </Command.Group>
          )}
          {mine.highlights.length > 0 && (
            <Command.Group heading="Highlights">
              {mine.highlights.map((h) => (
                <Command.Item
                  key={`h${h.id}`}
                  value={`highlight ${h.id} ${search}`}
                  onSelect={() => run(() => wb.open(h.documentId, { focus: { start: h.start, end: h.end, highlightId: h.id } }))}
                >
                  Highlight: “{h.snippet.text.slice(0, 70)}” <span className="hint">{h.documentTitle}</span>
                </Command.Item>
              ))}
            </Command.Group>
          )}
          <Command.Group heading="Actions">
            {actions.map((a) => (
              <Command.Item key={a.id} value={a.label} onSelect={() => run(handlers[a.id])}>
                {a.label}
                {a.keys && <kbd>{keyLabel(a.keys)}</kbd>}
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
    </Command.Dialog>
  );
}
