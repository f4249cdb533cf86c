import { ErrorCode, WorkbenchError, notFound } from '../../shared/errors';
import type { EntityInfo, EntityMention, FigureRow, SharedPassage, Timeline } from '../../shared/schemas';
import { claimAbout, comparableClaim } from '../../shared/text/figures';
import type * as Entities from '../analysis/entity-groups';
import type { EntityGroup } from '../analysis/entity-groups';
import type { Db } from '../db/open';

interface DocRow {
  id: number;
  title: string;
  outlet: string | null;
  published: string | null;
  length: number;
}

/** Whether date a is before b, when both are precise enough to tell ("2019" and "2019-01-26" are not). */
function earlier(a: string | null, b: string | null): -1 | 0 | 1 {
  if (!a || !b) return 0;
  const n = Math.min(a.length, b.length);
  if (a.slice(0, n) === b.slice(0, n)) return 0;
  return a < b ? -1 : 1;
}

/** The cross-source analysis, read: shared passages, entities, figures and the timeline. */
export class AnalysisService {
  constructor(
    private readonly db: Db,
    private readonly changed: () => void,
  ) {}

  private docs(ids: number[]): Map<number, DocRow> {
    const rows = this.db
      .prepare('SELECT id, title, outlet, published, length(body) AS length FROM documents WHERE id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify([...new Set(ids)])) as DocRow[];
    return new Map(rows.map((r) => [r.id, r]));
  }

  /**
   * What a document shares with others, in its reading order, each with the likely origin:
   * the earlier dated document, else the one where the passage stands in the longer context.
   */
  passagesFor(documentId: number, otherId?: number): SharedPassage[] {
    if (this.db.prepare('SELECT 1 FROM documents WHERE id = ?').pluck().get(documentId) !== 1) throw notFound('document', documentId);
    const rows = this.db
      .prepare(
        `SELECT id, doc_a, a_start, a_end, doc_b, b_start, b_end, score, kind FROM shared_passages
         WHERE (doc_a = ? AND (? IS NULL OR doc_b = ?)) OR (doc_b = ? AND (? IS NULL OR doc_a = ?))`,
      )
      .all(documentId, otherId ?? null, otherId ?? null, documentId, otherId ?? null, otherId ?? null) as Array<{
      id: number;
      doc_a: number;
      a_start: number;
      a_end: number;
      doc_b: number;
      b_start: number;
      b_end: number;
      score: number;
      kind: 'copy' | 'reworded';
    }>;
    const docs = this.docs(rows.flatMap((r) => [r.doc_a, r.doc_b]));
    const body = this.db.prepare('SELECT substr(body, ? + 1, ? - ?) FROM documents WHERE id = ?').pluck();
    const out = rows.map((r): SharedPassage => {
      const mine = r.doc_a === documentId;
      const [start, end, other, oStart, oEnd] = mine ? [r.a_start, r.a_end, r.doc_b, r.b_start, r.b_end] : [r.b_start, r.b_end, r.doc_a, r.a_start, r.a_end];
      const me = docs.get(documentId)!;
      const them = docs.get(other)!;
      let origin: number | null;
      const byDate = earlier(me.published, them.published);
      if (byDate !== 0) origin = byDate < 0 ? documentId : other;
      else {
        // The same passage is longer where it was written first; then the longer document.
        const mineLen = end - start;
        const theirLen = oEnd - oStart;
        origin = mineLen !== theirLen ? (mineLen > theirLen ? documentId : other) : me.length !== them.length ? (me.length > them.length ? documentId : other) : null;
      }
      return {
        id: r.id,
        start,
        end,
        quote: body.get(start, end, start, documentId) as string,
        other: { id: other, title: them.title, outlet: them.outlet, published: them.published },
        otherStart: oStart,
        otherEnd: oEnd,
        otherQuote: body.get(oStart, oEnd, oStart, other) as string,
        score: r.score,
        kind: r.kind,
        origin,
      };
    });
    return out.sort((a, b) => a.start - b.start || a.other.id - b.other.id);
  }

  /**
   * The grouping of names uses the analysis's language rules (compromise, slow to load):
   * loaded by the first entity call, not with the workspace.
   */
  private grouping: typeof Entities | null = null;

  private async groups(): Promise<typeof Entities> {
    return (this.grouping ??= await import('../analysis/entity-groups'));
  }

  /** People, organisations and places, with how many documents and mentions each has; most documents first. */
  async entities(limit = 500): Promise<EntityInfo[]> {
    const { groupsStamp, groupedNow } = await this.groups();
    // Grouping and counting every mention takes a second or two at 100k documents: kept until they change.
    const stamp = groupsStamp(this.db);
    if (this.entityCache?.stamp !== stamp) this.entityCache = { stamp, list: this.countEntities(groupedNow(this.db, stamp)) };
    return this.entityCache.list.slice(0, limit);
  }

  private entityCache: { stamp: string; list: EntityInfo[] } | null = null;

  private countEntities({ groups, counts: perKey }: { groups: EntityGroup[]; counts: Entities.KeyCounts }): EntityInfo[] {
    return groups
      .map((g) => {
        const docs = new Set<number>();
        let mentions = 0;
        for (const m of g.members) {
          const s = perKey.get(m);
          if (!s) continue;
          s.docs.forEach((d) => docs.add(d));
          mentions += s.mentions;
        }
        return { key: g.key, name: g.name, kind: g.kind, documents: docs.size, mentions, variants: g.members };
      })
      .sort((a, b) => b.documents - a.documents || b.mentions - a.mentions || a.name.localeCompare(b.name));
  }

  private async entity(key: string): Promise<EntityGroup> {
    const e = (await this.groups()).findEntity(this.db, key);
    if (!e) throw new WorkbenchError(ErrorCode.NotFound, `No entity "${key}".`, { key });
    return e;
  }

  /** Where an entity is mentioned, in one document or in all. */
  async mentions(key: string, documentId?: number): Promise<EntityMention[]> {
    const e = await this.entity(key);
    return this.db
      .prepare(
        `SELECT document_id AS documentId, start_offset AS start, end_offset AS "end", surface FROM entity_mentions
         WHERE key IN (SELECT value FROM json_each(?)) AND (? IS NULL OR document_id = ?) ORDER BY document_id, start_offset`,
      )
      .all(JSON.stringify(e.members), documentId ?? null, documentId ?? null) as EntityMention[];
  }

  /** Merges entities by hand: every variant of each goes to the first. */
  async merge(keys: string[]): Promise<EntityInfo> {
    if (keys.length < 2) throw new WorkbenchError(ErrorCode.InvalidInput, 'keys: name at least two entities to merge.', { field: 'keys' });
    const [target, ...rest] = await Promise.all(keys.map((k) => this.entity(k)));
    const put = this.db.prepare('INSERT INTO entity_overrides (key, entity_key) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET entity_key = excluded.entity_key');
    this.db.transaction(() => {
      for (const e of [target!, ...rest]) for (const m of e!.members) put.run(m, target!.members[0]!);
    })();
    this.changed();
    return (await this.entities(100_000)).find((e) => e.variants.includes(target!.members[0]!))!;
  }

  /** Splits one variant (a mention key) out of its entity, into an entity of its own. */
  async split(variant: string): Promise<EntityInfo> {
    const e = await this.entity(variant);
    if (!e.members.includes(variant)) throw new WorkbenchError(ErrorCode.InvalidInput, `variant: "${variant}" is an entity, not one of its variants; give a variant (${e.members.join(', ')}).`, { field: 'variant' });
    if (e.members.length === 1) throw new WorkbenchError(ErrorCode.InvalidInput, `variant: "${variant}" is already an entity of its own.`, { field: 'variant' });
    const put = this.db.prepare('INSERT INTO entity_overrides (key, entity_key) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET entity_key = excluded.entity_key');
    this.db.transaction(() => {
      put.run(variant, variant);
      // The rest stay together even if the automatic grouping would have hung them on this one.
      const rest = e.members.filter((m) => m !== variant);
      for (const m of rest) put.run(m, rest[0]!);
    })();
    this.changed();
    return (await this.entities(100_000)).find((x) => x.variants.includes(variant))!;
  }

  /** Every figure with its document, grouped so claims about the same thing sit together. */
  figures(limit = 5000): FigureRow[] {
    const rows = this.figureRows(limit).map((f) => ({ ...f, about: claimAbout(f.counted, f.subject), disputed: false }));
    // Outlets disagree where one claim has several numbers from more than one source.
    const byClaim = new Map<string, typeof rows>();
    for (const f of rows) if (f.about) (byClaim.get(f.about) ?? byClaim.set(f.about, []).get(f.about)!).push(f);
    // Outlets disagree where two of them give different numbers for one claim in texts about the
    // same story: they share a passage, or at least two names that each of them repeats. One
    // name in common ("Syria", "United States") is not a story; nor is a generic noun ("people").
    const sameStory = this.storyTest();
    for (const [about, group] of byClaim) {
      if (!comparableClaim(about)) continue;
      // The first few hundred claims of a subject are compared pairwise; enough to show a dispute.
      group.splice(300);
      for (let i = 0; i < group.length; i++) {
        for (let j = i + 1; j < group.length; j++) {
          const a = group[i]!;
          const b = group[j]!;
          if (a.value === b.value || (a.outlet ?? `#${a.documentId}`) === (b.outlet ?? `#${b.documentId}`)) continue;
          if (sameStory(a.documentId, b.documentId)) a.disputed = b.disputed = true;
        }
      }
    }
    return rows;
  }

  /** Whether two documents tell the same story: a shared passage, or two names both repeat. */
  private storyTest(): (a: number, b: number) => boolean {
    const repeated = this.db.prepare('SELECT key FROM entity_mentions WHERE document_id = ? GROUP BY key HAVING count(*) >= 2').pluck();
    const shared = this.db.prepare('SELECT 1 FROM shared_passages WHERE (doc_a = ? AND doc_b = ?) OR (doc_a = ? AND doc_b = ?) LIMIT 1').pluck();
    const namesOf = new Map<number, Set<string>>();
    const names = (id: number) => namesOf.get(id) ?? namesOf.set(id, new Set(repeated.all(id) as string[])).get(id)!;
    return (a, b) => {
      if (a === b || shared.get(a, b, b, a) === 1) return true;
      const theirs = names(b);
      let common = 0;
      for (const k of names(a)) if (theirs.has(k) && ++common >= 2) return true;
      return false;
    };
  }

  private figureRows(limit: number): Array<Omit<FigureRow, 'about' | 'disputed'>> {
    return this.db
      .prepare(
        `SELECT f.id, f.document_id AS documentId, d.title, d.outlet, d.published, f.start_offset AS start, f.end_offset AS "end",
                f.text, f.value, f.qualifier, f.counted, f.subject
         FROM figures f JOIN documents d ON d.id = f.document_id
         WHERE f.subject IN (SELECT subject FROM figures WHERE subject IS NOT NULL GROUP BY subject ORDER BY count(DISTINCT document_id) DESC, subject LIMIT ?)
            OR (f.subject IS NULL AND ? > 0)
         ORDER BY f.subject IS NULL, f.subject, f.value, d.published
         LIMIT ?`,
      )
      .all(Math.max(1, Math.floor(limit / 5)), 1, limit) as Array<Omit<FigureRow, 'about' | 'disputed'>>;
  }

  /** Documents by published month, dates mentioned by month, and the documents with no date. */
  timeline(): Timeline {
    const published = this.db
      .prepare("SELECT substr(published, 1, 7) AS month, count(*) AS count FROM documents WHERE length(published) >= 7 GROUP BY month ORDER BY month")
      .all() as Array<{ month: string; count: number }>;
    const yearOnly = this.db.prepare('SELECT published AS year, count(*) AS count FROM documents WHERE length(published) = 4 GROUP BY year ORDER BY year').all() as Array<{ year: string; count: number }>;
    const mentioned = this.db.prepare('SELECT substr(date, 1, 7) AS month, count(*) AS count FROM mentioned_dates GROUP BY month ORDER BY month').all() as Array<{ month: string; count: number }>;
    const undated = this.db.prepare('SELECT id, title, outlet FROM documents WHERE published IS NULL ORDER BY id').all() as Array<{ id: number; title: string; outlet: string | null }>;
    return { published, yearOnly, mentioned, undated: { count: undated.length, documents: undated.slice(0, 200) }, periods: this.periods(published, mentioned) };
  }

  /** The documents and mentions behind each month of the timeline, so a bar leads to what it counts. */
  private periods(published: Array<{ month: string; count: number }>, mentioned: Array<{ month: string; count: number }>): Timeline['periods'] {
    const docs = this.db.prepare(
      // A range on the month ('2019-01' up to '2019-01~') uses the indexes; substr() read every row of
      // the table for each month (9.5 s for 1,188 months at 100,000 documents).
      "SELECT id, title, outlet, published FROM documents WHERE published >= :month AND published < :month || '~' ORDER BY published, id LIMIT 100",
    );
    const dates = this.db.prepare(
      `SELECT m.document_id AS documentId, d.title, d.outlet, m.date, m.text, m.start_offset AS start, m.end_offset AS "end"
       FROM mentioned_dates m JOIN documents d ON d.id = m.document_id WHERE m.date >= :month AND m.date < :month || '~'
       ORDER BY m.date, m.document_id, m.start_offset LIMIT 100`,
    );
    const months = new Map<string, { documentCount: number; mentionCount: number }>();
    for (const p of published) months.set(p.month, { documentCount: p.count, mentionCount: 0 });
    for (const m of mentioned) months.set(m.month, { documentCount: months.get(m.month)?.documentCount ?? 0, mentionCount: m.count });
    return [...months.entries()]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([month, counts]) => ({
        month,
        documentCount: counts.documentCount,
        documents: counts.documentCount ? (docs.all({ month }) as Timeline['periods'][number]['documents']) : [],
        mentionCount: counts.mentionCount,
        mentions: counts.mentionCount ? (dates.all({ month }) as Timeline['periods'][number]['mentions']) : [],
      }));
  }

  /** How far the analysis has got: documents done of all. */
  status(): { analyzed: number; documents: number } {
    return {
      analyzed: this.db.prepare('SELECT count(*) FROM analyzed').pluck().get() as number,
      documents: this.db.prepare('SELECT count(*) FROM documents').pluck().get() as number,
    };
  }
}
