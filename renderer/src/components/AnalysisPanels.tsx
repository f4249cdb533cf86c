import { useState } from 'react';
import { plural } from '../../../electron/shared/text/plural';
import { api } from '../api';
import { useApiQuery } from '../query';
import { useActions, useWorkbench } from '../state';

const clip = (s: string, n = 110) => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > n ? `${flat.slice(0, n - 1)}…` : flat;
};
const dateOf = (d: string | null) => d ?? 'undated';

/** What the active document shares with others, likely origin first in each pair. */
export function PassagesPanel() {
  const wb = useActions();
  const docId = useWorkbench((s) => (s.panes[s.active] ?? s.panes[0])?.documentId ?? null);
  const list = useApiQuery('analysis.passages', docId ? { documentId: docId } : null);
  if (!docId) return <p className="empty">Open a document to see the passages it shares with others.</p>;
  if (list.data?.length === 0) return <p className="empty">This document shares no passage with another one.</p>;
  const others = new Map<number, { title: string; count: number; origin: number | null }>();
  for (const p of list.data ?? []) {
    const o = others.get(p.other.id) ?? { title: p.other.title, count: 0, origin: p.origin };
    o.count++;
    others.set(p.other.id, o);
  }
  return (
    <div className="analysis-list">
      <p className="hint">
        Shared with {plural(others.size, 'document')}:{' '}
        {[...others].map(([id, o]) => (
          <span key={id} className="badge">
            {clip(o.title, 40)} · {o.count} · {o.origin === docId ? 'this is the likely origin' : o.origin === id ? 'likely origin' : 'origin unclear'}
          </span>
        ))}
      </p>
      <ul className="plain-list" aria-label="Shared passages">
        {list.data?.map((p) => (
          <li key={p.id} className="passage">
            <blockquote>{clip(p.quote, 220)}</blockquote>
            <div className="hint">
              {p.kind === 'copy' ? 'Word for word' : 'Reworded'} ({Math.round(p.score * 100)}%) in “{clip(p.other.title, 60)}” — {p.other.outlet ?? 'unknown outlet'}, {dateOf(p.other.published)}.{' '}
              {p.origin === docId ? 'This document is the likely origin.' : p.origin === p.other.id ? 'That document is the likely origin.' : 'Which came first is unclear.'}
            </div>
            <button
              type="button"
              className="link-button"
              onClick={() => {
                wb.open(p.other.id, { side: true, focus: { start: p.otherStart, end: p.otherEnd } });
                setTimeout(() => wb.focusShared(p.id), 300);
              }}
              aria-label={`Compare side by side with ${p.other.title}`}
            >
              Compare side by side
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** People, organisations and places; choosing one filters the library and marks it in the reader. */
export function EntitiesPanel() {
  const wb = useActions();
  const chosen = useWorkbench((s) => s.filters.entity);
  const list = useApiQuery('analysis.entities', { limit: 2000 });
  const [filter, setFilter] = useState('');
  const [kind, setKind] = useState<'all' | 'person' | 'organization' | 'place'>('all');
  const [error, setError] = useState<string | null>(null);
  const shown = (list.data ?? []).filter((e) => (kind === 'all' || e.kind === kind) && e.name.toLowerCase().includes(filter.toLowerCase()));
  const current = list.data?.find((e) => e.name === chosen);
  return (
    <div className="analysis-list">
      <div className="row">
        <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Filter names" aria-label="Filter entities" />
        <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)} aria-label="Kind of entity">
          <option value="all">All</option>
          <option value="person">People</option>
          <option value="organization">Organisations</option>
          <option value="place">Places</option>
        </select>
      </div>
      {chosen && (
        <p className="hint">
          Library filtered to documents mentioning <strong>{chosen}</strong>; mentions are marked in the reader.{' '}
          <button type="button" className="link-button" onClick={() => wb.setFilters({ entity: null })}>
            Clear
          </button>
          {current && current.variants.length > 1 && (
            <>
              {' '}
              Variants:{' '}
              {current.variants.map((v) => (
                <button key={v} type="button" className="link-button" title="Split this variant into an entity of its own" onClick={() => void api.analysis.splitEntity({ variant: v }).catch((e: Error) => setError(e.message))}>
                  {v} ✂
                </button>
              ))}
            </>
          )}
        </p>
      )}
      {error && <p role="alert" className="error">{error}</p>}
      <ul className="plain-list entity-list" aria-label="Entities">
        {shown.slice(0, 300).map((e) => (
          <li key={e.key} className={e.name === chosen ? 'selected' : undefined}>
            <button type="button" className="link-button" aria-pressed={e.name === chosen} onClick={() => wb.setFilters({ entity: e.name === chosen ? null : e.name })}>
              {e.name}
            </button>{' '}
            <span className="hint">
              {e.kind} · {plural(e.documents, 'document')} · {plural(e.mentions, 'mention')}
            </span>
            {chosen && e.name !== chosen && current && (
              <button type="button" className="link-button entity-merge" title={`Merge into ${chosen} (the Entities panel can split it off again)`} onClick={() => void api.analysis.mergeEntities({ keys: [current.key, e.key] }).catch((err: Error) => setError(err.message))}>
                merge into {chosen}
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

export { FiguresPanel } from './FiguresPanel';
