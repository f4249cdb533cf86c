/**
 * The contract's methods for whole workspaces: choosing and switching them, hand-outs,
 * merging, backups, encryption and undo. Spread into `contract` in contract.ts.
 */
import { z } from 'zod';
import { BackupInfo, HandoutMark, HandoutSummary, Id, MergeSummary, Note, UndoEntry } from '../schemas';
import { method } from './define';

const Nothing = z.object({}).strict().default({});
const Path = z.string().trim().min(1, 'give a file path');
const Passphrase = z.string().min(1, 'the passphrase must not be empty');

export const WorkspaceInfo = z.object({
  file: z.string(),
  name: z.string(),
  documents: z.number().int(),
  tags: z.number().int(),
  highlights: z.number().int(),
  notes: z.number().int(),
  savedSearches: z.number().int(),
  bytes: z.number().int(),
  indexReady: z.boolean(),
  /** Protected by a passphrase: nothing of it is written in plaintext. */
  encrypted: z.boolean(),
  /** The hand-out this workspace was made from, if any. */
  adoptedFrom: HandoutMark.nullable(),
});
export type WorkspaceInfo = z.infer<typeof WorkspaceInfo>;

/** Why no workspace is open, and what the user can do about it. */
export const WorkspaceProblem = z.object({
  /** NEEDS_PASSPHRASE, WRONG_PASSPHRASE, WORKSPACE_DAMAGED, IS_HANDOUT, NOT_A_WORKSPACE… */
  code: z.string(),
  message: z.string(),
  file: z.string(),
  /** Where a damaged file was moved. */
  movedTo: z.string().nullable(),
  /** The newest backup of it, offered for restoring. */
  latestBackup: z.string().nullable(),
});
export type WorkspaceProblem = z.infer<typeof WorkspaceProblem>;

/** The open workspace's daily backup could not be made: why, and when it was tried. */
export const BackupFailure = z.object({ file: z.string(), message: z.string(), at: z.string() });
export type BackupFailure = z.infer<typeof BackupFailure>;

export const WorkspaceStatus = z.object({
  open: WorkspaceInfo.nullable(),
  problem: WorkspaceProblem.nullable(),
  /** The last daily backup of the open workspace failed (null once one is made). */
  backupFailure: BackupFailure.nullable(),
  recent: z.array(z.object({ file: z.string(), name: z.string() })),
  /** Where new workspaces go unless told otherwise. */
  defaultFolder: z.string(),
});
export type WorkspaceStatus = z.infer<typeof WorkspaceStatus>;

export const workspaceMethods = {
  'workspaces.status': method({
    input: Nothing,
    output: WorkspaceStatus,
    doc: 'Which workspace is open, or why none is (locked, damaged, a hand-out), and the recent ones. Example: `{}`.',
  }),
  'workspaces.browse': method({
    input: z.object({ purpose: z.enum(['open', 'create', 'handout', 'adopt', 'merge']), suggested: z.string().optional() }),
    output: z.object({ file: z.string().nullable() }),
    doc:
      'The desktop app\'s native file dialog, for a path the window may then use (`file` is null when the user cancels). ' +
      'The browser shell has none and says so: there, type the path. Example: `{ purpose: "merge" }` gives `{ file: "/home/me/Trainer.workspace" }`.',
  }),
  'workspaces.pick': method({
    input: z.object({ file: Path }),
    output: z.object({ file: z.string() }),
    doc:
      'For the desktop shell, after its native dialog: the window may name this file from now on. A page (the browser ' +
      'shell\'s API, the window\'s own calls) is refused: only a dialog the user answered can widen what it may touch. Example: `{ file: "/media/usb/Trainer.workspace" }`.',
  }),
  'workspaces.open': method({
    input: z.object({ file: Path, passphrase: Passphrase.optional() }),
    output: WorkspaceInfo,
    doc: 'Opens (switches to) a workspace file; an encrypted one needs its passphrase. A backup is made when the newest is over a day old. Example: `{ file: "/home/me/Cuba.workspace" }`.',
  }),
  'workspaces.create': method({
    input: z.object({ file: Path, passphrase: Passphrase.optional(), empty: z.boolean().default(false) }),
    output: WorkspaceInfo,
    doc: 'Makes a new workspace file (with the sample corpus unless `empty`), encrypted when a passphrase is given, and switches to it. Example: `{ file: "/home/me/New.workspace", empty: true }`.',
  }),
  'workspaces.handout': method({
    input: z.object({ out: Path, tags: z.boolean(), highlights: z.boolean(), notes: z.boolean(), title: z.string().optional() }),
    output: HandoutSummary,
    doc: 'Writes a hand-out of the open workspace: the documents, and as chosen its tags, highlights and the notes marked for hand-out. Example: `{ out: "/home/me/Class.handout", tags: true, highlights: true, notes: true, title: "Week 1" }`.',
  }),
  'workspaces.adopt': method({
    input: z.object({ handout: Path, file: Path, passphrase: Passphrase.optional() }),
    output: WorkspaceInfo,
    doc: 'Makes one’s own workspace (a new file) from a hand-out, which is never changed, and switches to it. Example: `{ handout: "/media/usb/Class.handout", file: "/home/me/Class.workspace" }`.',
  }),
  'workspaces.merge': method({
    input: z.object({ other: Path, passphrase: Passphrase.optional() }),
    output: MergeSummary,
    doc: 'Brings tags, highlights and notes from another workspace holding the same documents, after a backup; says what could not be placed. Example: `{ other: "/home/me/laptop.workspace" }`.',
  }),
  'workspaces.encrypt': method({
    input: z.object({ passphrase: Passphrase, current: Passphrase.optional() }),
    output: WorkspaceInfo,
    doc:
      'Protects the open workspace and its backups with a passphrase, and reopens it; changing the passphrase of an encrypted one needs the ' +
      '`current` one. Example: `{ passphrase: "correct horse battery staple" }`, or `{ passphrase: "new words", current: "correct horse battery staple" }`.',
  }),
  'workspaces.decrypt': method({
    input: z.object({ passphrase: Passphrase }),
    output: WorkspaceInfo,
    doc: 'Removes the passphrase of the open workspace (its current one, to confirm). Example: `{ passphrase: "correct horse battery staple" }`.',
  }),
  'backups.list': method({
    input: z.object({ file: Path.optional() }).default({}),
    output: z.array(BackupInfo),
    doc: 'The backups of the open workspace, or of the file named (a damaged one), newest first. Example: `{}`.',
  }),
  'backups.create': method({ input: Nothing, output: BackupInfo, doc: 'Makes a verified backup of the open workspace now. Example: `{}`.' }),
  'backups.restore': method({
    input: z.object({ backup: Path, file: Path.optional(), passphrase: Passphrase.optional() }),
    output: WorkspaceInfo,
    doc: 'Puts a backup in place of the open workspace (or of `file`), keeping what was there as a backup, and opens it. Example: `{ backup: "/home/me/.config/Research Workbench/backups/x/20261124T061430461Z-open.workspace" }`.',
  }),
  'undo.list': method({ input: Nothing, output: z.array(UndoEntry), doc: 'What can be undone, newest first. Example: `{}`.' }),
  'undo.run': method({
    input: Nothing,
    output: UndoEntry,
    doc: 'Undoes the latest deletion (document, tag, highlight, note) or tag merge, and says which. Example: `{}`.',
  }),
  'notes.setHandout': method({
    input: z.object({ id: Id, handout: z.boolean() }),
    output: Note,
    doc: 'Marks a note to travel in hand-outs, or keeps it private (the default). Example: `{ id: 4, handout: true }`.',
  }),
} as const;
