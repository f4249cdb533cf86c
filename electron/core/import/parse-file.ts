import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { cleanText, findBoilerplate } from '../../shared/text/boilerplate';
import { DecodeError } from './decode';
import { sha256 } from './hash';
import { SUPPORTED_EXTENSIONS, importerFor } from './registry';
import type { ParsedDocument } from './types';
import { describe } from './walk';
import { detectLanguage } from './language';

export interface NewDocument extends ParsedDocument {
  fileName: string;
  sha256: string;
  sizeBytes: number;
  /** The text without its boilerplate, when it has some (for search that leaves it out). */
  clean?: string | undefined;
  /** Set when stored: the batch position of the parent, or its id when it was already in. */
  parentRef?: { batchIndex: number } | { id: number } | undefined;
}

/** A file read and parsed, or the reason it could not be. No database is involved. */
export type FileResult =
  | { path: string; docs: NewDocument[]; reason?: undefined }
  /** `skipped`: not a kind of file the workbench reads, rather than a file that is wrong. */
  | { path: string; docs?: undefined; reason: string; skipped?: boolean };

export const SYNC_READ_LIMIT = 4 * 1024 * 1024;

export { sha256 };

function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

function failureReason(err: unknown): string {
  if (err instanceof DecodeError) return err.message;
  if ((err as NodeJS.ErrnoException).code) return `could not be read (${describe(err)})`;
  return err instanceof Error ? err.message : String(err);
}

/** What a parse is told and told with while it runs: OCR's pages, and the import's cancel. */
export interface ParseHooks {
  onPage?: ((path: string, page: number, pages: number) => void) | undefined;
  signal?: AbortSignal | undefined;
}

/** Reads, decodes and parses one file with the importer for its type. */
export async function parseFile(path: string, size: number, maxBytes: number, data?: Uint8Array, hooks: ParseHooks = {}): Promise<FileResult> {
  const name = basename(path);
  const importer = importerFor(name);
  if (!importer) {
    const ext = /\.[^.]+$/.exec(name)?.[0] ?? 'no extension';
    return { path, reason: `unsupported file type (${ext}); supported: ${SUPPORTED_EXTENSIONS.join(', ')}`, skipped: true };
  }
  if (size > maxBytes) return { path, reason: `too large: ${mb(size)}, the limit is ${mb(maxBytes)}` };
  if (size === 0) return { path, reason: 'empty file (0 bytes)' };
  try {
    // Small files are read synchronously: a thread-pool round trip per file costs more than the read.
    const read = data ? async () => Buffer.from(data.buffer, data.byteOffset, data.byteLength) : size <= SYNC_READ_LIMIT ? async () => readFileSync(path) : () => readFile(path);
    const onPage = hooks.onPage;
    const parsed = await importer.parse({ path, name, size, read, onPage: onPage && ((page, pages) => onPage(path, page, pages)), signal: hooks.signal });
    const docs: NewDocument[] = [];
    for (const d of parsed) {
      const folds = findBoilerplate(d.body);
      const lang = d.lang ?? (await detectLanguage(d.body));
      docs.push({ ...d, lang, fileName: name, sha256: sha256(d.body), sizeBytes: Buffer.byteLength(d.body, 'utf8'), clean: folds.length ? cleanText(d.body, folds) : undefined });
    }
    return { path, docs };
  } catch (err) {
    return { path, reason: failureReason(err) };
  }
}

/** Parses files one after another in this thread. */
export async function parseInProcess(entries: Array<{ path: string; size: number; data?: Uint8Array }>, maxBytes: number, hooks: ParseHooks = {}): Promise<FileResult[]> {
  const out: FileResult[] = [];
  for (const e of entries) out.push(await parseFile(e.path, e.size, maxBytes, e.data, hooks));
  return out;
}
