import { describe, expect, it } from 'vitest';
import { demoteHeadings, linksToCitations, withoutQuote } from '../../../../electron/core/services/export-markdown';
import type { DocumentMeta, Highlight } from '../../../../electron/shared/schemas';

const doc = { id: 2, title: 'Wagner in Caracas', outlet: 'The Wire', author: null, published: '2019-01-26', url: 'https://example.org/w', tags: [] } as unknown as DocumentMeta;
const hl = { id: 7, documentId: 2, quote: 'two chartered aircraft', page: null } as unknown as Highlight;
const targets = { document: (id: number) => (id === 2 ? doc : undefined), highlight: (id: number) => (id === 7 ? hl : undefined) };

describe('a note made fit for an export', () => {
  it('cites links to passages and documents, and says when their target is gone', () => {
    expect(linksToCitations('As [the wire says](hl:7).', targets)).toBe('As the wire says (“two chartered aircraft”, *Wagner in Caracas*, The Wire, 2019-01-26).');
    expect(linksToCitations('[two chartered…](hl:7)', targets)).toBe('“two chartered aircraft” (*Wagner in Caracas*, The Wire, 2019-01-26)');
    expect(linksToCitations('See [[doc:2]] and [[doc:2|the report]].', targets)).toBe('See *Wagner in Caracas*, The Wire, 2019-01-26 and the report (*Wagner in Caracas*, The Wire, 2019-01-26).');
    expect(linksToCitations('[gone](hl:9) [lost](doc:5)', targets)).toBe('gone (a passage since deleted) lost (a document since deleted)');
    expect(linksToCitations('[a site](https://example.org)', targets)).toBe('[a site](https://example.org)');
  });

  it('puts headings under a level, as bold lines past level 6 or with no level, and leaves code alone', () => {
    expect(demoteHeadings('# A\ntext\n## B ##', 3)).toBe('#### A\ntext\n##### B');
    expect(demoteHeadings('### Deep', 4)).toBe('**Deep**');
    expect(demoteHeadings('# Point', null)).toBe('**Point**');
    expect(demoteHeadings('Idea\n====\n\nMore\n---', 2)).toBe('### Idea\n\n#### More');
    expect(demoteHeadings('~~~\n# code\n~~~\n#hashtag', 2)).toBe('~~~\n# code\n~~~\n#hashtag');
    expect(demoteHeadings('- item\n---', 2)).toBe('- item\n---');
  });

  it('leaves out the quote a passage note starts with, and only that quote', () => {
    expect(withoutQuote('> two chartered aircraft\n\nMy comment', 'two chartered aircraft')).toBe('My comment');
    expect(withoutQuote('> two  chartered\n> aircraft\n\nMine', 'two chartered aircraft')).toBe('Mine');
    expect(withoutQuote('> another quote entirely\n\nMine', 'two chartered aircraft')).toBe('> another quote entirely\n\nMine');
    expect(withoutQuote('No quote here', 'two chartered aircraft')).toBe('No quote here');
  });
});
