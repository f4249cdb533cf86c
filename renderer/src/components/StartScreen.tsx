import { useState } from 'react';
import type { WorkspaceStatus } from '../../../electron/shared/api/contract';
import { api } from '../api';
import { BackupList } from './BackupsDialog';
import { Feedback, Field, useAction } from './Dialog';
import { AdoptForm, WorkspaceChooser } from './WorkspacesDialog';

/** Asks for the passphrase of an encrypted workspace. */
function Unlock({ file, wrong }: { file: string; wrong: boolean }) {
  const [pass, setPass] = useState('');
  const action = useAction<unknown>();
  return (
    <form
      aria-label="Unlock the workspace"
      onSubmit={(e) => {
        e.preventDefault();
        void action.run(() => api.workspaces.open({ file, passphrase: pass }));
      }}
    >
      <Field label="Passphrase" type="password" value={pass} onChange={setPass} autoFocus />
      <button type="submit" disabled={!pass || action.busy}>
        Unlock
      </button>
      <Feedback error={action.error ?? (wrong ? 'Wrong passphrase. Nothing was changed.' : null)} busy={action.busy} busyText="Opening…" />
    </form>
  );
}

/**
 * What shows when no workspace is open: why (locked, damaged, a hand-out), what to do
 * about it, and the way to another workspace.
 */
export function StartScreen({ status }: { status: WorkspaceStatus }) {
  const p = status.problem;
  const name = p ? p.file.split(/[\\/]/).pop() : '';
  return (
    <div className="start-screen">
      <main className="start" aria-label="No workspace open">
        <h1>Research Workbench</h1>
        {p && (p.code === 'NEEDS_PASSPHRASE' || p.code === 'WRONG_PASSPHRASE') && (
          <section aria-label="Locked workspace">
            <h2>“{name}” is protected by a passphrase</h2>
            <p className="hint">{p.file}</p>
            <Unlock file={p.file} wrong={p.code === 'WRONG_PASSPHRASE'} />
          </section>
        )}
        {p?.code === 'WORKSPACE_DAMAGED' && (
          <section aria-label="Damaged workspace" className="problem">
            <h2>“{name}” is damaged</h2>
            <p role="alert">
              {/is damaged: ([^.]*)\./.exec(p.message)?.[1] ?? 'SQLite cannot read it'}. It is not opened, so nothing more is written to it.
            </p>
            {p.movedTo && <p>The damaged file was moved aside to {p.movedTo}; nothing was deleted.</p>}
            <h3>{p.latestBackup ? 'Restore a backup (the newest first)' : 'There is no backup of it'}</h3>
            <BackupList file={p.file} />
          </section>
        )}
        {p?.code === 'IS_HANDOUT' && (
          <section aria-label="Hand-out">
            <h2>“{name}” is a hand-out</h2>
            <p>A hand-out is never changed. Make your own workspace from it:</p>
            <AdoptForm handout={p.file} />
          </section>
        )}
        {p && !['NEEDS_PASSPHRASE', 'WRONG_PASSPHRASE', 'WORKSPACE_DAMAGED', 'IS_HANDOUT'].includes(p.code) && (
          <section aria-label="Could not open">
            <h2>“{name}” could not be opened</h2>
            <p role="alert">{p.message}</p>
          </section>
        )}
        <WorkspaceChooser status={status} />
        <details>
          <summary>Open a hand-out from a trainer</summary>
          <AdoptForm />
        </details>
      </main>
    </div>
  );
}
