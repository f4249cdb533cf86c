import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { BIN } from '../cli-helpers';
import { SEED } from '../helpers';
import { launch, openPage, serve, shot } from './harness';

/** Waits for what the page shows to settle: opening, importing or copying a workspace takes a moment. */
const waitFor = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 60_000, interval: 50 });
const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`workbench ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};

/**
 * The seeds as `workbench init` makes them, analysed: a copy of what the test setup built, where
 * a test is about something else than making a workspace (the first test makes one, served new).
 * Each init and each server's analysis of the seeds took seconds of the busy machine's time.
 */
const seeds = (file: string) => copyFileSync(inject('analysedSeeds'), file);

let browser: Browser;
let dir: string;
beforeAll(async () => {
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), 'workbench-e2e-ws-'));
});
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function menu(page: Page, item: string) {
  await page.getByRole('button', { name: 'Workspace ▾' }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

const status = (page: Page) => page.getByRole('contentinfo', { name: 'Status' });

describe('workspaces in the browser', () => {
  it('creates, switches and reopens workspaces; the title and status bar always name the open one', async () => {
    const served = await serve({ file: join(dir, 'first.workspace') });
    try {
      const { page, errors } = await openPage(browser, served.url);
      await waitFor(() => page.title()).toBe('first.workspace — Research Workbench');
      await waitFor(() => status(page).textContent()).toContain('first.workspace');
      await menu(page, 'Switch or create a workspace…');
      const dialog = page.getByRole('dialog', { name: 'Workspaces' });
      await dialog.getByLabel('New workspace file').fill(join(dir, 'second.workspace'));
      await shot(page, 'workspaces-dialog');
      await dialog.getByRole('button', { name: 'Create' }).click();
      await waitFor(() => page.title()).toBe('second.workspace — Research Workbench');
      await waitFor(() => status(page).textContent()).toContain('0 documents');
      await page.getByRole('listbox', { name: 'Documents' }).waitFor();
      await page.keyboard.press('Control+Shift+O');
      await page.getByRole('dialog', { name: 'Workspaces' }).getByRole('button', { name: 'Open first.workspace' }).click();
      await waitFor(() => status(page).textContent()).toContain('5 documents');
      await waitFor(() => page.title()).toBe('first.workspace — Research Workbench');
      // The interface was rebuilt for this workspace: its shortcuts are bound once its library has rendered.
      await page.getByRole('listbox', { name: 'Documents' }).getByRole('option').first().waitFor();
      await page.keyboard.press('Control+Shift+O');
      const d2 = page.getByRole('dialog', { name: 'Workspaces' });
      await d2.getByLabel('Workspace file', { exact: true }).fill(join(dir, 'missing.workspace'));
      await d2.getByRole('button', { name: 'Open', exact: true }).click();
      await expect(d2.getByRole('alert').textContent()).resolves.toContain('missing.workspace does not exist');
      expect(errors.filter((e) => !e.includes('400'))).toEqual([]);
    } finally {
      await served.stop();
    }
  });

  it('hand-out round trip: mark a note, export, adopt (file unchanged, trainer’s notes read-only), annotate, merge back', async () => {
    const trainer = join(dir, 'trainer.workspace');
    seeds(trainer);
    cli('highlight', 'add', String(SEED.moscowTimes), '--quote', 'not from Moscow but from third countries', '--tag', 'Wagner', '-w', trainer);
    cli('note', 'add', 'Guidance: who reported the flights first?', '-w', trainer);
    cli('note', 'add', 'Private: call the desk', '-w', trainer);
    const served = await serve({ file: trainer });
    try {
      const { page, errors } = await openPage(browser, served.url);
      const notes = page.getByRole('complementary', { name: 'Notes' });
      await notes.getByRole('button', { name: 'Edit note 1' }).click();
      await notes.getByRole('checkbox', { name: 'For hand-out' }).check();
      await notes.getByRole('button', { name: 'Done' }).click();
      await waitFor(() => notes.textContent()).toContain('For hand-out');

      await menu(page, 'Export a hand-out…');
      const ex = page.getByRole('dialog', { name: 'Export a hand-out' });
      const handout = join(dir, 'week1.handout');
      // The dialog suggests a name beside the workspace; a user sees it before typing another.
      await waitFor(() => ex.getByLabel('Hand-out file').inputValue()).toBe(join(dir, 'trainer hand-out.workspace'));
      await ex.getByLabel('Hand-out file').fill(handout);
      await ex.getByLabel('Title the class sees').fill('Week 1');
      await ex.getByRole('button', { name: 'Export hand-out' }).click();
      // The outcome, or the error in its place (so that a failure says why).
      await waitFor(async () => (await ex.locator('[role=status]:not(:has-text("Writing")), [role=alert]').allTextContents()).join(' ')).toContain('1 note; 1 private note left out');
      await shot(page, 'handout-exported');
      await ex.getByRole('button', { name: 'Close' }).click();
      const before = digest(handout);

      await menu(page, 'Open a hand-out…');
      const ad = page.getByRole('dialog', { name: 'Open a hand-out' });
      await ad.getByLabel('Hand-out file').fill(handout);
      await expect(ad.getByLabel('Your new workspace file').inputValue()).resolves.toBe(join(dir, 'week1 (mine).workspace'));
      await ad.getByRole('button', { name: 'Make my workspace' }).click();
      await waitFor(() => status(page).textContent()).toContain('from hand-out “Week 1”');
      await waitFor(() => page.title()).toBe('week1 (mine).workspace — Research Workbench');
      await waitFor(() => notes.textContent()).toContain('From the hand-out “Week 1” · read-only');
      expect(await notes.textContent()).not.toContain('call the desk');
      await notes.getByRole('button', { name: 'Read note 1' }).click();
      await expect(notes.getByRole('note').textContent()).resolves.toContain('read-only');
      await expect(notes.getByLabel('Note text (Markdown)').count()).resolves.toBe(0);
      await shot(page, 'handout-adopted');
      await notes.getByRole('button', { name: 'Done' }).click();
      await notes.getByRole('button', { name: 'New free note' }).last().click();
      await notes.getByLabel('Note text (Markdown)').fill('Trainee: the rewrite copies the wire report');
      await waitFor(() => notes.getByRole('status').textContent()).toBe('Saved');
      await notes.getByRole('button', { name: 'Done' }).click();

      await page.keyboard.press('Control+Shift+O');
      await page.getByRole('dialog', { name: 'Workspaces' }).getByRole('button', { name: 'Open trainer.workspace' }).click();
      await waitFor(() => page.title()).toBe('trainer.workspace — Research Workbench');
      await menu(page, 'Merge from another workspace…');
      const mg = page.getByRole('dialog', { name: 'Merge from another workspace' });
      await mg.getByLabel('Other workspace file').fill(join(dir, 'week1 (mine).workspace'));
      await mg.getByRole('button', { name: 'Merge' }).click();
      const summary = mg.getByRole('status');
      await waitFor(() => summary.textContent()).toContain('5 documents matched');
      const text = (await summary.textContent()) ?? '';
      expect(text).toContain('and 1 note.');
      expect(text).toContain('Already here: 1 highlight, 1 note');
      await shot(page, 'merge-summary');
      await mg.getByRole('button', { name: 'Close' }).click();
      await waitFor(() => notes.textContent()).toContain('Trainee: the rewrite copies the wire report');
      expect(digest(handout)).toBe(before);
      expect(errors).toEqual([]);
    } finally {
      await served.stop();
    }
  });

  it('undoes a deletion from the toast, and restores a backup from the Backups dialog', async () => {
    const file = join(dir, 'safe.workspace');
    seeds(file);
    cli('note', 'add', 'Keep this note', '-w', file);
    const served = await serve({ file });
    try {
      const { page, errors } = await openPage(browser, served.url);
      const notes = page.getByRole('complementary', { name: 'Notes' });
      await notes.getByRole('button', { name: 'Edit note 1' }).click();
      await notes.getByRole('button', { name: 'Delete note' }).click();
      const toast = page.getByRole('status', { name: 'Undo' });
      await waitFor(() => toast.textContent()).toContain('Deleted note 1.');
      await shot(page, 'undo-toast');
      await toast.getByRole('button', { name: 'Undo' }).click();
      await waitFor(() => notes.textContent()).toContain('Keep this note');

      await menu(page, 'Backups…');
      const bk = page.getByRole('dialog', { name: 'Backups' });
      await bk.getByRole('button', { name: 'Back up now' }).click();
      await waitFor(() => bk.getByRole('list', { name: 'Backups' }).getByRole('listitem').count()).toBeGreaterThanOrEqual(2);
      await bk.getByRole('button', { name: 'Close' }).click();
      await notes.getByRole('button', { name: 'Edit note 1' }).click();
      await notes.getByRole('button', { name: 'Delete note' }).click();
      await waitFor(() => notes.textContent()).not.toContain('Keep this note');
      await menu(page, 'Backups…');
      await page.getByRole('dialog', { name: 'Backups' }).getByRole('button', { name: /^Restore the backup of/ }).first().click();
      await shot(page, 'backups-restore');
      await page.getByRole('group', { name: 'Confirm restore' }).getByRole('button', { name: 'Restore this backup' }).click();
      await waitFor(() => notes.textContent()).toContain('Keep this note');
      expect(errors).toEqual([]);
    } finally {
      await served.stop();
    }
  });

  it('an encrypted workspace starts locked: a wrong passphrase is refused, the right one opens it', async () => {
    const file = join(dir, 'private.workspace');
    writeFileSync(join(dir, 'pass'), 'correct horse\n');
    cli('init', '-w', file, '--passphrase-file', join(dir, 'pass'));
    const served = await serve({ file });
    try {
      const { page, errors } = await openPage(browser, served.url, { waitForLibrary: false });
      const locked = page.getByRole('region', { name: 'Locked workspace' });
      await expect(locked.getByRole('heading').textContent()).resolves.toBe('“private.workspace” is protected by a passphrase');
      await locked.getByLabel('Passphrase').fill('wrong horse');
      await locked.getByRole('button', { name: 'Unlock' }).click();
      await waitFor(() => locked.getByRole('alert').textContent()).toContain('Wrong passphrase');
      await shot(page, 'locked-wrong-passphrase');
      await locked.getByLabel('Passphrase').fill('correct horse');
      await locked.getByRole('button', { name: 'Unlock' }).click();
      await page.getByRole('listbox', { name: 'Documents' }).waitFor();
      await waitFor(() => status(page).textContent()).toContain('encrypted');
      expect(errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
    } finally {
      await served.stop();
    }
  });

  it('protects an open workspace with a passphrase from the Passphrase dialog', async () => {
    const file = join(dir, 'toprotect.workspace');
    seeds(file);
    const served = await serve({ file });
    try {
      const { page } = await openPage(browser, served.url);
      await menu(page, 'Passphrase…');
      const pd = page.getByRole('dialog', { name: 'Protect with a passphrase' });
      await pd.getByLabel('Passphrase', { exact: true }).fill('s3cret words');
      await pd.getByLabel('Passphrase again').fill('s3cret words');
      await pd.getByRole('button', { name: 'Encrypt' }).click();
      await waitFor(() => status(page).textContent()).toContain('encrypted');
      expect(readFileSync(file).includes('Peskov')).toBe(false);
    } finally {
      await served.stop();
    }
  });

  it('a damaged workspace is moved aside and the start screen restores its latest backup', async () => {
    const file = join(dir, 'fragile.workspace');
    seeds(file);
    cli('backup', '-w', file);
    const bytes = readFileSync(file);
    bytes.fill(0x55, 8192, bytes.length - 4096);
    writeFileSync(file, bytes);
    const served = await serve({ file });
    try {
      const { page } = await openPage(browser, served.url, { waitForLibrary: false });
      const box = page.getByRole('region', { name: 'Damaged workspace' });
      await waitFor(() => box.textContent()).toContain('nothing was deleted');
      expect(await box.getByRole('alert').textContent()).toMatch(/^SQLite reports SQLITE_CORRUPT|quick_check/);
      await shot(page, 'damaged-start-screen');
      await box.getByRole('button', { name: /^Restore the backup of/ }).first().click();
      await box.getByRole('button', { name: 'Restore this backup' }).click();
      await page.getByRole('listbox', { name: 'Documents' }).waitFor();
      await waitFor(() => status(page).textContent()).toContain('5 documents');
    } finally {
      await served.stop();
    }
  });
});
