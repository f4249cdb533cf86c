/**
 * The shapes the engine hands out, as zod schemas so that the API contract, the CLI's
 * --json output and the UI all agree. Offsets are UTF-16 code units into the body, the
 * same units as JavaScript string indices.
 */
import { z } from 'zod';

export const Id = z.number().int().positive();

/** yyyy, yyyy-mm or yyyy-mm-dd. */
export const PartialDate = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'a date as yyyy, yyyy-mm or yyyy-mm-dd');

/** An ISO 639-1 (or 639-3) language code, lower case: 'en', 'fr', 'pt'. */
export const Lang = z.string().regex(/^[a-z]{2,3}$/, 'a language code such as en, fr or pt');

export const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour as #rrggbb');

export const TagRef = z.object({ id: Id, name: z.string(), color: Color });
export type TagRef = z.infer<typeof TagRef>;

export const DocumentMeta = z.object({
  id: Id,
  title: z.string(),
  outlet: z.string().nullable(),
  author: z.string().nullable(),
  published: PartialDate.nullable(),
  url: z.string().nullable(),
  fileName: z.string().nullable(),
  format: z.string(),
  encoding: z.string().nullable(),
  sha256: z.string(),
  sizeBytes: z.number().int(),
  importedAt: z.string(),
  /** The document this one came inside (an e-mail, for an attachment). */
  parentId: Id.nullable(),
  /** ISO 639-1 language of the text ('en', 'fr'), detected at import; null when unknown. */
  lang: Lang.nullable(),
  tags: z.array(TagRef),
  /** Set when the text was recognised from images (OCR): a word may be misread. */
  ocr: z.object({ engine: z.string(), languages: z.string(), confidence: z.number() }).nullable(),
});
export type DocumentMeta = z.infer<typeof DocumentMeta>;

export const DocumentFull = DocumentMeta.extend({ body: z.string() });
export type DocumentFull = z.infer<typeof DocumentFull>;

export const MetadataPatch = z
  .object({
    title: z.string().trim().min(1, 'a title cannot be empty'),
    outlet: z.string().trim().nullable(),
    author: z.string().trim().nullable(),
    published: PartialDate.nullable(),
    url: z.string().trim().nullable(),
    lang: Lang.nullable(),
  })
  .partial();
export type MetadataPatch = z.infer<typeof MetadataPatch>;

export const Tag = z.object({
  id: Id,
  name: z.string(),
  color: Color,
  parentId: Id.nullable(),
  /** What the tag means, as a codebook defines a code; null when none was given. */
  description: z.string().nullable(),
  /** Documents tagged with this tag or any tag below it. */
  documentCount: z.number().int(),
  /** Highlights tagged with this tag or any tag below it. */
  highlightCount: z.number().int(),
});
export type Tag = z.infer<typeof Tag>;

export const Highlight = z.object({
  id: Id,
  documentId: Id,
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  quote: z.string(),
  prefix: z.string(),
  suffix: z.string(),
  /** False when the quote could no longer be found in the text. */
  anchored: z.boolean(),
  /** The page the passage starts on, for documents with pages (PDF); null otherwise. */
  page: z.number().int().positive().nullable(),
  tags: z.array(TagRef),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Highlight = z.infer<typeof Highlight>;

export const NoteLink = z.object({ kind: z.enum(['document', 'highlight']), id: Id });
export type NoteLink = z.infer<typeof NoteLink>;

export const Note = z.object({
  id: Id,
  body: z.string(),
  documentId: Id.nullable(),
  highlightId: Id.nullable(),
  links: z.array(NoteLink),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Marked to travel in hand-outs; notes without the mark are private and never leave. */
  handout: z.boolean(),
  /** Where the note came from (`hand-out “Course 1”`, `merged from laptop.workspace`); null for one's own. */
  origin: z.string().nullable(),
  /** A note that came with a hand-out: shown, never changed. */
  readonly: z.boolean(),
});
export type Note = z.infer<typeof Note>;

export const BackupInfo = z.object({
  /** The backup's full path. */
  file: z.string(),
  name: z.string(),
  createdAt: z.string(),
  /** Why it was made: open (daily), before-migration-N, before-merge, before-restore, manual. */
  reason: z.string(),
  bytes: z.number().int(),
});
export type BackupInfo = z.infer<typeof BackupInfo>;

/** What marks a file as a hand-out, and an adopted workspace as made from one. */
export const HandoutMark = z.object({ title: z.string(), createdAt: z.string(), from: z.string() });
export type HandoutMark = z.infer<typeof HandoutMark>;

export const HandoutSummary = z.object({
  file: z.string(),
  title: z.string(),
  bytes: z.number().int(),
  documents: z.number().int(),
  tags: z.number().int(),
  highlights: z.number().int(),
  notes: z.number().int(),
  /** Notes not marked for hand-out, which stayed behind. */
  privateNotesLeftOut: z.number().int(),
  /** A hand-out of an encrypted workspace is encrypted with the same passphrase. */
  encrypted: z.boolean(),
});
export type HandoutSummary = z.infer<typeof HandoutSummary>;

export const MergeSummary = z.object({
  /** The file merged from. */
  from: z.string(),
  /** Documents of the other workspace found here by the SHA-256 of their text. */
  documentsMatched: z.number().int(),
  added: z.object({ tags: z.number().int(), documentTags: z.number().int(), highlights: z.number().int(), highlightTags: z.number().int(), notes: z.number().int() }),
  /** Found here already, so not added again. */
  alreadyPresent: z.object({ highlights: z.number().int(), notes: z.number().int() }),
  /** Highlights placed by their quote and context because their offsets did not fit. */
  reanchored: z.number().int(),
  notPlaced: z.array(z.object({ kind: z.enum(['tag', 'highlight', 'note']), what: z.string(), reason: z.string() })),
  /** The backup made just before the merge. */
  backup: z.string().nullable(),
});
export type MergeSummary = z.infer<typeof MergeSummary>;

const DocRef = z.object({ id: Id, title: z.string(), outlet: z.string().nullable(), published: z.string().nullable() });

export const SharedPassage = z.object({
  id: Id,
  /** The passage in this document. */
  start: z.number().int(),
  end: z.number().int(),
  quote: z.string(),
  /** The document it is shared with, and where. */
  other: DocRef,
  otherStart: z.number().int(),
  otherEnd: z.number().int(),
  otherQuote: z.string(),
  /** 0–1: how much of the shorter sentence the other contains (copy), or their weighted word overlap (reworded). */
  score: z.number(),
  kind: z.enum(['copy', 'reworded']),
  /** The likely origin: this document's id, the other's, or null when nothing tells them apart. */
  origin: Id.nullable(),
});
export type SharedPassage = z.infer<typeof SharedPassage>;

export const EntityInfo = z.object({
  /** Stable name of the entity in the API (a mention key). */
  key: z.string(),
  name: z.string(),
  kind: z.enum(['person', 'organization', 'place']),
  documents: z.number().int(),
  mentions: z.number().int(),
  /** The mention keys merged into it ("maduro", "nicolas maduro"). */
  variants: z.array(z.string()),
});
export type EntityInfo = z.infer<typeof EntityInfo>;

export const EntityMention = z.object({ documentId: Id, start: z.number().int(), end: z.number().int(), surface: z.string() });
export type EntityMention = z.infer<typeof EntityMention>;

export const FigureRow = z.object({
  id: Id,
  documentId: Id,
  title: z.string(),
  outlet: z.string().nullable(),
  published: z.string().nullable(),
  start: z.number().int(),
  end: z.number().int(),
  text: z.string(),
  value: z.number(),
  qualifier: z.string().nullable(),
  counted: z.string().nullable(),
  /** What the figure is about, for comparing claims: "mercenary", "killed". */
  subject: z.string().nullable(),
  /** The claim it makes, across outlets: "Russians" for 100 mercenaries, 400 contractors and 2,000 nationals. */
  about: z.string().nullable(),
  /** Whether documents from different outlets, telling one story, give different numbers for the same `about` (never a generic noun alone). */
  disputed: z.boolean(),
});
export type FigureRow = z.infer<typeof FigureRow>;

export const Timeline = z.object({
  published: z.array(z.object({ month: z.string(), count: z.number().int() })),
  /** Documents whose date is a year only. */
  yearOnly: z.array(z.object({ year: z.string(), count: z.number().int() })),
  mentioned: z.array(z.object({ month: z.string(), count: z.number().int() })),
  undated: z.object({ count: z.number().int(), documents: z.array(z.object({ id: Id, title: z.string(), outlet: z.string().nullable() })) }),
  /**
   * Per month (YYYY-MM), what stands behind its bars: the documents published then and the
   * dates the texts mention in it, each with its day where the text gives one (at most 100 of
   * each per month; the counts are complete).
   */
  periods: z.array(
    z.object({
      month: z.string(),
      documentCount: z.number().int(),
      documents: z.array(z.object({ id: Id, title: z.string(), outlet: z.string().nullable(), published: z.string() })),
      mentionCount: z.number().int(),
      mentions: z.array(
        z.object({ documentId: Id, title: z.string(), outlet: z.string().nullable(), date: z.string(), text: z.string(), start: z.number().int(), end: z.number().int() }),
      ),
    }),
  ),
});
export type Timeline = z.infer<typeof Timeline>;

export const AnalysisProgress = z.object({ done: z.number().int(), total: z.number().int() });

export const UndoEntry = z.object({ id: Id, label: z.string(), createdAt: z.string() });
export type UndoEntry = z.infer<typeof UndoEntry>;

export const SavedSearch = z.object({ id: Id, name: z.string(), query: z.string(), createdAt: z.string() });
export type SavedSearch = z.infer<typeof SavedSearch>;

export const Snippet = z.object({
  text: z.string(),
  /** [start, end) of each matched term within `text`. */
  marks: z.array(z.tuple([z.number().int(), z.number().int()])),
});
export type Snippet = z.infer<typeof Snippet>;

export const MatchField = z.enum(['body', 'title', 'outlet', 'author', 'tags', 'highlights', 'notes']);
export type MatchField = z.infer<typeof MatchField>;

export const DocumentHit = z.object({
  id: Id,
  fileName: z.string().nullable(),
  title: z.string(),
  outlet: z.string().nullable(),
  author: z.string().nullable(),
  published: z.string().nullable(),
  url: z.string().nullable(),
  score: z.number(),
  snippet: Snippet,
  matchedIn: z.array(MatchField),
  tags: z.array(TagRef),
  /**
   * The query's words this document lacks, as typed ("obeyed"): empty when it has them all.
   * Only a query of plain words ranks documents that lack some of them.
   */
  missing: z.array(z.string()),
  /** For a passage search: where the pasted passage (or a lightly reworded one) stands in this document. */
  passage: z.object({ start: z.number().int(), end: z.number().int(), score: z.number() }).optional(),
});
export type DocumentHit = z.infer<typeof DocumentHit>;

export const NoteHit = z.object({ id: Id, documentId: Id.nullable(), highlightId: Id.nullable(), score: z.number(), snippet: Snippet });
export type NoteHit = z.infer<typeof NoteHit>;

/** One of your highlights whose quote or tags match the query. */
export const HighlightHit = z.object({
  id: Id,
  documentId: Id,
  documentTitle: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  score: z.number(),
  snippet: Snippet,
  tags: z.array(TagRef),
});
export type HighlightHit = z.infer<typeof HighlightHit>;

export const SortKey = z.enum(['relevance', 'date', 'title', 'outlet']);
export type SortKey = z.infer<typeof SortKey>;

export const SearchRequest = z.object({
  query: z.string(),
  limit: z.number().int().min(1).max(1000).default(50),
  offset: z.number().int().min(0).default(0),
  sort: SortKey.default('relevance'),
  order: z.enum(['asc', 'desc']).optional(),
  /** Leave boilerplate out: a document found only in its donation box or comments does not count. */
  clean: z.boolean().default(false),
  /**
   * Keep only the documents with every word. By default a query of several plain words also
   * lists, after those, the documents that hold only some of them.
   */
  all: z.boolean().default(false),
  /**
   * Look for the query as a passage: the documents holding the same text or a lightly
   * reworded one, best first, each with the place (DocumentHit.passage). A query of more
   * than 12 plain words is searched this way too.
   */
  passage: z.boolean().default(false),
});
export type SearchRequest = z.input<typeof SearchRequest>;

export const SearchResponse = z.object({
  query: z.string(),
  /** Every document listed: totalAll + totalSome. */
  total: z.number().int(),
  /** Documents with every word of the query (or matching it exactly, for the query language). */
  totalAll: z.number().int(),
  /** Documents with only some of the words, listed after the others; 0 when the query asks for all. */
  totalSome: z.number().int(),
  documents: z.array(DocumentHit),
  notes: z.array(NoteHit),
  highlights: z.array(HighlightHit),
  /** The exact terms searched for, prefix and fuzzy ones expanded: what a reader marks. */
  terms: z.array(z.string()),
  /**
   * True while the index of titles, tags and notes is still loading after the workspace
   * opened: these results come from the document texts alone. Search again when the
   * workspace reports the index ready.
   */
  partial: z.boolean(),
});
export type SearchResponse = z.infer<typeof SearchResponse>;

export const HitRange = z.object({ start: z.number().int(), end: z.number().int() });
export type HitRange = z.infer<typeof HitRange>;

export const ImportOutcome = z.object({
  path: z.string(),
  /** `skipped`: a kind of file the workbench does not read (`.json`, `.mp3`); nothing was wrong with it. */
  status: z.enum(['imported', 'duplicate', 'failed', 'skipped']),
  documentIds: z.array(Id),
  duplicateOf: Id.nullable(),
  reason: z.string().nullable(),
  title: z.string().nullable(),
});
export type ImportOutcome = z.infer<typeof ImportOutcome>;

export const ImportSummary = z.object({
  files: z.number().int(),
  imported: z.number().int(),
  duplicates: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  cancelled: z.boolean(),
  bytes: z.number().int(),
  outcomes: z.array(ImportOutcome),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

export const ImportProgress = z.object({
  filesDone: z.number().int(),
  filesTotal: z.number().int(),
  bytesDone: z.number().int(),
  bytesTotal: z.number().int(),
  currentPath: z.string().nullable(),
  /** The page being read by OCR in a photo or scanned PDF ("OCR page 3 of 40"), while one is. */
  ocr: z.object({ path: z.string(), page: z.number().int(), pages: z.number().int() }).nullable().optional(),
});
export type ImportProgress = z.infer<typeof ImportProgress>;

/** The languages whose OCR data is installed with the app, and those the workspace's imports read in. */
export const OcrLanguages = z.object({
  installed: z.array(z.object({ code: z.string(), name: z.string() })),
  chosen: z.array(z.string()).min(1),
});
export type OcrLanguages = z.infer<typeof OcrLanguages>;
