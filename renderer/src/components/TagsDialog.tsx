import { useState } from 'react';
import type { Tag } from '../../../electron/shared/schemas';
import { plural } from '../../../electron/shared/text/plural';
import { api, errorMessage } from '../api';
import { useApiQuery } from '../query';
import { Dialog } from './Dialog';

/** A change the dialog can take back itself; deletions and merges go through the workspace's undo log. */
interface Undoable {
  label: string;
  revert: () => Promise<unknown>;
}

/** Tags in tree order, each with its depth, for a flat list that still reads as a tree. */
function inTreeOrder(tags: Tag[]): Array<{ tag: Tag; depth: number }> {
  const out: Array<{ tag: Tag; depth: number }> = [];
  const walk = (parent: number | null, depth: number) => {
    for (const tag of tags.filter((t) => t.parentId === parent)) {
      out.push({ tag, depth });
      walk(tag.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** A tag and every tag below it: none of them can become its parent. */
function below(tags: Tag[], id: number): Set<number> {
  const ids = new Set([id]);
  let size;
  do {
    size = ids.size;
    for (const t of tags) if (t.parentId !== null && ids.has(t.parentId)) ids.add(t.id);
  } while (ids.size !== size);
  return ids;
}

/**
 * Everything about tags without the command line: rename, recolour, nest (drag a tag onto
 * another, or "Move under…"), merge and delete, each with undo. A new tag typed as a path
 * (`flights/russia`) makes the hierarchy.
 */
export function TagsDialog({ onClose }: { onClose: () => void }) {
  const tags = useApiQuery('tags.list', {}).data ?? [];
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Undoable | null>(null);
  const [fresh, setFresh] = useState('');
  const [dragged, setDragged] = useState<number | null>(null);
  // Names being typed, by tag: the field shows what is typed until it is saved, then the tag's name.
  const [drafts, setDrafts] = useState<Record<number, string>>({});
  const dropDraft = (id: number) => setDrafts(({ [id]: _gone, ...rest }) => rest);

  const act = async (fn: () => Promise<unknown>, undo?: Undoable) => {
    setError(null);
    try {
      await fn();
      setDone(undo ?? null);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const rename = (t: Tag, name: string) =>
    name.trim() && name.trim() !== t.name &&
    act(() => api.tags.rename({ id: t.id, name }), { label: `Renamed “${t.name}” to “${name.trim()}”`, revert: () => api.tags.rename({ id: t.id, name: t.name }) });
  const recolor = (t: Tag, color: string) =>
    act(() => api.tags.recolor({ id: t.id, color }), { label: `Recoloured “${t.name}”`, revert: () => api.tags.recolor({ id: t.id, color: t.color }) });
  const move = (t: Tag, parentId: number | null) => {
    if (parentId === t.parentId) return;
    const where = parentId === null ? 'the top level' : `“${tags.find((x) => x.id === parentId)?.name}”`;
    return act(() => api.tags.move({ id: t.id, parentId }), { label: `Moved “${t.name}” to ${where}`, revert: () => api.tags.move({ id: t.id, parentId: t.parentId }) });
  };
  // Merges and deletions are in the undo log: the undo toast (and Ctrl+Alt+Z) offers them back.
  const merge = (t: Tag, targetId: number) => act(() => api.tags.merge({ sourceId: t.id, targetId }));
  const remove = (t: Tag) => act(() => api.tags.delete({ id: t.id }));

  return (
    <Dialog label="Tags" onClose={onClose} wide footer>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (fresh.trim()) void act(() => api.tags.create({ name: fresh }).then(() => setFresh('')));
        }}
      >
        <label className="field grow">
          <span>New tag (a path like flights/russia makes the levels)</span>
          <input value={fresh} onChange={(e) => setFresh(e.target.value)} autoFocus />
        </label>
        <button type="submit" disabled={!fresh.trim()}>
          Add tag
        </button>
      </form>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {done && (
        <p role="status" className="undo-line">
          {done.label}.{' '}
          <button type="button" className="link-button" onClick={() => void act(done.revert)}>
            Undo
          </button>
        </p>
      )}
      {tags.length === 0 && <p className="empty">No tags yet.</p>}
      <ul
        className="tag-admin"
        aria-label="Tags"
        onDragOver={(e) => e.preventDefault()}
        onDrop={(e) => {
          // Dropped beside the rows, not on one: back to the top level.
          const t = tags.find((x) => x.id === dragged);
          if (t && e.target === e.currentTarget) void move(t, null);
          setDragged(null);
        }}
      >
        {inTreeOrder(tags).map(({ tag: t, depth }) => {
          const own = below(tags, t.id);
          const others = tags.filter((x) => !own.has(x.id));
          return (
            <li
              key={t.id}
              draggable
              aria-label={t.name}
              className={dragged === t.id ? 'dragging' : undefined}
              style={{ paddingLeft: `${depth * 1.25}rem` }}
              onDragStart={() => setDragged(t.id)}
              onDragEnd={() => setDragged(null)}
              onDragOver={(e) => dragged !== null && !below(tags, dragged).has(t.id) && e.preventDefault()}
              onDrop={(e) => {
                e.stopPropagation();
                const d = tags.find((x) => x.id === dragged);
                if (d && !below(tags, d.id).has(t.id)) void move(d, t.id);
                setDragged(null);
              }}
            >
              <input type="color" aria-label={`Colour of ${t.name}`} value={t.color} onChange={(e) => void recolor(t, e.target.value)} />
              <input
                className="tag-name-input"
                aria-label={`Name of ${t.name}`}
                value={drafts[t.id] ?? t.name}
                onChange={(e) => setDrafts((d) => ({ ...d, [t.id]: e.target.value }))}
                onBlur={(e) => void Promise.resolve(rename(t, e.target.value)).finally(() => dropDraft(t.id))}
                // Enter saves, and the caret stays in the field.
                onKeyDown={(e) => e.key === 'Enter' && void Promise.resolve(rename(t, e.currentTarget.value)).finally(() => dropDraft(t.id))}
              />
              <span className="hint">
                {plural(t.documentCount, 'document')}, {plural(t.highlightCount, 'highlight')}
              </span>
              <select aria-label={`Move ${t.name} under`} value="" onChange={(e) => void move(t, e.target.value === 'top' ? null : Number(e.target.value))}>
                <option value="">Move under…</option>
                {t.parentId !== null && <option value="top">the top level</option>}
                {others.filter((x) => x.id !== t.parentId).map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
              <select aria-label={`Merge ${t.name} into`} value="" onChange={(e) => e.target.value && void merge(t, Number(e.target.value))}>
                <option value="">Merge into…</option>
                {others.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
              <button type="button" className="link-button danger" aria-label={`Delete tag ${t.name}`} onClick={() => void remove(t)}>
                Delete
              </button>
            </li>
          );
        })}
      </ul>
    </Dialog>
  );
}
