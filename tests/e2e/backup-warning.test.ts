import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../cli-helpers';
import { tempDir } from '../helpers';
import { launch, openPage, serve, shot, type Served } from './harness';

describe('a daily backup that fails', () => {
  let served: Served | undefined;
  afterAll(() => served?.stop());

  it('is shown to the user, with a way to try again, not only logged by the server', async () => {
    const file = join(tempDir(), 'e2e.workspace');
    expect(cli(['init', '--empty', '-w', file]).code).toBe(0);
    // The data folder's "backups" is a file: the daily backup made on opening cannot be written.
    const data = tempDir();
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, 'backups'), 'not a folder');
    const before = process.env.WORKBENCH_DATA_DIR;
    process.env.WORKBENCH_DATA_DIR = data;
    try {
      served = await serve({ file });
    } finally {
      process.env.WORKBENCH_DATA_DIR = before;
    }
    const browser = await launch();
    try {
      const { page, errors } = await openPage(browser, served.url, { waitForLibrary: false });
      const warning = page.getByRole('alert', { name: 'Backup failed' });
      await expect.poll(() => warning.textContent(), { timeout: 60_000 }).toContain('The daily backup of e2e.workspace could not be made');
      expect(await warning.textContent()).toMatch(/ENOTDIR|not a directory/);
      await shot(page, 'backup-warning-1');
      await warning.getByRole('button', { name: 'Back up now' }).click();
      await expect.poll(() => warning.textContent()).toContain('The backup failed again');
      await warning.getByRole('button', { name: 'Dismiss the backup warning' }).click();
      expect(await warning.count()).toBe(0);
      expect(errors.filter((e) => !/500|Failed to load resource/.test(e))).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
