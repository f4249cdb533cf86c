import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SearchResponse } from '../../../../../electron/shared/schemas';
import { cli, cliJson, seededFile } from '../../../../cli-helpers';
import { SEED, tempDir } from '../../../../helpers';

describe('workbench search', () => {
  it('lists partial matches after full ones, with what each lacks, and keeps only full ones with --all', () => {
    const w = seededFile();
    const res = cliJson<SearchResponse>(['search', 'Havana Senegal bombers', '-w', w]);
    expect(res).toMatchObject({ totalAll: 0, totalSome: 4 });
    expect(res.documents[0]!.missing).toEqual(['bombers']);
    const human = cli(['search', 'Havana Senegal', '-w', w]).stdout;
    expect(human).toContain('2 document(s) match "Havana Senegal"');
    const mixed = cli(['search', 'Havana Senegal bombers', '-w', w]).stdout;
    expect(mixed).toContain('0 document(s) with all your words · 4 with some of them');
    expect(mixed).toContain('Missing: Havana, Senegal');
    expect(cliJson<SearchResponse>(['search', 'Havana Senegal bombers', '--all', '-w', w]).total).toBe(0);

    const quote = join(tempDir(), 'quote.txt');
    writeFileSync(quote, 'The contractors flew to Venezuela not from Moscow but from third countries where they were conducting missions.');
    const found = cliJson<SearchResponse>(['search', '--passage-file', quote, '-w', w]);
    const ids = found.documents.filter((d) => d.passage).map((d) => d.id).sort();
    expect(ids).toEqual([SEED.moscowTimes, SEED.rewrite]);
    expect(cli(['search', '--passage-file', quote, '-w', w]).stdout).toContain('passage at characters');
    expect(cli(['search', '--passage-file', join(tempDir(), 'nope.txt'), '-w', w]).stderr).toContain('--passage-file:');
    expect(cli(['search', '-w', w]).stderr).toContain('Give one of');
  }, 180_000);
});
