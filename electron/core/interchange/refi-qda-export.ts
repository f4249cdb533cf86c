import type { Highlight, Note, Tag } from '../../shared/schemas';
import type { Workspace } from '../workspace';
import { createXml, serializeXml, type XmlDocument, type XmlElement } from './xml';
import { CODEBOOK_NS, PROJECT_NS, VARIABLES, guidFor, toCodePoints, xsdDateTime, type VariableName } from './refi-qda';


interface Builder {
  doc: XmlDocument;
  el(parent: XmlElement, name: string, attrs?: Record<string, string | number | null | undefined>, text?: string): XmlElement;
  serialize(): string;
}

function builder(ns: string, root: string): Builder {
  const doc = createXml(ns, root);
  return {
    doc,
    el(parent, name, attrs = {}, text) {
      const e = doc.createElementNS(ns, name);
      for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) e.setAttribute(k, String(v));
      if (text !== undefined) e.appendChild(doc.createTextNode(text));
      parent.appendChild(e);
      return e;
    },
    serialize: () => serializeXml(doc),
  };
}

const ORIGIN = 'Research Workbench';
const tagGuid = (ws: Workspace, t: Tag) => guidFor(ws.file, 'code', t.id, t.name);

/** The tag tree as REFI-QDA Codes, under `parent`. */
function writeCodes(b: Builder, ws: Workspace, parent: XmlElement, tags: Tag[]): void {
  const codes = b.el(parent, 'Codes');
  const walk = (into: XmlElement, parentId: number | null) => {
    for (const t of tags.filter((x) => x.parentId === parentId)) {
      const code = b.el(into, 'Code', { guid: tagGuid(ws, t), name: t.name, isCodable: 'true', color: t.color });
      if (t.description) b.el(code, 'Description', {}, t.description);
      walk(code, t.id);
    }
  };
  walk(codes, null);
}

/** The tags as a REFI-QDA codebook (.qdc): codes with their hierarchy, colours and descriptions. */
export function exportCodebook(ws: Workspace): string {
  const b = builder(CODEBOOK_NS, 'CodeBook');
  const root = b.doc.documentElement!;
  root.setAttribute('origin', ORIGIN);
  writeCodes(b, ws, root, ws.tags.list());
  return b.serialize();
}

export interface QdpxFiles {
  'project.qde': string;
  sources: Map<string, string>;
}

/** Which documents a project holds: those given (a search's, the ones picked), or every one. */
export interface ProjectScope {
  documentIds?: number[] | undefined;
}

/** The tags a selection uses, on its documents or their highlights, with the tags above them (the codebook's tree). */
function tagsUsed(all: Tag[], docTags: number[], highlights: Highlight[]): Tag[] {
  const byId = new Map(all.map((t) => [t.id, t]));
  const used = new Set<number>();
  const climb = (id: number | null | undefined) => {
    for (let t = id == null ? undefined : byId.get(id); t && !used.has(t.id); t = t.parentId == null ? undefined : byId.get(t.parentId)) used.add(t.id);
  };
  docTags.forEach(climb);
  highlights.forEach((h) => h.tags.forEach((t) => climb(t.id)));
  return all.filter((t) => used.has(t.id));
}

/**
 * The workspace as a REFI-QDA project: each document a text source (its text in
 * sources/, its metadata as variables), tags the codebook, highlights coded selections,
 * notes attached to their source or selection, free notes to the project. Of a selection
 * of documents, it holds those, their highlights and the notes on them, and the tags they
 * use; free notes and the rest of the workspace stay out.
 */
export function exportProject(ws: Workspace, scope: ProjectScope = {}): QdpxFiles {
  const chosen = scope.documentIds ? new Set(scope.documentIds) : null;
  const highlights = ws.highlights.listAll().filter((h) => !chosen || chosen.has(h.documentId));
  const inHighlights = new Set(highlights.map((h) => h.id));
  const notes = ws.notes.listAll().filter((n) => !chosen || (n.highlightId ? inHighlights.has(n.highlightId) : n.documentId !== null && chosen.has(n.documentId)));
  const ids = chosen ? [...chosen].sort((a, b) => a - b) : (ws.db.prepare('SELECT id FROM documents ORDER BY id').pluck().all() as number[]);
  const docs = ids.map((id) => ws.documents.get(id));
  const tags = chosen ? tagsUsed(ws.tags.list(), docs.flatMap((d) => d.tags.map((t) => t.id)), highlights) : ws.tags.list();
  const b = builder(PROJECT_NS, 'Project');
  const root = b.doc.documentElement!;
  const name = ws.file.split(/[\\/]/).pop()!.replace(/\.[^.]+$/, '') || 'workspace';
  for (const [k, v] of Object.entries({ name, origin: ORIGIN, creationDateTime: new Date().toISOString() })) root.setAttribute(k, v);
  const byTag = new Map(tags.map((t) => [t.id, t]));
  if (tags.length) writeCodes(b, ws, b.el(root, 'CodeBook'), tags);
  const variables = b.el(root, 'Variables');
  const varGuid = (v: VariableName) => guidFor(ws.file, 'variable', v);
  for (const v of VARIABLES) b.el(variables, 'Variable', { guid: varGuid(v), name: v, typeOfVariable: 'Text' });

  const noteGuid = (n: Note) => guidFor(ws.file, 'note', n.id);
  const notesOnDoc = new Map<number, Note[]>();
  const notesOnHl = new Map<number, Note[]>();
  for (const n of notes) {
    if (n.highlightId) (notesOnHl.get(n.highlightId) ?? notesOnHl.set(n.highlightId, []).get(n.highlightId)!).push(n);
    else if (n.documentId) (notesOnDoc.get(n.documentId) ?? notesOnDoc.set(n.documentId, []).get(n.documentId)!).push(n);
  }
  const hlsOf = new Map<number, Highlight[]>();
  for (const h of highlights) (hlsOf.get(h.documentId) ?? hlsOf.set(h.documentId, []).get(h.documentId)!).push(h);
  const coding = (parent: XmlElement, owner: string, tagId: number) => {
    const t = byTag.get(tagId);
    if (!t) return;
    const c = b.el(parent, 'Coding', { guid: guidFor(owner, 'coding', tagId) });
    b.el(c, 'CodeRef', { targetGUID: tagGuid(ws, t) });
  };

  const sources = new Map<string, string>();
  const sourcesEl = docs.length ? b.el(root, 'Sources') : null;
  for (const doc of docs) {
    const id = doc.id;
    const guid = guidFor(ws.file, 'source', doc.sha256);
    sources.set(`${guid}.txt`, doc.body);
    const src = b.el(sourcesEl!, 'TextSource', { guid, name: doc.title, plainTextPath: `internal://${guid}.txt`, creationDateTime: xsdDateTime(doc.importedAt) });
    for (const h of (hlsOf.get(id) ?? []).filter((x) => x.anchored)) {
      const hGuid = guidFor(ws.file, 'selection', h.id);
      const sel = b.el(src, 'PlainTextSelection', {
        guid: hGuid,
        name: h.quote.length > 60 ? `${h.quote.slice(0, 57)}...` : h.quote,
        startPosition: toCodePoints(doc.body, h.start),
        endPosition: toCodePoints(doc.body, h.end),
        creationDateTime: xsdDateTime(h.createdAt),
      });
      for (const t of h.tags) coding(sel, hGuid, t.id);
      for (const n of notesOnHl.get(h.id) ?? []) b.el(sel, 'NoteRef', { targetGUID: noteGuid(n) });
    }
    for (const t of doc.tags) coding(src, guid, t.id);
    for (const n of notesOnDoc.get(id) ?? []) b.el(src, 'NoteRef', { targetGUID: noteGuid(n) });
    const values: Record<VariableName, string | null> = { Title: doc.title, Outlet: doc.outlet, Author: doc.author, Published: doc.published, URL: doc.url };
    for (const v of VARIABLES) {
      if (!values[v]) continue;
      const vv = b.el(src, 'VariableValue');
      b.el(vv, 'VariableRef', { targetGUID: varGuid(v) });
      b.el(vv, 'TextValue', {}, values[v]!);
    }
  }
  if (notes.length) {
    const notesEl = b.el(root, 'Notes');
    for (const n of notes) {
      const note = b.el(notesEl, 'Note', { guid: noteGuid(n), name: n.body.split('\n')[0]!.slice(0, 60), creationDateTime: xsdDateTime(n.createdAt) });
      b.el(note, 'PlainTextContent', {}, n.body);
    }
  }
  for (const n of notes.filter((x) => !x.highlightId && !x.documentId)) b.el(root, 'NoteRef', { targetGUID: noteGuid(n) });
  return { 'project.qde': b.serialize(), sources };
}

/** The project as a .qdpx: a zip of project.qde and sources/. */
export async function exportQdpx(ws: Workspace, scope: ProjectScope = {}): Promise<Buffer> {
  const { default: JSZip } = await import('jszip');
  const files = exportProject(ws, scope);
  const zip = new JSZip();
  zip.file('project.qde', files['project.qde']);
  for (const [name, text] of files.sources) zip.file(`sources/${name}`, text);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
