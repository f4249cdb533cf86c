import type { Tag } from '../../../electron/shared/schemas';
import { useApiQuery } from '../query';

const EMPTY = new Map<number, string>();
/** One map per answer of `tags.list`, however many chips ask: a list of 100 rows holds hundreds of them. */
const built = new WeakMap<readonly Tag[], Map<number, string>>();

function pathsOf(tags: readonly Tag[]): Map<number, string> {
  const cached = built.get(tags);
  if (cached) return cached;
  const byId = new Map(tags.map((t) => [t.id, t]));
  const paths = new Map<number, string>();
  const pathOf = (id: number, seen = new Set<number>()): string => {
    const known = paths.get(id);
    if (known !== undefined) return known;
    const tag = byId.get(id);
    if (!tag) return '';
    // A cycle cannot be stored (the service refuses one); the guard keeps a bad answer from hanging the window.
    const parent = tag.parentId !== null && !seen.has(tag.parentId) ? pathOf(tag.parentId, seen.add(id)) : '';
    const path = parent ? `${parent}/${tag.name}` : tag.name;
    paths.set(id, path);
    return path;
  };
  for (const id of byId.keys()) pathOf(id);
  built.set(tags, paths);
  return paths;
}

/**
 * Each tag's full path ("flights/russia"), by id: a chip that said only "russia" could be
 * one of several tags of that name under different parents. One shared, cached query.
 */
export function useTagPaths(): Map<number, string> {
  const tags = useApiQuery('tags.list', {}).data;
  return tags ? pathsOf(tags) : EMPTY;
}
