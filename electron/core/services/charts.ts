import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { OutletTimeline, TagsByOutlet } from '../../shared/api/contract-analysis';

/** Outlets drawn one by one in the timeline; the rest are summed as "Other outlets". */
export const TIMELINE_OUTLETS = 8;

/** Figures for the charts researchers ask for: tags against outlets, and publication over time by outlet. */
export class ChartsService {
  constructor(private readonly db: Database) {}

  /**
   * How many documents of each outlet carry each tag, on the document or on one of its
   * highlights; a tag counts its sub-tags, as the tag list does.
   */
  tagsByOutlet(): TagsByOutlet {
    const cells = this.db
      .prepare(
        `WITH RECURSIVE anc(tag_id, ancestor_id) AS (
           SELECT id, id FROM tags UNION SELECT t.id, anc.ancestor_id FROM tags t JOIN anc ON t.parent_id = anc.tag_id
         ),
         used(document_id, tag_id) AS (
           SELECT document_id, tag_id FROM document_tags
           UNION SELECT h.document_id, ht.tag_id FROM highlight_tags ht JOIN highlights h ON h.id = ht.highlight_id
         )
         SELECT anc.ancestor_id AS tagId, d.outlet AS outlet, count(DISTINCT used.document_id) AS documents
         FROM used JOIN anc ON anc.tag_id = used.tag_id JOIN documents d ON d.id = used.document_id
         GROUP BY anc.ancestor_id, d.outlet`,
      )
      .all() as TagsByOutlet['cells'];
    const tags = this.db.prepare('SELECT id, name, color FROM tags ORDER BY name COLLATE NOCASE').all() as TagsByOutlet['tags'];
    const outlets = this.db
      .prepare('SELECT outlet, count(*) AS documents FROM documents GROUP BY outlet ORDER BY count(*) DESC, outlet COLLATE NOCASE')
      .all() as TagsByOutlet['outlets'];
    return { tags, outlets, cells };
  }

  /** Documents published each month, per outlet: the largest outlets one by one, the others summed. */
  outletTimeline(): OutletTimeline {
    const rows = this.db
      .prepare(
        `SELECT substr(published, 1, 7) AS month, outlet, count(*) AS n FROM documents
         WHERE published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' GROUP BY month, outlet ORDER BY month`,
      )
      .all() as Array<{ month: string; outlet: string | null; n: number }>;
    const totals = new Map<string | null, number>();
    for (const r of rows) totals.set(r.outlet, (totals.get(r.outlet) ?? 0) + r.n);
    const ranked = [...totals].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])));
    const named = ranked.slice(0, TIMELINE_OUTLETS).map(([o]) => o);
    const others = ranked.length > TIMELINE_OUTLETS;
    const months = [...new Set(rows.map((r) => r.month))];
    const at = new Map(months.map((m, i) => [m, i]));
    const series = [...named.map((outlet) => ({ outlet, other: false })), ...(others ? [{ outlet: null, other: true }] : [])].map((s) => ({
      ...s,
      counts: months.map(() => 0),
    }));
    for (const r of rows) {
      const i = named.indexOf(r.outlet);
      const s = i >= 0 ? series[i]! : series[series.length - 1]!;
      s.counts[at.get(r.month)!]! += r.n;
    }
    return { months, series };
  }
}
