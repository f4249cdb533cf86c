import { useState } from 'react';
import type { BackupInfo } from '../../../electron/shared/schemas';
import { api } from '../api';
import { queryClient, useApiQuery } from '../query';
import { Dialog, Feedback, Field, useAction } from './Dialog';

const REASONS: Record<string, string> = { open: 'daily, on opening', manual: 'made by hand', 'before-merge': 'before a merge', 'before-restore': 'before a restore' };
const reason = (r: string) => REASONS[r] ?? (r.startsWith('before-migration') ? 'before an upgrade' : r);

/** The backups of a workspace, each restorable; `file` names a damaged one that is no longer open. */
export function BackupList({ file, onRestored }: { file?: string; onRestored?: () => void }) {
  const list = useApiQuery('backups.list', file ? { file } : {});
  const [confirm, setConfirm] = useState<BackupInfo | null>(null);
  const action = useAction<unknown>();
  const restore = (b: BackupInfo) => action.run(() => api.backups.restore({ backup: b.file, ...(file ? { file } : {}) })).then((r) => r && onRestored?.());
  return (
    <>
      {list.data?.length === 0 && <p className="empty">No backups yet.</p>}
      <ul className="plain-list" aria-label="Backups">
        {list.data?.map((b) => (
          <li key={b.file}>
            <span title={b.file}>
              {new Date(b.createdAt).toLocaleString()} — {reason(b.reason)}, {(b.bytes / 1048576).toFixed(1)} MB
            </span>{' '}
            <button type="button" onClick={() => setConfirm(b)} aria-label={`Restore the backup of ${new Date(b.createdAt).toLocaleString()}`}>
              Restore…
            </button>
          </li>
        ))}
      </ul>
      {confirm && (
        <div className="confirm" role="group" aria-label="Confirm restore">
          <p>Restore the backup of {new Date(confirm.createdAt).toLocaleString()}? {file ? '' : 'What is open now is kept as a backup of its own.'}</p>
          <button type="button" onClick={() => void restore(confirm)} disabled={action.busy} autoFocus>
            Restore this backup
          </button>{' '}
          <button type="button" onClick={() => setConfirm(null)}>
            Cancel
          </button>
        </div>
      )}
      <Feedback error={action.error ?? list.error} busy={action.busy} busyText="Checking and restoring the backup…" />
    </>
  );
}

export function BackupsDialog({ onClose }: { onClose: () => void }) {
  const action = useAction<BackupInfo>();
  // Invalidating cancels a list request still in flight from before the backup (remounting the
  // list joined that request, and showed the list without the new backup).
  const backUp = () => action.run(() => api.backups.create()).then(() => queryClient.invalidateQueries({ queryKey: ['backups.list'] }));
  return (
    <Dialog label="Backups" onClose={onClose} footer={
        <button type="button" disabled={action.busy} onClick={() => void backUp()}>
          Back up now
        </button>
      }>
      <p className="hint">Verified copies in the app’s data folder: daily on opening, before every upgrade and every merge. The newest ten are kept.</p>
      <BackupList onRestored={onClose} />
      <Feedback error={action.error} busy={action.busy} busyText="Backing up…" />
      {action.result && <p role="status">Backed up to {action.result.file}.</p>}
    </Dialog>
  );
}

/** Protects the workspace with a passphrase, changes it, or takes it off. */
export function PassphraseDialog({ encrypted, onClose }: { encrypted: boolean; onClose: () => void }) {
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [current, setCurrent] = useState('');
  const [old, setOld] = useState('');
  const action = useAction<unknown>();
  const encrypt = () => {
    if (!next) return action.setError('Type a passphrase.');
    if (next !== again) return action.setError('The two passphrases differ; nothing was changed.');
    void action.run(() => api.workspaces.encrypt({ passphrase: next, ...(encrypted ? { current: old } : {}) })).then((r) => r && onClose());
  };
  return (
    <Dialog label={encrypted ? 'Passphrase' : 'Protect with a passphrase'} onClose={onClose} footer>
      <p className="hint">
        {encrypted
          ? 'This workspace is encrypted: its file, its backups and its hand-outs hold no plaintext.'
          : 'The workspace and its backups are encrypted; without the passphrase nothing in them can be read. It cannot be recovered if forgotten.'}
      </p>
      <form
        aria-label={encrypted ? 'Change the passphrase' : 'Set a passphrase'}
        onSubmit={(e) => {
          e.preventDefault();
          encrypt();
        }}
      >
        {encrypted && <Field label="Passphrase now" type="password" value={old} onChange={setOld} autoFocus />}
        <Field label={encrypted ? 'New passphrase' : 'Passphrase'} type="password" value={next} onChange={setNext} autoFocus={!encrypted} />
        <Field label={encrypted ? 'New passphrase again' : 'Passphrase again'} type="password" value={again} onChange={setAgain} />
        <button type="submit" disabled={action.busy}>
          {encrypted ? 'Change passphrase' : 'Encrypt'}
        </button>
      </form>
      {encrypted && (
        <form
          aria-label="Remove the passphrase"
          onSubmit={(e) => {
            e.preventDefault();
            void action.run(() => api.workspaces.decrypt({ passphrase: current })).then((r) => r && onClose());
          }}
        >
          <Field label="Current passphrase" type="password" value={current} onChange={setCurrent} />
          <button type="submit" disabled={!current || action.busy}>
            Remove passphrase
          </button>
        </form>
      )}
      <Feedback error={action.error} busy={action.busy} busyText="Re-writing the workspace and its backups…" />
    </Dialog>
  );
}
