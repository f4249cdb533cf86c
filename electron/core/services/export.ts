import type { DocumentMeta, Highlight, Note, Tag } from '../../shared/schemas';
import type { DocumentsService } from './documents';
import type { HighlightsService } from './highlights';
import type { NotesService } from './notes';
import type { TagsService } from './tags';
import { csvField } from './csv';

export type ExportFormat = 'md' | 'csv' | 'json';

interface Collected {
  documents: Map<number, DocumentMeta>;
  highlights: Highlight[];
  notes: Note[];
  tags: Tag[];
}

function cite(doc: DocumentMeta): string {
  const parts = [`*${doc.title}*`];
  if (doc.outlet) parts.push(doc.outlet);
  if (doc.author) parts.push(doc.author);
  if (doc.published) parts.push(doc.published);
  if (doc.url) parts.push(`<${doc.url}>`);
  return parts.join(', ');
}

function blockquote(text: string): string {
  return text
    .trim()
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');
}

function indent(text: string): string {
  return text
    .trim()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

/** Highlights and notes out of the workspace, as Markdown grouped by tag, CSV or JSON. */
export class ExportService {
  constructor(
    private readonly documents: DocumentsService,
    private readonly highlights: HighlightsService,
    private readonly notes: NotesService,
    private readonly tags: TagsService,
  ) {}

  private collect(): Collected {
    const highlights = this.highlights.listAll();
    const notes = this.notes.listAll();
    const ids = new Set<number>([...highlights.map((h) => h.documentId), ...notes.flatMap((n) => (n.documentId ? [n.documentId] : []))]);
    const documents = new Map([...ids].map((id) => [id, this.documents.meta(id)]));
    return { documents, highlights, notes, tags: this.tags.list() };
  }

  export(format: ExportFormat): string {
    const data = this.collect();
    if (format === 'json') return this.json(data);
    if (format === 'csv') return this.csv(data);
    return this.markdown(data);
  }

  private markdown({ documents, highlights, notes, tags }: Collected): string {
    const notesOn = new Map<number, Note[]>();
    for (const n of notes) if (n.highlightId) (notesOn.get(n.highlightId) ?? notesOn.set(n.highlightId, []).get(n.highlightId)!).push(n);
    const out: string[] = ['# Highlights and notes', ''];
    const entry = (h: Highlight) => {
      const doc = documents.get(h.documentId)!;
      out.push(blockquote(h.quote), '', `— ${cite(doc)}${h.page ? `, p. ${h.page}` : ''}`);
      for (const n of notesOn.get(h.id) ?? []) out.push('', `- Note: ${indent(n.body).trimStart()}`);
      out.push('');
    };
    const byTag = new Map<number, Highlight[]>();
    const untagged: Highlight[] = [];
    for (const h of highlights) {
      if (h.tags.length === 0) untagged.push(h);
      for (const t of h.tags) (byTag.get(t.id) ?? byTag.set(t.id, []).get(t.id)!).push(h);
    }
    for (const tag of tags) {
      const list = byTag.get(tag.id);
      if (!list) continue;
      out.push(`## ${tag.name}`, '');
      list.forEach(entry);
    }
    if (untagged.length) {
      out.push('## Untagged', '');
      untagged.forEach(entry);
    }
    const loose = notes.filter((n) => !n.highlightId);
    if (loose.length) {
      out.push('## Notes', '');
      for (const n of loose) {
        const doc = n.documentId ? documents.get(n.documentId) : undefined;
        out.push(`### ${doc ? `On ${cite(doc)}` : 'Free note'}`, '', n.body.trim(), '');
      }
    }
    return `${out.join('\n').trimEnd()}\n`;
  }

  private csv({ documents, highlights, notes }: Collected): string {
    const header = ['type', 'id', 'document_id', 'title', 'outlet', 'author', 'published', 'url', 'tags', 'quote', 'start', 'end', 'page', 'note'];
    const rows: unknown[][] = [header];
    const notesOn = new Map<number, string[]>();
    for (const n of notes) if (n.highlightId) (notesOn.get(n.highlightId) ?? notesOn.set(n.highlightId, []).get(n.highlightId)!).push(n.body);
    for (const h of highlights) {
      const d = documents.get(h.documentId)!;
      rows.push(['highlight', h.id, d.id, d.title, d.outlet, d.author, d.published, d.url, h.tags.map((t) => t.name).join('; '), h.quote, h.start, h.end, h.page, (notesOn.get(h.id) ?? []).join('\n\n')]);
    }
    for (const n of notes.filter((x) => !x.highlightId)) {
      const d = n.documentId ? documents.get(n.documentId) : undefined;
      rows.push(['note', n.id, d?.id, d?.title, d?.outlet, d?.author, d?.published, d?.url, '', '', '', '', '', n.body]);
    }
    return `${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
  }

  private json({ documents, highlights, notes, tags }: Collected): string {
    return `${JSON.stringify(
      {
        exportedAt: new Date().toISOString(),
        documents: [...documents.values()],
        tags,
        highlights,
        notes,
      },
      null,
      2,
    )}\n`;
  }
}
