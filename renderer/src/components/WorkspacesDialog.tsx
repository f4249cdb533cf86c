import { useRef, useState } from 'react';
import { ApiCallError } from '../../../electron/shared/api/client';
import type { WorkspaceStatus } from '../../../electron/shared/api/contract';
import { ErrorCode } from '../../../electron/shared/errors';
import { api, errorMessage } from '../api';
import { useApiQuery } from '../query';
import { Dialog, Feedback, Field, PathField, splitPath, useAction } from './Dialog';

/** Recent workspaces, and opening or creating one by its path. Used by the dialog and the start screen. */
export function WorkspaceChooser({ status, onDone }: { status: WorkspaceStatus | undefined; onDone?: () => void }) {
  const [openPath, setOpenPath] = useState('');
  const [openPass, setOpenPass] = useState('');
  // Suggested beside the open workspace (or in the data folder) once the status is known; never at the root.
  const folder = status?.open ? splitPath(status.open.file).dir : (status?.defaultFolder ?? '');
  const [typedPath, setNewPath] = useState<string | null>(null);
  const newPath = typedPath ?? (folder ? `${folder}/New research.workspace` : '');
  const passField = useRef<HTMLInputElement>(null);
  const [empty, setEmpty] = useState(true);
  const [protect, setProtect] = useState(false);
  const [newPass, setNewPass] = useState('');
  const [newPass2, setNewPass2] = useState('');
  const action = useAction<unknown>();
  const open = async (file: string, passphrase?: string) => {
    try {
      await api.workspaces.open({ file, ...(passphrase ? { passphrase } : {}) });
      onDone?.();
    } catch (err) {
      action.setError(errorMessage(err));
      // A protected workspace picked from the list: its path goes in the form, the caret in the passphrase.
      if (err instanceof ApiCallError && (err.code === ErrorCode.NeedsPassphrase || err.code === ErrorCode.WrongPassphrase)) {
        setOpenPath(file);
        requestAnimationFrame(() => passField.current?.focus());
      }
    }
  };
  const create = () => {
    if (protect && newPass !== newPass2) return action.setError('The two passphrases differ.');
    if (protect && !newPass) return action.setError('Type a passphrase, or untick “Protect with a passphrase”.');
    void action.run(() => api.workspaces.create({ file: newPath, empty, ...(protect ? { passphrase: newPass } : {}) })).then((r) => r && onDone?.());
  };
  const current = status?.open?.file;
  return (
    <div className="chooser">
      <section aria-label="Recent workspaces">
        <h3>Recent</h3>
        {status?.recent.length ? (
          <ul className="plain-list">
            {status.recent.map((r) => (
              <li key={r.file}>
                <button type="button" className="link-button" disabled={r.file === current} onClick={() => void open(r.file)} title={r.file} aria-label={`Open ${r.name}`}>
                  {r.name}
                </button>{' '}
                <span className="hint">{r.file === current ? '(open now)' : r.file}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="empty">No recent workspaces.</p>
        )}
      </section>
      <form
        aria-label="Open a workspace"
        onSubmit={(e) => {
          e.preventDefault();
          void open(openPath, openPass);
        }}
      >
        <h3>Open a workspace file</h3>
        <PathField label="Workspace file" value={openPath} onChange={setOpenPath} purpose="open" />
        <Field label="Passphrase (only if it is protected)" type="password" value={openPass} onChange={setOpenPass} inputRef={passField} />
        <button type="submit" disabled={!openPath.trim() || action.busy}>
          Open
        </button>
      </form>
      <form
        aria-label="New workspace"
        onSubmit={(e) => {
          e.preventDefault();
          create();
        }}
      >
        <h3>New workspace</h3>
        <PathField label="New workspace file" value={newPath} onChange={setNewPath} purpose="create" />
        <label className="check">
          <input type="checkbox" checked={empty} onChange={(e) => setEmpty(e.target.checked)} /> Start empty (otherwise with the sample corpus)
        </label>
        <label className="check">
          <input type="checkbox" checked={protect} onChange={(e) => setProtect(e.target.checked)} /> Protect with a passphrase (nothing is written in plaintext)
        </label>
        {protect && (
          <>
            <Field label="Passphrase" type="password" value={newPass} onChange={setNewPass} />
            <Field label="Passphrase again" type="password" value={newPass2} onChange={setNewPass2} />
          </>
        )}
        <button type="submit" disabled={!newPath.trim() || action.busy}>
          Create
        </button>
      </form>
      <Feedback error={action.error} busy={action.busy} busyText="Opening…" />
    </div>
  );
}

export function WorkspacesDialog({ onClose }: { onClose: () => void }) {
  const status = useApiQuery('workspaces.status', {});
  return (
    <Dialog label="Workspaces" onClose={onClose} wide footer>
      <WorkspaceChooser status={status.data} onDone={onClose} />
    </Dialog>
  );
}

/** Makes one's own workspace from a hand-out (which stays untouched). */
export function AdoptForm({ handout: initial = '', onDone }: { handout?: string; onDone?: () => void }) {
  const [handout, setHandout] = useState(initial);
  const suggest = (h: string) => {
    const { dir, stem, sep } = splitPath(h);
    return h ? `${dir}${sep}${stem} (mine).workspace` : '';
  };
  const [file, setFile] = useState(suggest(initial));
  const [pass, setPass] = useState('');
  const action = useAction<unknown>();
  return (
    <form
      aria-label="Open a hand-out"
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(() => api.workspaces.adopt({ handout, file, ...(pass ? { passphrase: pass } : {}) })).then((r) => r && onDone?.());
      }}
    >
      <p className="hint">Your own workspace is made from the hand-out: the trainer’s notes come read-only, and the hand-out file is never changed.</p>
      <PathField
        label="Hand-out file"
        purpose="adopt"
        value={handout}
        onChange={(v) => {
          if (!file || file === suggest(handout)) setFile(suggest(v));
          setHandout(v);
        }}
        autoFocus={!initial}
      />
      <PathField label="Your new workspace file" value={file} onChange={setFile} purpose="create" />
      <Field label="Passphrase (only if the hand-out is protected)" type="password" value={pass} onChange={setPass} />
      <button type="submit" disabled={!handout.trim() || !file.trim() || action.busy}>
        Make my workspace
      </button>
      <Feedback error={action.error} busy={action.busy} busyText="Copying the hand-out…" />
    </form>
  );
}

export function AdoptDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog label="Open a hand-out" onClose={onClose} footer>
      <AdoptForm onDone={onClose} />
    </Dialog>
  );
}
