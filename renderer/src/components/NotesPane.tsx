import type { Highlight, Note } from '../../../electron/shared/schemas';
import { api, errorMessage } from '../api';
import { useApiData } from '../hooks/use-api-data';
import { useWorkbench } from '../state';
import { useState } from 'react';
import { MarkdownView, NoteEditor } from './NoteEditor';

function NoteCard({ note, label, onOpen }: { note: Note; label?: string; onOpen: () => void }) {
  return (
    <li className="note-card">
      {label && <div className="note-label">{label}</div>}
      {note.readonly ? (
        <div className="badge">From the {note.origin ?? 'hand-out'} · read-only</div>
      ) : note.handout ? (
        <div className="badge">For hand-out</div>
      ) : note.origin ? (
        <div className="badge">{note.origin}</div>
      ) : null}
      <MarkdownView text={note.body.length > 400 ? `${note.body.slice(0, 400)}…` : note.body || '*(empty note)*'} />
      <button type="button" className="link-button" onClick={onOpen} aria-label={`${note.readonly ? 'Read' : 'Edit'} note ${note.id}`}>
        {note.readonly ? 'Read' : 'Edit'}
      </button>
    </li>
  );
}

/** Notes of the active document and its passages, backlinks to it, and free notes. */
export function NotesPane() {
  const wb = useWorkbench((s) => ({ panes: s.panes, active: s.active, noteId: s.noteId, setNoteId: s.setNoteId }));
  const pane = wb.panes[wb.active] ?? wb.panes[0];
  const docId = pane?.documentId ?? null;
  const [error, setError] = useState<string | null>(null);
  const own = useApiData(() => (docId ? api.notes.forDocument({ documentId: docId }) : Promise.resolve([])), [docId], ['notes', 'highlights']);
  const back = useApiData(() => (docId ? api.notes.backlinks({ kind: 'document', id: docId }) : Promise.resolve([])), [docId], ['notes']);
  const free = useApiData(() => api.notes.free(), [], ['notes']);
  const editing = useApiData(() => (wb.noteId ? api.notes.get({ id: wb.noteId }) : Promise.resolve(null)), [wb.noteId]);
  const openIds = [wb.panes[0]?.documentId, wb.panes[1]?.documentId].filter((x): x is number => typeof x === 'number');
  const targets = useApiData(
    async () => {
      const documents = await Promise.all(openIds.map((id) => api.documents.get({ id }).then((d) => ({ id: d.id, title: d.title }))));
      const highlights: Highlight[] = (await Promise.all(openIds.map((id) => api.highlights.list({ documentId: id })))).flat();
      return { documents, highlights };
    },
    [openIds.join(',')],
    ['highlights'],
  );

  const create = (documentId: number | null) =>
    api.notes
      .create({ body: '', documentId })
      .then((n) => wb.setNoteId(n.id))
      .catch((err: unknown) => setError(errorMessage(err)));

  return (
    <aside className="notes" aria-label="Notes">
      <div className="filter-head">
        <h2>Notes</h2>
        <button type="button" onClick={() => void create(docId)} aria-label={docId ? 'New note on this document' : 'New free note'}>
          New note
        </button>
      </div>
      {error && <p role="alert" className="error">{error}</p>}
      {editing.data && (
        <NoteEditor note={editing.data} linkTargets={targets.data ?? { documents: [], highlights: [] }} onClose={() => wb.setNoteId(null)} />
      )}
      {docId && (
        <>
          <h3>On this document</h3>
          {own.data?.length === 0 && <p className="empty">No notes on this document yet.</p>}
          <ul className="note-list">
            {own.data?.map((n) => <NoteCard key={n.id} note={n} label={n.highlightId ? 'On a passage' : undefined} onOpen={() => wb.setNoteId(n.id)} />)}
          </ul>
          <h3>Linking here</h3>
          {back.data?.length === 0 && <p className="empty">No note links to this document.</p>}
          <ul className="note-list">
            {back.data?.map((b) => <NoteCard key={`${b.note.id}-${b.via.kind}-${b.via.id}`} note={b.note} label={b.via.kind === 'highlight' ? 'Links to a passage here' : 'Links to this document'} onOpen={() => wb.setNoteId(b.note.id)} />)}
          </ul>
        </>
      )}
      {!docId && <p className="empty">Open a document to see its notes.</p>}
      <div className="filter-head">
        <h3>Free notes</h3>
        <button type="button" className="link-button" onClick={() => void create(null)} aria-label="New free note">
          New
        </button>
      </div>
      <ul className="note-list">
        {free.data?.map((n) => <NoteCard key={n.id} note={n} onOpen={() => wb.setNoteId(n.id)} />)}
      </ul>
    </aside>
  );
}
