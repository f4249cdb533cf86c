import { useMemo } from 'react';
import type { SharedPassage } from '../../../electron/shared/schemas';
import { api } from '../api';
import type { Mark } from '../components/DocumentText';
import { useApiData } from './use-api-data';

/**
 * What the analysis marks in a reader: the passages this document shares with the one in
 * the other pane, and the mentions of the entity chosen in the entity list.
 */
export function useAnalysisMarks(documentId: number, otherId: number | null, entity: string | null): { marks: Mark[]; shared: SharedPassage[] } {
  const shared = useApiData(() => (otherId && otherId !== documentId ? api.analysis.passages({ documentId, otherId }) : Promise.resolve([])), [documentId, otherId], ['analysis', 'documents']);
  const mentions = useApiData(() => (entity ? api.analysis.mentions({ key: entity, documentId }).catch(() => []) : Promise.resolve([])), [documentId, entity], ['analysis']);
  const marks = useMemo<Mark[]>(
    () => [
      ...(shared.data ?? []).map((p) => ({ start: p.start, end: p.end, kind: 'shared' as const, id: p.id, title: `Shared with “${p.other.title}” (${p.kind === 'copy' ? 'word for word' : 'reworded'})` })),
      ...(mentions.data ?? []).map((m) => ({ start: m.start, end: m.end, kind: 'entity' as const })),
    ],
    [shared.data, mentions.data],
  );
  return { marks, shared: shared.data ?? [] };
}
