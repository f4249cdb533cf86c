import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RUNS, SLOW, plaintext, setup } from './kill-fixtures';

/** kill -9 at random moments during encrypt and re-key (see kill-fixtures.ts); its own file, so it runs beside the other kill tests. */
describe('kill -9 at random moments', () => {
  it('during encrypt: the next open finishes it, encrypt again completes, and no file is left in plaintext', async () => {
    const s = setup();
    expect(s.run('init').code).toBe(0);
    expect(s.run('note', 'add', 'Private: Zanzibar-marker source').code).toBe(0);
    for (let i = 0; i < 3; i++) expect(s.run('backup').code).toBe(0);
    let current: string | null = null;
    for (let i = 0; i < RUNS; i++) {
      const next = s.pass(`pass-${i}`, `passphrase number ${i}`);
      const args = ['encrypt', '--new-passphrase-file', next, ...(current ? ['--passphrase-file', current] : [])];
      await s.killDuring(args, () => existsSync(`${s.file}.rekey`));
      // Once the workspace is encrypted, opening it with its key leaves no plaintext backup.
      const encrypted = !readFileSync(s.file).subarray(0, 16).equals(Buffer.from('SQLite format 3\0', 'latin1'));
      const key = encrypted ? [next, current].find((k) => k && s.run('info', '--passphrase-file', k).code === 0) : null;
      if (encrypted) expect(key, `run ${i}: the workspace opens with one of the two passphrases`).toBeTruthy();
      if (key) expect(plaintext(s.work, s.data), `run ${i}`).toEqual([]);
      const again = s.run(...args);
      expect(again.code, `run ${i}: ${again.out}`).toBe(0);
      current = next;
      expect(plaintext(s.work, s.data), `run ${i}`).toEqual([]);
      expect(existsSync(`${s.file}.rekey`)).toBe(false);
      const check = s.run('check', '--passphrase-file', current);
      expect(check.code, `run ${i}: ${check.out}`).toBe(0);
    }
  }, SLOW);

});
