import { ErrorCode, WorkbenchError } from '../../shared/errors';
import type { DocumentMeta, Highlight, Note, Tag } from '../../shared/schemas';
import type { Db } from '../db/open';
import type { DocumentsService } from './documents';
import type { HighlightsService } from './highlights';
import type { NotesService } from './notes';
import type { TagsService } from './tags';
import { csvField } from './csv';
import { cite, demoteHeadings, linksToCitations, withoutQuote } from './export-markdown';

export type ExportFormat = 'md' | 'csv' | 'json';

/**
 * What to export: everything, the highlights with one tag (or a tag below it) and the
 * notes on them, or the highlights and notes of some documents (a selection, a search).
 */
export interface ExportScope {
  tagId?: number | undefined;
  documentIds?: number[] | undefined;
  /** Said under the title: "Tag: Claims", "Search: wagner". */
  label?: string | undefined;
}

interface Collected {
  documents: Map<number, DocumentMeta>;
  highlights: Highlight[];
  notes: Note[];
  tags: Tag[];
  scoped: boolean;
  label: string | undefined;
}

const docTags = (d: DocumentMeta) => d.tags.map((t) => t.name).join('; ');

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
    private readonly db: Db,
  ) {}

  /** The tag and every tag below it. */
  private tagTree(tagId: number): Set<number> {
    const all = this.tags.list();
    if (!all.some((t) => t.id === tagId)) throw new WorkbenchError(ErrorCode.NotFound, `No tag with id ${tagId}.`, { field: 'tagId' });
    const tree = new Set([tagId]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const t of all) if (t.parentId !== null && tree.has(t.parentId) && !tree.has(t.id)) grew = tree.add(t.id).size > 0;
    }
    return tree;
  }

  private collect(scope: ExportScope): Collected {
    let highlights = this.highlights.listAll();
    let notes = this.notes.listAll();
    let tags = this.tags.list();
    const extra = new Set<number>();
    const scoped = scope.tagId !== undefined || scope.documentIds !== undefined;
    if (scope.tagId !== undefined) {
      const tree = this.tagTree(scope.tagId);
      highlights = highlights.filter((h) => h.tags.some((t) => tree.has(t.id)));
      tags = tags.filter((t) => tree.has(t.id));
      const tagged = this.db.prepare('SELECT DISTINCT document_id FROM document_tags WHERE tag_id IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify([...tree])) as number[];
      tagged.forEach((id) => extra.add(id));
    }
    if (scope.documentIds !== undefined) {
      const chosen = new Set(scope.documentIds);
      highlights = highlights.filter((h) => chosen.has(h.documentId));
      for (const id of chosen) if (scope.tagId === undefined) extra.add(id);
    }
    if (scoped) {
      // The notes on what is exported: on its passages, and on its documents; free notes stay home.
      const kept = new Set(highlights.map((h) => h.id));
      notes = notes.filter((n) => (n.highlightId !== null ? kept.has(n.highlightId) : n.documentId !== null && extra.has(n.documentId)));
    }
    const ids = new Set<number>([...highlights.map((h) => h.documentId), ...notes.flatMap((n) => (n.documentId ? [n.documentId] : [])), ...extra]);
    const documents = new Map([...ids].map((id) => [id, this.documents.meta(id)]));
    return { documents, highlights, notes, tags, scoped, label: scope.label };
  }

  export(format: ExportFormat, scope: ExportScope = {}): string {
    const data = this.collect(scope);
    if (format === 'json') return this.json(data);
    if (format === 'csv') return this.csv(data);
    return this.markdown(data);
  }

  /** A note's text as it goes into the export: links cited, its headings under `under`. */
  private noteText(body: string, under: number | null, { documents }: Collected): string {
    const targets = {
      document: (id: number) => documents.get(id) ?? this.maybe(() => this.documents.meta(id)),
      highlight: (id: number) => this.maybe(() => this.highlights.get(id)),
    };
    return demoteHeadings(linksToCitations(body, targets), under).trim();
  }

  private maybe<T>(read: () => T): T | undefined {
    try {
      return read();
    } catch (err) {
      if (err instanceof WorkbenchError && err.code === ErrorCode.NotFound) return undefined;
      throw err;
    }
  }

  private markdown(data: Collected): string {
    const { documents, highlights, notes, tags } = data;
    const notesOn = new Map<number, Note[]>();
    for (const n of notes) if (n.highlightId) (notesOn.get(n.highlightId) ?? notesOn.set(n.highlightId, []).get(n.highlightId)!).push(n);
    const out: string[] = ['# Highlights and notes', ''];
    if (data.label) out.push(data.label, '');
    const entry = (h: Highlight) => {
      const doc = documents.get(h.documentId)!;
      out.push(blockquote(h.quote), '', `— ${cite(doc)}${h.page ? `, p. ${h.page}` : ''}`);
      for (const n of notesOn.get(h.id) ?? []) {
        // An entry has no heading of its own, so a heading in its note becomes a bold line.
        const text = this.noteText(withoutQuote(n.body, h.quote), null, data);
        if (text) out.push('', `- Note: ${indent(text).trimStart()}`);
      }
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
        const text = this.noteText(n.body, 3, data);
        if (text) out.push(`### ${doc ? `On ${cite(doc)}` : 'Free note'}`, '', text, '');
      }
    }
    if (documents.size) {
      out.push('## Documents', '');
      const sorted = [...documents.values()].sort((a, b) => (a.published ?? '').localeCompare(b.published ?? '') || a.title.localeCompare(b.title));
      for (const d of sorted) out.push(`- ${cite(d)}${d.tags.length ? ` — tags: ${d.tags.map((t) => t.name).join(', ')}` : ''}`);
      out.push('');
    }
    return `${out.join('\n').trimEnd()}\n`;
  }

  private csv({ documents, highlights, notes }: Collected): string {
    const header = ['type', 'id', 'document_id', 'title', 'outlet', 'author', 'published', 'url', 'tags', 'quote', 'start', 'end', 'page', 'note', 'document_tags'];
    const rows: unknown[][] = [header];
    const notesOn = new Map<number, string[]>();
    for (const n of notes) if (n.highlightId) (notesOn.get(n.highlightId) ?? notesOn.set(n.highlightId, []).get(n.highlightId)!).push(n.body);
    for (const h of highlights) {
      const d = documents.get(h.documentId)!;
      rows.push(['highlight', h.id, d.id, d.title, d.outlet, d.author, d.published, d.url, h.tags.map((t) => t.name).join('; '), h.quote, h.start, h.end, h.page, (notesOn.get(h.id) ?? []).join('\n\n'), docTags(d)]);
    }
    for (const n of notes.filter((x) => !x.highlightId)) {
      const d = n.documentId ? documents.get(n.documentId) : undefined;
      rows.push(['note', n.id, d?.id, d?.title, d?.outlet, d?.author, d?.published, d?.url, '', '', '', '', '', n.body, d ? docTags(d) : '']);
    }
    return `${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
  }

  private json({ documents, highlights, notes, tags }: Collected): string {
    // Documents carry their own tags (DocumentMeta.tags).
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
