import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder } from './fixtures';
import { RUNS, SLOW, partialIn, plaintext, setup } from './kill-fixtures';

/** kill -9 at random moments during hand-out, merge and backup (see kill-fixtures.ts); encrypt's are in rekey.test.ts. */
describe('kill -9 at random moments', () => {
  for (const op of ['handout', 'merge', 'backup'] as const) {
    it(`during ${op} of a plaintext workspace: the partial file goes at the next start, and encrypting leaves no plaintext`, async () => {
      const s = setup();
      expect(s.run('init').code).toBe(0);
      expect(s.run('note', 'add', 'Private: Zanzibar-marker source').code).toBe(0);
      const out = join(s.work, 'class.handout');
      const other = join(s.dir, 'other.workspace');
      if (op === 'merge') expect(spawnSync('cp', [s.file, other]).status).toBe(0);
      const args = op === 'handout' ? ['handout', '--out', out, '--notes'] : op === 'merge' ? ['merge', other] : ['backup'];
      const watch = op === 'handout' ? partialIn(s.work) : () => filesUnder(s.data).some((f) => f.includes('.partial-'));
      for (let i = 0; i < RUNS; i++) {
        await s.killDuring(args, watch);
        const check = s.run('check');
        expect(check.code, `run ${i}: ${check.out}`).toBe(0);
        expect(filesUnder(s.work, join(s.data, 'backups')).filter((f) => f.includes('.partial-')), `run ${i}`).toEqual([]);
      }
      const key = s.pass('pass', 'correct horse battery staple');
      const enc = s.run('encrypt', '--new-passphrase-file', key);
      expect(enc.code, enc.out).toBe(0);
      // The hand-out itself, where one was finished, is the user's plaintext export; partials never are.
      const leaks = plaintext(s.work, s.data).filter((f) => f !== out);
      expect(leaks).toEqual([]);
      expect(s.run('check', '--passphrase-file', key).code).toBe(0);
    }, SLOW);
  }
});
