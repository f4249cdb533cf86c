import { extractTextMetadata } from '../../../shared/text/metadata';
import { decodeText, normalizeBody } from '../decode';
import type { Importer, ParsedDocument, SourceFile } from '../types';

/** Decodes and reads the article metadata a plain text states. Shared by the Markdown importer. */
export async function parseText(file: SourceFile, format: string): Promise<ParsedDocument[]> {
  const { text, encoding } = decodeText(await file.read());
  const body = normalizeBody(text);
  if (!body.trim()) throw new Error('the file holds no text');
  const meta = extractTextMetadata(body, file.name);
  return [{ ...meta, body, format, encoding }];
}

export const plainTextImporter: Importer = {
  format: 'text',
  extensions: ['.txt', '.text'],
  parse: (file) => parseText(file, 'text'),
};
