/**
 * The messages between a SessionHost (the shell's thread) and the session worker that owns
 * the workspace. Only types: the host's side must stay free of the engine's modules.
 */
import type { EventName } from '../../shared/api/contract';
import type { DispatchResult } from './dispatcher';

/** What the shell shows without asking: the window title, the recent-workspaces menu, the one to reopen. */
export interface SessionState {
  /** The open workspace's file; null when none is open. */
  file: string | null;
  /** The recent workspaces that still exist, most recent first. */
  recent: string[];
  /** The workspace open when the app last ran (it may no longer exist). */
  last: string | null;
}

/** How the worker opens workspaces: OpenWorkspaceOptions, as far as they cross a thread (URLs as hrefs). */
export interface WorkerOpenOptions {
  waitForIndex?: boolean;
  nativeBinding?: string;
  seedsDir?: string;
  workers?: { import: string; parse: string | null; analysis?: string };
}

export interface SessionWorkerData {
  dataDir: string;
  open: WorkerOpenOptions;
  /** After a crash: the workspace that was open, opened again at start. */
  reopen: string | null;
}

export type ToSessionWorker =
  | { type: 'call'; id: number; method: string; input: unknown; trusted: boolean }
  | { type: 'open'; id: number; file: string; create: boolean; passphrase?: string }
  | { type: 'close' };

export type FromSessionWorker =
  | { type: 'ready'; state: SessionState }
  /** Sent before the workspace.changed event that announces a switch, so the shell reads the new state. */
  | { type: 'state'; state: SessionState }
  | { type: 'event'; name: EventName; payload: unknown }
  | { type: 'answer'; id: number; answer: DispatchResult }
  | { type: 'closed' };
