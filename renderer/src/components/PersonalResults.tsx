import { useState } from 'react';
import type { HighlightHit, NoteHit } from '../../../electron/shared/schemas';
import { useActions } from '../state';
import { Snippet, TagChip } from './Snippet';

const FIRST = 3;

/**
 * Your own notes and highlights that match the search, as results of their own kind above
 * the documents: a note opens in the notes pane, a highlight opens its document at it.
 */
export function PersonalResults({ notes, highlights }: { notes: NoteHit[]; highlights: HighlightHit[] }) {
  const wb = useActions();
  const [more, setMore] = useState(false);
  if (notes.length === 0 && highlights.length === 0) return null;
  const shownNotes = more ? notes : notes.slice(0, FIRST);
  const shownHighlights = more ? highlights : highlights.slice(0, FIRST);
  const hidden = notes.length - shownNotes.length + highlights.length - shownHighlights.length;
  return (
    <div className="personal-results" role="region" aria-label="Your notes and highlights">
      {shownNotes.length > 0 && (
        <ul aria-label="Notes found">
          {shownNotes.map((n) => (
            <li key={`n${n.id}`}>
              <button type="button" className="personal-hit" onClick={() => wb.setNoteId(n.id)} aria-label={`Open note ${n.id}`}>
                <span className="kind">Note</span>
                <Snippet snippet={n.snippet} />
              </button>
            </li>
          ))}
        </ul>
      )}
      {shownHighlights.length > 0 && (
        <ul aria-label="Highlights found">
          {shownHighlights.map((h) => (
            <li key={`h${h.id}`}>
              <button
                type="button"
                className="personal-hit"
                aria-label={`Open highlight in ${h.documentTitle}`}
                onClick={() => wb.open(h.documentId, { focus: { start: h.start, end: h.end, highlightId: h.id } })}
              >
                <span className="kind">Highlight</span>
                <span className="quote">
                  “<Snippet snippet={h.snippet} />”
                </span>
                <span className="from">
                  {h.documentTitle}
                  {h.tags.map((t) => (
                    <TagChip key={t.id} id={t.id} name={t.name} color={t.color} />
                  ))}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {hidden > 0 && (
        <button type="button" className="link-button" onClick={() => setMore(true)}>
          {hidden} more of your notes and highlights
        </button>
      )}
    </div>
  );
}
