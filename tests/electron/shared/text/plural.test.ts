import { describe, expect, it } from 'vitest';
import { noun, plural } from '../../../../electron/shared/text/plural';

describe('counted words', () => {
  it('says one thing in the singular and none or several in the plural', () => {
    expect(plural(1, 'tag')).toBe('1 tag');
    expect(plural(0, 'highlight')).toBe('0 highlights');
    expect(plural(2, 'note')).toBe('2 notes');
    expect(plural(12_500, 'document')).toBe('12,500 documents');
  });

  it('knows the plurals that are not the word plus s, and takes one it is given', () => {
    expect(plural(3, 'entity')).toBe('3 entities');
    expect(plural(1, 'entity')).toBe('1 entity');
    expect(plural(2, 'person', 'people')).toBe('2 people');
    expect(noun(1, 'file')).toBe('file');
    expect(noun(5, 'file')).toBe('files');
  });
});
