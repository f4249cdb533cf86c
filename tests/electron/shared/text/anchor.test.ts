import { describe, expect, it } from 'vitest';
import { describeRange, locate } from '../../../../electron/shared/text/anchor';
import { parseNoteLinks, linkMarkdown } from '../../../../electron/shared/text/note-links';

describe('finding a highlighted passage again', () => {
  const body = 'The contractors flew. They said the contractors flew from third countries. The contractors flew home.';
  const start = body.indexOf('the contractors flew from');
  const anchor = describeRange(body, start, start + 'the contractors flew'.length);

  it('keeps offsets that still point at the quote', () => {
    expect(locate(body, anchor)).toEqual({ start: anchor.start, end: anchor.end });
  });

  it('finds the quote by its surroundings when the text before it changed', () => {
    const edited = `PREFACE ADDED. ${body}`;
    const at = locate(edited, anchor)!;
    expect(edited.slice(at.start, at.end)).toBe('the contractors flew');
    expect(at.start).toBe(edited.indexOf('the contractors flew from'));
  });

  it('prefers the occurrence whose context matches over a nearer one', () => {
    const other = describeRange(body, body.lastIndexOf('The contractors flew'), body.lastIndexOf('The contractors flew') + 20);
    const shifted = body.replace('The contractors flew. ', '');
    const at = locate(shifted, other)!;
    expect(shifted.slice(at.end, at.end + 5)).toBe(' home');
  });

  it('says when the quote is gone', () => {
    expect(locate('nothing like it', anchor)).toBeNull();
  });
});

describe('links in notes', () => {
  it('reads Markdown and wiki links to documents and passages, once each', () => {
    expect(parseNoteLinks('See [wire](doc:2), [[hl:7]] and [[doc:2|again]]; not doc:3 nor [x](https://a)')).toEqual([
      { kind: 'document', id: 2 },
      { kind: 'highlight', id: 7 },
    ]);
  });

  it('writes a link a note can hold', () => {
    expect(linkMarkdown({ kind: 'highlight', id: 4 }, 'The [quoted]\npassage')).toBe('[The quoted passage](hl:4)');
  });
});
