import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../../../../electron/core/import/formats/html';
import { cleanByline, cleanTitle, siteNames } from '../../../../../electron/core/import/formats/html-metadata';
import { ROOT } from '../../../../helpers';

const NEWS = join(ROOT, 'tests/fixtures/html-news');
const CHARSET = join(ROOT, 'tests/fixtures/html-charset');

async function parse(path: string) {
  const [doc] = await parseHtml({ path, name: 'source.html', size: 0, read: async () => readFileSync(path) });
  return doc!;
}

/**
 * Read off each page by hand: the headline as the page shows it (no site name, no section, no
 * author), the people who wrote it (no "By", dates or desks), and the language the page declares.
 */
const PAGES: Record<string, { title: string; byline: string | null; lang: string | null }> = {
  aclu: { title: 'Facebook Is Tracking Me Even Though I’m Not on Facebook', byline: 'Daniel Kahn Gillmor', lang: 'en' },
  'ars-1': { title: 'Just-released Minecraft exploit makes it easy to crash game servers', byline: 'Dan Goodin', lang: 'en' },
  'bbc-1': { title: "Obama admits US gun laws are his 'biggest frustration'", byline: 'BBC News', lang: 'en' },
  breitbart: { title: "'Neutral' Snopes Fact-Checker David Emery: 'Are There Any Un-Angry Trump Supporters?'", byline: 'Lucas Nolan', lang: 'en' },
  'buzzfeed-1': { title: 'Student Dies After Diet Pills She Bought Online "Burned Her Up From Within"', byline: 'Mark Di Stefano', lang: 'en' },
  cnn: { title: "The 'birth lottery' and economic mobility", byline: 'Ahiza Garcia', lang: null },
  folha: { title: 'Tite diz que errou ao levar taça da Libertadores a Lula em 2012', byline: null, lang: 'pt' },
  'guardian-1': { title: "'What is the sea telling us?': Māori tribes fearful over whale strandings", byline: 'Eleanor Ainge Roy', lang: 'en' },
  'herald-sun-1': { title: 'Angry media won’t buckle over new surveillance laws', byline: 'Joe Hildebrand', lang: 'en' },
  'iab-1': { title: 'Getting LEAN with Digital Ad UX', byline: 'Scott Cunningham', lang: 'en' },
  'la-nacion': { title: 'Una solución no violenta para la cuestión mapuche', byline: null, lang: null },
  'lemonde-1': { title: "Le projet de loi sur le renseignement massivement approuvé à l'Assemblée", byline: 'Martin Untersinger, Damien Leloup, Morgane Tual', lang: 'fr' },
  'liberation-1': { title: 'Un troisième Français mort dans le séisme au Népal', byline: 'Sébastien Farcis', lang: 'fr' },
  'lwn-1': { title: 'LWN.net Weekly Edition for March 26, 2015', byline: 'Nathan Willis', lang: null },
  'nytimes-1': { title: 'United States to Lift Sudan Sanctions', byline: 'Jeffrey Gettleman', lang: 'en' },
  'nytimes-2': { title: 'Yahoo’s Sale to Verizon Leaves Shareholders With Little Say', byline: 'Steven Davidoff Solomon', lang: 'en' },
  'nytimes-3': { title: 'Manhole Fires and Burst Pipes: How Winter Wreaks Havoc on What’s Underneath N.Y.C.', byline: 'Corey Kilgannon', lang: 'en' },
  'salon-1': { title: 'The sharing economy is a lie: Uber, Ayn Rand and the truth about tech and libertarians', byline: 'Richard (R.J.) Eskow', lang: null },
  'seattletimes-1': { title: 'Alaskan halibut, caught by a century-old Seattle boat, provides a glimpse of Amazon’s strategy with Whole Foods', byline: 'Benjamin Romano', lang: 'en' },
  telegraph: { title: "Zimbabwe coup: Robert Mugabe and wife Grace 'insisting he finishes his term', as priest steps in to mediate", byline: null, lang: 'en' },
  // The page's own headline (h1 and og:title); only its <title> says "hands-on".
  theverge: { title: 'Apple’s Vision Pro is the Retina display moment for headsets', byline: 'Alex Heath', lang: 'en' },
  'wapo-1': { title: 'Attack stokes instability fears in North Africa', byline: 'Erin Cunningham', lang: null },
  'wapo-2': { title: 'Where do strained U.S.-Israeli relations go after Netanyahu’s victory?', byline: 'Steven Mufson', lang: null },
  'yahoo-1': { title: 'These are the 8 coolest PlayStation VR games', byline: 'Ben Silverman', lang: 'en' },
};

describe('metadata of saved web pages, as a careful reader takes it', () => {
  it.each(Object.keys(PAGES))('%s: title without the site, byline as names, declared language', async (page) => {
    const doc = await parse(join(NEWS, page, 'source.html'));
    const expected = PAGES[page]!;
    expect(doc.title).toBe(expected.title);
    expect(doc.author).toBe(expected.byline);
    expect(doc.lang ?? null).toBe(expected.lang);
  });

  it('covers every page but the right-to-left test page', () => {
    expect(Object.keys(PAGES)).toHaveLength(24);
  });

  it('strips the site name only where the title names the site', () => {
    expect(cleanTitle('New Zealand - Wikipedia', siteNames([], 'https://en.wikipedia.org/wiki/New_Zealand'))).toBe('New Zealand');
    expect(cleanTitle('Babiš: Nikdy jsem nelhal | Aktuálně.cz', siteNames([], 'https://zpravy.aktualne.cz/domaci/x'))).toBe('Babiš: Nikdy jsem nelhal');
    expect(cleanTitle('Hello world – My website', siteNames(['My website'], null))).toBe('Hello world');
    expect(cleanTitle('BBC News - Storm hits coast', siteNames(['BBC News'], null))).toBe('Storm hits coast');
    expect(cleanTitle('The sharing economy is a lie - Salon.com', siteNames([], null))).toBe('The sharing economy is a lie');
    // Not the site: kept whole.
    expect(cleanTitle('Spider-Man: Far From Home - review', siteNames(['The Guardian'], 'https://www.theguardian.com/film/x'))).toBe('Spider-Man: Far From Home - review');
    expect(cleanTitle('Russia - Venezuela relations', siteNames(['Reuters'], 'https://www.reuters.com/x'))).toBe('Russia - Venezuela relations');
  });

  it('cleans bylines to the names of their authors', () => {
    expect(cleanByline('by Lucas Nolan22 Dec 2016651')).toBe('Lucas Nolan');
    expect(cleanByline('GILLIAN MOHNEY March 11, 2015 3:46 PM')).toBe('Gillian Mohney');
    expect(cleanByline('April 28, 2019 at 6:01 am Updated April 29, 2019 at 3:33 pm')).toBeNull();
    expect(cleanByline('By JOHN SMITH and JANE DOE | Published 3 hours ago')).toBe('John Smith, Jane Doe');
    expect(cleanByline('Por María José Pérez y Juan de la Cruz')).toBe('María José Pérez, Juan de la Cruz');
    expect(cleanByline('Von Hans Müller und Eva Schmidt, Berlin')).toBe('Hans Müller, Eva Schmidt');
    expect(cleanByline('By Anna Smith, Associated Press')).toBe('Anna Smith');
    expect(cleanByline('Daniel Kahn Gillmor, Senior Staff Technologist, ACLU Speech, Privacy, and Technology Project')).toBe('Daniel Kahn Gillmor');
    expect(cleanByline('21.dez.2018 às 10h55')).toBeNull();
    expect(cleanByline('Our Foreign Staff')).toBeNull();
    expect(cleanByline('12 comments')).toBeNull();
    expect(cleanByline('https://plus.google.com/+ErinCunningham')).toBeNull();
  });
});

describe('charsets a page declares, and those it does not', () => {
  const headline = '委内瑞拉危机：俄罗斯承认派遣军事专家';
  const sentence = '俄罗斯外交部发言人周四表示，俄罗斯在委内瑞拉有军事专家';

  it.each(['gbk-meta-charset.html', 'gbk-http-equiv.html', 'gbk-undeclared.html'])('%s: a GBK page made by iconv reads as Chinese', async (file) => {
    const doc = await parse(join(CHARSET, file));
    expect(doc.title).toBe(headline);
    expect(doc.body).toContain(sentence);
    expect(doc.body).not.toMatch(/[\ufffdÃÂ]/);
    expect(doc.lang).toBe('zh');
  });

  it('records the declared charset so the kept original reads back the same', async () => {
    expect((await parse(join(CHARSET, 'gbk-meta-charset.html'))).encoding).toBe('gbk');
    expect((await parse(join(CHARSET, 'gbk-http-equiv.html'))).encoding).toBe('gb2312');
  });

  it('lets a byte-order mark, and UTF-8 bytes re-saved under an old declaration, win over the declaration', async () => {
    for (const file of ['utf8-bom-declared-latin1.html', 'utf8-resaved-declared-1252.html']) {
      const doc = await parse(join(CHARSET, file));
      expect(doc.encoding).toBe('utf-8');
      expect(doc.body).toContain(sentence);
    }
  });
});
