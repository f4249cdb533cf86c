import type { Migration } from './types';

/**
 * A document can come from inside another: an attachment from its e-mail. The link
 * survives the parent's deletion as a plain document (SET NULL), nothing cascades away.
 */
export const migration003: Migration = {
  version: 3,
  name: 'document-parents',
  up(db) {
    db.exec(`
      ALTER TABLE documents ADD COLUMN parent_id INTEGER REFERENCES documents (id) ON DELETE SET NULL;
      CREATE INDEX documents_parent ON documents (parent_id);
    `);
  },
};
