/**
 * Links inside a note's Markdown. A note links to a document with `[label](doc:12)` or
 * `[[doc:12]]`, and to a highlighted passage with `[label](hl:34)` or `[[hl:34]]`.
 */
import type { NoteLink } from '../schemas';

const LINK = /\]\((doc|hl):(\d+)\)|\[\[(doc|hl):(\d+)(?:\|[^\]]*)?\]\]/g;

export function parseNoteLinks(markdown: string): NoteLink[] {
  const seen = new Set<string>();
  const out: NoteLink[] = [];
  for (const m of markdown.matchAll(LINK)) {
    const kind = (m[1] ?? m[3]) === 'doc' ? 'document' : 'highlight';
    const id = Number(m[2] ?? m[4]);
    const key = `${kind}:${id}`;
    if (id > 0 && !seen.has(key)) {
      seen.add(key);
      out.push({ kind, id });
    }
  }
  return out;
}

/** The Markdown a UI inserts to link to a document or passage. */
export function linkMarkdown(link: NoteLink, label: string): string {
  const safe = label.replace(/[[\]]/g, '').replace(/\s+/g, ' ').trim() || (link.kind === 'document' ? 'document' : 'passage');
  return `[${safe}](${link.kind === 'document' ? 'doc' : 'hl'}:${link.id})`;
}

/**
 * The Markdown with its links pointed at other ids (a note merged in from another
 * workspace, where the same documents and passages have other ids). A link with no new
 * id is left as it was.
 */
export function rewriteNoteLinks(markdown: string, ids: { documents: Map<number, number>; highlights: Map<number, number> }): string {
  return markdown.replace(LINK, (whole, kind1: string | undefined, id1: string | undefined, kind2: string | undefined, id2: string | undefined) => {
    const kind = kind1 ?? kind2!;
    const id = Number(id1 ?? id2);
    const next = (kind === 'doc' ? ids.documents : ids.highlights).get(id);
    if (next === undefined) return whole;
    return kind1 ? `](${kind}:${next})` : whole.replace(`${kind}:${id}`, `${kind}:${next}`);
  });
}
