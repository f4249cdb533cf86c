/**
 * Term lists for batch search: read one query a line from a .txt or a .csv (its first
 * column), and write the results as CSV with one row per query and document.
 */

export interface ListedQuery {
  /** The 1-based line of the file it came from, for errors that name it. */
  line: number;
  query: string;
}

/** Splits one CSV record into its fields (RFC 4180 quoting; a record may span lines). */
function csvRecords(text: string): Array<{ line: number; fields: string[] }> {
  const out: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',' || c === ';' || c === '\t') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      out.push({ line: startLine, fields });
      fields = [];
      field = '';
      line++;
      startLine = line;
    } else field += c;
  }
  if (field !== '' || fields.length) {
    fields.push(field);
    out.push({ line: startLine, fields });
  }
  return out;
}

/**
 * The queries of a term list: every non-blank line of a text file, or the first column of
 * a CSV file (quoted as spreadsheets write it). Blank lines are skipped, not counted as
 * queries; a byte-order mark is dropped.
 */
export function parseQueryList(text: string, format: 'txt' | 'csv' = 'txt'): ListedQuery[] {
  const clean = text.replace(/^\uFEFF/, '');
  if (format === 'csv') {
    return csvRecords(clean)
      .map((r) => ({ line: r.line, query: (r.fields[0] ?? '').trim() }))
      .filter((q) => q.query !== '');
  }
  return clean
    .split(/\r\n|\r|\n/)
    .map((q, i) => ({ line: i + 1, query: q.trim() }))
    .filter((q) => q.query !== '');
}

/** The list's format from a file name: .csv is CSV, anything else one query a line. */
export function listFormat(fileName: string): 'txt' | 'csv' {
  return /\.csv$/i.test(fileName) ? 'csv' : 'txt';
}

/** RFC 4180: every field quoted, quotes doubled; a leading = + - @ is defused for spreadsheets. */
export function csvField(value: unknown): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

export interface BatchCsvRow {
  line: number;
  query: string;
  total: number;
  documents: Array<{ id: number; title: string; outlet: string | null; published: string | null; score: number }>;
  error: { code: string; message: string } | null;
}

/** One row per query and document; a query with no documents (or an error) gets one row of its own. */
export function batchCsv(rows: BatchCsvRow[]): string {
  const out: unknown[][] = [['line', 'query', 'documents', 'rank', 'document_id', 'title', 'outlet', 'published', 'score', 'error']];
  for (const r of rows) {
    const error = r.error ? r.error.message : '';
    if (r.documents.length === 0) out.push([r.line, r.query, r.total, '', '', '', '', '', '', error]);
    r.documents.forEach((d, i) => out.push([r.line, r.query, r.total, i + 1, d.id, d.title, d.outlet, d.published, d.score, error]));
  }
  return `${out.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}
