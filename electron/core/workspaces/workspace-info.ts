import type { HandoutMark } from '../../shared/schemas';
import type { Db } from '../db/open';
import { HANDOUT_META } from './handout';

export interface WorkspaceInfo {
  file: string;
  documents: number;
  tags: number;
  highlights: number;
  notes: number;
  savedSearches: number;
  bytes: number;
  encrypted: boolean;
  adoptedFrom: HandoutMark | null;
}

/** What a workspace holds, counted: `workbench info` and the window's status. */
export function workspaceInfo(db: Db, file: string, encrypted: boolean): WorkspaceInfo {
  const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  const adopted = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(HANDOUT_META.ADOPTED) as string | undefined;
  return {
    file,
    encrypted,
    adoptedFrom: adopted ? (JSON.parse(adopted) as HandoutMark) : null,
    documents: count('documents'),
    tags: count('tags'),
    highlights: count('highlights'),
    notes: count('notes'),
    savedSearches: count('saved_searches'),
    bytes: (db.prepare('SELECT coalesce(sum(size_bytes), 0) FROM documents').pluck().get() as number) ?? 0,
  };
}
