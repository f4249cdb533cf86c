import { lstatSync, readdirSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';

export type WalkEntry = { path: string; size: number; error?: undefined; data?: Uint8Array } | { path: string; size: 0; error: string; data?: undefined };

/**
 * Lists the files under the given paths. A path the user names is followed even if it
 * is a link; inside folders, links are never followed (so a link loop cannot hang the
 * walk) and hidden entries (.git, .DS_Store) are passed over.
 */
export async function walk(paths: string[], signal?: AbortSignal): Promise<WalkEntry[]> {
  const out: WalkEntry[] = [];
  const seen = new Set<string>();
  const push = (e: WalkEntry) => {
    if (seen.has(e.path)) return;
    seen.add(e.path);
    out.push(e);
  };
  // Synchronous calls, with a yield every so often: one thread-pool trip per file costs
  // more than the call itself, and folders of 100,000 files are what this is for.
  let sinceYield = 0;
  async function visitDir(dir: string): Promise<void> {
    let children: string[];
    try {
      children = readdirSync(dir).filter((name) => !name.startsWith('.'));
    } catch (err) {
      push({ path: dir, size: 0, error: `folder could not be read (${describe(err)})` });
      return;
    }
    children.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const name of children) {
      if (signal?.aborted) return;
      if (++sinceYield >= 2000) {
        sinceYield = 0;
        await new Promise((r) => setImmediate(r));
      }
      const path = join(dir, name);
      let info;
      try {
        info = lstatSync(path);
      } catch (err) {
        push({ path, size: 0, error: `could not be read (${describe(err)})` });
        continue;
      }
      if (info.isSymbolicLink()) push({ path, size: 0, error: 'symbolic link inside a folder, not followed' });
      else if (info.isDirectory()) await visitDir(path);
      else if (info.isFile()) push({ path, size: info.size });
      else push({ path, size: 0, error: 'not a regular file (device, socket or pipe)' });
    }
  }
  for (const given of paths) {
    const path = resolve(given);
    let info;
    try {
      info = await stat(path);
    } catch (err) {
      push({ path, size: 0, error: `could not be read (${describe(err)})` });
      continue;
    }
    if (info.isDirectory()) await visitDir(path);
    else if (info.isFile()) push({ path, size: info.size });
    else push({ path, size: 0, error: `${basename(path)} is not a regular file` });
  }
  return out;
}

export function describe(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'no such file or folder';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'EISDIR':
      return 'is a folder';
    default:
      return e.message ?? String(err);
  }
}
