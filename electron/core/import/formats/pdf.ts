import { findDate } from '../../../shared/text/dates';
import { normalizeBody } from '../decode';
import { ocrHooks, recognise, type OcrInfo } from '../ocr';
import type { Importer, ParsedDocument } from '../types';

/** pdf.js's date form: D:YYYYMMDDHHmmSS… */
function pdfDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = /^D:(\d{4})(\d{2})?(\d{2})?/.exec(value);
  if (!m) return findDate(value);
  return [m[1], m[2], m[3]].filter(Boolean).join('-');
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.replace(/\s+/g, ' ').trim() : null;
}

/** Fewer characters than this on a page, and it is taken for a scan. */
const MIN_TEXT_LAYER = 20;
/** Pages are rendered for OCR at 300 dpi (PDF units are 1/72 inch). */
const OCR_SCALE = 300 / 72;

interface PdfLike {
  getPage(n: number): Promise<{ getViewport(o: { scale: number }): { width: number; height: number }; render(o: object): { promise: Promise<void> }; cleanup(): void }>;
  canvasFactory: { create(w: number, h: number): { canvas: { toBuffer(mime: string, quality?: number): Buffer }; context: unknown } };
}

/**
 * Each page as a PNG, rendered by pdf.js on @napi-rs/canvas, one at a time as OCR asks for
 * them; a JPEG of each is kept in `kept` for the reader (a fifth of the PNG's size, sharp
 * enough to read a word the OCR may have misread).
 */
async function* renderPages(pdf: PdfLike, pages: number[], kept: NonNullable<ParsedDocument['pageImages']>): AsyncGenerator<Buffer> {
  for (const n of pages) {
    const page = await pdf.getPage(n);
    const viewport = page.getViewport({ scale: OCR_SCALE });
    const { canvas, context } = pdf.canvasFactory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
    await page.render({ canvasContext: context, canvas, viewport }).promise;
    page.cleanup();
    kept.push({ page: n, mediaType: 'image/jpeg', content: canvas.toBuffer('image/jpeg', 75) });
    yield canvas.toBuffer('image/png');
  }
}

interface TextItem {
  str?: string;
  hasEOL?: boolean;
}

/**
 * A PDF: the text of each page, pages separated by a blank line and their starts
 * recorded so a highlight can cite its page; title, author and date from the document
 * information. pdf.js runs here with scripting and eval off: a PDF's JavaScript is never
 * run. An encrypted or broken file fails with that reason.
 */
export const pdfImporter: Importer = {
  format: 'pdf',
  extensions: ['.pdf'],
  async parse(file) {
    const bytes = await file.read();
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const task = pdfjs.getDocument({
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      enableXfa: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: true,
      verbosity: 0,
    });
    let pdf;
    try {
      pdf = await task.promise;
    } catch (err) {
      const name = (err as { name?: string }).name;
      if (name === 'PasswordException') throw new Error('the PDF is encrypted with a password; open it in a PDF reader and save an unprotected copy');
      throw new Error(`the PDF is damaged or incomplete (${(err as Error).message})`);
    }
    try {
      const texts: string[] = [];
      for (let n = 1; n <= pdf.numPages; n++) {
        const page = await pdf.getPage(n);
        const content = await page.getTextContent();
        texts.push(
          (content.items as TextItem[])
            .map((item) => (item.str ?? '') + (item.hasEOL ? '\n' : ''))
            .join('')
            .replace(/[ \t]+\n/g, '\n')
            .trim(),
        );
        page.cleanup();
      }
      // A page with no text layer, or only a few characters of one, is a scan: it is read by OCR.
      const scanned = texts.flatMap((t, i) => (t.replace(/\s/g, '').length < MIN_TEXT_LAYER ? [i + 1] : []));
      let ocr: OcrInfo | undefined;
      const pageImages: NonNullable<ParsedDocument['pageImages']> = [];
      if (scanned.length) {
        const result = await recognise(renderPages(pdf as unknown as PdfLike, scanned, pageImages), { total: scanned.length, ...ocrHooks(file) });
        scanned.forEach((n, i) => (texts[n - 1] = result.pages[i]!.text));
        ocr = result.info;
      }
      const pages: number[] = [];
      let body = '';
      for (const text of texts) {
        if (body) body += '\n\n';
        pages.push(body.length);
        body += text;
      }
      const normalized = normalizeBody(body);
      if (!normalized.trim()) throw new Error(scanned.length ? 'no text was recognised on the scanned pages' : 'the PDF holds no text');
      const { info } = (await pdf.getMetadata()) as unknown as { info: Record<string, unknown> };
      const firstLine = normalized.split('\n').find((l) => l.trim()) ?? file.name;
      return [
        {
          title: str(info.Title) ?? firstLine.slice(0, 140),
          body: normalized,
          author: str(info.Author),
          outlet: null,
          published: pdfDate(info.CreationDate),
          url: null,
          format: 'pdf',
          encoding: null,
          original: { mediaType: 'application/pdf', content: bytes },
          pages,
          ocr,
          ...(pageImages.length ? { pageImages } : {}),
        },
      ];
    } finally {
      await pdf.destroy();
    }
  },
};
