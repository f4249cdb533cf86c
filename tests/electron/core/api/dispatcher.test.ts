import { describe, expect, it } from 'vitest';
import { Session } from '../../../../electron/core/api/session';
import { contract } from '../../../../electron/shared/api/contract';
import { SEED, newWorkspace } from '../../../helpers';

describe('the dispatcher every call goes through', () => {
  it('runs a valid call and validates its output', async () => {
    const session = Session.of(await newWorkspace());
    const r = await session.dispatch('search.query', { query: 'Ilyushin' });
    expect(r.ok).toBe(true);
    if (r.ok) expect((r.result as { total: number }).total).toBe(2);
  });

  it('refuses unknown methods and bad input, naming the field', async () => {
    const session = Session.of(await newWorkspace());
    expect(await session.dispatch('documents.drop', {})).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: 'There is no method "documents.drop".' } });
    expect(await session.dispatch('documents.get', { id: 'two' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/^documents\.get: id: /) } });
    expect(await session.dispatch('__proto__', {})).toMatchObject({ ok: false });
    expect(await session.dispatch('search.query', { query: 'x', limit: 5000 })).toMatchObject({ ok: false, error: { message: expect.stringContaining('limit') } });
  });

  it('maps engine errors to their codes and messages', async () => {
    const session = Session.of(await newWorkspace());
    expect(await session.dispatch('documents.get', { id: 99 })).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'No document with id 99.', details: { kind: 'document', id: 99 } } });
    expect(await session.dispatch('search.query', { query: '"open' })).toMatchObject({ ok: false, error: { code: 'BAD_QUERY' } });
    await session.dispatch('tags.create', { name: 'A' });
    expect(await session.dispatch('tags.create', { name: 'a' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('raises events for changes and imports', async () => {
    const session = Session.of(await newWorkspace());
    const seen: string[] = [];
    session.onEvent((name, payload) => seen.push(`${name}:${JSON.stringify(payload)}`));
    await session.dispatch('tags.apply', { tagId: ((await session.dispatch('tags.create', { name: 'T' })) as { result: { id: number } }).result.id, documentIds: [SEED.fox] });
    await session.dispatch('import.upload', { files: [{ name: 'sub/a.txt', data: Buffer.from('A new one\n\ntext').toString('base64') }] });
    expect(seen).toContain('workspace.changed:{"kind":"tags"}');
    expect(seen.some((s) => s.startsWith('import.progress:'))).toBe(true);
    expect(seen.find((s) => s.startsWith('import.done:'))).toContain('"path":"sub/a.txt"');
  });

  it('imports an upload under the name it was sent with, whatever it looks like, writing no file for it', async () => {
    const session = Session.of(await newWorkspace());
    const r = await session.dispatch('import.upload', { files: [{ name: '../../../etc/evil.txt', data: Buffer.from('Escaping\n\nno').toString('base64') }] });
    expect(r).toMatchObject({ ok: true, result: { imported: 1, outcomes: [{ path: '../../../etc/evil.txt', status: 'imported' }] } });
  });

  it('documents every method with an example', () => {
    for (const [name, spec] of Object.entries(contract)) {
      expect(name).toMatch(/^[a-z]+[A-Za-z]*\.[a-z][A-Za-z]*$/);
      expect(spec.doc).toMatch(/Example: `.+`\.$/);
    }
  });

  it('analyses what an import brings in, in the background, with progress events', async () => {
    const session = Session.of(await newWorkspace());
    await session.workspace.analyze();
    const seen: Array<{ done: number; total: number }> = [];
    session.onEvent((name, payload) => name === 'analysis.progress' && seen.push(payload as { done: number; total: number }));
    const text = 'A field report\n\nThe contractors flew to Venezuela not from Moscow but from third countries where they were conducting missions, the report said.';
    await session.dispatch('import.upload', { files: [{ name: 'report.txt', data: Buffer.from(text).toString('base64') }] });
    await session.workspace.analyze();
    expect(seen.at(-1)).toEqual({ done: 1, total: 1 });
    const r = (await session.dispatch('analysis.passages', { documentId: 6 })) as { ok: true; result: Array<{ other: { id: number } }> };
    expect(r.result.map((p) => p.other.id).sort()).toEqual([2, 3]);
    expect(await session.dispatch('analysis.status', {})).toEqual({ ok: true, result: { analyzed: 6, documents: 6 } });
  });
});
