import type { Highlight, Note, NoteLink } from '../../../electron/shared/schemas';
import { api, errorMessage } from '../api';
import { useQueries } from '@tanstack/react-query';
import { call, useApiQuery } from '../query';
import { useWorkbench } from '../state';
import { useEffect, useMemo, useRef, useState } from 'react';
import { onNoteRequest, type NoteRequest } from '../note-requests';
import { afterQuote } from '../../../electron/shared/text/note-quote';
import { DRAFT_ID, MarkdownView, NoteEditor } from './NoteEditor';

/** The note as it will be, shown while it is made. */
function draftNote(r: NoteRequest): Note {
  return { id: DRAFT_ID, body: '', documentId: r.documentId, highlightId: r.highlightId ?? null, links: [], createdAt: '', updatedAt: '', handout: false, origin: null, readonly: false };
}

/** A note that links a document and passages in it is one note: listed once, saying how it links. */
export function groupBacklinks(backlinks: Array<{ note: Note; via: NoteLink }>): Array<{ note: Note; label: string }> {
  const byNote = new Map<number, { note: Note; document: boolean; passages: number }>();
  for (const b of backlinks) {
    const entry = byNote.get(b.note.id) ?? byNote.set(b.note.id, { note: b.note, document: false, passages: 0 }).get(b.note.id)!;
    if (b.via.kind === 'document') entry.document = true;
    else entry.passages++;
  }
  return [...byNote.values()].map(({ note, document, passages }) => {
    const here = passages === 1 ? 'a passage here' : `${passages} passages here`;
    return { note, label: document && passages ? `Links to this document and ${here}` : document ? 'Links to this document' : `Links to ${here}` };
  });
}

function NoteCard({ note, label, quote, onOpen }: { note: Note; label?: string; quote?: string | undefined; onOpen: () => void }) {
  const body = (quote && afterQuote(note.body, quote)) ?? note.body;
  return (
    <li className="note-card">
      {label && <div className="note-label">{label}</div>}
      {quote && <blockquote className="note-card-quote">{quote.length > 160 ? `${quote.slice(0, 160)}…` : quote}</blockquote>}
      {note.readonly ? (
        <div className="badge">From the {note.origin ?? 'hand-out'} · read-only</div>
      ) : note.handout ? (
        <div className="badge">For hand-out</div>
      ) : note.origin ? (
        <div className="badge">{note.origin}</div>
      ) : null}
      <MarkdownView text={body.length > 400 ? `${body.slice(0, 400)}…` : body || '*(empty note)*'} />
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
  const own = useApiQuery('notes.forDocument', docId ? { documentId: docId } : null);
  const back = useApiQuery('notes.backlinks', docId ? { kind: 'document', id: docId } : null);
  const free = useApiQuery('notes.free', {});
  const editing = useApiQuery('notes.get', wb.noteId ? { id: wb.noteId } : null);
  const openIds = [wb.panes[0]?.documentId, wb.panes[1]?.documentId].filter((x): x is number => typeof x === 'number');
  // What a note can link to: the documents open in the readers and their highlights (each query cached and kept fresh).
  const openDocs = useQueries({ queries: openIds.map((id) => ({ queryKey: ['documents.get', { id }], queryFn: () => call('documents.get', { id }) })) });
  const openHighlights = useQueries({ queries: openIds.map((id) => ({ queryKey: ['highlights.list', { documentId: id }], queryFn: () => call('highlights.list', { documentId: id }) })) });
  const targets = {
    data: {
      documents: openDocs.flatMap((q) => (q.data ? [{ id: q.data.id, title: q.data.title }] : [])),
      highlights: openHighlights.flatMap((q) => q.data ?? []) as Highlight[],
    },
  };

  // Opening another note leaves no empty one behind (the editor knows whether anything was written).
  const blank = useRef<(() => boolean) | null>(null);
  const leaveNote = (next: number | null) => {
    const current = wb.noteId;
    if (current !== null && current !== next && editing.data?.id === current && blank.current?.()) void api.notes.discard({ id: current }).catch(() => undefined);
  };
  const openNote = (id: number | null) => {
    leaveNote(id);
    wb.setNoteId(id);
  };
  // A new note shows its editor at once; the note is made behind it and takes over what was typed.
  const [draft, setDraft] = useState<{ request: NoteRequest; note?: Note } | null>(null);
  const create = (request: NoteRequest) => {
    if (draft && !draft.note) return; // one at a time: a second press makes no second note
    leaveNote(null);
    setDraft({ request });
    api.notes
      .create({ body: '', documentId: request.documentId, ...(request.highlightId ? { highlightId: request.highlightId } : {}) })
      .then((n) => {
        setDraft((d) => (d && d.request === request ? { request, note: n } : d));
        wb.setNoteId(n.id);
      })
      .catch((err: unknown) => {
        setDraft(null);
        setError(errorMessage(err));
      });
  };
  const createRef = useRef(create);
  createRef.current = create;
  useEffect(() => onNoteRequest((r) => createRef.current(r)), []);
  useEffect(() => {
    if (draft?.note && editing.data?.id === draft.note.id) setDraft(null);
  }, [draft, editing.data]);
  const shown: Note | null = draft ? (draft.note ?? draftNote(draft.request)) : (editing.data ?? null);
  const linking = useMemo(() => groupBacklinks(back.data ?? []), [back.data]);
  const quoteOf = (n: Note) => (n.highlightId ? targets.data?.highlights.find((h) => h.id === n.highlightId)?.quote : undefined);

  return (
    <aside className="notes" aria-label="Notes">
      <div className="filter-head">
        <h2>Notes</h2>
        <button type="button" onClick={() => create({ documentId: docId })} aria-label={docId ? 'New note on this document' : 'New free note'}>
          New note
        </button>
      </div>
      {error && <p role="alert" className="error">{error}</p>}
      {shown && (
        <NoteEditor
          note={shown}
          linkTargets={targets.data ?? { documents: [], highlights: [] }}
          onClose={() => wb.setNoteId(null)}
          blank={blank}
          initialQuote={draft?.request.quote}
        />
      )}
      {docId && (
        <>
          <h3>On this document</h3>
          {own.data?.length === 0 && <p className="empty">No notes on this document yet.</p>}
          <ul className="note-list">
            {own.data?.map((n) => <NoteCard key={n.id} note={n} label={n.highlightId ? 'On a passage' : undefined} quote={quoteOf(n)} onOpen={() => openNote(n.id)} />)}
          </ul>
          <h3>Linking here</h3>
          {linking.length === 0 && back.data && <p className="empty">No note links to this document.</p>}
          <ul className="note-list">
            {linking.map((b) => <NoteCard key={b.note.id} note={b.note} label={b.label} onOpen={() => openNote(b.note.id)} />)}
          </ul>
        </>
      )}
      {!docId && <p className="empty">Open a document to see its notes.</p>}
      <div className="filter-head">
        <h3>Free notes</h3>
        <button type="button" className="link-button" onClick={() => create({ documentId: null })} aria-label="New free note">
          New
        </button>
      </div>
      <ul className="note-list">
        {free.data?.map((n) => <NoteCard key={n.id} note={n} onOpen={() => openNote(n.id)} />)}
      </ul>
    </aside>
  );
}
