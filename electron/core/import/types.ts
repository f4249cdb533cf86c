import type { OcrInfo } from './ocr';

/** A file handed to an importer. */
export interface SourceFile {
  path: string;
  /** Base name, as the user sees it. */
  name: string;
  size: number;
  read(): Promise<Buffer>;
  /** Told before each page an importer reads by OCR, so the import can say "OCR page 3 of 40". */
  onPage?: ((page: number, pages: number) => void) | undefined;
  /** Aborted when the import is cancelled: a long OCR stops before its next page. */
  signal?: AbortSignal | undefined;
}

/** A document an importer found in a file; a mailbox yields many. */
export interface ParsedDocument {
  title: string;
  body: string;
  outlet: string | null;
  author: string | null;
  published: string | null;
  url: string | null;
  format: string;
  encoding: string | null;
  /** The file as it was, when the text was extracted from something richer (a web page). */
  original?: { mediaType: string; content: Uint8Array } | undefined;
  /** For a paged original (PDF): where each page starts in `body`, page 1 first. */
  pages?: number[] | undefined;
  /** ISO 639-1 language, when the format declares it (html lang=…); detected from the text otherwise. */
  lang?: string | null | undefined;
  /** For a scanned PDF: each page read by OCR as the image it was read from, for the reader to show beside the text. */
  pageImages?: Array<{ page: number; mediaType: string; content: Uint8Array }> | undefined;
  /** For text recognised from images (a photo, a scanned PDF): how, in which languages, how confidently. */
  ocr?: OcrInfo | undefined;
  /** For a document found inside another of the same file (an attachment): that one's index in the file's list. */
  parent?: number | undefined;
}

/**
 * One module per format. Adding a format is adding a file under formats/ and a line in
 * registry.ts. `parse` throws an Error whose message is the reason shown to the user.
 */
export interface Importer {
  /** Stored as the document's format. */
  format: string;
  /** Lower-case, with the dot. */
  extensions: readonly string[];
  parse(file: SourceFile): Promise<ParsedDocument[]>;
}
