import { useEffect, useRef, useState } from 'react';
import type { Highlight, Note, Tag } from '../../../electron/shared/schemas';
import { api, errorMessage } from '../api';
import { tagNamed } from '../tag-named';
import { TagChip } from './Snippet';

const tagByName = (tags: Tag[], name: string) => tagNamed(api, tags, name);

/**
 * Appears over selected text: tag it with an existing tag or one typed on the spot,
 * and optionally start a note on it.
 */
export function SelectionToolbar(props: {
  at: { top: number; left: number };
  documentId: number;
  range: { start: number; end: number };
  tags: Tag[];
  onDone: (h: Highlight | null, withNote: boolean) => void;
  /** Searches the whole corpus for the selected passage. */
  onFindElsewhere?: () => void;
}) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // A passage selected at the bottom of the reader: its toolbar, just below, is scrolled into view.
    root.current?.scrollIntoView({ block: 'nearest' });
    input.current?.focus({ preventScroll: true });
  }, []);

  const create = async (withNote: boolean) => {
    try {
      const tagIds = name.trim() ? [(await tagByName(props.tags, name)).id] : [];
      const h = await api.highlights.create({ documentId: props.documentId, start: props.range.start, end: props.range.end, tagIds });
      props.onDone(h, withNote);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <div
      ref={root}
      className="selection-toolbar"
      role="dialog"
      aria-label="Highlight the selection"
      style={{ top: props.at.top, left: props.at.left }}
      onKeyDown={(e) => e.key === 'Escape' && props.onDone(null, false)}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void create(false);
        }}
      >
        <input ref={input} list="toolbar-tags" value={name} onChange={(e) => setName(e.target.value)} placeholder="Tag (new or existing)" aria-label="Tag for the highlight" />
        <datalist id="toolbar-tags">
          {props.tags.map((t) => (
            <option key={t.id} value={t.name} />
          ))}
        </datalist>
        <button type="submit">Highlight</button>
        <button type="button" onClick={() => void create(true)}>
          Highlight + note
        </button>
        {props.onFindElsewhere && (
          <button type="button" onClick={props.onFindElsewhere} title="Search the corpus for this passage, word for word or lightly reworded">
            Find this passage elsewhere
          </button>
        )}
        <button type="button" aria-label="Cancel" onClick={() => props.onDone(null, false)}>
          ×
        </button>
      </form>
      {error && <p role="alert" className="error">{error}</p>}
    </div>
  );
}

/** What a clicked highlight carries: its tags and notes, and the means to change them. */
export function HighlightPopover(props: { at: { top: number; left: number }; highlight: Highlight; notes: Note[]; tags: Tag[]; onClose: () => void; onNote: () => void }) {
  const h = props.highlight;
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const run = (p: Promise<unknown>) => p.catch((err: unknown) => setError(errorMessage(err)));
  return (
    <div className="selection-toolbar popover" role="dialog" aria-label="Highlight" style={{ top: props.at.top, left: props.at.left }} onKeyDown={(e) => e.key === 'Escape' && props.onClose()}>
      <blockquote>{h.quote.length > 200 ? `${h.quote.slice(0, 200)}…` : h.quote}</blockquote>
      <div className="doc-tags">
        {h.tags.map((t) => (
          <TagChip key={t.id} id={t.id} name={t.name} color={t.color} onRemove={() => void run(api.tags.remove({ tagId: t.id, highlightIds: [h.id] }))} />
        ))}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) void run(tagByName(props.tags, name).then((t) => api.tags.apply({ tagId: t.id, highlightIds: [h.id] })).then(() => setName('')));
          }}
        >
          <input list="toolbar-tags" value={name} onChange={(e) => setName(e.target.value)} placeholder="Add tag…" aria-label="Add a tag to this highlight" autoFocus />
        </form>
      </div>
      {props.notes.map((n) => (
        <p key={n.id} className="popover-note">
          {n.body.length > 160 ? `${n.body.slice(0, 160)}…` : n.body}
        </p>
      ))}
      <div className="row">
        <button type="button" onClick={props.onNote}>
          {props.notes.length ? 'Add another note' : 'Add note'}
        </button>
        <button type="button" onClick={() => void run(api.highlights.delete({ id: h.id }).then(props.onClose))}>
          Delete highlight
        </button>
        <button type="button" aria-label="Close" onClick={props.onClose}>
          ×
        </button>
      </div>
      {error && <p role="alert" className="error">{error}</p>}
    </div>
  );
}

/**
 * Where highlights overlap, a click offers each of them, innermost first, with its tags and
 * the start of its quote; arrow keys move between them.
 */
export function HighlightChooser(props: { at: { top: number; left: number }; highlights: Highlight[]; onChoose: (h: Highlight) => void; onClose: () => void }) {
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => menu.current?.querySelector<HTMLElement>('[role=menuitem]')?.focus({ preventScroll: true }), []);
  const move = (e: React.KeyboardEvent) => {
    const items = [...(menu.current?.querySelectorAll<HTMLElement>('[role=menuitem]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape') props.onClose();
    else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      items[(at + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length]?.focus();
    }
  };
  return (
    <div ref={menu} className="selection-toolbar hl-chooser" role="menu" aria-label="Highlights here" style={{ top: props.at.top, left: props.at.left }} onKeyDown={move}>
      {props.highlights.map((h) => {
        const tags = h.tags.length ? h.tags.map((t) => t.name).join(', ') : 'Untagged';
        const quote = h.quote.length > 70 ? `${h.quote.slice(0, 70)}…` : h.quote;
        return (
          <button key={h.id} type="button" role="menuitem" onClick={() => props.onChoose(h)} aria-label={`${tags}: “${quote}”`}>
            <span className="chip-dot" style={{ ['--tag' as string]: h.tags[0]?.color ?? '#f6c453' }} aria-hidden="true" />
            <span className="hl-chooser-tags">{tags}</span>
            <span className="hl-chooser-quote">“{quote}”</span>
          </button>
        );
      })}
      <button type="button" className="link-button" onClick={props.onClose}>
        Cancel
      </button>
    </div>
  );
}
