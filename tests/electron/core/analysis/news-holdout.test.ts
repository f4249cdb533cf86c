import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_WORDS } from '../../../../electron/core/analysis/entity-text';
import { Workspace } from '../../../../electron/core/workspace';
import { ROOT } from '../../../helpers';

/**
 * Holdout discipline. The 25 real pages, split once and for all: the analysis may be tuned on
 * the first list, and is measured on the second, read only to write the expected values below.
 * (Before this split existed, issue 14's first pass was read against all 25 pages: the held-out
 * pages are unseen by the figures and claims work, not by every earlier rule.)
 */
const NEWS = join(ROOT, 'tests/fixtures/html-news');
const TUNING = ['breitbart', 'folha', 'iab-1', 'la-nacion', 'lemonde-1', 'liberation-1', 'lwn-1', 'nytimes-1', 'nytimes-2', 'rtl-1', 'theverge', 'wapo-1', 'wapo-2'];
const HELD_OUT = ['aclu', 'ars-1', 'bbc-1', 'buzzfeed-1', 'cnn', 'guardian-1', 'herald-sun-1', 'nytimes-3', 'salon-1', 'seattletimes-1', 'telegraph', 'yahoo-1'];

/** Title and byline of each held-out page as a careful reader takes them from the page, by hand. */
const METADATA: Record<string, { title: string; byline: string | null }> = {
  aclu: { title: 'Facebook Is Tracking Me Even Though I’m Not on Facebook', byline: 'Daniel Kahn Gillmor' },
  'ars-1': { title: 'Just-released Minecraft exploit makes it easy to crash game servers', byline: 'Dan Goodin' },
  'bbc-1': { title: "Obama admits US gun laws are his 'biggest frustration'", byline: 'BBC News' },
  'buzzfeed-1': { title: 'Student Dies After Diet Pills She Bought Online "Burned Her Up From Within"', byline: 'Mark Di Stefano' },
  cnn: { title: "The 'birth lottery' and economic mobility", byline: 'Ahiza Garcia' },
  'guardian-1': { title: "'What is the sea telling us?': Māori tribes fearful over whale strandings", byline: 'Eleanor Ainge Roy' },
  'herald-sun-1': { title: 'Angry media won’t buckle over new surveillance laws', byline: 'Joe Hildebrand' },
  'nytimes-3': { title: 'Manhole Fires and Burst Pipes: How Winter Wreaks Havoc on What’s Underneath N.Y.C.', byline: 'Corey Kilgannon' },
  // The byline link names Richard (R.J.) Eskow; Readability's expected file says another writer of the site.
  'salon-1': { title: 'The sharing economy is a lie: Uber, Ayn Rand and the truth about tech and libertarians', byline: 'Richard (R.J.) Eskow' },
  // The expected file has the dates where the name belongs; the page's author is Benjamin Romano.
  'seattletimes-1': { title: 'Alaskan halibut, caught by a century-old Seattle boat, provides a glimpse of Amazon’s strategy with Whole Foods', byline: 'Benjamin Romano' },
  telegraph: { title: "Zimbabwe coup: Robert Mugabe and wife Grace 'insisting he finishes his term', as priest steps in to mediate", byline: null },
  'yahoo-1': { title: 'These are the 8 coolest PlayStation VR games', byline: 'Ben Silverman' },
};

/**
 * People, places and organisations the held-out pages really name, read off the pages by hand
 * (a name in the wrong kind is still a name). Anything else in the top 50 counts as junk.
 */
const REAL = new Set([
  'Facebook', 'UK', 'US', 'United States', 'Twitter', 'Barack Obama', 'Robert Mugabe', 'New Zealand', 'Tom Forte', 'Bassi', 'Justin Bassi', 'Parata', 'Hori Parata',
  'Kenya', 'Seattle', 'Sydney', 'Con Edison', 'Tyler Besecker', 'Cambridge', 'Cambridge Analytica', 'Grace', 'Grace Mugabe', 'New York', 'BBC', 'Bob Alverson', 'Costco',
  'Ian Michaels', 'Iran', 'Manhattan', 'New York City', 'New York Times', 'Sony', 'Walmart', 'Ammar Askar', 'Bill de Blasio', 'Buck Cullen', 'Eloise', 'Eloise Parry',
  'Jamie Werner', 'Jon Sopel', 'Ninety Mile Beach', 'Patrick McHugh', 'Press Council', 'South Africa', 'Abbott', 'Tony Abbott', 'ABC', 'Africa', 'African Union',
  'Alaska', 'Aleutian Islands', 'America', 'Andrew Shearer', 'Attu Island', 'Australia', 'Ben Silverman', 'Bill Shorten', 'Blue House', 'Canada', 'Chatham Islands',
  'Chicago', 'City Hall', 'Corey Kilgannon', 'Cuba', 'David Plouffe', 'David Weisbrot', 'Ethiopia', 'EU', 'Finland', 'Fiona Parry', 'France', 'George Brandis',
  'Germany', 'Google', 'Gucci', 'Italy', 'Jacob Zuma', 'Jeff Bezos', 'John Mackey', 'Jonathan Moyo', 'Uber', 'Amazon', 'Whole Foods', 'Zimbabwe', 'Harare', 'Minecraft',
  'Mojang', 'Microsoft', 'PlayStation', 'Daniel Kahn Gillmor', 'Ayn Rand', 'Eleanor Ainge Roy', 'Joe Hildebrand', 'Ahiza Garcia', 'Dan Goodin', 'Mark Di Stefano',
]);

/** The held-out pages alone (no seeds), analysed once for every test here. */
let ws: Workspace;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'workbench-holdout-'));
  ws = await Workspace.open(join(dir, 'holdout.workspace'), { create: true, importPaths: HELD_OUT.map((p) => join(NEWS, p, 'source.html')) });
  await ws.analyze();
}, 600_000);
afterAll(() => {
  ws?.close();
  rmSync(dir, { recursive: true, force: true });
});

const pageDoc = (page: string) => ws.db.prepare('SELECT title, author FROM documents WHERE title = ?').get(METADATA[page]!.title) as { title: string; author: string | null } | undefined;

describe('holdout: the analysis measured on real pages it was not tuned on', () => {
  it('splits the 25 pages into a tuning set and a held-out set, once', () => {
    const pages = readdirSync(NEWS).filter((d) => !d.includes('.'));
    expect([...TUNING, ...HELD_OUT].sort()).toEqual(pages.sort());
    expect(TUNING.filter((p) => HELD_OUT.includes(p))).toEqual([]);
    expect(Object.keys(METADATA).sort()).toEqual([...HELD_OUT].sort());
  });

  it('has at most 1 in 20 junk names among the top 50 entities', async () => {
    const top = (await ws.analysis.entities(50)).map((e) => e.name);
    expect(top).toHaveLength(50);
    const junk = top.filter((n) => !REAL.has(n));
    // Measured when written: 2 of 50, "Affordable Care" (the Act, cut short) and "Alexis Madrigalreports" (glued in the page).
    expect(junk.length, `junk: ${junk.join(', ')}`).toBeLessThanOrEqual(2);
  });

  it('names no figure group by a symbol or a function word', () => {
    const groups = [...new Set(ws.analysis.figures().map((f) => f.about ?? f.subject ?? ''))];
    expect(groups.length).toBeGreaterThan(10);
    expect(groups.filter((g) => !/^\p{L}{3,}(?: \p{L}{3,})?$/u.test(g) || FUNCTION_WORDS.has(g.toLowerCase()))).toEqual([]);
    // What was found counts things: whales, potholes, leaks; not an age ("the 93 year-old finishes") nor "(10 months)".
    for (const expected of ['whale', 'pothole', 'leak']) expect(groups).toContain(expected);
    for (const wrong of ['finish', 'month', 'city']) expect(groups).not.toContain(wrong);
  });

  it('takes titles and bylines as a careful reader does: at least 95% and 90% right', () => {
    const titles = HELD_OUT.filter((p) => pageDoc(p) !== undefined).length;
    const bylines = HELD_OUT.filter((p) => (pageDoc(p)?.author ?? null)?.toLowerCase() === METADATA[p]!.byline?.toLowerCase() || (pageDoc(p) && pageDoc(p)!.author === null && METADATA[p]!.byline === null)).length;
    // Measured when written: 12 of 12 titles, 12 of 12 bylines.
    expect(titles / HELD_OUT.length).toBeGreaterThanOrEqual(0.95);
    expect(bylines / HELD_OUT.length).toBeGreaterThanOrEqual(0.9);
  });
});
