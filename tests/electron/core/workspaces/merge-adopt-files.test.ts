import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adoptHandout } from '../../../../electron/core/workspaces/adopt';
import { exportHandout } from '../../../../electron/core/workspaces/handout';
import { mergeWithBackup, openManaged } from '../../../../electron/core/workspaces/manager';
import { newWorkspace, tempDir } from '../../../helpers';

describe('files the workbench only reads', () => {
  it('merge leaves no -wal or -shm beside the workspace it merged from', async () => {
    const data = tempDir();
    const dir = tempDir();
    const other = join(dir, 'laptop.workspace');
    (await openManaged(other, { dataDir: data, create: true })).close();
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(['laptop.workspace']));
    const before = readdirSync(dir).filter((f) => !f.endsWith('.lock'));
    const ws = await newWorkspace();
    mergeWithBackup(ws, data, other);
    expect(readdirSync(dir).filter((f) => !f.endsWith('.lock'))).toEqual(before);
    expect(existsSync(`${other}-wal`)).toBe(false);
    expect(existsSync(`${other}-shm`)).toBe(false);
  });

  it('adopt’s error names the hand-out, not an internal .partial- file', async () => {
    const ws = await newWorkspace({ passphrase: 'trainer words', importPaths: [] });
    const dir = tempDir();
    const handout = join(dir, 'class.handout');
    exportHandout(ws, handout, { tags: true, highlights: true, notes: true });
    let message = '';
    try {
      adoptHandout(handout, join(dir, 'mine.workspace'), 'a wrong guess');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain(handout);
    expect(message).not.toContain('.partial-');
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });
});
