import { ApiCallError, type Api } from '../../electron/shared/api/client';
import type { Tag } from '../../electron/shared/schemas';

/**
 * The tag a user typed by name: the one in the list, or a new one. The list may be a moment
 * behind the engine (a tag made by the highlight just before, not yet refetched); then the
 * engine's "already exists" names the tag, and that one is used instead of failing.
 */
export async function tagNamed(client: Pick<Api, 'tags'>, tags: readonly Tag[], typed: string): Promise<{ id: number }> {
  const name = typed.trim();
  const known = tags.find((t) => t.name.toLowerCase() === name.toLowerCase());
  if (known) return known;
  try {
    return await client.tags.create({ name });
  } catch (err) {
    const id = err instanceof ApiCallError && err.code === 'CONFLICT' ? err.details.id : undefined;
    if (typeof id === 'number') return { id };
    throw err;
  }
}
