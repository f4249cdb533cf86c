import { describe, expect, it } from 'vitest';
import type { EntityInfo, FigureRow, SharedPassage, Timeline } from '../../../../../electron/shared/schemas';
import { cli, cliJson, seededFile } from '../../../../cli-helpers';
import { SEED } from '../../../../helpers';

describe('workbench passages, entities, figures, timeline', () => {
  it('answer on the seeds, in --json and for people', () => {
    // The seeds as init leaves them, not analysed: the first command brings the analysis up to date.
    const w = seededFile('a.workspace');
    const passages = cliJson<SharedPassage[]>(['passages', String(SEED.rewrite), '-w', w]);
    expect(passages.length).toBeGreaterThanOrEqual(3);
    expect(passages.every((p) => p.other.id === SEED.moscowTimes && p.origin === SEED.moscowTimes)).toBe(true);
    expect(cli(['passages', String(SEED.fox), '-w', w]).stdout).toContain(`Document ${SEED.fox} shares no passage with another document.`);
    const entities = cliJson<EntityInfo[]>(['entities', '-w', w]);
    expect(entities.find((e) => e.variants.includes('maduro'))).toMatchObject({ name: 'Nicolás Maduro', documents: 5 });
    expect(cli(['entities', '--split', 'maduro', '-w', w]).stdout).toContain('“maduro” is now an entity of its own');
    expect(cliJson<FigureRow[]>(['figures', '-w', w]).map((f) => f.text)).toContain('more than 850 have been detained');
    expect(cliJson<Timeline>(['timeline', '-w', w]).undated.count).toBe(2);
    expect(cli(['timeline', '-w', w]).stdout).toContain('No date: 2');
    expect(cli(['passages', '99', '-w', w]).stderr).toContain('No document with id 99.');
  });
});
