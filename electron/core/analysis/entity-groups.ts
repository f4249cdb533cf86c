/**
 * Name variants across the corpus brought together into entities: accents (Guaidó/Guaido),
 * a surname alone (Maduro) when the corpus names one person with it, a one-letter slip in a
 * first name (Dmitry/Dimitry Peskov); the user's merges and splits (entity_overrides) on top.
 * The mentions themselves are found in entities.ts.
 */
import nlp from 'compromise';
import type { Db } from '../db/open';
import { cleanName, nameKey, type EntityKind } from './entities';
import { ALIAS_KIND, ORGANIZATION_WORDS } from './entity-text';
import { withinOneEdit } from '../../shared/text/edit-distance';

function knownFirstName(key: string): boolean {
  if (!key.includes(' ')) return false;
  const tags = (nlp(key.split(' ')[0]!).json() as Array<{ terms: Array<{ tags: string[] }> }>)[0]?.terms[0]?.tags ?? [];
  return tags.includes('FirstName');
}

/** On a tie, the kind compromise is surest of: a place name is rarely anything else. */
const KIND_ORDER: Record<EntityKind, number> = { place: 0, organization: 1, person: 2 };

/**
 * One kind per entity, from the evidence across the corpus: a country's alias and an
 * organisation's word ("group", "ministry") decide; otherwise the kind most documents give.
 */
function decideKind(stat: KeyStat, votes: Map<EntityKind, number> | undefined, keys: string[] = [stat.key]): EntityKind {
  for (const k of keys) if (ALIAS_KIND[k]) return ALIAS_KIND[k];
  if ([...stat.surfaces.keys()].some((s) => ORGANIZATION_WORDS.test(s))) return 'organization';
  if (!votes || votes.size === 0) return stat.kind;
  return [...votes].sort((a, b) => b[1] - a[1] || KIND_ORDER[a[0]] - KIND_ORDER[b[0]])[0]![0];
}

export interface EntityGroup {
  /** The key that names the group: stable while its members are. */
  key: string;
  name: string;
  kind: EntityKind;
  members: string[];
}

interface KeyStat {
  key: string;
  kind: EntityKind;
  mentions: number;
  surfaces: Map<string, number>;
}

/** A name in capitals from a dateline ("LONDON"), not an acronym ("UK"). */
function shouted(surface: string): boolean {
  return surface.length > 4 && surface === surface.toUpperCase() && /\p{Lu}{5}/u.test(surface);
}

/** How many documents and mentions each mention key has, read in the same pass as the grouping. */
export type KeyCounts = Map<string, { docs: Set<number>; mentions: number }>;

/**
 * Groups the mention keys of the whole corpus into entities, with each key's documents and
 * mentions counted in the same pass (a second GROUP BY over every mention took a second at
 * 100,000 documents). The scans read the table in order (NOT INDEXED): through the key index
 * each row was a lookup of its own.
 */
export function groupAndCount(db: Db): { groups: EntityGroup[]; counts: KeyCounts } {
  const stats = new Map<string, KeyStat>();
  const counts: KeyCounts = new Map();
  // Each document votes once per key for the kind it gives most often: one short text added to the
  // corpus can sway a name no more than any other document does.
  const docVotes = new Map<string, Map<EntityKind, number>>();
  // In key and document order, so each document's rows for a key come together: its vote is
  // settled as the rows go by, with no map of every (key, document) pair.
  const perDoc = db
    .prepare('SELECT key, kind, document_id, count(*) FROM entity_mentions NOT INDEXED GROUP BY key, document_id, kind ORDER BY key, document_id')
    .raw();
  let key: string | null = null;
  let doc = -1;
  let best: EntityKind = 'place';
  let bestN = 0;
  let count = { docs: new Set<number>(), mentions: 0 };
  const vote = () => {
    if (key === null) return;
    const votes = docVotes.get(key) ?? docVotes.set(key, new Map()).get(key)!;
    votes.set(best, (votes.get(best) ?? 0) + 1);
  };
  for (const [k, kind, d, n] of perDoc.iterate() as Iterable<[string, EntityKind, number, number]>) {
    if (k !== key || d !== doc) {
      vote();
      if (k !== key) count = counts.get(k) ?? counts.set(k, { docs: new Set(), mentions: 0 }).get(k)!;
      key = k;
      doc = d;
      best = kind;
      bestN = n;
      count.docs.add(d);
    } else if (n > bestN || (n === bestN && KIND_ORDER[kind] < KIND_ORDER[best])) {
      best = kind;
      bestN = n;
    }
    count.mentions += n;
  }
  vote();
  for (const r of db.prepare('SELECT key, kind, surface, count(*) AS n FROM entity_mentions NOT INDEXED GROUP BY key, kind, surface').iterate() as Iterable<{ key: string; kind: EntityKind; surface: string; n: number }>) {
    const s = stats.get(r.key) ?? { key: r.key, kind: r.kind, mentions: 0, surfaces: new Map() };
    s.mentions += r.n;
    s.surfaces.set(r.surface, (s.surfaces.get(r.surface) ?? 0) + r.n);
    stats.set(r.key, s);
  }
  for (const s of stats.values()) s.kind = decideKind(s, docVotes.get(s.key));

  // Union-find over keys.
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let r = k;
    while (parent.get(r) !== undefined && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(k, r);
    return r;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(rb, ra);
  };
  const people = [...stats.values()].filter((s) => s.kind === 'person');
  const bySurname = new Map<string, KeyStat[]>();
  for (const p of people) {
    const parts = p.key.split(' ');
    if (parts.length < 2) continue;
    const last = parts[parts.length - 1]!;
    (bySurname.get(last) ?? bySurname.set(last, []).get(last)!).push(p);
  }
  for (const [surname, full] of bySurname) {
    // First names one slip apart are one person (Dmitry / Dimitry Peskov).
    for (let i = 0; i < full.length; i++) {
      for (let j = i + 1; j < full.length; j++) {
        const a = full[i]!.key.split(' ');
        const b = full[j]!.key.split(' ');
        if (a.length === b.length && a.slice(0, -1).every((w, x) => withinOneEdit(w, b[x]!))) union(full[i]!.key, full[j]!.key);
      }
    }
    // A surname alone joins the full name when the corpus has one person of that name.
    const alone = stats.get(surname);
    if (alone && new Set(full.map((f) => find(f.key))).size === 1) union(full[0]!.key, surname);
  }
  const overrides = db.prepare('SELECT key, entity_key AS target FROM entity_overrides').all() as Array<{ key: string; target: string }>;
  const overridden = new Map(overrides.map((o) => [o.key, o.target]));
  const groups = new Map<string, string[]>();
  for (const key of stats.keys()) {
    // The user's groups (every member carries an override) stand apart from the automatic ones.
    const target = overridden.get(key);
    const root = target === undefined ? `auto:${find(key)}` : `user:${target}`;
    (groups.get(root) ?? groups.set(root, []).get(root)!).push(key);
  }
  const out: EntityGroup[] = [];
  for (const members of groups.values()) {
    const all = members.map((m) => stats.get(m)!);
    // The name: the fullest form, then the most used, accents preferred.
    const longest = Math.max(...all.map((s) => s.key.split(' ').length));
    const surfaces = new Map<string, number>();
    for (const s of all.filter((x) => x.key.split(' ').length === longest)) for (const [surface, n] of s.surfaces) surfaces.set(surface, (surfaces.get(surface) ?? 0) + n);
    const byFold = new Map<string, number>();
    for (const [surface, n] of surfaces) byFold.set(nameKey(surface), (byFold.get(nameKey(surface)) ?? 0) + n);
    // The most used form; on a tie, the one whose first name compromise knows (Dmitry, not Dimitry).
    const topFold = [...byFold].sort((a, b) => b[1] - a[1] || Number(knownFirstName(b[0])) - Number(knownFirstName(a[0])))[0]![0];
    // Of the spellings of that form, the one with its accents (Nicolás), then the most used.
    const name = [...surfaces]
      .filter(([surface]) => nameKey(surface) === topFold)
      .sort((a, b) => Number(shouted(a[0])) - Number(shouted(b[0])) || Number(/[\u0080-\uffff]/.test(b[0])) - Number(/[\u0080-\uffff]/.test(a[0])) || b[1] - a[1])[0]![0];
    const votes = new Map<EntityKind, number>();
    for (const s of all) for (const [k, n] of docVotes.get(s.key) ?? []) votes.set(k, (votes.get(k) ?? 0) + n);
    const merged: KeyStat = { key: all[0]!.key, kind: all[0]!.kind, mentions: 0, surfaces: new Map(all.flatMap((s) => [...s.surfaces])) };
    const kind = decideKind(merged, votes, all.map((s) => s.key));
    const key = [...all].sort((a, b) => b.key.split(' ').length - a.key.split(' ').length || b.mentions - a.mentions)[0]!.key;
    out.push({ key, name, kind, members: members.sort() });
  }
  return { groups: out, counts };
}

const cache = new WeakMap<Db, { stamp: string; groups: EntityGroup[] }>();

/** What the groups were made from: they are kept until the mentions or the user's corrections change. */
export function groupsStamp(db: Db): string {
  return db
    .prepare("SELECT (SELECT count(*) FROM analyzed) || ':' || (SELECT coalesce(max(rowid), 0) FROM entity_mentions) || ':' || (SELECT coalesce(group_concat(key || '>' || entity_key), '') FROM entity_overrides)")
    .pluck()
    .get() as string;
}

export function cachedGroups(db: Db): EntityGroup[] {
  const stamp = groupsStamp(db);
  const hit = cache.get(db);
  if (hit && hit.stamp === stamp) return hit.groups;
  return groupedNow(db, stamp).groups;
}

/** Groups afresh, with each key's counts, and keeps the groups for cachedGroups. */
export function groupedNow(db: Db, stamp = groupsStamp(db)): { groups: EntityGroup[]; counts: KeyCounts } {
  const done = groupAndCount(db);
  cache.set(db, { stamp, groups: done.groups });
  return done;
}

/** The entity a name or key names: by its key, its name, or any of its variants. */
export function findEntity(db: Db, nameOrKey: string): EntityGroup | null {
  const key = nameKey(cleanName(nameOrKey));
  const groups = cachedGroups(db);
  return groups.find((g) => g.key === nameOrKey) ?? groups.find((g) => g.key === key) ?? groups.find((g) => g.members.includes(key)) ?? null;
}

export function documentsWithEntity(db: Db, nameOrKey: string): number[] {
  const entity = findEntity(db, nameOrKey);
  if (!entity) return [];
  return db.prepare('SELECT DISTINCT document_id FROM entity_mentions WHERE key IN (SELECT value FROM json_each(?))').pluck().all(JSON.stringify(entity.members)) as number[];
}
