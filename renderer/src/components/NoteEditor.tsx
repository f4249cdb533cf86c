import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import Markdown from 'react-markdown';
import type { Highlight, Note } from '../../../electron/shared/schemas';
import { linkMarkdown } from '../../../electron/shared/text/note-links';
import { afterQuote, untouchedNote as untouched } from '../../../electron/shared/text/note-quote';
import { api, errorMessage } from '../api';
import { useApiQuery } from '../query';
import { useActions } from '../state';

const SAVE_AFTER_MS = 600;

/** The id of a note being made: the editor takes typing at once and saves once the note exists. */
export const DRAFT_ID = 0;

/** A label for a link: the start of the text, cut at a word. */
function excerpt(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2))}…`;
}

/** Follows doc: and hl: links inside the workbench; nothing else is opened (offline). */
export function useLinkOpener() {
  const wb = useActions();
  return async (href: string) => {
    const m = /^(doc|hl):(\d+)$/.exec(href);
    if (!m) return;
    if (m[1] === 'doc') wb.open(Number(m[2]));
    else {
      const h = await api.highlights.get({ id: Number(m[2]) });
      wb.open(h.documentId, { focus: { start: h.start, end: h.end, highlightId: h.id } });
    }
  };
}

export function MarkdownView({ text }: { text: string }) {
  const follow = useLinkOpener();
  return (
    <div className="markdown">
      <Markdown
        urlTransform={(url) => (/^(doc|hl):\d+$/.test(url) ? url : /^https?:/.test(url) ? url : '')}
        components={{
          a: ({ href, children }) =>
            href && /^(doc|hl):/.test(href) ? (
              <a
                href={`#${href}`}
                onClick={(e) => {
                  e.preventDefault();
                  void follow(href);
                }}
              >
                {children}
              </a>
            ) : (
              <span className="external" title={`${href ?? ''} (not opened: the workbench stays offline)`}>
                {children}
              </span>
            ),
          img: ({ alt }) => <span>[image: {alt}]</span>,
        }}
      >
        {text}
      </Markdown>
    </div>
  );
}

/**
 * A Markdown note with preview and autosave. What was typed stays in the box if saving
 * fails, and is saved again on the next keystroke or with the Save button. A note on a
 * passage shows the passage above its text, apart from it: what one writes is never part
 * of the quote. The caret goes into the text as soon as the note opens, and a note closed
 * with nothing written in it is not kept.
 */
export function NoteEditor({
  note,
  linkTargets,
  onClose,
  blank,
  initialQuote,
}: {
  note: Note;
  linkTargets: { documents: Array<{ id: number; title: string }>; highlights: Highlight[] };
  onClose: () => void;
  /** Set to a check the pane can call before it opens another note. */
  blank?: React.MutableRefObject<(() => boolean) | null>;
  /** The passage's quote as the reader knows it, shown until the highlight is read. */
  initialQuote?: string | undefined;
}) {
  const [text, setText] = useState(note.body);
  const [mode, setMode] = useState<'write' | 'preview'>('write');
  const [status, setStatus] = useState<'saved' | 'saving' | 'unsaved' | 'error'>('saved');
  const [error, setError] = useState<string | null>(null);
  const [handout, setHandout] = useState(note.handout);
  const area = useRef<HTMLTextAreaElement>(null);
  const latest = useRef(text);
  latest.current = text;
  const passage = useApiQuery('highlights.get', note.highlightId ? { id: note.highlightId } : null);
  const quote = passage.data?.quote ?? (note.highlightId ? (initialQuote ?? null) : null);
  const quoteRef = useRef(quote);
  quoteRef.current = quote;
  if (blank) blank.current = () => !note.readonly && untouched(latest.current, quoteRef.current);
  // An older passage note repeats its quote at the top: the quote shows above, so the text drops it
  // and nothing typed can run on into the quote. Nothing is lost: the quote is the highlight's, and
  // goes back into the text if the highlight is deleted.
  useEffect(() => {
    if (passage.data?.quote === undefined || note.readonly || latest.current !== note.body) return;
    const rest = afterQuote(note.body, passage.data.quote);
    if (rest !== null) setText(rest);
  }, [passage.data, note.id]); // eslint-disable-line react-hooks/exhaustive-deps

  // The note as the server has it now — a cached copy refetched when the note is opened again, or a
  // change made elsewhere — goes into the box when nothing was typed since the copy it shows, and
  // never over what is being written. (A stale copy shown on reopening stayed in the box, empty.)
  const synced = useRef(note.body);
  useEffect(() => {
    if (note.body !== synced.current && latest.current === synced.current && status === 'saved') setText(note.body);
    synced.current = note.body;
  }, [note.body]); // eslint-disable-line react-hooks/exhaustive-deps

  const previousId = useRef(note.id);
  useLayoutEffect(() => {
    const previous = previousId.current;
    previousId.current = note.id;
    // The note made behind the editor takes what was typed meanwhile.
    if (previous !== note.id && previous === DRAFT_ID) {
      if (latest.current !== note.body) void save();
      return;
    }
    if (previous !== note.id) {
      setText(note.body);
      setHandout(note.handout);
      setStatus('saved');
      setMode('write');
    }
    // Whatever opened the note (a button, a highlight's popover), what one types next goes in it:
    // focused in the same frame as it shows, so no keystroke falls between.
    const el = area.current;
    if (!el) return;
    el.focus({ preventScroll: true });
    el.setSelectionRange(el.value.length, el.value.length);
    el.scrollIntoView({ block: 'nearest' });
  }, [note.id]); // eslint-disable-line react-hooks/exhaustive-deps

  /** Done: a note nobody wrote in goes, with nothing to undo; anything else is saved first. */
  const done = async () => {
    try {
      if (untouched(latest.current, quote)) {
        if (latest.current !== note.body) await api.notes.update({ id: note.id, body: latest.current });
        await api.notes.discard({ id: note.id });
      } else if (status !== 'saved') await save();
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const save = async () => {
    if (note.id === DRAFT_ID) return;
    const body = latest.current;
    setStatus('saving');
    try {
      await api.notes.update({ id: note.id, body });
      setStatus(latest.current === body ? 'saved' : 'unsaved');
      setError(null);
    } catch (err) {
      setStatus('error');
      setError(errorMessage(err));
    }
  };

  useEffect(() => {
    if (text === note.body && status === 'saved') return;
    setStatus('unsaved');
    const t = setTimeout(() => void save(), SAVE_AFTER_MS);
    return () => clearTimeout(t);
  }, [text]); // eslint-disable-line react-hooks/exhaustive-deps

  const insert = (snippet: string) => {
    const el = area.current;
    const at = el ? el.selectionStart : text.length;
    const next = `${text.slice(0, at)}${snippet}${text.slice(at)}`;
    setText(next);
    requestAnimationFrame(() => el?.setSelectionRange(at + snippet.length, at + snippet.length));
  };

  if (note.readonly) {
    return (
      <div className="note-editor" aria-label="Note editor">
        <p className="badge" role="note">
          From the {note.origin ?? 'hand-out'}: read-only. Write your own note beside it.
        </p>
        <MarkdownView text={note.body} />
        <div className="link-tools">
          <button type="button" onClick={onClose}>
            Done
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="note-editor" aria-label="Note editor">
      <div className="tabs" role="tablist">
        <button role="tab" aria-selected={mode === 'write'} onClick={() => setMode('write')}>
          Write
        </button>
        <button role="tab" aria-selected={mode === 'preview'} onClick={() => setMode('preview')}>
          Preview
        </button>
        <span className={`save-status ${status}`} role="status" aria-live="polite">
          {status === 'saved' ? 'Saved' : status === 'saving' ? 'Saving…' : status === 'error' ? 'Not saved' : 'Editing'}
        </span>
      </div>
      {quote !== null && (
        <blockquote className="note-quote" aria-label="The passage this note is on">
          {quote.length > 600 ? `${quote.slice(0, 600)}…` : quote}
        </blockquote>
      )}
      {mode === 'write' ? (
        <textarea ref={area} value={text} onChange={(e) => setText(e.target.value)} aria-label="Note text (Markdown)" placeholder={quote !== null ? 'Your note on this passage, in Markdown.' : 'Write in Markdown. Link with the buttons below.'} onBlur={() => status === 'unsaved' && void save()} />
      ) : (
        <MarkdownView text={text} />
      )}
      {error && (
        <p role="alert" className="error">
          {error} Your text is kept here. <button onClick={() => void save()}>Try again</button>
        </p>
      )}
      <div className="link-tools">
        <select aria-label="Insert a link to a document or passage" value="" onChange={(e) => e.target.value && insert(e.target.value)}>
          <option value="">Link to…</option>
          {linkTargets.documents.map((d) => (
            <option key={`d${d.id}`} value={linkMarkdown({ kind: 'document', id: d.id }, excerpt(d.title))}>
              Document: {excerpt(d.title)}
            </option>
          ))}
          {linkTargets.highlights.map((h) => (
            <option key={`h${h.id}`} value={linkMarkdown({ kind: 'highlight', id: h.id }, excerpt(h.quote))}>
              Passage: “{excerpt(h.quote)}”
            </option>
          ))}
        </select>
        <label className="check" title="Notes are private unless marked; only marked notes travel in hand-outs.">
          <input
            type="checkbox"
            checked={handout}
            disabled={note.id === DRAFT_ID}
            onChange={(e) => {
              const on = e.target.checked;
              setHandout(on);
              api.notes.setHandout({ id: note.id, handout: on }).catch((err: unknown) => (setHandout(!on), setError(errorMessage(err))));
            }}
          />{' '}
          For hand-out
        </label>
        <button type="button" onClick={() => void done()} disabled={note.id === DRAFT_ID}>
          Done
        </button>
        <button type="button" disabled={note.id === DRAFT_ID} onClick={() => void api.notes.delete({ id: note.id }).then(onClose).catch((err: unknown) => setError(errorMessage(err)))}>
          Delete note
        </button>
      </div>
    </div>
  );
}
