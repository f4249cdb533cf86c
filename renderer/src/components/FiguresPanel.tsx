import { useMemo, useState } from 'react';
import type { FigureRow } from '../../../electron/shared/schemas';
import { useApiQuery } from '../query';
import { useActions } from '../state';
import { plural } from '../../../electron/shared/text/plural';
import { Dialog } from './Dialog';

const number = new Intl.NumberFormat('en');

function FiguresTable({ groups, onOpen, label }: { groups: Array<[string, FigureRow[]]>; onOpen: (f: FigureRow) => void; label: string }) {
  return (
    <table className="figures" aria-label={label}>
      <colgroup>
        <col className="about" />
        <col />
        <col className="source" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">About</th>
          <th scope="col">Figure, value</th>
          <th scope="col">Outlet, date</th>
        </tr>
      </thead>
      <tbody>
        {groups.map(([about, rows]) =>
          rows.map((f, i) => (
            <tr key={f.id} className={f.disputed ? 'disputed' : undefined}>
              {i === 0 && (
                <th scope="rowgroup" rowSpan={rows.length}>
                  {about}
                  {rows.some((r) => r.disputed) && <span className="badge disputed" title="Outlets give different numbers for this">disputed</span>}
                </th>
              )}
              <td>
                <button type="button" className="link-button" title={f.title} onClick={() => onOpen(f)}>
                  {f.text}
                </button>
                <br />
                <span className="hint num">= {number.format(f.value)}</span>
              </td>
              <td>
                {f.outlet ?? '—'}
                <br />
                <span className="hint">{f.published ?? 'undated'}</span>
              </td>
            </tr>
          )),
        )}
      </tbody>
    </table>
  );
}

/**
 * Figures grouped by the claim they make ("Russians": 100 mercenaries, 400 contractors,
 * 2,000 nationals), groups where outlets disagree first and marked, each claim with its
 * outlet and date. The table wraps to the panel's width and opens wide over the reader.
 */
export function FiguresPanel() {
  const wb = useActions();
  const list = useApiQuery('analysis.figures', {});
  const [filter, setFilter] = useState('');
  const [wide, setWide] = useState(false);
  const groups = useMemo(() => {
    const out = new Map<string, FigureRow[]>();
    for (const f of list.data ?? []) {
      const about = f.about ?? f.subject ?? 'other';
      if (filter && !`${f.text} ${about} ${f.outlet ?? ''}`.toLowerCase().includes(filter.toLowerCase())) continue;
      (out.get(about) ?? out.set(about, []).get(about)!).push(f);
    }
    const disputed = (rows: FigureRow[]) => Number(rows.some((r) => r.disputed));
    return [...out].sort((a, b) => disputed(b[1]) - disputed(a[1]) || b[1].length - a[1].length || a[0].localeCompare(b[0]));
  }, [list.data, filter]);
  const open = (f: FigureRow) => {
    setWide(false);
    wb.open(f.documentId, { focus: { start: f.start, end: f.end } });
  };
  const disputed = groups.filter(([, rows]) => rows.some((r) => r.disputed)).length;
  return (
    <div className="analysis-list">
      <div className="row">
        <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Filter figures" aria-label="Filter figures" />
        <button type="button" onClick={() => setWide(true)}>
          Open wide
        </button>
      </div>
      {disputed > 0 && <p className="hint">Outlets disagree on {plural(disputed, 'claim')}, listed first.</p>}
      <FiguresTable groups={groups} onOpen={open} label="Figures" />
      {wide && (
        <Dialog label="Figures" onClose={() => setWide(false)} wide>
          <div className="figures-wide">
            <FiguresTable groups={groups} onOpen={open} label="Figures, wide" />
          </div>
          <div className="dialog-actions">
            <button type="button" onClick={() => setWide(false)}>
              Close
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
