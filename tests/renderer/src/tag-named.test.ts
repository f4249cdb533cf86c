/**
 * A tag typed by name in the reader, when the window's tag list has not caught up with a tag
 * made a moment before (the previous highlight made it): the highlight takes that tag instead
 * of failing with "already exists" and leaving the toolbar open.
 */
import { describe, expect, it } from 'vitest';
import { Session } from '../../../electron/core/api/session';
import { ApiCallError, createApi } from '../../../electron/shared/api/client';
import { tagNamed } from '../../../renderer/src/tag-named';
import { newWorkspace } from '../../helpers';

async function engine() {
  const session = Session.of(await newWorkspace());
  const api = createApi({
    invoke: async (method, input) => {
      const r = await session.dispatch(method, input);
      if (r.ok) return r.result;
      throw new ApiCallError(r.error);
    },
    subscribe: () => () => {},
  });
  return api;
}

describe('a tag named by the user', () => {
  it('is the existing one, even when the list in hand is stale, and a new one otherwise', async () => {
    const api = await engine();
    const flights = await api.tags.create({ name: 'Flights' });
    const stale: never[] = [];
    expect((await tagNamed(api, stale, ' flights ')).id).toBe(flights.id);
    const fresh = await tagNamed(api, stale, 'Accusation');
    expect((await api.tags.list({})).map((t) => t.name).sort()).toEqual(['Accusation', 'Flights']);
    expect(fresh.id).not.toBe(flights.id);
    // Anything else still fails, with the engine's words.
    await expect(tagNamed(api, stale, 'x'.repeat(101))).rejects.toThrow(/at most 100 characters/);
  });
});
