import { ErrorCode, WorkbenchError } from '../../shared/errors';
import type { DocumentHit, SearchRequest, SearchResponse } from '../../shared/schemas';
import type { Db } from '../db/open';
import { csvField } from './csv';

export const CITATION_FORMATS = ['csl-json', 'bibtex', 'ris'] as const;
export type CitationFormat = (typeof CITATION_FORMATS)[number];
export const LIBRARY_FORMATS = [...CITATION_FORMATS, 'library-csv'] as const;
export type LibraryFormat = (typeof LIBRARY_FORMATS)[number];

/** Which documents: those given by id, those a query finds, or (neither) the whole library. */
export interface LibrarySelection {
  ids?: number[] | undefined;
  query?: string | undefined;
}

interface Row {
  hit: DocumentHit;
  importedAt: string;
  highlights: number;
  notes: number;
}

/** A CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html). */
export interface CslItem {
  id: string;
  type: string;
  title: string;
  author?: Array<Record<string, string>>;
  'container-title'?: string;
  issued?: { 'date-parts': number[][] };
  accessed?: { 'date-parts': number[][] };
  URL?: string;
}

const dateParts = (iso: string): { 'date-parts': number[][] } => ({ 'date-parts': [iso.split('-').map(Number)] });

// A byline with one of these words names an organisation or a team, kept whole rather than split into names.
const ORGANISATION = /\b(unit|staff|team|desk|agency|bureau|news|press|editors?|editorial|reporters|group|service|office|institute)\b/i;

/** A byline as CSL names: people as family and given names, organisations and lone words as literals. */
async function authors(byline: string): Promise<Array<Record<string, string>>> {
  const { parse } = await import('@citation-js/name');
  return byline
    .replace(/^by\s+/i, '')
    .split(/\s*(?:;|\s&\s|\sand\s)\s*/i)
    .filter((s) => s.trim())
    .map((name) => {
      const parsed = parse(name.trim());
      return parsed.given && !ORGANISATION.test(name) ? parsed : { literal: name.trim() };
    });
}

/** The metadata of a document as CSL-JSON, the data model every citation format is made from. */
export async function cslItem(hit: Pick<DocumentHit, 'id' | 'title' | 'outlet' | 'author' | 'published' | 'url'>, importedAt: string): Promise<CslItem> {
  // A document from an outlet reads as a newspaper article; Zotero maps that type to its own.
  const item: CslItem = { id: `doc-${hit.id}`, type: hit.outlet ? 'article-newspaper' : hit.url ? 'webpage' : 'document', title: hit.title };
  if (hit.author) item.author = await authors(hit.author);
  if (hit.outlet) item['container-title'] = hit.outlet;
  if (hit.published) item.issued = dateParts(hit.published);
  item.accessed = dateParts(importedAt.slice(0, 10));
  if (hit.url) item.URL = hit.url;
  return item;
}

/**
 * The library as data: citations of a selection, a search result or every document as
 * CSL-JSON, BibTeX or RIS (written by citation-js, loaded only when asked for), and the
 * library as CSV with counts and the matched snippet.
 */
export class LibraryExport {
  constructor(
    private readonly db: Db,
    private readonly search: (req: SearchRequest) => Promise<SearchResponse>,
  ) {}

  /** The documents a selection names, in the order of the search (or of the ids given). */
  async documentIds(selection: LibrarySelection): Promise<number[]> {
    return (await this.chosen(selection)).map((h) => h.id);
  }

  private async rows(selection: LibrarySelection): Promise<Row[]> {
    const chosen = await this.chosen(selection);
    const counts = this.db.prepare(
      `SELECT d.imported_at AS importedAt,
         (SELECT count(*) FROM highlights h WHERE h.document_id = d.id) AS highlights,
         (SELECT count(*) FROM notes n WHERE n.document_id = d.id
            OR n.highlight_id IN (SELECT id FROM highlights h WHERE h.document_id = d.id)) AS notes
       FROM documents d WHERE d.id = ?`,
    );
    return chosen.map((hit) => ({ hit, ...(counts.get(hit.id) as Omit<Row, 'hit'>) }));
  }

  private async chosen(selection: LibrarySelection): Promise<DocumentHit[]> {
    const query = selection.query?.trim() ?? '';
    const hits: DocumentHit[] = [];
    // The search pages at most 1000 documents at a time; walk every page.
    for (let offset = 0; ; offset += 1000) {
      const res = await this.search({ query, limit: 1000, offset, sort: query ? 'relevance' : 'date' });
      hits.push(...res.documents);
      if (res.documents.length < 1000 || hits.length >= res.total) break;
    }
    let chosen = hits;
    if (selection.ids?.length) {
      const byId = new Map(hits.map((h) => [h.id, h]));
      const missing = selection.ids.filter((id) => !byId.has(id));
      if (missing.length && !query) throw new WorkbenchError(ErrorCode.NotFound, `No document with id ${missing.join(', ')}.`, { field: 'ids' });
      chosen = selection.ids.flatMap((id) => byId.get(id) ?? []);
    }
    return chosen;
  }

  async export(format: LibraryFormat, selection: LibrarySelection = {}): Promise<string> {
    const rows = await this.rows(selection);
    if (format === 'library-csv') return this.csv(rows, Boolean(selection.query?.trim()));
    const items = await Promise.all(rows.map((r) => cslItem(r.hit, r.importedAt)));
    return formatCitations(items, format);
  }

  private csv(rows: Row[], withSnippet: boolean): string {
    const header = ['id', 'title', 'outlet', 'author', 'date', 'url', 'tags', 'highlights', 'notes', 'imported'];
    if (withSnippet) header.push('snippet');
    const lines = [header];
    for (const { hit, highlights, notes, importedAt } of rows) {
      const line: unknown[] = [hit.id, hit.title, hit.outlet, hit.author, hit.published, hit.url, hit.tags.map((t) => t.name).join('; ')];
      line.push(highlights, notes, importedAt);
      if (withSnippet) line.push(hit.snippet.text.replace(/\s+/g, ' ').trim());
      lines.push(line as string[]);
    }
    return `${lines.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
  }
}

interface BibtexEntry {
  type: string;
  label: string;
  properties: Record<string, string>;
}

const MONTH_MACROS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * One BibTeX entry from citation-js's fields, its values already escaped by it. citation-js
 * writes a full date's month as `{jan 26}` and a month alone as `{2}`, which BibTeX styles
 * print as they are and some readers refuse; the month is written as BibTeX's own macro
 * (`month = jan`) and a full date goes whole into biblatex's `date`, which BibTeX passes over
 * and biblatex and Zotero read.
 */
function bibtexEntry(entry: BibtexEntry): string {
  // citation-js's month: a number (`2`) or a macro and a day (`jan 26`).
  const [monthWord = '', dayWord] = (entry.properties.month ?? '').trim().toLowerCase().split(/\s+/);
  const month = /^\d+$/.test(monthWord) ? Number(monthWord) : MONTH_MACROS.indexOf(monthWord) + 1;
  const day = Number(dayWord);
  const year = entry.properties.year ?? '';
  const fields: string[] = [];
  for (const [field, value] of Object.entries(entry.properties)) {
    if (field === 'month') {
      if (month >= 1 && month <= 12) fields.push(`\tmonth = ${MONTH_MACROS[month - 1]},`);
      if (month >= 1 && month <= 12 && day >= 1 && day <= 31 && /^\d{4}$/.test(year)) {
        fields.push(`\tdate = {${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}},`);
      }
      continue;
    }
    fields.push(`\t${field} = {${value}},`);
  }
  return `@${entry.type}{${entry.label},\n${fields.join('\n')}\n}\n\n`;
}

/** CSL-JSON items as CSL-JSON, BibTeX or RIS, by citation-js. */
export async function formatCitations(items: CslItem[], format: CitationFormat): Promise<string> {
  if (format === 'csl-json') return `${JSON.stringify(items, null, 2)}\n`;
  const { Cite } = await import('@citation-js/core');
  if (format === 'bibtex') {
    await import('@citation-js/plugin-bibtex');
    const entries = new Cite(items).format('bibtex', { format: 'object' }) as BibtexEntry[];
    return entries.map(bibtexEntry).join('');
  }
  await import('@citation-js/plugin-ris');
  // citation-js writes a RIS NEWS record's author from CSL's `reporter` and leaves out its
  // author and full date; a magazine article (MGZN) keeps both, and Zotero reads it alike.
  const ris = items.map((i) => (i.type === 'article-newspaper' ? { ...i, type: 'article-magazine' } : i));
  // citation-js maps the fields; its text output folds values at 70 characters, which
  // breaks long URLs apart, so the records are written one tag a line as the RIS
  // specification has them, with its CR LF line ends.
  const records = new Cite(ris).format('ris', { format: 'object' }) as Array<Record<string, unknown>>;
  const lines: string[] = [];
  for (const record of records) {
    lines.push(`TY  - ${String(record.TY)}`);
    for (const [tag, value] of Object.entries(record)) {
      if (tag === 'TY') continue;
      for (const v of [value].flat()) lines.push(`${tag}  - ${String(v).replace(/\s*[\r\n]+\s*/g, ' ')}`);
    }
    lines.push('ER  - ', '');
  }
  return lines.join('\r\n');
}
