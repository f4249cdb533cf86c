import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cli, seededFile } from '../../../../cli-helpers';
import { ROOT, SEED, tempDir } from '../../../../helpers';

function workspace(): string {
  return seededFile();
}

describe('workbench export: citations and the library', () => {
  it('writes RIS of a search to a file, CSL-JSON and BibTeX to stdout, and the library as CSV', () => {
    const w = workspace();
    const out = join(tempDir(), 'wagner.ris');
    const r = cli(['export', '--format', 'ris', '--query', 'Shabayev', '--out', out, '-w', w]);
    expect(r.code, r.stderr).toBe(0);
    const ris = readFileSync(out, 'utf8');
    expect(ris).toMatch(/^TY {2}- /);
    expect(ris).toContain('T2  - The Moscow Times');
    expect(ris).not.toContain('Fox News Digital');
    const csl = JSON.parse(cli(['export', '--format', 'csl-json', '--ids', String(SEED.fox), '-w', w]).stdout);
    expect(csl).toHaveLength(1);
    expect(csl[0]).toMatchObject({ id: `doc-${SEED.fox}`, 'container-title': 'Fox News Digital' });
    expect(cli(['export', '--format', 'bibtex', '-w', w]).stdout.match(/^@\w+\{/gm)).toHaveLength(5);
    const csv = cli(['export', '--format', 'library-csv', '--query', 'Havana', '-w', w]).stdout;
    expect(csv.split('\r\n')[0]).toContain('"snippet"');
    expect(csv).toContain('Havana');
  }, 300_000); // five runs of the real command, each opening the workspace (slow on a busy machine)

  it('exports a REFI-QDA project, and imports the project into another workspace', () => {
    const w = workspace();
    cli(['highlight', 'add', String(SEED.moscowTimes), '--quote', 'Havana', '--tag', 'Routes', '-w', w]);
    const qdpx = join(tempDir(), 'project.qdpx');
    expect(cli(['export', '--format', 'qdpx', '-w', w]).stderr).toMatch(/--out <file>\.qdpx/);
    expect(cli(['export', '--format', 'qdpx', '--out', qdpx, '-w', w]).code).toBe(0);
    const other = join(tempDir(), 'other.workspace');
    expect(cli(['init', '--empty', '-w', other]).code).toBe(0);
    const r = cli(['import', qdpx, '-w', other, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).outcomes[0]).toMatchObject({ status: 'imported', reason: '5 documents, 1 new tag, 1 highlight, 0 notes' });
    // A project of what a search finds holds those documents only.
    const found = join(tempDir(), 'havana.qdpx');
    expect(cli(['export', '--format', 'qdpx', '--query', 'Havana', '--out', found, '-w', w]).code).toBe(0);
    const third = join(tempDir(), 'third.workspace');
    expect(cli(['init', '--empty', '-w', third]).code).toBe(0);
    const some = JSON.parse(cli(['import', found, '-w', third, '--json']).stdout).outcomes[0].reason as string;
    const count = Number(/^(\d+) documents?/.exec(some)?.[1]);
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(5);
    expect(cli(['export', '--format', 'qdc', '--ids', '2', '-w', w]).stderr).toContain('--ids: a codebook (--format qdc) is always every tag');
  }, 300_000); // ten runs of the real command

  it('refuses a tag with a citations export, naming the option, and an unknown tag', () => {
    const w = join(tempDir(), 'empty.workspace');
    expect(cli(['init', '--empty', '-w', w]).code).toBe(0);
    const r = cli(['export', '--format', 'ris', '--tag', 'x', '-w', w]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/--tag goes with md, csv and json/);
    expect(cli(['export', '--format', 'md', '--tag', 'Nowhere', '-w', w]).stderr).toMatch(/No tag named "Nowhere"/);
  }, 300_000);

  it('exports the highlights and notes of one tag, or of the documents a search finds', () => {
    const w = workspace();
    expect(cli(['highlight', 'add', String(SEED.moscowTimes), '--quote', 'two chartered aircraft', '--tag', 'Routes', '-w', w]).code).toBe(0);
    expect(cli(['highlight', 'add', String(SEED.fox), '--quote', 'Baltic Fleet', '-w', w]).code).toBe(0);
    const routes = cli(['export', '--format', 'md', '--tag', 'routes', '-w', w]).stdout;
    expect(routes).toContain('Tag: Routes\n\n## Routes\n\n> two chartered aircraft');
    expect(routes).not.toContain('Baltic Fleet');
    const searched = cli(['export', '--format', 'md', '--query', 'Baltic', '-w', w]).stdout;
    expect(searched).toContain('Search: Baltic');
    expect(searched).toContain('> Baltic Fleet');
    expect(searched).not.toContain('two chartered aircraft');
  }, 300_000);
});

describe('workbench import --ocr-lang', () => {
  it('refuses a language whose data is not installed, naming it and those that are', () => {
    const w = join(tempDir(), 'ocr.workspace');
    expect(cli(['init', '--empty', '-w', w]).code).toBe(0);
    const r = cli(['import', join(tempDir()), '--ocr-lang', 'eng+klingon', '-w', w]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--ocr-lang: OCR language klingon is not installed; installed: eng, fra.');
  }, 300_000);
});

describe('workbench import of a scanned PDF on a terminal', () => {
  it('shows the page being read by OCR in the progress bar', () => {
    const w = join(tempDir(), 'ocr-progress.workspace');
    expect(cli(['init', '--empty', '-w', w]).code).toBe(0);
    // The bar is drawn only on a terminal: util-linux's script gives the command one.
    const command = [process.execPath, BIN, 'import', join(ROOT, 'tests/fixtures/ocr/scanned-3-pages.pdf'), '-w', w].map((a) => `'${a}'`).join(' ');
    const r = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', env: { ...process.env, WORKBENCH_WORKSPACE: '', COLUMNS: '160' } });
    expect(r.status, r.stdout).toBe(0);
    for (const page of [1, 2, 3]) expect(r.stdout).toContain(`scanned-3-pages.pdf: OCR page ${page} of 3`);
    expect(r.stdout).toContain('1 file(s): 1 imported');
  }, 300_000);
});
