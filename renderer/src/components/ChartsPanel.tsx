import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { OutletTimeline, TagsByOutlet } from '../../../electron/shared/api/contract-analysis';
import { plural } from '../../../electron/shared/text/plural';
import { useTheme } from '../hooks/use-theme';
import { useApiQuery } from '../query';
import { chartAxes } from './chart-theme';
import { useActions } from '../state';
import { monthRange } from '../../../electron/shared/text/dates';

const NO_OUTLET = 'no outlet';
const COLORS = ['#3465a4', '#cc6600', '#4e9a06', '#a40000', '#75507b', '#c4a000', '#06989a', '#ce5c00', '#888a85'];
/**
 * Tags against outlets as a heat table: each cell is a button that filters the library to
 * that tag and outlet. A table rather than a canvas, so that it reads aloud and takes the keyboard.
 */
function TagsByOutletTable({ data }: { data: TagsByOutlet }) {
  const { setFilters } = useActions();
  const used = data.tags.filter((t) => data.cells.some((c) => c.tagId === t.id));
  if (used.length === 0) return <p className="empty">No document or highlight is tagged yet.</p>;
  const outlets = data.outlets.filter((o) => data.cells.some((c) => c.outlet === o.outlet));
  const count = new Map(data.cells.map((c) => [`${c.tagId}\u0000${c.outlet ?? ''}`, c.documents]));
  const max = Math.max(...data.cells.map((c) => c.documents));
  return (
    <div className="heat-wrap">
      <table className="heat" aria-label="Tags by outlet">
        <thead>
          <tr>
            <th scope="col">Tag</th>
            {outlets.map((o) => (
              <th key={o.outlet ?? ''} scope="col" title={`${o.outlet ?? NO_OUTLET}: ${plural(o.documents, 'document')} in all`}>
                {o.outlet ?? NO_OUTLET}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {used.map((t) => (
            <tr key={t.id}>
              <th scope="row">
                <span className="chip-dot" style={{ background: t.color }} aria-hidden="true" /> {t.name}
              </th>
              {outlets.map((o) => {
                const n = count.get(`${t.id}\u0000${o.outlet ?? ''}`) ?? 0;
                const label = `${t.name} in ${o.outlet ?? NO_OUTLET}: ${plural(n, 'document')}`;
                return (
                  <td key={o.outlet ?? ''} style={{ ['--heat' as string]: String(n / max) }}>
                    {n > 0 && o.outlet !== null ? (
                      <button type="button" aria-label={`${label}; show them`} title={label} onClick={() => setFilters({ tag: t.name, outlet: o.outlet })}>
                        {n}
                      </button>
                    ) : (
                      <span aria-label={label}>{n > 0 ? n : '·'}</span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Documents published each month, one line per outlet (uPlot); a click on a month filters the library to it. */
function OutletTimelineChart({ data }: { data: OutletTimeline }) {
  const { setFilters } = useActions();
  const box = useRef<HTMLDivElement>(null);
  const months = data.months;
  const theme = useTheme();
  useEffect(() => {
    if (!box.current || months.length === 0) return;
    const at = (v: number) => months[Math.min(months.length - 1, Math.max(0, Math.round(v)))]!;
    const plot = new uPlot(
      {
        width: box.current.clientWidth || 320,
        height: 220,
        scales: { x: { time: false, range: [-0.5, months.length - 0.5] } },
        axes: chartAxes((_u, splits) => splits.map((v) => (Number.isInteger(v) ? (months[v] ?? '') : '')), 56),
        series: [
          { label: 'Month', value: (_u, v) => (v === null ? '' : at(v)) },
          ...data.series.map((s, i) => ({
            label: s.other ? 'Other outlets' : (s.outlet ?? NO_OUTLET),
            stroke: COLORS[i % COLORS.length]!,
            // Points joined only between neighbouring months: a line across empty months would invent a trend.
            width: months.length > 6 ? 2 : 0,
            points: { show: true, size: 9, fill: COLORS[i % COLORS.length]! },
          })),
        ],
        hooks: {
          ready: [
            (u) =>
              u.over.addEventListener('click', () => {
                if (u.cursor.idx == null) return;
                const m = months[u.cursor.idx]!;
                setFilters(monthRange(m));
              }),
          ],
        },
      },
      [months.map((_m, i) => i), ...data.series.map((s) => s.counts)],
      box.current,
    );
    const resize = new ResizeObserver(() => box.current && plot.setSize({ width: box.current.clientWidth, height: 220 }));
    resize.observe(box.current);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [JSON.stringify(data), theme]);
  if (months.length === 0) return <p className="empty">No dated documents yet.</p>;
  return <div ref={box} className="chart" role="img" aria-label={`Documents published per month by outlet, ${months[0]} to ${months[months.length - 1]}`} />;
}

/** The charts researchers ask for: which outlet uses which tag, and who published when. */
export function ChartsPanel() {
  const tags = useApiQuery('analysis.tagsByOutlet', {});
  const timeline = useApiQuery('analysis.outletTimeline', {});
  return (
    <div className="charts">
      <h3>Tags by outlet</h3>
      <p className="hint">Documents of each outlet with the tag, on the document or a highlight. Click a number to list them.</p>
      {tags.error && <p role="alert" className="error">{tags.error}</p>}
      {tags.data && <TagsByOutletTable data={tags.data} />}
      <h3>Documents over time by outlet</h3>
      <p className="hint">Click a month to list its documents.</p>
      {timeline.error && <p role="alert" className="error">{timeline.error}</p>}
      {timeline.data && <OutletTimelineChart data={timeline.data} />}
    </div>
  );
}
