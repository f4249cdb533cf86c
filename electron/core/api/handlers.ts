import { basename } from 'node:path';
import { ErrorCode, WorkbenchError } from '../../shared/errors';
import type { MethodName, MethodOutput, ParsedInput } from '../../shared/api/contract';
import type { ImportSummary } from '../../shared/schemas';
import type { EventName, EventPayload } from '../../shared/api/contract';
import { runBatch } from '../search/batch';
import { plural } from '../../shared/text/plural';
import type { Workspace } from '../workspace';
import type { PathGuard } from './path-guard';
import type { createWorkspaceHandlers } from './workspace-handlers';

export type Handlers = { [M in MethodName]: (input: ParsedInput<M>) => MethodOutput<M> | Promise<MethodOutput<M>> };

/** The methods on the open workspace's contents; workspace-handlers.ts has those on whole workspaces. */
type ContentMethods = Exclude<MethodName, keyof ReturnType<typeof createWorkspaceHandlers>>;

const MIME = { md: 'text/markdown', csv: 'text/csv', json: 'application/json' } as const;
/** File name ending and media type of each library export. */
export const LIBRARY_FILES = {
  'csl-json': { suffix: 'citations.json', mimeType: 'application/vnd.citationstyles.csl+json' },
  bibtex: { suffix: 'citations.bib', mimeType: 'application/x-bibtex' },
  ris: { suffix: 'citations.ris', mimeType: 'application/x-research-info-systems' },
  'library-csv': { suffix: 'library.csv', mimeType: 'text/csv' },
} as const;

/** Maps every contract method onto the workspace's services. */
export function createHandlers(
  ws: () => Workspace,
  imports: { controller: AbortController | null; done: (s: ImportSummary) => void },
  guard: PathGuard,
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void = () => undefined,
): Pick<Handlers, ContentMethods> {
  const runImport = async (paths: string[], files?: Array<{ path: string; data: Uint8Array }>, maxFileMb?: number): Promise<ImportSummary> => {
    if (imports.controller) throw new WorkbenchError(ErrorCode.Conflict, 'An import is already running; wait for it or cancel it.');
    imports.controller = new AbortController();
    try {
      const limit = maxFileMb ? { maxFileBytes: Math.round(maxFileMb * 1048576) } : {};
      return await ws().importFiles(paths, { signal: imports.controller.signal, ...(files ? { files } : {}), ...limit });
    } finally {
      imports.controller = null;
    }
  };
  let batch: AbortController | null = null;
  return {
    'documents.get': ({ id }) => ws().documents.get(id),
    'documents.source': ({ id }) => ws().documents.source(id),
    'documents.ocr': () => ws().documents.ocrIds(),
    'documents.image': ({ id, page }) => ws().documents.image(id, page),
    'documents.updateMetadata': ({ id, patch }) => ws().documents.updateMetadata(id, patch),
    'documents.delete': ({ ids }) => ({ deleted: ws().documents.delete(ids) }),
    'documents.outlets': () => ws().documents.outlets(),
    'documents.similar': ({ id, limit }) => {
      ws().documents.meta(id);
      return ws().search.similar(id, limit);
    },
    'search.query': (req) => ws().search.query(req),
    'search.hits': ({ documentId, query }) => ws().search.hits(documentId, query),
    'search.suggest': ({ prefix, limit }) => ws().search.suggest(prefix, limit),
    'search.batch': async (req) => {
      // A new batch replaces one still running: the window that asked has moved on.
      batch?.abort();
      const controller = new AbortController();
      batch = controller;
      try {
        return await runBatch(ws().search, req, { signal: controller.signal, onProgress: (p) => emit('batch.progress', p) });
      } finally {
        if (batch === controller) batch = null;
      }
    },
    'search.batchCancel': () => {
      batch?.abort();
      return { ok: true };
    },
    'tags.list': () => ws().tags.list(),
    'tags.create': (input) => ws().tags.create(input),
    'tags.rename': ({ id, name }) => ws().tags.rename(id, name),
    'tags.recolor': ({ id, color }) => ws().tags.recolor(id, color),
    'tags.move': ({ id, parentId }) => ws().tags.move(id, parentId),
    'tags.merge': ({ sourceId, targetId }) => ws().tags.merge(sourceId, targetId),
    'tags.delete': ({ id }) => {
      ws().tags.delete(id);
      return { ok: true };
    },
    'tags.apply': ({ tagId, documentIds, highlightIds }) => {
      let changed = documentIds.length ? ws().tags.applyToDocuments(tagId, documentIds) : 0;
      if (highlightIds.length) changed += ws().tags.applyToHighlights(tagId, highlightIds);
      return { ...ws().tags.get(tagId), changed };
    },
    'tags.remove': ({ tagId, documentIds, highlightIds }) => {
      let changed = documentIds.length ? ws().tags.removeFromDocuments(tagId, documentIds) : 0;
      if (highlightIds.length) changed += ws().tags.removeFromHighlights(tagId, highlightIds);
      return { ...ws().tags.get(tagId), changed };
    },
    'highlights.list': ({ documentId }) => ws().highlights.listForDocument(documentId),
    'highlights.get': ({ id }) => ws().highlights.get(id),
    'highlights.create': ({ documentId, start, end, quote, occurrence, tagIds }) =>
      quote !== undefined
        ? ws().highlights.createFromQuote(documentId, quote, occurrence, tagIds)
        : ws().highlights.create({ documentId, start: start!, end: end!, tagIds }),
    'highlights.delete': ({ id }) => {
      ws().highlights.delete(id);
      return { ok: true };
    },
    'notes.forDocument': ({ documentId }) => ws().notes.listForDocument(documentId),
    'notes.list': () => ws().notes.listAll(),
    'notes.free': () => ws().notes.listFree(),
    'notes.get': ({ id }) => ws().notes.get(id),
    'notes.create': (input) => ws().notes.create(input),
    'notes.update': ({ id, body }) => ws().notes.update(id, body),
    'notes.delete': ({ id }) => {
      ws().notes.delete(id);
      return { ok: true };
    },
    'notes.discard': ({ id }) => ({ discarded: ws().notes.discard(id) }),
    'notes.backlinks': (target) => ws().notes.backlinks(target),
    'savedSearches.list': () => ws().savedSearches.list(),
    'savedSearches.save': ({ name, query }) => ws().savedSearches.save(name, query),
    'savedSearches.delete': ({ id }) => {
      ws().savedSearches.delete(id);
      return { ok: true };
    },
    'export.run': async ({ format, tagId, query, ids }) => {
      const stem = basename(ws().file).replace(/\.[^.]+$/, '') || 'workspace';
      const searched = Boolean(query?.trim());
      const documentIds = searched || ids ? await ws().library.documentIds({ query, ids }) : undefined;
      const tag = tagId !== undefined ? ws().tags.list().find((t) => t.id === tagId) : undefined;
      const label = [tag && `Tag: ${tag.name}`, searched && `Search: ${query!.trim()}`, ids && plural(documentIds!.length, 'chosen document')]
        .filter(Boolean)
        .join(' · ');
      const text = ws().exporter.export(format, { tagId, documentIds, label: label || undefined });
      const part = tag ? `-${tag.name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').toLowerCase()}` : searched || ids ? '-selection' : '';
      return { fileName: `${stem}-highlights${part}.${format}`, mimeType: MIME[format], text };
    },
    'export.library': async ({ format, query, ids }) => {
      const stem = basename(ws().file).replace(/\.[^.]+$/, '') || 'workspace';
      const text = await ws().library.export(format, { query, ids });
      return { fileName: `${stem}-${LIBRARY_FILES[format].suffix}`, mimeType: LIBRARY_FILES[format].mimeType, text };
    },
    'export.qda': async ({ format, query, ids }) => {
      const stem = basename(ws().file).replace(/\.[^.]+$/, '') || 'workspace';
      const { exportCodebook, exportQdpx } = await import('../interchange/refi-qda-export');
      const scoped = format === 'qdpx' && (Boolean(query?.trim()) || ids !== undefined);
      // The same documents as the citations of that search or choice.
      const documentIds = scoped ? await ws().library.documentIds({ query, ids }) : undefined;
      if (documentIds?.length === 0) throw new WorkbenchError(ErrorCode.InvalidInput, `The search ${query ?? ''} finds no document: there is nothing to put in a project.`, { field: 'query' });
      const data = format === 'qdpx' ? await exportQdpx(ws(), { documentIds }) : Buffer.from(exportCodebook(ws()));
      const name = `${stem}${scoped ? '-selection' : ''}.${format}`;
      return { fileName: name, mimeType: format === 'qdpx' ? 'application/zip' : 'application/xml', base64: data.toString('base64') };
    },
    'import.paths': async ({ paths, maxFileMb }) => {
      const summary = await runImport(guard.importPaths(paths), undefined, maxFileMb);
      imports.done(summary);
      return summary;
    },
    'import.upload': async ({ files }) => {
      // Parsed from memory: nothing the user sends is written to disk, not even to a temporary folder.
      const summary = await runImport([], files.map((f) => ({ path: f.name, data: Buffer.from(f.data, 'base64') })));
      imports.done(summary);
      return summary;
    },
    'analysis.status': () => ws().analysis.status(),
    'analysis.passages': ({ documentId, otherId }) => ws().analysis.passagesFor(documentId, otherId),
    'analysis.entities': ({ limit }) => ws().analysis.entities(limit),
    'analysis.mentions': ({ key, documentId }) => ws().analysis.mentions(key, documentId),
    'analysis.mergeEntities': ({ keys }) => ws().analysis.merge(keys),
    'analysis.splitEntity': ({ variant }) => ws().analysis.split(variant),
    'analysis.figures': ({ limit }) => ws().analysis.figures(limit),
    'analysis.timeline': () => ws().analysis.timeline(),
    'analysis.tagsByOutlet': () => ws().charts.tagsByOutlet(),
    'analysis.outletTimeline': () => ws().charts.outletTimeline(),
    'import.ocrLanguages': () => ws().ocr.get(),
    'import.setOcrLanguages': ({ languages }) => {
      ws().assertWriter();
      return ws().ocr.set(languages);
    },
    'import.cancel': () => {
      imports.controller?.abort();
      return { ok: true };
    },
  };
}
