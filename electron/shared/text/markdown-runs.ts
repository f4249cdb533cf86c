/**
 * Reads a Markdown body as formatted text without moving a character: which stretches of the
 * source are markup to hide (`### `, `**`, `[`, `](url)`, a backslash escape) and which are
 * styled (a heading, bold, a link). The text keeps its offsets, so highlights, hits and
 * selections still name the characters of the stored body.
 */
import type { Nodes, Parent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';

export type MarkdownStyle = 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6' | 'strong' | 'em' | 'code' | 'link' | 'del';

export interface MarkdownRun {
  start: number;
  end: number;
  /** Hidden markup, or a style for the text in the range. */
  kind: 'markup' | MarkdownStyle;
  /** A link's address, shown as a tooltip and never opened. */
  href?: string;
}

/** Past this size a body is shown as it is stored: parsing (about 4 µs a character) would stall the reader. */
export const MARKDOWN_MAX_CHARS = 150_000;

/**
 * Plain text that reads as Markdown: a `#` heading, `**bold**` or a `[link](…)`. Text with
 * none of these is shown as stored, so an asterisk in a quoted e-mail never turns to italics.
 */
export function looksLikeMarkdown(body: string): boolean {
  return /^#{1,6}[ \t]+\S/m.test(body) || /\*\*\S[^\n]*?\S\*\*/.test(body) || /\[[^\]\n]+\]\([^)\s]*\)/.test(body);
}

/** The runs of a Markdown body, in source order; ranges outside every run are plain text. */
export function markdownRuns(body: string): MarkdownRun[] {
  if (!body || body.length > MARKDOWN_MAX_CHARS) return [];
  const out: MarkdownRun[] = [];
  const at = (n: Nodes) => ({ start: n.position?.start.offset, end: n.position?.end.offset });

  /** Markup is what a styled node spans that its children do not. */
  const hideOutside = (node: Parent, start: number, end: number) => {
    let cursor = start;
    for (const child of node.children) {
      const c = at(child);
      if (c.start === undefined || c.end === undefined) continue;
      if (c.start > cursor) out.push({ start: cursor, end: c.start, kind: 'markup' });
      cursor = Math.max(cursor, c.end);
    }
    if (end > cursor) out.push({ start: cursor, end, kind: 'markup' });
  };

  /** A text node's value lacks escapes (`\(`) and entity spelling: hide what the value skips. */
  const alignText = (value: string, start: number, end: number) => {
    let j = 0;
    let hideFrom = -1;
    for (let i = start; i < end; i++) {
      if (j < value.length && body[i] === value[j]) {
        if (hideFrom >= 0) out.push({ start: hideFrom, end: i, kind: 'markup' });
        hideFrom = -1;
        j++;
      } else if (hideFrom < 0) hideFrom = i;
    }
    // Spelling the alignment cannot follow (an entity like &amp;) stays visible as written.
    if (j < value.length) return;
    if (hideFrom >= 0) out.push({ start: hideFrom, end, kind: 'markup' });
  };

  const walk = (node: Nodes) => {
    const { start, end } = at(node);
    if (start === undefined || end === undefined) return;
    switch (node.type) {
      case 'heading':
        out.push({ start, end, kind: `h${node.depth}` as MarkdownStyle });
        hideOutside(node, start, end);
        break;
      case 'strong':
      case 'emphasis':
      case 'delete':
        out.push({ start, end, kind: node.type === 'strong' ? 'strong' : node.type === 'emphasis' ? 'em' : 'del' });
        hideOutside(node, start, end);
        break;
      case 'link': {
        const first = node.children[0];
        const last = node.children[node.children.length - 1];
        const inner = first && last ? { start: at(first).start ?? start, end: at(last).end ?? end } : null;
        if (inner) out.push({ start: inner.start, end: inner.end, kind: 'link', href: node.url });
        hideOutside(node, start, end);
        break;
      }
      case 'inlineCode': {
        const open = body.slice(start, end).indexOf(node.value);
        if (open > 0) {
          out.push({ start, end: start + open, kind: 'markup' });
          out.push({ start: start + open, end: start + open + node.value.length, kind: 'code' });
          out.push({ start: start + open + node.value.length, end, kind: 'markup' });
        }
        break;
      }
      case 'text':
        if (end - start !== node.value.length) alignText(node.value, start, end);
        break;
      default:
        break;
    }
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(fromMarkdown(body));
  return out.filter((r) => r.end > r.start);
}

/**
 * A snippet cut out of a Markdown body, without its markup (`### `, `**`, `](url)`): a
 * fragment cannot be parsed, so the common marks are taken out by pattern. The matched
 * ranges move with the text.
 */
export function plainSnippet(text: string, marks: Array<[number, number]>): { text: string; marks: Array<[number, number]> } {
  const hide = new Array<boolean>(text.length).fill(false);
  const cover = (from: number, to: number) => {
    for (let i = from; i < to; i++) hide[i] = true;
  };
  for (const m of text.matchAll(/(?<=^|\s)#{1,6}[ \t]+/g)) cover(m.index, m.index + m[0].length);
  for (const m of text.matchAll(/\*\*|__/g)) cover(m.index, m.index + 2);
  for (const m of text.matchAll(/\[([^\]\n]*)\]\([^)\s]*\)/g)) {
    cover(m.index, m.index + 1);
    cover(m.index + 1 + m[1]!.length, m.index + m[0].length);
  }
  for (const m of text.matchAll(/\\(?=[()[\]*_#`\\])/g)) cover(m.index, m.index + 1);
  if (!hide.includes(true)) return { text, marks };
  const at: number[] = [];
  let out = '';
  for (let i = 0; i < text.length; i++) {
    at.push(out.length);
    if (!hide[i]) out += text[i];
  }
  at.push(out.length);
  return { text: out, marks: marks.map(([a, b]) => [at[a]!, at[b]!] as [number, number]).filter(([a, b]) => b > a) };
}
