import chardet from 'chardet';
import iconv from 'iconv-lite';

export interface Decoded {
  text: string;
  /** WHATWG label of the encoding used: utf-8, utf-16le, windows-1252, … */
  encoding: string;
}

export class DecodeError extends Error {}

const SAMPLE = 64 * 1024;

/** chardet's names for the encodings iconv-lite decodes (Node's own TextDecoder reads windows-1252 as Latin-1). */
const LABELS: Record<string, string> = {
  'UTF-8': 'utf-8',
  'UTF-16LE': 'utf-16le',
  'UTF-16BE': 'utf-16be',
  'ISO-8859-1': 'windows-1252', // WHATWG decodes Latin-1 as Windows-1252, a superset
  'ISO-8859-2': 'iso-8859-2',
  'ISO-8859-5': 'iso-8859-5',
  'ISO-8859-6': 'iso-8859-6',
  'ISO-8859-7': 'iso-8859-7',
  'ISO-8859-8': 'iso-8859-8',
  'ISO-8859-9': 'windows-1254',
  'windows-1250': 'windows-1250',
  'windows-1251': 'windows-1251',
  'windows-1252': 'windows-1252',
  'windows-1253': 'windows-1253',
  'windows-1254': 'windows-1254',
  'windows-1255': 'windows-1255',
  'windows-1256': 'windows-1256',
  'KOI8-R': 'koi8-r',
  'Shift_JIS': 'shift_jis',
  'EUC-JP': 'euc-jp',
  'EUC-KR': 'euc-kr',
  'GB18030': 'gb18030',
  'Big5': 'big5',
};

function decodeWith(label: string, bytes: Uint8Array, fatal = false): string {
  return new TextDecoder(label, { fatal, ignoreBOM: false }).decode(bytes);
}

/** Guesses UTF-16 without a BOM from where the zero bytes fall in mostly-ASCII text. */
function sniffUtf16(sample: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (sample.length < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  const n = sample.length - (sample.length % 2);
  for (let i = 0; i < n; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

function controlRatio(text: string): number {
  const sample = text.slice(0, SAMPLE);
  if (!sample.length) return 0;
  // eslint-disable-next-line no-control-regex -- counting control characters is the point
  const controls = sample.match(/[\u0000-\u0008\u000e-\u001f\u007f\ufffd]/g)?.length ?? 0;
  return controls / sample.length;
}

/**
 * Decodes text: a byte-order mark first, then strict UTF-8, then UTF-16 by the layout of
 * its zero bytes, then the legacy encoding chardet finds most likely. Refuses binaries.
 */
export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decodeWith('utf-8', bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decodeWith('utf-16le', bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decodeWith('utf-16be', bytes.subarray(2)), encoding: 'utf-16be' };

  const sample = bytes.subarray(0, SAMPLE);
  const utf16 = sniffUtf16(sample);
  if (utf16) {
    const text = decodeWith(utf16, bytes);
    if (controlRatio(text) < 0.01) return { text, encoding: utf16 };
  }
  if (sample.includes(0)) throw new DecodeError('binary content (it contains NUL bytes), not text');

  try {
    return { text: decodeWith('utf-8', bytes, true), encoding: 'utf-8' };
  } catch {
    // not UTF-8: fall through to detection
  }
  const detected = chardet.detect(sample) ?? 'windows-1252';
  const label = LABELS[detected] && iconv.encodingExists(LABELS[detected]!) ? LABELS[detected]! : 'windows-1252';
  return checked(iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), label), label);
}

function checked(text: string, encoding: string): Decoded {
  if (controlRatio(text) > 0.02) throw new DecodeError(`binary content (it does not decode as text; best guess was ${encoding})`);
  return { text, encoding };
}

/**
 * The form a body is stored in: Unix line ends, NFC, and no control characters
 * (which also keeps FTS5's hit markers unambiguous).
 */
export function normalizeBody(text: string): string {
  return text
    .replace(/^\ufeff/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\f/g, '\n')
    // eslint-disable-next-line no-control-regex -- stripping control characters is the point
    .replace(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g, '')
    .normalize('NFC');
}
