import type Database from 'better-sqlite3-multiple-ciphers';

/** One numbered step of the schema. `up` runs inside a transaction with user_version. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}
