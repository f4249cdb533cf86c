import iconv from 'iconv-lite';

/**
 * Decodes a kept original with the encoding recorded at import. Apart from decode.ts so
 * that showing a source does not load the encoding detector.
 */
export function decodeStored(bytes: Uint8Array, encoding: string | null): string {
  const label = encoding && iconv.encodingExists(encoding) ? encoding : 'utf-8';
  return iconv.decode(Buffer.from(bytes), label).replace(/^\ufeff/, '');
}
