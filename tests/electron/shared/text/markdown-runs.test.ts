import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { looksLikeMarkdown, markdownRuns, plainSnippet, type MarkdownRun } from '../../../../electron/shared/text/markdown-runs';
import { ROOT } from '../../../helpers';

/** The text a reader sees: the body without the markup runs. */
function visible(body: string, runs: MarkdownRun[]): string {
  const hidden = new Array<boolean>(body.length).fill(false);
  for (const r of runs) if (r.kind === 'markup') for (let i = r.start; i < r.end; i++) hidden[i] = true;
  return [...body].filter((_, i) => !hidden[i]).join('');
}

describe('Markdown read as formatted text', () => {
  it('hides heading marks, bold marks and link addresses, and styles what they wrap', () => {
    const body = 'Intro.\n\n### **Cuba connection?**\n\n**Related article:** [Putin\'s \\(Op-ed\\)](#) ends.';
    const runs = markdownRuns(body);
    expect(visible(body, runs)).toBe("Intro.\n\nCuba connection?\n\nRelated article: Putin's (Op-ed) ends.");
    const styled = (kind: MarkdownRun['kind']) => runs.filter((r) => r.kind === kind).map((r) => body.slice(r.start, r.end));
    expect(styled('h3')).toEqual(['### **Cuba connection?**']);
    expect(styled('strong')).toEqual(['**Cuba connection?**', '**Related article:**']);
    expect(styled('link')).toEqual(["Putin's \\(Op-ed\\)"]);
    expect(runs.find((r) => r.kind === 'link')?.href).toBe('#');
  });

  it('keeps list markers, quotes and plain text as written', () => {
    const body = '- one\n- two\n\n> quoted\n\nplain 2 * 3 * 4';
    expect(visible(body, markdownRuns(body))).toBe(body);
  });

  it('tells the seed articles written in Markdown from plain text', () => {
    const seed = readFileSync(join(ROOT, 'seeds/001_5401790a290c0953.txt'), 'utf8');
    expect(looksLikeMarkdown(seed)).toBe(true);
    expect(visible(seed, markdownRuns(seed))).not.toMatch(/###|\*\*|\]\(#\)/);
    expect(looksLikeMarkdown('Dear Ana,\n\nthe 3 * 4 grid is #1 on my list.\n')).toBe(false);
  });
});

describe('a search snippet of a Markdown article', () => {
  it('loses its markup and keeps its matched words marked', () => {
    const text = '…started. ### **Cuba connection?** He said, see [Putin \\(Op-ed\\)](#) for Cuba…';
    const marks: Array<[number, number]> = [[text.indexOf('Cuba'), text.indexOf('Cuba') + 4], [text.lastIndexOf('Cuba'), text.lastIndexOf('Cuba') + 4]];
    const plain = plainSnippet(text, marks);
    expect(plain.text).toBe('…started. Cuba connection? He said, see Putin (Op-ed) for Cuba…');
    expect(plain.marks.map(([a, b]) => plain.text.slice(a, b))).toEqual(['Cuba', 'Cuba']);
  });
});
