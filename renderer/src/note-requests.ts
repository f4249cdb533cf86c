/**
 * Starting a note from the reader (a highlight's "Add note", "Highlight + note"): the notes pane,
 * when it shows, opens a box for the text at once and creates the note behind it, so nothing
 * typed while the note is being made is lost.
 */
export interface NoteRequest {
  documentId: number | null;
  highlightId?: number;
  /** The passage's quote, shown above the box while the note is made. */
  quote?: string;
}

let listener: ((r: NoteRequest) => void) | null = null;

/** The notes pane listens while it is mounted; the returned function stops listening. */
export function onNoteRequest(fn: (r: NoteRequest) => void): () => void {
  listener = fn;
  return () => {
    if (listener === fn) listener = null;
  };
}

/** False when no notes pane is showing: the caller creates the note itself. */
export function requestNote(r: NoteRequest): boolean {
  if (!listener) return false;
  listener(r);
  return true;
}
