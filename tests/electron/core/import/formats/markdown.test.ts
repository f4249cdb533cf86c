import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownImporter } from '../../../../../electron/core/import/formats/markdown';
import { tempDir } from '../../../../helpers';

async function parse(text: string) {
  const path = join(tempDir(), 'note.md');
  writeFileSync(path, text);
  const [doc] = await markdownImporter.parse({ path, name: 'note.md', size: text.length, read: async () => Buffer.from(text) });
  return doc!;
}

describe('Markdown import', () => {
  it('takes metadata from YAML front matter and keeps it in the text', async () => {
    const text = '---\ntitle: "Flights via Havana"\nauthor: [Ana Ruiz, Ben Ode]\ndate: 2019-01-30\nurl: https://www.reuters.com/article/x\n---\n# A heading that is not the title\n\nBody text.\n';
    const doc = await parse(text);
    expect(doc).toMatchObject({ title: 'Flights via Havana', author: 'Ana Ruiz, Ben Ode', published: '2019-01-30', url: 'https://www.reuters.com/article/x', outlet: 'Reuters', format: 'markdown' });
    expect(doc.body).toBe(text);
  });

  it('accepts the usual synonyms, partial dates and a named publisher', async () => {
    const doc = await parse('---\nheadline: Brief\nbyline: Venezuela Investigative Unit\npublished: 2019-02\npublisher: { name: InSight Crime }\n---\ntext\n');
    expect(doc).toMatchObject({ title: 'Brief', author: 'Venezuela Investigative Unit', published: '2019-02', outlet: 'InSight Crime' });
  });

  it('falls back to the text when there is no front matter, or it is not YAML', async () => {
    expect((await parse('# Plain heading\n\nJanuary 26, 2019\n\nText.')).title).toBe('Plain heading');
    const broken = await parse('---\ntitle: [unclosed\n---\n# From the text\n');
    expect(broken.title).toBe('From the text');
  });

  it('refuses to expand a YAML alias bomb', async () => {
    const bomb = `---\na: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\ntitle: Bomb\n---\n# Safe title\n`;
    const doc = await parse(bomb);
    expect(doc.title).toBe('Safe title');
  });
});
