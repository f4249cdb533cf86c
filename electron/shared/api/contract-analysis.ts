/**
 * The contract's methods for the cross-source analysis: shared passages, entities,
 * figures and the timeline. Spread into `contract` in contract.ts.
 */
import { z } from 'zod';
import { EntityInfo, EntityMention, FigureRow, Id, SharedPassage, Timeline } from '../schemas';
import { method } from './define';

const Nothing = z.object({}).strict().default({});

export const TagsByOutlet = z.object({
  tags: z.array(z.object({ id: Id, name: z.string(), color: z.string() })),
  /** Every outlet with its number of documents; `null` for documents with no outlet. */
  outlets: z.array(z.object({ outlet: z.string().nullable(), documents: z.number().int() })),
  /** Documents of an outlet carrying a tag (or one of its sub-tags), on the document or a highlight. */
  cells: z.array(z.object({ tagId: Id, outlet: z.string().nullable(), documents: z.number().int() })),
});
export type TagsByOutlet = z.infer<typeof TagsByOutlet>;

export const OutletTimeline = z.object({
  /** Months with at least one dated document, in order (yyyy-mm). */
  months: z.array(z.string()),
  /** One series per outlet, aligned with `months`; the smaller outlets summed in one with `other: true`. */
  series: z.array(z.object({ outlet: z.string().nullable(), other: z.boolean(), counts: z.array(z.number().int()) })),
});
export type OutletTimeline = z.infer<typeof OutletTimeline>;

export const analysisMethods = {
  'analysis.status': method({
    input: Nothing,
    output: z.object({ analyzed: z.number().int(), documents: z.number().int() }),
    doc: 'How many documents the analysis has been through, of all; it runs in the background after each import. Example: `{}`.',
  }),
  'analysis.passages': method({
    input: z.object({ documentId: Id, otherId: Id.optional() }),
    output: z.array(SharedPassage),
    doc: 'The passages a document shares with others (or with `otherId` only), in reading order, each with its likely origin. Example: `{ documentId: 3, otherId: 2 }`.',
  }),
  'analysis.entities': method({
    input: z.object({ limit: z.number().int().min(1).max(100_000).default(500) }).default({ limit: 500 }),
    output: z.array(EntityInfo),
    doc: 'People, organisations and places with their document counts, name variants merged; most documents first. Example: `{ limit: 100 }`.',
  }),
  'analysis.mentions': method({
    input: z.object({ key: z.string().min(1), documentId: Id.optional() }),
    output: z.array(EntityMention),
    doc: 'Where an entity (by key or name) is mentioned, in one document or all. Example: `{ key: "nicolas maduro", documentId: 2 }`.',
  }),
  'analysis.mergeEntities': method({
    input: z.object({ keys: z.array(z.string().min(1)).min(2) }),
    output: EntityInfo,
    doc: 'Merges entities by hand into the first; kept when the analysis runs again. Example: `{ keys: ["wagner", "pmc wagner"] }`.',
  }),
  'analysis.splitEntity': method({
    input: z.object({ variant: z.string().min(1) }),
    output: EntityInfo,
    doc: 'Splits one name variant out of its entity into one of its own. Example: `{ variant: "maduro" }`.',
  }),
  'analysis.figures': method({
    input: z.object({ limit: z.number().int().min(1).max(100_000).default(5000) }).default({ limit: 5000 }),
    output: z.array(FigureRow),
    doc: 'Numbers with what they count, their scale applied (6.4 million = 6400000), per document, grouped by what they are about (the subjects most documents speak of first), each with the claim it makes (`about`: "Russians" for mercenaries, contractors and nationals) and whether outlets disagree on it (`disputed`). Example: `{ limit: 2000 }`.',
  }),
  'analysis.timeline': method({
    input: Nothing,
    output: Timeline,
    doc: 'Documents by published month, dates their texts mention by month, the documents with no date, and per month (`periods`) the documents and the mentions behind its bars, each mention with its day where the text gives one. Example: `{}`.',
  }),
  'analysis.tagsByOutlet': method({
    input: Nothing,
    output: TagsByOutlet,
    doc: 'How many documents of each outlet carry each tag, for a heat table. Example: `{}` gives `{ tags: [{ id: 1, name: "claims", color: "#e6194b" }], outlets: [{ outlet: "BBC", documents: 4 }], cells: [{ tagId: 1, outlet: "BBC", documents: 2 }] }`.',
  }),
  'analysis.outletTimeline': method({
    input: Nothing,
    output: OutletTimeline,
    doc: 'Documents published each month by outlet (the 8 largest, the rest summed). Example: `{}` gives `{ months: ["2019-01"], series: [{ outlet: "BBC", other: false, counts: [3] }] }`.',
  }),
} as const;
