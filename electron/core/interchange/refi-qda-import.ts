import { basename, extname } from 'node:path';
import { Color, type ImportOutcome, type ImportSummary, type MetadataPatch } from '../../shared/schemas';
import { normalizeDate } from '../../shared/text/dates';
import type { ImportOptions } from '../import/run-import';
import type { Workspace } from '../workspace';
import { fromCodePoints } from './refi-qda';
import { child, children, parseXml, type XmlElement } from './xml';

export const REFI_QDA_EXTENSIONS = ['.qdpx', '.qdc'] as const;
export const isRefiQda = (path: string) => (REFI_QDA_EXTENSIONS as readonly string[]).includes(extname(path).toLowerCase());

/** What came in from one .qdpx or .qdc. */
export interface QdaImported {
  documentIds: number[];
  tags: number;
  highlights: number;
  notes: number;
  /** Parts that could not be brought in, each with its reason. */
  problems: string[];
}

interface Source {
  guid: string;
  kind: string;
  name: string;
  el: XmlElement;
  /** A text source's text, as the project has it. */
  text?: string;
  file?: { path: string; data: Uint8Array };
}

type ReadEntry = (path: string) => Promise<Uint8Array | null>;

const attr = (el: XmlElement, name: string) => el.getAttribute(name) ?? '';
const text = (el: XmlElement | undefined) => el?.textContent ?? '';

/** `internal://x.txt` is in the archive's sources/ folder; other paths are tried by their file name there. */
function entryFor(path: string): string {
  const p = path.replace(/^internal:\/\//, '');
  return path.startsWith('internal://') ? `sources/${p}` : `sources/${basename(p.replace(/\\/g, '/'))}`;
}

function colour(raw: string): string | undefined {
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(raw);
  const full = short ? `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}` : raw;
  return Color.safeParse(full).success ? full.toLowerCase() : undefined;
}

/** The codebook as tags, kept in its hierarchy; codes whose name is taken join that tag. */
function importCodes(ws: Workspace, codes: XmlElement | undefined, out: QdaImported): Map<string, number> {
  const byGuid = new Map<string, number>();
  const walk = (parentEl: XmlElement, parentId: number | null) => {
    for (const code of children(parentEl, 'Code')) {
      const name = attr(code, 'name').replace(/\s+/g, ' ').trim().slice(0, 100) || 'Unnamed code';
      const description = text(child(code, 'Description')).trim() || null;
      let tag = ws.tags.findByName(name);
      if (!tag) {
        const c = colour(attr(code, 'color'));
        tag = ws.tags.create({ name, parentId, description, ...(c ? { color: c } : {}) });
        out.tags++;
      } else if (description && !tag.description) {
        ws.db.prepare('UPDATE tags SET description = ? WHERE id = ?').run(description, tag.id);
      }
      byGuid.set(attr(code, 'guid').toLowerCase(), tag.id);
      walk(code, tag.id);
    }
  };
  if (codes) walk(codes, null);
  return byGuid;
}

async function noteBodies(notesEl: XmlElement | undefined, read: ReadEntry): Promise<Map<string, string>> {
  const bodies = new Map<string, string>();
  for (const n of notesEl ? children(notesEl, 'Note') : []) {
    let body = text(child(n, 'PlainTextContent'));
    const path = attr(n, 'plainTextPath');
    if (!body && path) body = new TextDecoder().decode((await read(entryFor(path))) ?? new Uint8Array());
    if (!body.trim()) body = attr(n, 'name');
    if (body.trim()) bodies.set(attr(n, 'guid').toLowerCase(), body);
  }
  return bodies;
}

/** Where `quote` sits in `body`: at `near` when it is there, else its occurrence closest to it. */
function place(body: string, quote: string, near: number): number {
  if (body.startsWith(quote, near)) return near;
  let best = -1;
  for (let at = body.indexOf(quote); at >= 0; at = body.indexOf(quote, at + 1)) {
    if (best < 0 || Math.abs(at - near) < Math.abs(best - near)) best = at;
  }
  return best;
}

/**
 * Brings a REFI-QDA project (.qdpx) or codebook (.qdc) into the workspace: text sources
 * become documents, PDF and picture sources go through the importers, the codebook
 * becomes tags, coded text selections highlights, and notes notes on their source or
 * selection (free when they are attached to neither).
 */
export async function importRefiQda(ws: Workspace, fileName: string, data: Uint8Array, options: ImportOptions = {}): Promise<QdaImported> {
  const out: QdaImported = { documentIds: [], tags: 0, highlights: 0, notes: 0, problems: [] };
  if (extname(fileName).toLowerCase() === '.qdc') {
    const root = parseXml(new TextDecoder().decode(data), fileName).documentElement!;
    if (root.localName !== 'CodeBook') throw new Error(`${fileName} is not a REFI-QDA codebook: its root element is <${root.localName}>, not <CodeBook>`);
    importCodes(ws, child(root, 'Codes'), out);
    return out;
  }
  const { default: JSZip } = await import('jszip');
  let zip: InstanceType<typeof JSZip>;
  try {
    zip = await JSZip.loadAsync(data);
  } catch {
    throw new Error(`${fileName} is not a REFI-QDA project: it is not a zip archive`);
  }
  const qde = Object.values(zip.files).find((f) => !f.dir && /(^|\/)project\.qde$/i.test(f.name)) ?? Object.values(zip.files).find((f) => /\.qde$/i.test(f.name));
  if (!qde) throw new Error(`${fileName} is not a REFI-QDA project: it holds no project.qde`);
  const read: ReadEntry = async (path) => {
    const entry = zip.file(path) ?? Object.values(zip.files).find((f) => f.name.toLowerCase() === path.toLowerCase());
    return entry ? entry.async('uint8array') : null;
  };
  const root = parseXml(await qde.async('string'), `${fileName}: ${qde.name}`).documentElement!;
  if (root.localName !== 'Project') throw new Error(`${fileName}: ${qde.name} is not a REFI-QDA project: its root element is <${root.localName}>`);
  const codes = importCodes(ws, child(child(root, 'CodeBook') ?? root, 'Codes'), out);
  const variables = new Map(children(child(root, 'Variables') ?? root, 'Variable').map((v) => [attr(v, 'guid').toLowerCase(), attr(v, 'name')]));
  const notes = await noteBodies(child(root, 'Notes'), read);
  const usedNotes = new Set<string>();
  const noteRefs = (el: XmlElement) => children(el, 'NoteRef').map((r) => attr(r, 'targetGUID').toLowerCase()).filter((g) => notes.has(g));
  const codeRefs = (el: XmlElement) =>
    children(el, 'Coding').flatMap((c) => {
      const id = codes.get(attr(child(c, 'CodeRef') ?? c, 'targetGUID').toLowerCase());
      return id === undefined ? [] : [id];
    });

  // Every source is read first, then all are imported in one run, as dropped files would be.
  const sources: Source[] = [];
  const names = new Set<string>();
  const unique = (name: string) => {
    let n = name;
    for (let i = 2; names.has(n.toLowerCase()); i++) n = name.replace(/(\.[^.]+)?$/, ` (${i})$1`);
    names.add(n.toLowerCase());
    return n;
  };
  for (const el of children(child(root, 'Sources') ?? root)) {
    const s: Source = { guid: attr(el, 'guid'), kind: el.localName, name: attr(el, 'name') || attr(el, 'guid'), el };
    if (el.localName === 'TextSource') {
      let body = text(child(el, 'PlainTextContent'));
      const path = attr(el, 'plainTextPath');
      if (!child(el, 'PlainTextContent') && path) {
        const bytes = await read(entryFor(path));
        if (!bytes) {
          out.problems.push(`text source "${s.name}": ${path} is not in the archive`);
          continue;
        }
        body = new TextDecoder().decode(bytes);
      }
      s.text = body;
      const fileLabel = /\.(txt|text)$/i.test(s.name) ? s.name : `${s.name.replace(/[\\/:*?"<>|]+/g, '_').slice(0, 120)}.txt`;
      s.file = { path: unique(fileLabel), data: new TextEncoder().encode(body) };
    } else if (el.localName === 'PDFSource' || el.localName === 'PictureSource') {
      const path = attr(el, 'path') || attr(el, 'currentPath');
      const bytes = path ? await read(entryFor(path)) : null;
      if (!bytes) {
        out.problems.push(`${el.localName} "${s.name}": ${path || 'no path'} is not in the archive`);
        continue;
      }
      s.file = { path: unique(basename(path.replace(/^internal:\/\//, ''))), data: bytes };
    } else {
      out.problems.push(`${el.localName} "${s.name}": audio and video sources are not imported`);
      continue;
    }
    sources.push(s);
  }
  const summary: ImportSummary | null = sources.length
    ? await ws.importFiles([], { ...options, files: sources.map((s) => s.file!) })
    : null;

  sources.forEach((s, i) => {
    const o: ImportOutcome | undefined = summary?.outcomes.find((x) => x.path === s.file!.path) ?? summary?.outcomes[i];
    const docId = o?.status === 'imported' ? o.documentIds[0] : (o?.duplicateOf ?? undefined);
    if (docId === undefined) {
      out.problems.push(`${s.kind} "${s.name}": ${o?.reason ?? 'not imported'}`);
      return;
    }
    out.documentIds.push(docId);
    const patch: MetadataPatch = {};
    for (const vv of children(s.el, 'VariableValue')) {
      const name = (variables.get(attr(child(vv, 'VariableRef') ?? vv, 'targetGUID').toLowerCase()) ?? '').toLowerCase();
      const value = text(child(vv, 'TextValue')).trim();
      if (!value) continue;
      if (name === 'title') patch.title = value;
      else if (name === 'outlet') patch.outlet = value;
      else if (name === 'author') patch.author = value;
      else if (name === 'url') patch.url = value;
      else if (name === 'published' && normalizeDate(value)) patch.published = normalizeDate(value)!;
    }
    if (!patch.title && s.kind === 'TextSource') patch.title = s.name.replace(/\.(txt|text)$/i, '');
    if (Object.keys(patch).length) ws.documents.updateMetadata(docId, patch);
    const tagIds = codeRefs(s.el);
    for (const t of new Set(tagIds)) ws.tags.applyToDocuments(t, [docId]);
    for (const g of noteRefs(s.el)) {
      ws.notes.create({ body: notes.get(g)!, documentId: docId });
      usedNotes.add(g);
      out.notes++;
    }
    if (s.text === undefined) return;
    const body = ws.documents.get(docId).body;
    const existing = ws.highlights.listForDocument(docId);
    for (const sel of children(s.el, 'PlainTextSelection')) {
      const from = fromCodePoints(s.text, Number(attr(sel, 'startPosition')));
      const to = fromCodePoints(s.text, Number(attr(sel, 'endPosition')));
      const quote = s.text.slice(from, to);
      const at = quote.trim() ? place(body, quote, from) : -1;
      if (at < 0) {
        out.problems.push(`selection "${attr(sel, 'name') || quote.slice(0, 40)}" in "${s.name}": not found in the imported text`);
        continue;
      }
      const same = existing.find((h) => h.start === at && h.end === at + quote.length);
      const tags = [...new Set(codeRefs(sel))];
      const h = same ?? ws.highlights.create({ documentId: docId, start: at, end: at + quote.length, tagIds: tags });
      if (same) for (const t of tags) ws.tags.applyToHighlights(t, [same.id]);
      else out.highlights++;
      for (const g of [...noteRefs(sel), ...children(sel, 'Coding').flatMap(noteRefs)]) {
        ws.notes.create({ body: notes.get(g)!, highlightId: h.id });
        usedNotes.add(g);
        out.notes++;
      }
    }
  });
  // Notes on the project, on codes or on nothing are kept as free notes.
  for (const [g, body] of notes) {
    if (usedNotes.has(g)) continue;
    ws.notes.create({ body });
    out.notes++;
  }
  return out;
}
