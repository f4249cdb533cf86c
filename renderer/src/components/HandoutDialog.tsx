import { useEffect, useState } from 'react';
import type { HandoutSummary, MergeSummary } from '../../../electron/shared/schemas';
import { plural } from '../../../electron/shared/text/plural';
import { api } from '../api';
import { useApiQuery } from '../query';
import { Dialog, Feedback, Field, PathField, splitPath, useAction } from './Dialog';

/** Writes a hand-out: the trainer chooses what goes in; private notes never do. */
export function HandoutDialog({ onClose }: { onClose: () => void }) {
  const info = useApiQuery('workspace.info', {});
  const file = info.data?.file ?? '';
  const { dir, stem, sep } = splitPath(file);
  const [out, setOut] = useState<string | null>(null);
  // The suggestion goes into the field once, when the workspace's path is known; what is typed then stays.
  useEffect(() => {
    if (file && out === null) setOut(`${dir}${sep}${stem} hand-out.workspace`);
  }, [file, out, dir, sep, stem]);
  const [title, setTitle] = useState('');
  const [tags, setTags] = useState(true);
  const [highlights, setHighlights] = useState(true);
  const [notes, setNotes] = useState(true);
  const action = useAction<HandoutSummary>();
  const target = out ?? '';
  const s = action.result;
  return (
    <Dialog label="Export a hand-out" onClose={onClose} footer={
        <button type="button" disabled={!target || action.busy} onClick={() => void action.run(() => api.workspaces.handout({ out: target, tags, highlights, notes, ...(title ? { title } : {}) }))}>
          Export hand-out
        </button>
      }>
      <p className="hint">A copy for a class. Documents always go in. Only notes marked “For hand-out” travel, read-only; private notes never do.</p>
      <PathField label="Hand-out file" value={target} onChange={setOut} purpose="handout" />
      <Field label="Title the class sees" value={title} onChange={setTitle} placeholder={splitPath(target).stem} />
      <fieldset>
        <legend>Include</legend>
        <label className="check">
          <input type="checkbox" checked={tags} onChange={(e) => setTags(e.target.checked)} /> Tags
        </label>
        <label className="check">
          <input type="checkbox" checked={highlights} onChange={(e) => setHighlights(e.target.checked)} /> Highlights
        </label>
        <label className="check">
          <input type="checkbox" checked={notes} onChange={(e) => setNotes(e.target.checked)} /> Notes marked for hand-out
        </label>
      </fieldset>
      <Feedback error={action.error} busy={action.busy} busyText="Writing and checking the hand-out…" />
      {s && (
        <p role="status">
          Wrote “{s.title}” to {s.file}: {plural(s.documents, 'document')}, {plural(s.tags, 'tag')}, {plural(s.highlights, 'highlight')}, {plural(s.notes, 'note')};{' '}
          {plural(s.privateNotesLeftOut, 'private note')} left out
          {s.encrypted ? '. It is protected by this workspace’s passphrase.' : '.'}
        </p>
      )}
    </Dialog>
  );
}

/** Brings tags, highlights and notes in from another workspace with the same documents. */
export function MergeDialog({ onClose }: { onClose: () => void }) {
  const [other, setOther] = useState('');
  const [pass, setPass] = useState('');
  const action = useAction<MergeSummary>();
  const s = action.result;
  return (
    <Dialog label="Merge from another workspace" onClose={onClose} wide footer={
        <button type="button" disabled={!other.trim() || action.busy} onClick={() => void action.run(() => api.workspaces.merge({ other, ...(pass ? { passphrase: pass } : {}) }))}>
          Merge
        </button>
      }>
      <p className="hint">Tags, highlights and notes come in from a workspace holding the same documents (a class member’s, another machine’s). Nothing is duplicated, and a backup is made first.</p>
      <PathField label="Other workspace file" value={other} onChange={setOther} purpose="merge" autoFocus />
      <Field label="Its passphrase (only if it is protected)" type="password" value={pass} onChange={setPass} />
      <Feedback error={action.error} busy={action.busy} busyText="Backing up, then merging…" />
      {s && (
        <div role="status" className="merge-summary">
          <p>
            From {s.from}: {plural(s.documentsMatched, 'document')} matched. Added {plural(s.added.tags, 'tag')}, {plural(s.added.documentTags, 'document tag')},{' '}
            {plural(s.added.highlights, 'highlight')}, {plural(s.added.highlightTags, 'highlight tag')} and {plural(s.added.notes, 'note')}.
            Already here: {plural(s.alreadyPresent.highlights, 'highlight')}, {plural(s.alreadyPresent.notes, 'note')}. Re-anchored by quote: {s.reanchored}.
          </p>
          {s.notPlaced.length > 0 && (
            <>
              <p>Could not be placed ({s.notPlaced.length}):</p>
              <ul aria-label="Not placed">
                {s.notPlaced.map((n, i) => (
                  <li key={i}>
                    {n.kind} {n.what}: {n.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
          {s.backup && <p className="hint">Backup made first: {s.backup}</p>}
        </div>
      )}
    </Dialog>
  );
}
