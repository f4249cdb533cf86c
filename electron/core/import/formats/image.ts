import { extname } from 'node:path';
import { ocrHooks, recognise } from '../ocr';
import type { Importer } from '../types';

const MEDIA: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.webp': 'image/webp',
};

/** The first bytes of each format, so a file that only carries the name fails with a clear reason. */
function looksLikeImage(b: Buffer): boolean {
  const hex = b.subarray(0, 12).toString('hex');
  return (
    hex.startsWith('89504e470d0a1a0a') || // PNG
    hex.startsWith('ffd8ff') || // JPEG
    hex.startsWith('49492a00') || // TIFF, little-endian
    hex.startsWith('4d4d002a') || // TIFF, big-endian
    (hex.startsWith('52494646') && b.subarray(8, 12).toString('latin1') === 'WEBP')
  );
}

/** Whether the file ends as its format says it must, checked before the OCR engine is started for it. */
function complete(b: Buffer): boolean {
  const hex = b.subarray(0, 4).toString('hex');
  const tail = b.subarray(Math.max(0, b.length - 64));
  if (hex.startsWith('89504e47')) return tail.includes('IEND', 0, 'latin1');
  if (hex.startsWith('ffd8ff')) return tail.includes(Buffer.from([0xff, 0xd9]));
  if (hex === '52494646') return b.length >= b.readUInt32LE(4) + 8;
  return b.length > 8;
}

/**
 * A photo or scan of a page: its text recognised offline by tesseract.js in the chosen
 * languages, the image kept as the original for the reader to show beside the text.
 */
export const imageImporter: Importer = {
  format: 'image',
  extensions: Object.keys(MEDIA),
  async parse(file) {
    const bytes = await file.read();
    if (!looksLikeImage(bytes)) throw new Error(`not a readable ${extname(file.name).slice(1).toUpperCase()} image (its content is not an image of that kind)`);
    if (!complete(bytes)) throw new Error('the image is truncated: its end is missing');
    let result: Awaited<ReturnType<typeof recognise>>;
    try {
      result = await recognise([bytes], { total: 1, ...ocrHooks(file) });
    } catch (err) {
      throw new Error(`the image could not be read (${String((err as Error).message ?? err).replace(/^(Error: )+/, '').slice(0, 200)})`);
    }
    const { pages, info } = result;
    const body = pages[0]!.text;
    if (!body.trim()) throw new Error('no text was recognised in the image');
    const firstLine = body.split('\n').find((l) => l.trim()) ?? file.name;
    return [
      {
        title: firstLine.trim().slice(0, 140),
        body,
        outlet: null,
        author: null,
        published: null,
        url: null,
        format: 'image',
        encoding: null,
        original: { mediaType: MEDIA[extname(file.name).toLowerCase()] ?? 'application/octet-stream', content: bytes },
        pages: [0],
        ocr: info,
      },
    ];
  },
};
