/**
 * The API between the user interface and the engine. Every method is `area.verb`, with
 * zod schemas for its input and output; the dispatcher validates both, whichever shell
 * (Electron IPC or the loopback HTTP server) the call came through, and the client's
 * types are derived from this object, so there is no per-method glue to keep in step.
 */
import { z } from 'zod';
import {
  DocumentFull,
  DocumentMeta,
  Highlight,
  HitRange,
  Id,
  AnalysisProgress,
  ImportProgress,
  OcrLanguages,
  ImportSummary,
  MetadataPatch,
  Note,
  NoteLink,
  SavedSearch,
  SearchRequest,
  SearchResponse,
  Tag,
} from '../schemas';
import { method } from './define';
import { BackupFailure, WorkspaceInfo, workspaceMethods } from './contract-workspaces';
import { analysisMethods } from './contract-analysis';
import { BatchProgress, searchMethods } from './contract-search';
import { EVENT_LIST, METHOD_LIST } from './names';
import { COMMAND_IDS } from '../commands';

const Nothing = z.object({}).strict().default({});
const Ok = z.object({ ok: z.literal(true) });
const ById = z.object({ id: Id });
const Color = z.string();

export { BackupFailure, WorkspaceInfo, WorkspaceProblem, WorkspaceStatus } from './contract-workspaces';

export const UploadFile = z.object({
  /** The file's path relative to what was dropped or picked ("reports/a.txt"). */
  name: z.string().min(1),
  /** The bytes, base64-encoded. */
  data: z.string(),
});


/** A tag after applying or removing it, with how many of the given items changed. */
const TagChange = Tag.extend({ changed: z.number().int() });

export const contract = {
  'workspace.info': method({
    input: Nothing,
    output: WorkspaceInfo,
    doc: 'What the open workspace holds, and whether its search index has loaded. Example: `{}`.',
  }),

  'documents.get': method({
    input: ById,
    output: DocumentFull,
    doc: 'One document with its text, metadata and tags. Example: `{ id: 2 }`.',
  }),
  'documents.source': method({
    input: ById,
    output: z.object({ mediaType: z.string(), text: z.string() }).nullable(),
    doc: 'The original a document was extracted from (a web page\'s HTML), as text: the reader shows its source, or renders it ' +
      'only after sanitizing it, in a sandboxed frame that allows no script and no network; null for plain text and for ' +
      'binary originals (PDF, DOCX). Example: `{ id: 6 }`.',
  }),
  'documents.ocr': method({
    input: Nothing,
    output: z.array(Id),
    doc: 'The documents whose text was recognised by OCR (photos, scanned PDFs), for the library to mark. Example: `{}`.',
  }),
  'documents.image': method({
    input: ById.extend({ page: z.number().int().positive().optional() }),
    output: z.object({ mediaType: z.string(), base64: z.string(), page: z.number().int(), pages: z.array(z.number().int()) }).nullable(),
    doc:
      "The photo or scanned page a document's text was recognised from, for the reader to show beside the text: a photo (its " +
      'original), or page `page` of a scanned PDF (its first scanned page by default), with `pages`, those that have an image; ' +
      'null for other documents. Example: `{ id: 7, page: 2 }`.',
  }),
  'documents.updateMetadata': method({
    input: z.object({ id: Id, patch: MetadataPatch }),
    output: DocumentMeta,
    doc: "Corrects a document's title, outlet, author, date (yyyy, yyyy-mm or yyyy-mm-dd) or URL; null clears a field. Example: `{ id: 4, patch: { outlet: 'Hispolitica' } }`.",
  }),
  'documents.delete': method({
    input: z.object({ ids: z.array(Id).min(1) }),
    output: z.object({ deleted: z.number().int() }),
    doc: 'Deletes documents with their highlights; notes on them stay, as free notes. Example: `{ ids: [5] }`.',
  }),
  'documents.outlets': method({
    input: Nothing,
    output: z.array(z.object({ outlet: z.string(), documents: z.number().int() })),
    doc: 'Every outlet with its number of documents, most first, for the outlet filter. Example: `{}`.',
  }),
  'documents.similar': method({
    input: z.object({ id: Id, limit: z.number().int().min(1).max(50).default(10) }),
    output: z.array(z.object({ id: Id, title: z.string(), score: z.number() })),
    doc: 'Documents sharing the most distinctive words with this one. Example: `{ id: 2, limit: 5 }`.',
  }),

  'search.query': method({
    input: SearchRequest,
    output: SearchResponse,
    doc:
      'Runs the query language (see README); an empty query lists every document. Several plain words list the documents ' +
      'with all of them (totalAll), then those with some (totalSome, each with `missing`); `all: true` keeps the first only. ' +
      'More than 12 plain words, or `passage: true`, look for the text as a passage (DocumentHit.passage). ' +
      'Example: `{ query: "wagner -cuba date:2019", limit: 50, sort: "relevance" }`; `{ query: "russian contractors havana", all: true }`.',
  }),
  'search.hits': method({
    input: z.object({ documentId: Id, query: z.string() }),
    output: z.object({ hits: z.array(HitRange), terms: z.array(z.string()) }),
    doc: 'Character offsets of every hit of a query in one document, for stepping through them. Example: `{ documentId: 2, query: "Ilyushin" }`.',
  }),
  'search.suggest': method({
    input: z.object({ prefix: z.string(), limit: z.number().int().min(1).max(50).default(8) }),
    output: z.array(z.object({ term: z.string(), documents: z.number().int() })),
    doc: 'Completions for a word being typed, most widespread first. Example: `{ prefix: "ilyu" }`.',
  }),

  'tags.list': method({ input: Nothing, output: z.array(Tag), doc: 'Every tag with its colour, parent and counts (sub-tags included). Example: `{}`.' }),
  'tags.create': method({
    input: z.object({ name: z.string(), color: Color.optional(), parentId: Id.nullable().optional() }),
    output: Tag,
    doc:
      'A new tag; the colour defaults to the next of the palette. A name with slashes is a path: `{ name: "flights/russia" }` ' +
      'finds or makes "flights", then "russia" under it, and gives "russia". Example: `{ name: "Claims", parentId: 3 }`.',
  }),
  'tags.rename': method({ input: z.object({ id: Id, name: z.string() }), output: Tag, doc: 'Renames a tag. Example: `{ id: 1, name: "Key claims" }`.' }),
  'tags.recolor': method({ input: z.object({ id: Id, color: Color }), output: Tag, doc: 'Recolours a tag. Example: `{ id: 1, color: "#e6194b" }`.' }),
  'tags.move': method({
    input: z.object({ id: Id, parentId: Id.nullable() }),
    output: Tag,
    doc: 'Moves a tag under another, or to the top with null. Example: `{ id: 4, parentId: null }`.',
  }),
  'tags.merge': method({
    input: z.object({ sourceId: Id, targetId: Id }),
    output: Tag,
    doc: 'Moves every use of one tag onto another and deletes the first. Example: `{ sourceId: 5, targetId: 2 }`.',
  }),
  'tags.delete': method({ input: ById, output: Ok, doc: 'Deletes a tag; documents, highlights and notes stay. Example: `{ id: 5 }`.' }),
  'tags.apply': method({
    input: z.object({ tagId: Id, documentIds: z.array(Id).default([]), highlightIds: z.array(Id).default([]) }),
    output: TagChange,
    doc: 'Puts a tag on documents and highlights; `changed` counts those that did not have it. Example: `{ tagId: 1, documentIds: [2, 3] }`.',
  }),
  'tags.remove': method({
    input: z.object({ tagId: Id, documentIds: z.array(Id).default([]), highlightIds: z.array(Id).default([]) }),
    output: TagChange,
    doc: 'Takes a tag off documents and highlights; `changed` counts those that had it. Example: `{ tagId: 1, highlightIds: [7] }`.',
  }),

  'highlights.list': method({
    input: z.object({ documentId: Id }),
    output: z.array(Highlight),
    doc: "A document's highlights in reading order, found again by quote if the text moved. Example: `{ documentId: 2 }`.",
  }),
  'highlights.get': method({ input: ById, output: Highlight, doc: 'One highlight, with where it is now in its document. Example: `{ id: 7 }`.' }),
  'highlights.create': method({
    input: z
      .object({
        documentId: Id,
        start: z.number().int().optional(),
        end: z.number().int().optional(),
        /** Instead of start and end: the exact passage, and which of its occurrences (from 1). */
        quote: z.string().min(1).optional(),
        occurrence: z.number().int().min(1).default(1),
        tagIds: z.array(Id).default([]),
      })
      .refine((h) => (h.quote === undefined) === (h.start !== undefined && h.end !== undefined), {
        message: 'give start and end, or a quote',
        path: ['start'],
      }),
    output: Highlight,
    doc:
      'Highlights characters [start, end) of a document, or the passage given as `quote` (its `occurrence`-th match). ' +
      'Example: `{ documentId: 2, start: 120, end: 180, tagIds: [1] }`, or by quote `{ documentId: 2, quote: "400 contractors" }`.',
  }),
  'highlights.delete': method({ input: ById, output: Ok, doc: 'Deletes a highlight; its notes stay with the document. Example: `{ id: 7 }`.' }),

  'notes.forDocument': method({
    input: z.object({ documentId: Id }),
    output: z.array(Note),
    doc: 'Notes on a document and on its highlights. Example: `{ documentId: 2 }`.',
  }),
  'notes.list': method({ input: Nothing, output: z.array(Note), doc: 'Every note, oldest first. Example: `{}`.' }),
  'notes.free': method({ input: Nothing, output: z.array(Note), doc: 'Notes attached to nothing, newest first. Example: `{}`.' }),
  'notes.get': method({ input: ById, output: Note, doc: 'One note. Example: `{ id: 3 }`.' }),
  'notes.create': method({
    input: z.object({ body: z.string(), documentId: Id.nullable().optional(), highlightId: Id.nullable().optional() }),
    output: Note,
    doc: 'A Markdown note, free or on a document or highlight; `[label](doc:12)` and `[label](hl:34)` link. Example: `{ body: "Compare [this](hl:4)", documentId: 2 }`.',
  }),
  'notes.update': method({ input: z.object({ id: Id, body: z.string() }), output: Note, doc: "Replaces a note's Markdown. Example: `{ id: 3, body: \"...\" }`." }),
  'notes.delete': method({ input: ById, output: Ok, doc: 'Deletes a note. Example: `{ id: 3 }`.' }),
  'notes.discard': method({
    input: ById,
    output: z.object({ discarded: z.boolean() }),
    doc:
      'Removes a note nobody wrote in (blank, or only the quote of its passage), with nothing to undo; a note with text ' +
      'is kept and `discarded` is false. Example: `{ id: 3 }`.',
  }),
  'notes.backlinks': method({
    input: NoteLink,
    output: z.array(z.object({ note: Note, via: NoteLink })),
    doc: 'Notes that link to a document (or its passages) or to a highlight. Example: `{ kind: "document", id: 2 }`.',
  }),

  'savedSearches.list': method({ input: Nothing, output: z.array(SavedSearch), doc: 'Saved searches by name. Example: `{}`.' }),
  'savedSearches.save': method({
    input: z.object({ name: z.string(), query: z.string() }),
    output: SavedSearch,
    doc: 'Saves a query under a name (replacing one of that name). Example: `{ name: "Flights", query: "Ilyushin OR Antonov" }`.',
  }),
  'savedSearches.delete': method({ input: ById, output: Ok, doc: 'Deletes a saved search. Example: `{ id: 1 }`.' }),

  'export.run': method({
    input: z.object({
      format: z.enum(['md', 'csv', 'json']),
      /** Only the highlights with this tag or a tag below it, the notes on them, and the documents tagged with it. */
      tagId: Id.optional(),
      /** Only the highlights and notes of the documents this search finds. */
      query: z.string().optional(),
      /** Only the highlights and notes of these documents (a selection); with a query, those of them it finds. */
      ids: z.array(Id).optional(),
    }),
    output: z.object({ fileName: z.string(), mimeType: z.string(), text: z.string() }),
    doc:
      'Highlights and notes as Markdown grouped by tag (links in notes cited with title, outlet, date and quote; documents listed with their tags), ' +
      'CSV or JSON; of everything, one tag, a search or a selection. Example: `{ format: "md", tagId: 3 }`, or `{ format: "md", query: "wagner", ids: [2, 4] }`.',
  }),

  'export.library': method({
    input: z.object({
      format: z.enum(['csl-json', 'bibtex', 'ris', 'library-csv']),
      /** The search whose results to export; empty or left out for the whole library. */
      query: z.string().optional(),
      /** Only these documents (a selection); with a query, those of them it finds. */
      ids: z.array(Id).optional(),
    }),
    output: z.object({ fileName: z.string(), mimeType: z.string(), text: z.string() }),
    doc: 'Citations (title, author, outlet, date, URL, date imported) as CSL-JSON, BibTeX or RIS for Zotero, or the library as CSV with tags, counts and the matched snippet; of a selection, a search or every document. Example: `{ format: "ris", query: "wagner" }`.',
  }),

  'export.qda': method({
    input: z.object({
      format: z.enum(['qdpx', 'qdc']),
      /** A project of the documents a search finds, or of those given; the codebook (.qdc) is always every tag. */
      query: z.string().optional(),
      ids: z.array(Id).min(1).optional(),
    }),
    output: z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string() }),
    doc: 'The workspace as a REFI-QDA project (.qdpx: documents, tags as codes, highlights as coded selections, notes) for ATLAS.ti, MAXQDA, NVivo, or its tags alone as a codebook (.qdc); the file comes base64-encoded. A project of a selection (`query`, `ids`) holds those documents, their highlights, the notes on them and the tags they use. Example: `{ format: "qdpx", ids: [2, 4] }`.',
  }),

  'import.paths': method({
    input: z.object({
      paths: z.array(z.string().min(1)).min(1),
      /** Files larger than this many MB are refused (default 64). */
      maxFileMb: z.number().positive().optional(),
    }),
    output: ImportSummary,
    doc: 'Imports files and folders by path (the desktop shell and the CLI, which have paths); `maxFileMb` raises or lowers the size limit. Progress comes as `import.progress` events. Example: `{ paths: ["/home/me/reports"], maxFileMb: 200 }`.',
  }),
  'import.upload': method({
    input: z.object({ files: z.array(UploadFile).min(1) }),
    output: ImportSummary,
    doc: 'Imports files sent with the call (the browser shell, which has no paths). Outcomes name the files as sent. Example: `{ files: [{ name: "a.txt", data: "SGVsbG8=" }] }`.',
  }),
  'import.cancel': method({ input: Nothing, output: Ok, doc: 'Stops the running import at once, inside the file being read (a scan before its next page); what was stored before stays, nothing of the stopped file. Example: `{}`.' }),
  'import.ocrLanguages': method({
    input: Nothing,
    output: OcrLanguages,
    doc: 'The OCR languages whose data is installed (code and name), and those this workspace reads photos and scans in. Example: `{}`.',
  }),
  'import.setOcrLanguages': method({
    input: z.object({ languages: z.array(z.string().min(1)).min(1) }),
    output: OcrLanguages,
    doc: 'Chooses the languages this workspace reads photos and scans in, among those installed (the CLI\'s --ocr-lang wins for its run). Example: `{ languages: ["eng", "fra"] }`.',
  }),
  ...workspaceMethods,
  ...analysisMethods,
  ...searchMethods,
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;
export const METHOD_NAMES: readonly MethodName[] = METHOD_LIST;

/** Events the engine pushes to the interface. */
export const events = {
  'import.progress': ImportProgress,
  /** An import finished, whoever started it (a drop, a menu, a dialog): its summary. */
  'import.done': ImportSummary,
  'workspace.changed': z.object({ kind: z.enum(['documents', 'tags', 'highlights', 'notes', 'savedSearches', 'analysis', 'workspace']) }),
  /** The cross-source analysis (passages, entities, figures, dates) working through new documents. */
  'analysis.progress': AnalysisProgress,
  /** A batch search (`search.batch`) working through its queries. */
  'batch.progress': BatchProgress,
  /** The daily backup of the open workspace could not be made (also in `workspaces.status`). */
  'backup.failed': BackupFailure,
  'index.ready': z.object({}),
  /** A menu command the desktop shell hands to the interface. */
  'ui.command': z.object({
    command: z.enum(COMMAND_IDS),
  }),
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;
export const EVENT_NAMES: readonly EventName[] = EVENT_LIST;

// The name lists and the contract must name the same methods and events, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameMethods: Same<MethodName, (typeof METHOD_LIST)[number]> = true;
const sameEvents: Same<EventName, (typeof EVENT_LIST)[number]> = true;
void sameMethods;
void sameEvents;

/** An error as it crosses a shell: a stable code and a message for people. */
export const ApiError = z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() });
export type ApiError = z.infer<typeof ApiError>;
