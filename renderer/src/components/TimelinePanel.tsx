import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { api } from '../api';
import { useApiData } from '../hooks/use-api-data';
import { useWorkbench } from '../state';

const monthStart = (m: string) => Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 1, 1) / 1000;
const monthOf = (t: number) => new Date(t * 1000).toISOString().slice(0, 7);
const lastDay = (m: string) => new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).toISOString().slice(0, 10);

/**
 * Documents by the month they were published, and the dates their texts mention, as bars
 * (uPlot). Dragging across the chart filters the library to that range; each month is
 * also a button, for the keyboard. Documents with no date are counted and listed.
 */
export function TimelinePanel() {
  const wb = useWorkbench();
  const t = useApiData(() => api.analysis.timeline(), [], ['analysis', 'documents']);
  const box = useRef<HTMLDivElement>(null);
  const months = useMemo(() => {
    const all = new Set([...(t.data?.published ?? []).map((p) => p.month), ...(t.data?.mentioned ?? []).map((p) => p.month)]);
    return [...all].sort();
  }, [t.data]);
  const setRange = (from: string, to: string) => wb.setFilters({ dateFrom: `${from}-01`, dateTo: lastDay(to) });

  useEffect(() => {
    if (!box.current || !t.data || months.length === 0) return;
    const pub = new Map(t.data.published.map((p) => [p.month, p.count]));
    const men = new Map(t.data.mentioned.map((p) => [p.month, p.count]));
    const data: uPlot.AlignedData = [months.map(monthStart), months.map((m) => pub.get(m) ?? 0), months.map((m) => men.get(m) ?? 0)];
    const bars = uPlot.paths.bars!({ size: [0.9, 60], gap: 1 });
    const width = box.current.clientWidth || 320;
    const plot = new uPlot(
      {
        width,
        height: 200,
        cursor: { drag: { x: true, y: false, setScale: false } },
        scales: { x: { time: true } },
        legend: { show: true },
        series: [
          {},
          { label: 'Published', fill: 'rgba(52, 101, 164, 0.7)', stroke: 'rgb(52, 101, 164)', paths: bars },
          { label: 'Mentioned', fill: 'rgba(204, 102, 0, 0.45)', stroke: 'rgb(204, 102, 0)', paths: bars },
        ],
        hooks: {
          setSelect: [
            (u) => {
              if (u.select.width < 2) return;
              const from = monthOf(u.posToVal(u.select.left, 'x'));
              const to = monthOf(u.posToVal(u.select.left + u.select.width, 'x'));
              setRange(from, to);
              u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
            },
          ],
        },
      },
      data,
      box.current,
    );
    return () => plot.destroy();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [t.data, months]);

  if (!t.data) return null;
  const filtered = wb.filters.dateFrom || wb.filters.dateTo;
  return (
    <div className="analysis-list">
      <p className="hint">Drag across the chart to show only documents published in that range.</p>
      <div ref={box} className="timeline-chart" role="img" aria-label={`Timeline: ${t.data.published.reduce((n, p) => n + p.count, 0)} documents by month, ${t.data.mentioned.reduce((n, p) => n + p.count, 0)} dates mentioned`} />
      {filtered && (
        <p>
          Library: {wb.filters.dateFrom || '…'} to {wb.filters.dateTo || '…'}{' '}
          <button type="button" className="link-button" onClick={() => wb.setFilters({ dateFrom: '', dateTo: '' })}>
            Clear dates
          </button>
        </p>
      )}
      <ul className="plain-list months" aria-label="Months">
        {months.map((m) => {
          const p = t.data!.published.find((x) => x.month === m)?.count ?? 0;
          const n = t.data!.mentioned.find((x) => x.month === m)?.count ?? 0;
          return (
            <li key={m}>
              <button type="button" className="link-button" onClick={() => setRange(m, m)} aria-label={`Show ${m}`}>
                {m}
              </button>{' '}
              <span className="hint">
                {p} published · {n} mentioned
              </span>
            </li>
          );
        })}
      </ul>
      {t.data.yearOnly.length > 0 && <p className="hint">Dated by year only: {t.data.yearOnly.map((y) => `${y.year} (${y.count})`).join(', ')}.</p>}
      <h3>No known date: {t.data.undated.count}</h3>
      <ul className="plain-list" aria-label="Documents with no date">
        {t.data.undated.documents.map((d) => (
          <li key={d.id}>
            <button type="button" className="link-button" onClick={() => wb.open(d.id)}>
              {d.title}
            </button>{' '}
            <span className="hint">{d.outlet ?? ''}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
