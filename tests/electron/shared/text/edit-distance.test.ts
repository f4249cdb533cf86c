import { describe, expect, it } from 'vitest';
import { withinOneEdit } from '../../../../electron/shared/text/edit-distance';

describe('withinOneEdit', () => {
  it('joins spellings one letter apart and keeps the others apart', () => {
    expect(withinOneEdit('Guaido', 'Guaidó')).toBe(true); // changed
    expect(withinOneEdit('Maduro', 'Maduros')).toBe(true); // added at the end
    expect(withinOneEdit('Shabayev', 'Shabaev')).toBe(true); // dropped in the middle
    expect(withinOneEdit('Peskov', 'Peskov')).toBe(true);
    expect(withinOneEdit('Prigozhin', 'Prigojin')).toBe(false);
    expect(withinOneEdit('Wagner', 'Wanger')).toBe(false); // two letters swapped: two edits
    expect(withinOneEdit('Putin', 'Put')).toBe(false);
  });
});
