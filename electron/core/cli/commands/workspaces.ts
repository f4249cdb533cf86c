import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { ErrorCode, WorkbenchError } from '../../../shared/errors';
import type { MergeSummary } from '../../../shared/schemas';
import type { Runner } from '../main';
import { newPassphrase, passphraseFromFile, promptPassphrase } from '../passphrase';
import { table } from '../output';

function mergeText(s: MergeSummary): string {
  const lines = [
    `Merged from ${s.from}: ${s.documentsMatched} document(s) matched by content.`,
    `  added: ${s.added.tags} tag(s), ${s.added.documentTags} document tag(s), ${s.added.highlights} highlight(s), ${s.added.highlightTags} highlight tag(s), ${s.added.notes} note(s)`,
    `  already here: ${s.alreadyPresent.highlights} highlight(s), ${s.alreadyPresent.notes} note(s); re-anchored by quote: ${s.reanchored}`,
  ];
  if (s.notPlaced.length) lines.push(`  could not be placed (${s.notPlaced.length}):`, ...s.notPlaced.map((n) => `    ${n.kind} ${n.what}: ${n.reason}`));
  if (s.backup) lines.push(`  backup made first: ${s.backup}`);
  return lines.join('\n');
}

// The workspace operations load with the command that runs them, not at every command's start.
const manager = () => import('../../workspaces/manager');
const rekey = () => import('../../workspaces/rekey');

export function registerWorkspaces(program: Command, run: Runner): void {
  program
    .command('handout')
    .description('write a hand-out: a copy with the documents and, as chosen, tags, highlights and the notes marked for hand-out')
    .requiredOption('--out <file>', 'the hand-out file to write')
    .option('--tags', 'include tags')
    .option('--highlights', 'include highlights')
    .option('--notes', 'include the notes marked for hand-out (private notes never go)')
    .option('--title <title>', 'the name the class sees (default: the file name)')
    .action(async (opts: { out: string; tags?: boolean; highlights?: boolean; notes?: boolean; title?: string }, cmd: Command) => {
      await run.withApi(cmd, async (api, out) => {
        const s = await api.workspaces.handout({ out: opts.out, tags: Boolean(opts.tags), highlights: Boolean(opts.highlights), notes: Boolean(opts.notes), ...(opts.title ? { title: opts.title } : {}) });
        out.result(s, () =>
          [
            `Wrote the hand-out “${s.title}” to ${s.file} (${(s.bytes / 1048576).toFixed(1)} MB${s.encrypted ? ', encrypted with this workspace’s passphrase' : ''}):`,
            `  ${s.documents} document(s), ${s.tags} tag(s), ${s.highlights} highlight(s), ${s.notes} note(s); ${s.privateNotesLeftOut} private note(s) left out.`,
          ].join('\n'),
        );
      });
    });

  program
    .command('adopt')
    .description('make your own workspace (-w, a new file) from a hand-out; the hand-out itself is never changed')
    .argument('<handout>', 'the hand-out file')
    .action(async (handout: string, _opts: unknown, cmd: Command) => {
      const file = run.workspacePath(cmd);
      const passphrase = run.passphrase(cmd);
      const { adoptHandout } = await import('../../workspaces/adopt');
      const mark = adoptHandout(handout, file, passphrase);
      await run.withApi(cmd, async (api, out) => {
        const info = await api.workspace.info();
        out.result({ ...info, handout: mark }, () => `Made ${file} from the hand-out “${mark.title}”: ${info.documents} document(s), ${info.notes} note(s) from the trainer (read-only).`);
      });
    });

  program
    .command('merge')
    .description('bring tags, highlights and notes from another workspace holding the same documents (a backup is made first)')
    .argument('<other>', 'the other workspace file (only read)')
    .option('--other-passphrase-file <file>', 'the other workspace’s passphrase, if it differs')
    .action(async (other: string, opts: { otherPassphraseFile?: string }, cmd: Command) => {
      await run.withApi(cmd, async (api, out) => {
        const passphrase = opts.otherPassphraseFile ? passphraseFromFile(opts.otherPassphraseFile) : undefined;
        const s = await api.workspaces.merge({ other, ...(passphrase ? { passphrase } : {}) });
        out.result(s, () => mergeText(s));
      });
    });

  program
    .command('backup')
    .description('make a verified backup now, in the app’s data folder')
    .action(async (_opts: unknown, cmd: Command) => {
      await run.withApi(cmd, async (api, out) => {
        const b = await api.backups.create();
        out.result(b, () => `Backed up to ${b.file} (${(b.bytes / 1048576).toFixed(1)} MB, integrity checked).`);
      });
    });

  program
    .command('backups')
    .description('list the backups of the workspace, newest first')
    .action(async (_opts: unknown, cmd: Command) => {
      const { listBackups } = await import('../../workspaces/backups');
      const list = listBackups(run.dataDir(), run.workspacePath(cmd));
      run.out(cmd).result(list, () =>
        list.length ? table([['made', 'why', 'MB', 'file'], ...list.map((b) => [b.createdAt, b.reason, (b.bytes / 1048576).toFixed(1), b.file])]) : 'No backups yet.',
      );
    });

  program
    .command('restore')
    .description('put a backup in place of the workspace; what is there now is backed up (or, if damaged, moved aside) first')
    .argument('<backup>', 'the backup file (see workbench backups)')
    .action(async (backup: string, _opts: unknown, cmd: Command) => {
      const file = run.workspacePath(cmd);
      const { restoreManaged } = await manager();
      const saved = restoreManaged(file, backup, run.dataDir(), run.passphrase(cmd));
      run.out(cmd).result({ file, restored: backup, previous: saved?.file ?? null }, () =>
        `Restored ${file} from ${backup}.${saved ? ` What was there is kept as ${saved.file}.` : ''}`,
      );
    });

  program
    .command('undo')
    .description('undo the latest deletion (of a document, tag, highlight or note) or tag merge; --list shows what can be undone')
    .option('--list', 'list what can be undone, newest first')
    .action(async (opts: { list?: boolean }, cmd: Command) => {
      await run.withApi(cmd, async (api, out) => {
        if (opts.list) {
          const list = await api.undo.list();
          out.result(list, () => (list.length ? table(list.map((e) => [e.createdAt, e.label])) : 'Nothing to undo.'));
          return;
        }
        const done = await api.undo.run();
        out.result(done, () => `Undone: ${done.label}.`);
      });
    });

  program
    .command('encrypt')
    .description('protect the workspace (and its backups) with a passphrase; also changes the passphrase of an encrypted one')
    .option('--new-passphrase-file <file>', 'the new passphrase, from a file (otherwise asked twice on the terminal)')
    .action(async (opts: { newPassphraseFile?: string }, cmd: Command) => {
      const file = run.workspacePath(cmd);
      if (!existsSync(file)) throw new WorkbenchError(ErrorCode.CannotOpen, `${file} does not exist.`, { file });
      const given = run.passphrase(cmd);
      const { pendingRekey, keyState, rekeyWorkspace } = await rekey();
      if (pendingRekey(file)?.to === 'encrypted') {
        // An earlier run was killed: the workspace may be on the new passphrase already, its backups not.
        const next = opts.newPassphraseFile ? passphraseFromFile(opts.newPassphraseFile) : (given ?? (await newPassphrase(undefined)));
        if (keyState(file, next) === 'opens') {
          rekeyWorkspace(file, run.dataDir(), given !== next ? given : undefined, next);
          run.out(cmd).result({ file, encrypted: true }, () => `${file} is encrypted; the interrupted encryption of its backups was finished.`);
          return;
        }
      }
      if (!given && opts.newPassphraseFile) {
        // The same command again after a crash whose work the next open finished: it is done already.
        const wanted = passphraseFromFile(opts.newPassphraseFile);
        if (keyState(file, wanted) === 'opens') {
          run.out(cmd).result({ file, encrypted: true }, () => `${file} is already encrypted with this passphrase; nothing to change.`);
          return;
        }
      }
      const current = await currentPassphrase(run, cmd, file);
      const next = opts.newPassphraseFile ? passphraseFromFile(opts.newPassphraseFile) : current === undefined && given ? given : await newPassphrase(undefined);
      rekeyWorkspace(file, run.dataDir(), current, next);
      run.out(cmd).result({ file, encrypted: true }, () => `${file} is encrypted; it opens only with the passphrase. Its backups were re-encrypted too.`);
    });

  program
    .command('decrypt')
    .description('remove the passphrase: the workspace and its backups are written in plaintext again')
    .action(async (_opts: unknown, cmd: Command) => {
      const file = run.workspacePath(cmd);
      const { pendingRekey, keyState, rekeyWorkspace } = await rekey();
      if (pendingRekey(file)?.to === 'plain' && keyState(file, undefined) === 'plain') {
        // An earlier run was killed after the workspace: its backups are decrypted with the passphrase given.
        rekeyWorkspace(file, run.dataDir(), run.passphrase(cmd) ?? (await promptPassphrase(`Earlier passphrase of ${file}: `)), undefined);
        run.out(cmd).result({ file, encrypted: false }, () => `${file} is no longer encrypted; the interrupted decryption of its backups was finished.`);
        return;
      }
      const current = await currentPassphrase(run, cmd, file);
      if (current === undefined) throw new WorkbenchError(ErrorCode.InvalidInput, `${file} is not encrypted.`, { file });
      rekeyWorkspace(file, run.dataDir(), current, undefined);
      run.out(cmd).result({ file, encrypted: false }, () => `${file} is no longer encrypted.`);
    });
}

/** The passphrase a workspace opens with now: undefined when it is not encrypted. */
async function currentPassphrase(run: Runner, cmd: Command, file: string): Promise<string | undefined> {
  // Opening proves the passphrase (and makes the usual backups) before anything is re-keyed.
  let given = run.passphrase(cmd);
  const { openManaged } = await manager();
  let ws;
  try {
    ws = await openManaged(file, { dataDir: run.dataDir(), ...(given ? { passphrase: given } : {}) });
  } catch (err) {
    if ((err as WorkbenchError).code !== ErrorCode.NeedsPassphrase || given) throw err;
    given = await promptPassphrase(`Current passphrase for ${file}: `);
    ws = await openManaged(file, { dataDir: run.dataDir(), passphrase: given });
  }
  const encrypted = ws.passphrase;
  ws.close();
  return encrypted;
}
