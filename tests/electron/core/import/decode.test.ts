import { describe, expect, it } from 'vitest';
import { decodeText, normalizeBody } from '../../../../electron/core/import/decode';

describe('decoding text files', () => {
  const text = 'Guaidó, Nicolás and the café — “quoted”';

  it('honours a UTF-8 byte-order mark', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    expect(decodeText(bytes)).toEqual({ text, encoding: 'utf-8' });
  });

  it('reads UTF-16 with a BOM, in either byte order', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(decodeText(le)).toEqual({ text, encoding: 'utf-16le' });
    const be = Buffer.from(le);
    be.swap16();
    expect(decodeText(be)).toEqual({ text, encoding: 'utf-16be' });
  });

  it('recognises UTF-16 without a BOM', () => {
    expect(decodeText(Buffer.from('Plain English text, written by a Windows tool.', 'utf16le')).encoding).toBe('utf-16le');
  });

  it('takes valid UTF-8 as UTF-8', () => {
    expect(decodeText(Buffer.from(text, 'utf8'))).toEqual({ text, encoding: 'utf-8' });
  });

  it('falls back to a detected legacy encoding for Windows-1252 text', () => {
    const cp1252 = Buffer.from('Le caf\xe9 de Guaid\xf3 \x96 \x93d\xe9j\xe0 vu\x94, na\xefve r\xe9sum\xe9 et cr\xe8me br\xfbl\xe9e.', 'latin1');
    const decoded = decodeText(cp1252);
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.text).toBe('Le café de Guaidó – “déjà vu”, naïve résumé et crème brûlée.');
  });

  it('refuses binary content', () => {
    expect(() => decodeText(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]))).toThrow(/binary/);
  });

  it('stores bodies with Unix line ends, composed accents and no control characters', () => {
    expect(normalizeBody('\ufeffa\r\nb\rc\u0001d Guaido\u0301')).toBe('a\nb\ncd Guaidó');
  });
});
