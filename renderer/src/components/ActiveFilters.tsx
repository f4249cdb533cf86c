import { useActions, useWorkbench, type Filters } from '../state';

const LABELS: Record<'tag' | 'entity' | 'outlet', string> = { tag: 'Tag', entity: 'Mentions', outlet: 'Outlet' };

/**
 * Every filter in force, above the list, each with its own ×: a click on an entity, a tag or
 * a bar of the timeline never narrows the library out of sight.
 */
export function ActiveFilters() {
  const f = useWorkbench((s) => s.filters);
  const { setFilters, clearFilters } = useActions();
  const chips: { key: keyof Filters | 'date'; label: string; clear: Partial<Filters> }[] = [];
  for (const k of ['tag', 'entity', 'outlet'] as const) {
    const v = f[k];
    if (v) chips.push({ key: k, label: `${LABELS[k]}: ${v}`, clear: { [k]: null } });
  }
  if (f.dateFrom || f.dateTo) {
    const label = f.dateFrom && f.dateTo ? `${f.dateFrom} – ${f.dateTo}` : f.dateFrom ? `from ${f.dateFrom}` : `until ${f.dateTo}`;
    chips.push({ key: 'date', label: `Published ${label}`, clear: { dateFrom: '', dateTo: '' } });
  }
  if (chips.length === 0) return null;
  return (
    <div className="active-filters" role="group" aria-label="Active filters">
      {chips.map((c) => (
        <span key={c.key} className="filter-chip">
          {c.label}
          <button
            type="button"
            className="chip-x"
            aria-label={`Clear filter ${c.label}`}
            onClick={(e) => {
              // The focus goes to the next chip's ×, or back to the search box: never lost on the page.
              const chips = [...(e.currentTarget.closest('[role=group]')?.querySelectorAll<HTMLElement>('.chip-x') ?? [])];
              const next = chips[chips.indexOf(e.currentTarget) + 1] ?? chips[chips.indexOf(e.currentTarget) - 1];
              setFilters(c.clear);
              requestAnimationFrame(() => (next?.isConnected ? next : document.querySelector<HTMLElement>('input[aria-label="Search"]'))?.focus());
            }}
          >
            ×
          </button>
        </span>
      ))}
      {chips.length > 1 && (
        <button type="button" className="link-button" onClick={clearFilters}>
          Clear all
        </button>
      )}
    </div>
  );
}
