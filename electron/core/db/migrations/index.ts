import type Database from 'better-sqlite3-multiple-ciphers';
import { migration001 } from './001-initial-schema';
import { migration002 } from './002-document-sources';
import { migration003 } from './003-document-parents';
import { migration004 } from './004-document-pages';
import { migration005 } from './005-boilerplate-free-index';
import { migration006 } from './006-handouts-undo-note-hashes';
import { migration007 } from './007-analysis';
import { migration008 } from './008-document-language';
import { migration009 } from './009-tag-descriptions';
import { migration010 } from './010-document-ocr';
import { migration011 } from './011-compact-analysis';
import { migration012 } from './012-document-page-images';
import type { Migration } from './types';

export type { Migration };

/** Every migration, in order. A new one is a new file and a new line here. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007,
  migration008, migration009, migration010, migration011, migration012];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** 'RWKB': marks a SQLite file as a research workbench workspace. */
export const APPLICATION_ID = 0x52574b42;

export function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Runs every pending migration, each in its own transaction together with the
 * user_version bump, so a failure leaves the file at the last complete version.
 * `beforeEach` runs outside the transaction (a backup hook, say).
 */
export function migrate(
  db: Database.Database,
  options: { to?: number; beforeEach?: (m: Migration) => void } = {},
): number[] {
  const target = options.to ?? LATEST_VERSION;
  const applied: number[] = [];
  for (const m of MIGRATIONS) {
    if (m.version <= userVersion(db) || m.version > target) continue;
    options.beforeEach?.(m);
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
      db.pragma(`application_id = ${APPLICATION_ID}`);
    }).immediate();
    applied.push(m.version);
  }
  return applied;
}
