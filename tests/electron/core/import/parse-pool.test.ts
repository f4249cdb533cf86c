import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePools } from '../../../../electron/core/import/parse-pool';
import { tempDir } from '../../../helpers';

const WORKER = pathToFileURL(join(process.env.WORKBENCH_WORKERS_DIR!, 'parse-worker.js')).href;

function files(n: number) {
  const dir = tempDir();
  return Array.from({ length: n }, (_, i) => {
    const path = join(dir, `note-${i}.txt`);
    writeFileSync(path, `Note ${i}\n\nThe Ilyushin landed in Caracas, note ${i}.`);
    return { path, size: 60 };
  });
}

describe('parse workers', () => {
  it('a small import parses on one worker; a large one starts more, and every file comes back in order', async () => {
    const small = parsePools(WORKER, 1 << 20, 60_000, 4);
    const few = files(3);
    const got = await Promise.all(few.map((f) => small.parseChunk([f])));
    expect(small.started()).toBe(1);
    expect(got.map(([r]) => r!.path)).toEqual(few.map((f) => f.path));
    await small.stop();

    const large = parsePools(WORKER, 1 << 20, 60_000, 2);
    const many = files(40);
    const results = await Promise.all(many.map((f) => large.parseChunk([f])));
    expect(large.started()).toBe(2);
    expect(results.map(([r]) => r!.path)).toEqual(many.map((f) => f.path));
    expect(results.every(([r]) => !('reason' in r!))).toBe(true);
    await large.stop();
  });
});
