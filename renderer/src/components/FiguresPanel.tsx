import { useEffect, useMemo, useRef, useState } from 'react';
import type { FigureRow } from '../../../electron/shared/schemas';
import { useApiQuery } from '../query';
import { useActions } from '../state';
import { plural } from '../../../electron/shared/text/plural';

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

/** The figures grouped by claim, disputed groups first, filtered by what the user typed. */
function useFigureGroups(filter: string): Array<[string, FigureRow[]]> {
  const list = useApiQuery('analysis.figures', {});
  return useMemo(() => {
    const out = new Map<string, FigureRow[]>();
    for (const f of list.data ?? []) {
      const about = f.about ?? f.subject ?? 'other';
      if (filter && !`${f.text} ${about} ${f.outlet ?? ''}`.toLowerCase().includes(filter.toLowerCase())) continue;
      (out.get(about) ?? out.set(about, []).get(about)!).push(f);
    }
    const disputed = (rows: FigureRow[]) => Number(rows.some((r) => r.disputed));
    return [...out].sort((a, b) => disputed(b[1]) - disputed(a[1]) || b[1].length - a[1].length || a[0].localeCompare(b[0]));
  }, [list.data, filter]);
}

function DisputedHint({ groups }: { groups: Array<[string, FigureRow[]]> }) {
  const disputed = groups.filter(([, rows]) => rows.some((r) => r.disputed)).length;
  return disputed > 0 ? <p className="hint">Outlets disagree on {plural(disputed, 'claim')}, listed first.</p> : null;
}

/**
 * Figures grouped by the claim they make ("Russians": 100 mercenaries, 400 contractors,
 * 2,000 nationals), groups where outlets disagree first and marked, each claim with its
 * outlet and date. The table wraps to the panel's width, and opens wide in the reader area.
 */
export function FiguresPanel() {
  const wb = useActions();
  const [filter, setFilter] = useState('');
  const groups = useFigureGroups(filter);
  const open = (f: FigureRow) => wb.open(f.documentId, { focus: { start: f.start, end: f.end } });
  return (
    <div className="analysis-list">
      <div className="row">
        <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Filter figures" aria-label="Filter figures" />
        <button type="button" onClick={() => wb.setReaderView('figures')} title="Show the figures in the reader area">
          Open wide
        </button>
      </div>
      <DisputedHint groups={groups} />
      <FiguresTable groups={groups} onOpen={open} label="Figures" />
    </div>
  );
}

/**
 * The figures table in the reader area, in place of the documents: wide enough to read each
 * claim on one line. Escape or "Back to the reader" brings the documents back; a figure opens
 * its document there.
 */
export function FiguresReaderView() {
  const wb = useActions();
  const [filter, setFilter] = useState('');
  const groups = useFigureGroups(filter);
  const back = useRef<HTMLButtonElement>(null);
  // Keyboard users land in the view they opened, on the way back out.
  useEffect(() => back.current?.focus(), []);
  const close = () => wb.setReaderView(null);
  const open = (f: FigureRow) => wb.open(f.documentId, { focus: { start: f.start, end: f.end } });
  return (
    <section className="reader active figures-reader" aria-label="Figures, wide" onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), close())}>
      <div className="reader-bar">
        <h2 className="reader-view-title">Figures</h2>
        <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="Filter figures" aria-label="Filter wide figures" />
        <span className="spacer" />
        <button type="button" ref={back} onClick={close}>
          Back to the reader
        </button>
      </div>
      <div className="reader-scroll">
        <DisputedHint groups={groups} />
        <FiguresTable groups={groups} onOpen={open} label="Figures, wide" />
      </div>
    </section>
  );
}
