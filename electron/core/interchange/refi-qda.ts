import { createHash } from 'node:crypto';

/** The REFI-QDA (QDA-XML 1.0) namespaces of a project (project.qde) and of a codebook (.qdc). */
export const PROJECT_NS = 'urn:QDA-XML:project:1.0';
export const CODEBOOK_NS = 'urn:QDA-XML:codebook:1.0';

/** Document metadata travels as REFI-QDA text variables with these names. */
export const VARIABLES = ['Title', 'Outlet', 'Author', 'Published', 'URL'] as const;
export type VariableName = (typeof VARIABLES)[number];

/**
 * A GUID derived from what it names, so that exporting the same workspace twice gives the
 * same GUIDs and a tool that imports both sees the same codes and sources.
 */
export function guidFor(...parts: Array<string | number>): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// REFI-QDA counts positions in characters (Unicode code points); JavaScript strings in UTF-16 units.

/** UTF-16 offset → code point offset in `text`. */
export function toCodePoints(text: string, offset: number): number {
  let n = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < offset) i++;
    n++;
  }
  return n;
}

/** Code point offset → UTF-16 offset in `text`. */
export function fromCodePoints(text: string, points: number): number {
  let i = 0;
  for (let n = 0; n < points && i < text.length; n++) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
  }
  return i;
}

/** xsd:dateTime from the workspace's ISO timestamps. */
export function xsdDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? new Date().toISOString() : d.toISOString();
}
