import type { Migration } from './types';

/**
 * A tag can carry a description: a codebook brought in from a REFI-QDA project (ATLAS.ti,
 * MAXQDA, NVivo) defines each code in words, and that definition must survive the trip.
 */
export const migration009: Migration = {
  version: 9,
  name: 'tag-descriptions',
  up(db) {
    db.exec('ALTER TABLE tags ADD COLUMN description TEXT');
  },
};
