/**
 * People, organisations and places, found offline by compromise (its lexicon ships in the
 * package; nothing is downloaded), and name variants brought together: accents
 * (Guaidó/Guaido), titles (President Nicolás Maduro), a surname alone (Maduro) when the
 * corpus names one person with it, a one-letter slip in a first name (Dmitry/Dimitry
 * Peskov), and "the … group" (Wagner, the Wagner group, Wagner Group). The user's merges
 * and splits (entity_overrides) are applied on top and survive re-analysis.
 */
import nlp from 'compromise';
import { fold, tokenSpans } from '../../shared/text/normalize';
import type { Db } from '../db/open';

export type EntityKind = 'person' | 'organization' | 'place';

export interface Mention {
  start: number;
  end: number;
  surface: string;
  kind: EntityKind;
  key: string;
}

const TITLES =
  /^(?:(?:the|president|vice[- ]president|prime minister|minister|foreign minister|defen[cs]e minister|kremlin spokesman|spokesman|spokeswoman|spokesperson|leader|opposition leader|general|gen\.?|col\.?|colonel|mr\.?|mrs\.?|ms\.?|dr\.?|senator|sen\.?|rep\.?|secretary|secretary of state|ambassador|chairman|ceo|adviser|advisor|commander|sheikh|king|queen)\s+)+/i;
/** Capitalised words before a surname that are not a first name. */
const STOP_BEFORE = new Set(['the', 'but', 'and', 'as', 'when', 'while', 'if', 'that', 'said', 'says', 'by', 'for', 'with', 'of', 'in', 'on', 'to', 'from', 'after', 'before', 'president', 'leader', 'spokesman', 'minister', 'general', 'mr', 'mrs', 'ms', 'dr', 'senator', 'under', 'against', 'how', 'why', 'what', 'where', 'who']);
/** Longest text compromise is given per document; its cost grows with length. */
const MAX_CHARS = 200_000;

/** The name as written, without markup, possessive, title or surrounding punctuation. */
export function cleanName(surface: string): string {
  return surface
    .replace(/[*_#[\]()“”"]/g, ' ')
    .replace(/[’']s\b/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
    .replace(TITLES, '');
}

/** What variants of one name share: folded, and for organisations without "group". */
export function nameKey(name: string): string {
  return fold(name)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '')
    .replace(/ (group|grupo|company|organization|organisation)$/, '');
}

/**
 * Mentions in one document. `surnames` are the last names of people found anywhere in the
 * corpus: a surname standing alone ("Maduro"), or after a first name compromise did not
 * know ("Dimitry Peskov"), is a mention too.
 */
export function findMentions(body: string, surnames: ReadonlySet<string> = new Set()): Mention[] {
  const text = body.length > MAX_CHARS ? body.slice(0, MAX_CHARS) : body;
  const doc = nlp(text);
  const out: Mention[] = [];
  const seen = new Set<string>();
  const take = (kind: EntityKind, list: Array<{ text: string; offset: { start: number; length: number } }>) => {
    for (const m of list) {
      const name = cleanName(m.text);
      const key = nameKey(name);
      if (key.length < 2 || !/\p{Lu}/u.test(name) || /^\d/.test(key)) continue;
      const at = text.indexOf(name, m.offset.start);
      const start = at >= 0 && at < m.offset.start + m.offset.length ? at : m.offset.start;
      const id = `${start}:${key}`;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push({ start, end: start + name.length, surface: name, kind, key });
    }
  };
  take('person', doc.people().json({ offset: true }) as never);
  take('organization', doc.organizations().json({ offset: true }) as never);
  take('place', doc.places().json({ offset: true }) as never);
  const known = new Set(surnames);
  for (const m of out) if (m.kind === 'person' && m.key.includes(' ')) known.add(m.key.slice(m.key.lastIndexOf(' ') + 1));
  out.push(...surnameMentions(text, known, out));
  return out.sort((a, b) => a.start - b.start);
}

/**
 * People named by a known surname: alone ("Maduro"), or after a first name compromise did
 * not recognise ("Dimitry Peskov"). Skips what `existing` mentions already cover.
 */
export function surnameMentions(text: string, known: ReadonlySet<string>, existing: ReadonlyArray<{ start: number; end: number }>): Mention[] {
  const out: Mention[] = [];
  const taken = existing.map((m) => [m.start, m.end] as const);
  const overlaps = (a: number, b: number) => taken.some(([x, y]) => a < y && b > x);
  const tokens = [...tokenSpans(text)];
  tokens.forEach((t, i) => {
    if (!known.has(t.term) || !/^\p{Lu}/u.test(text.slice(t.start, t.end))) return;
    const prev = tokens[i - 1];
    const withFirst =
      prev && /^\s+$/.test(text.slice(prev.end, t.start)) && /^\p{Lu}\p{Ll}+$/u.test(text.slice(prev.start, prev.end)) && !STOP_BEFORE.has(prev.term) && mayBeFirstName(text.slice(prev.start, prev.end));
    const start = withFirst ? prev.start : t.start;
    const name = cleanName(text.slice(start, t.end));
    const key = nameKey(name);
    if (overlaps(start, t.end) || key.length < 2) return;
    const at = text.indexOf(name, start);
    out.push({ start: at, end: at + name.length, surface: name, kind: 'person', key });
    taken.push([start, t.end]);
  });
  return out;
}

function knownFirstName(key: string): boolean {
  if (!key.includes(' ')) return false;
  const tags = (nlp(key.split(' ')[0]!).json() as Array<{ terms: Array<{ tags: string[] }> }>)[0]?.terms[0]?.tags ?? [];
  return tags.includes('FirstName');
}

const firstNames = new Map<string, boolean>();
/** A known first name, or a word compromise knows nothing else about ("Dimitry"); not "Embattled" or "Venezuelan". */
function mayBeFirstName(word: string): boolean {
  let known = firstNames.get(word);
  if (known === undefined) {
    const tags = new Set<string>((nlp(word).json() as Array<{ terms: Array<{ tags: string[] }> }>)[0]?.terms[0]?.tags ?? []);
    known = tags.has('FirstName') || [...tags].every((t) => t === 'Noun' || t === 'Singular' || t === 'ProperNoun');
    firstNames.set(word, known);
  }
  return known;
}

function editDistanceAtMostOne(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
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

/** Groups the mention keys of the whole corpus into entities. */
export function groupEntities(db: Db): EntityGroup[] {
  const stats = new Map<string, KeyStat>();
  const kindVotes = new Map<string, Map<EntityKind, number>>();
  for (const r of db.prepare('SELECT key, kind, surface, count(*) AS n FROM entity_mentions GROUP BY key, kind, surface').iterate() as Iterable<{ key: string; kind: EntityKind; surface: string; n: number }>) {
    const s = stats.get(r.key) ?? { key: r.key, kind: r.kind, mentions: 0, surfaces: new Map() };
    s.mentions += r.n;
    s.surfaces.set(r.surface, (s.surfaces.get(r.surface) ?? 0) + r.n);
    stats.set(r.key, s);
    const votes = kindVotes.get(r.key) ?? new Map();
    votes.set(r.kind, (votes.get(r.kind) ?? 0) + r.n);
    kindVotes.set(r.key, votes);
  }
  for (const [key, votes] of kindVotes) stats.get(key)!.kind = [...votes].sort((a, b) => b[1] - a[1])[0]![0];

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
        if (a.length === b.length && a.slice(0, -1).every((w, x) => editDistanceAtMostOne(w, b[x]!))) union(full[i]!.key, full[j]!.key);
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
      .sort((a, b) => Number(/[\u0080-\uffff]/.test(b[0])) - Number(/[\u0080-\uffff]/.test(a[0])) || b[1] - a[1])[0]![0];
    const kinds = new Map<EntityKind, number>();
    for (const s of all) kinds.set(s.kind, (kinds.get(s.kind) ?? 0) + s.mentions);
    const kind = [...kinds].sort((a, b) => b[1] - a[1])[0]![0];
    const key = [...all].sort((a, b) => b.key.split(' ').length - a.key.split(' ').length || b.mentions - a.mentions)[0]!.key;
    out.push({ key, name, kind, members: members.sort() });
  }
  return out;
}

const cache = new WeakMap<Db, { stamp: string; groups: EntityGroup[] }>();

/** groupEntities, kept until the mentions or the user's corrections change. */
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
  const groups = groupEntities(db);
  cache.set(db, { stamp, groups });
  return groups;
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
