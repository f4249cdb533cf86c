import { findDate } from '../../../shared/text/dates';
import { normalizeBody } from '../decode';
import type { Importer } from '../types';

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
      const pages: number[] = [];
      let body = '';
      for (let n = 1; n <= pdf.numPages; n++) {
        const page = await pdf.getPage(n);
        const content = await page.getTextContent();
        const text = (content.items as TextItem[])
          .map((item) => (item.str ?? '') + (item.hasEOL ? '\n' : ''))
          .join('')
          .replace(/[ \t]+\n/g, '\n')
          .trim();
        if (body) body += '\n\n';
        pages.push(body.length);
        body += text;
        page.cleanup();
      }
      const normalized = normalizeBody(body);
      if (!normalized.trim()) throw new Error('the PDF holds no text (scanned pages need OCR first)');
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
        },
      ];
    } finally {
      await pdf.destroy();
    }
  },
};
