import { findDate } from '../../../shared/text/dates';
import { normalizeBody } from '../decode';
import type { Importer, ParsedDocument } from '../types';
import { htmlToText } from './html-text';
import { readZipSafely, repack } from './zip-guard';

function coreProperty(xml: string | undefined, tag: string): string | null {
  if (!xml) return null;
  const m = new RegExp(`<${tag}(?:\\s[^>]*)?>([^<]*)</${tag}>`).exec(xml);
  const value = m?.[1]?.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&').trim();
  return value || null;
}

/**
 * A Word document: headings and paragraphs (mammoth), and title, author and date from its
 * core properties. The zip is read under limits first (entries, unpacked size, names),
 * and images are never unpacked: only the text parts go on to mammoth.
 */
export const docxImporter: Importer = {
  format: 'docx',
  extensions: ['.docx'],
  async parse(file) {
    const bytes = await file.read();
    const entries = await readZipSafely(bytes, (name) => !name.startsWith('word/media/') && !name.startsWith('word/embeddings/'));
    if (!entries.has('word/document.xml')) throw new Error('not a Word document (no word/document.xml inside)');
    // Word never writes a DOCTYPE; one in a part is an entity attack (or damage), refused with that reason.
    for (const [name, data] of entries) {
      if (name.endsWith('.xml') && /<!DOCTYPE/i.test(data.subarray(0, 4096).toString('latin1'))) {
        throw new Error(`not a Word document Word would write: its part ${name} declares a DOCTYPE (entities), which is refused`);
      }
    }
    // Loaded when a file of this kind is read, not when an import starts: each import starts two
    // workers, and these libraries took about 0.7 s of a worker's start before any file was read.
    const [{ default: mammoth }, { parseHTML }] = await Promise.all([import('mammoth'), import('linkedom')]);
    const { value: html } = await mammoth.convertToHtml({ buffer: await repack(entries) });
    const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
    const body = normalizeBody(htmlToText(document.body as unknown as Parameters<typeof htmlToText>[0]));
    if (!body.trim()) throw new Error('the document holds no text');
    const core = entries.get('docProps/core.xml')?.toString('utf8');
    const firstLine = body.split('\n').find((l) => l.trim()) ?? file.name;
    const doc: ParsedDocument = {
      title: coreProperty(core, 'dc:title') ?? firstLine.slice(0, 140),
      body,
      author: coreProperty(core, 'dc:creator'),
      outlet: null,
      published: findDate(coreProperty(core, 'dcterms:created') ?? ''),
      url: null,
      format: 'docx',
      encoding: null,
      original: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', content: bytes },
    };
    return [doc];
  },
};
