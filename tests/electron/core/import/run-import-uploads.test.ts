import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Session } from '../../../../electron/core/api/session';
import { parseInProcess } from '../../../../electron/core/import/parse-file';
import { importPaths, type NewDocument } from '../../../../electron/core/import/run-import';
import type { ImportProgress, ImportSummary } from '../../../../electron/shared/schemas';
import { ROOT, newWorkspace } from '../../../helpers';

const NEWS = join(ROOT, 'tests/fixtures/html-news');
const upload = (dir: string, file = 'source.html') => ({ name: file, data: readFileSync(join(NEWS, dir, file)).toString('base64') });

describe('uploads named alike, and what an import says as it goes', () => {
  it('gives every uploaded file its own outcome, even when several share a bare name', async () => {
    const session = Session.of(await newWorkspace({ importPaths: [] }));
    const r = await session.dispatch('import.upload', {
      files: [upload('ars-1'), upload('bbc-1'), upload('ars-1', 'expected-metadata.json'), upload('guardian-1')],
    });
    expect(r.ok).toBe(true);
    const summary = (r as { result: ImportSummary }).result;
    expect(summary).toMatchObject({ files: 4, imported: 3, duplicates: 0, failed: 0, skipped: 1 });
    expect(summary.outcomes.map((o) => [o.path, o.status])).toEqual([
      ['source.html', 'imported'],
      ['source.html', 'imported'],
      ['expected-metadata.json', 'skipped'],
      ['source.html', 'imported'],
    ]);
    const titles = summary.outcomes.filter((o) => o.status === 'imported').map((o) => o.title);
    expect(new Set(titles).size).toBe(3);
    expect(session.workspace.documents.count()).toBe(3);
  });

  it('says the analysis of what came in has started before its first batch is done', async () => {
    const session = Session.of(await newWorkspace());
    await session.workspace.analyze();
    const seen: unknown[] = [];
    session.onEvent((name, payload) => name === 'analysis.progress' && seen.push(payload));
    await session.dispatch('import.upload', { files: [upload('ars-1'), upload('bbc-1')] });
    await session.workspace.analyze();
    expect(seen).toEqual([
      { done: 0, total: 2 },
      { done: 2, total: 2 },
    ]);
  });

  it('says a kind of file it does not read was skipped, not failed, and why', async () => {
    const session = Session.of(await newWorkspace({ importPaths: [] }));
    const r = await session.dispatch('import.upload', { files: [upload('ars-1', 'expected-metadata.json'), { name: 'empty.txt', data: '' }] });
    const summary = (r as { result: ImportSummary }).result;
    expect(summary).toMatchObject({ imported: 0, failed: 1, skipped: 1 });
    expect(summary.outcomes[0]).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/^unsupported file type \(\.json\); supported: /) });
    expect(summary.outcomes[1]).toMatchObject({ status: 'failed', reason: 'empty file (0 bytes)' });
  });

  it('reports the first file done before the files after it are parsed', async () => {
    const files = ['ars-1', 'bbc-1', 'guardian-1', 'cnn', 'aclu', 'folha'].map((d) => ({ path: `${d}.html`, data: readFileSync(join(NEWS, d, 'source.html')) }));
    const stored = new Map<string, number>();
    const sink = {
      findBySha: (sha: string) => stored.get(sha) ?? null,
      storeBatch: (docs: NewDocument[]) => docs.map((d) => stored.set(d.sha256, stored.size + 1).get(d.sha256)!),
    };
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const progress: ImportProgress[] = [];
    let calls = 0;
    const done = importPaths(sink, [], {
      files,
      // The files after the first one wait until progress has said the first is done.
      parseChunk: async (chunk) => {
        if (calls++ > 0) await gate;
        return parseInProcess(chunk, 1 << 26);
      },
      onProgress: (p) => {
        progress.push(p);
        if (p.filesDone >= 1) open();
      },
    });
    await gate;
    expect(progress.at(-1)).toMatchObject({ filesDone: 1, filesTotal: 6 });
    const summary = await done;
    expect(summary.outcomes.map((o) => o.status)).toEqual(Array(6).fill('imported'));
  });
});
