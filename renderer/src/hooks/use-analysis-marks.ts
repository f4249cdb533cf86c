import { useMemo } from 'react';
import type { SharedPassage } from '../../../electron/shared/schemas';
import type { Mark } from '../components/DocumentText';
import { useApiQuery } from '../query';

/**
 * What the analysis marks in a reader: the passages this document shares with the one in
 * the other pane, and the mentions of the entity chosen in the entity list.
 */
export function useAnalysisMarks(documentId: number, otherId: number | null, entity: string | null): { marks: Mark[]; shared: SharedPassage[] } {
  const shared = useApiQuery('analysis.passages', otherId && otherId !== documentId ? { documentId, otherId } : null);
  // An entity not found (merged away meanwhile) marks nothing rather than failing the reader.
  const mentions = useApiQuery('analysis.mentions', entity ? { key: entity, documentId } : null);
  const marks = useMemo<Mark[]>(
    () => [
      ...(shared.data && otherId ? shared.data : []).map((p) => ({ start: p.start, end: p.end, kind: 'shared' as const, id: p.id, title: `Shared with “${p.other.title}” (${p.kind === 'copy' ? 'word for word' : 'reworded'})` })),
      ...(mentions.data && entity ? mentions.data : []).map((m) => ({ start: m.start, end: m.end, kind: 'entity' as const })),
    ],
    [shared.data, mentions.data, otherId, entity],
  );
  return { marks, shared: otherId && shared.data ? shared.data : [] };
}
