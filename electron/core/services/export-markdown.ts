/**
 * What a note's Markdown needs before it goes into an export someone hands in: internal
 * links made citations, headings put under the note's own, the quote a passage note
 * starts with left out (the export shows it just above).
 */
import type { DocumentMeta, Highlight } from '../../shared/schemas';

/** Title, outlet, author, date and address: how a quote is cited below it. */
export function cite(doc: DocumentMeta): string {
  const parts = [`*${doc.title}*`];
  if (doc.outlet) parts.push(doc.outlet);
  if (doc.author) parts.push(doc.author);
  if (doc.published) parts.push(doc.published);
  if (doc.url) parts.push(`<${doc.url}>`);
  return parts.join(', ');
}

/** Title, outlet and date: a citation short enough to stand inside a sentence. */
export function shortCite(doc: DocumentMeta): string {
  return [`*${doc.title}*`, doc.outlet, doc.published].filter(Boolean).join(', ');
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const PLAIN = /^ {0,3}(?![>*+-]|\d+[.)]|#)\S/;

/**
 * Puts the note's headings under `under` (the level of the heading the note sits below):
 * `# Idea` in a note under a level-3 heading becomes `#### Idea`. Where no level is left
 * (past 6, or a note with no heading of its own, `under` null) a heading becomes a bold line.
 */
export function demoteHeadings(markdown: string, under: number | null): string {
  const lines = markdown.split('\n');
  const out: string[] = [];
  let fence: string | null = null;
  const heading = (level: number, text: string) => {
    const to = under === null ? 7 : under + level;
    return to > 6 ? (text ? `**${text}**` : '') : `${'#'.repeat(to)} ${text}`;
  };
  for (const line of lines) {
    const f = FENCE.exec(line);
    if (fence) {
      if (f && f[1]!.startsWith(fence)) fence = null;
      out.push(line);
      continue;
    }
    if (f) {
      fence = f[1]!;
      out.push(line);
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      out.push(heading(atx[1]!.length, (atx[2] ?? '').trim()));
      continue;
    }
    // "Idea\n===" is a heading too; "---" under a paragraph line makes it a level-2 one.
    const setext = SETEXT.exec(line);
    const previous = out.at(-1);
    if (setext && previous !== undefined && PLAIN.test(previous) && !previous.startsWith('**')) {
      out[out.length - 1] = heading(setext[1]!.startsWith('=') ? 1 : 2, previous.trim());
      continue;
    }
    out.push(line);
  }
  return out.join('\n');
}

const words = (text: string) => text.replace(/[“”"…]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The note without the quote it opens with, when that is the highlight's own quote (a
 * passage note starts with it): the export shows the quote once, above the note.
 */
export function withoutQuote(body: string, quote: string): string {
  const lines = body.split('\n');
  let end = 0;
  while (end < lines.length && /^ {0,3}>/.test(lines[end]!)) end++;
  if (end === 0) return body;
  const quoted = words(lines.slice(0, end).map((l) => l.replace(/^ {0,3}> ?/, '')).join(' '));
  const own = words(quote);
  // The whole quote, or its start where the note quoted it clipped.
  if (!quoted || !(quoted === own || (quoted.length >= 20 && own.startsWith(quoted)))) return body;
  return lines.slice(end).join('\n').replace(/^\s+/, '');
}

const LINK = /\[([^\]\n]*)\]\((doc|hl):(\d+)\)|\[\[(doc|hl):(\d+)(?:\|([^\]\n]*))?\]\]/g;

export interface LinkTargets {
  document(id: number): DocumentMeta | undefined;
  highlight(id: number): Highlight | undefined;
}

/**
 * Internal links (`[label](hl:3)`, `[[doc:2]]`) as citations a reader of the export can
 * follow: a passage as its quote with title, outlet and date; a document as those alone.
 */
export function linksToCitations(markdown: string, targets: LinkTargets): string {
  type Part = string | undefined;
  return markdown.replace(LINK, (_whole, label1: Part, kind1: Part, id1: Part, kind2: Part, id2: Part, label2: Part) => {
    const kind = kind1 ?? kind2!;
    const id = Number(id1 ?? id2);
    const label = (label1 ?? label2 ?? '').trim();
    if (kind === 'hl') {
      const h = targets.highlight(id);
      const doc = h && targets.document(h.documentId);
      if (!h || !doc) return label ? `${label} (a passage since deleted)` : '(a passage since deleted)';
      const quote = `“${h.quote.replace(/\s+/g, ' ').trim()}”`;
      const where = `${shortCite(doc)}${h.page ? `, p. ${h.page}` : ''}`;
      // A label that is the quote, or its start, is not said twice.
      const labelIsQuote = !label || words(h.quote).startsWith(words(label));
      return labelIsQuote ? `${quote} (${where})` : `${label} (${quote}, ${where})`;
    }
    const doc = targets.document(id);
    if (!doc) return label ? `${label} (a document since deleted)` : '(a document since deleted)';
    return !label || words(label) === words(doc.title) ? shortCite(doc) : `${label} (${shortCite(doc)})`;
  });
}
