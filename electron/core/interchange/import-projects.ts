import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { ImportSummary } from '../../shared/schemas';
import { plural } from '../../shared/text/plural';
import type { ImportOptions } from '../import/run-import';
import type { Workspace } from '../workspace';
import { importRefiQda, isRefiQda } from './refi-qda-import';

type PlainImport = (paths: string[], options: ImportOptions) => Promise<ImportSummary>;

/**
 * Imports files and folders, bringing REFI-QDA projects and codebooks among them in after
 * the rest: each gets one outcome that counts what came in and names what could not.
 */
export async function importWithProjects(ws: Workspace, paths: string[], options: ImportOptions, plain: PlainImport): Promise<ImportSummary> {
  const qdaPaths = paths.filter((p) => isRefiQda(p) && existsSync(p) && statSync(p).isFile());
  const qdaFiles = options.files?.filter((f) => isRefiQda(f.path)) ?? [];
  if (!qdaPaths.length && !qdaFiles.length) return plain(paths, options);
  const restPaths = paths.filter((p) => !qdaPaths.includes(p));
  const restFiles = options.files?.filter((f) => !isRefiQda(f.path));
  const summary: ImportSummary =
    restPaths.length || restFiles?.length
      ? await plain(restPaths, { ...options, ...(restFiles ? { files: restFiles } : {}) })
      : { files: 0, imported: 0, duplicates: 0, failed: 0, skipped: 0, cancelled: false, bytes: 0, outcomes: [] };
  const { signal, maxFileBytes, onProgress } = options;
  const inner = { ...(signal ? { signal } : {}), ...(maxFileBytes ? { maxFileBytes } : {}), ...(onProgress ? { onProgress } : {}) };
  for (const q of [...qdaPaths.map((p) => ({ path: p, data: null as Uint8Array | null })), ...qdaFiles]) {
    summary.files++;
    try {
      const data = q.data ?? readFileSync(q.path);
      summary.bytes += data.byteLength;
      const r = await importRefiQda(ws, basename(q.path), data, inner);
      const parts = [plural(r.documentIds.length, 'document'), plural(r.tags, 'new tag'), plural(r.highlights, 'highlight'), plural(r.notes, 'note')].join(', ');
      const left = r.problems.length ? `; not imported: ${r.problems.join('; ')}` : '';
      summary.outcomes.push({ path: q.path, status: 'imported', documentIds: r.documentIds, duplicateOf: null, reason: `${parts}${left}`, title: basename(q.path) });
      summary.imported++;
    } catch (err) {
      summary.outcomes.push({ path: q.path, status: 'failed', documentIds: [], duplicateOf: null, reason: (err as Error).message, title: null });
      summary.failed++;
    }
  }
  ws.emit('changed', 'tags');
  ws.emit('changed', 'highlights');
  ws.emit('changed', 'notes');
  return summary;
}
