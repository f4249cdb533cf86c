import { useEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Timeline } from '../../../electron/shared/schemas';
import { useTheme } from '../hooks/use-theme';
import { useApiQuery } from '../query';
import { chartAxes } from './chart-theme';
import { useActions, useWorkbench } from '../state';
import { monthRange } from '../../../electron/shared/text/dates';

/**
 * Documents by the month they were published, and the dates their texts mention, as bars
 * (uPlot). Dragging across the chart filters the library to that range; each month is
 * also a button, for the keyboard. Documents with no date are counted and listed.
 */
export function TimelinePanel() {
  const wb = useActions();
  const filters = useWorkbench((s) => s.filters);
  const t = useApiQuery('analysis.timeline', {});
  // Drawn again when the theme changes: the canvas takes its colours when it is drawn.
  const theme = useTheme();
  const box = useRef<HTMLDivElement>(null);
  const [month, setMonth] = useState<string | null>(null);
  // The chart is drawn once per change of its figures; its click handler reads the latest setter through this.
  const select = useRef(setMonth);
  select.current = setMonth;
  const months = useMemo(() => {
    const all = new Set([...(t.data?.published ?? []).map((p) => p.month), ...(t.data?.mentioned ?? []).map((p) => p.month)]);
    return [...all].sort();
  }, [t.data]);
  const dataKey = JSON.stringify(t.data ?? null);
  const setRange = (from: string, to: string) => wb.setFilters(monthRange(from, to));

  useEffect(() => {
    if (!box.current || !t.data || months.length === 0) return;
    const pub = new Map(t.data.published.map((p) => [p.month, p.count]));
    const men = new Map(t.data.mentioned.map((p) => [p.month, p.count]));
    // One slot per month that has anything: bars stay wide however many years lie between.
    const data: uPlot.AlignedData = [months.map((_m, i) => i), months.map((m) => men.get(m) ?? 0), months.map((m) => pub.get(m) ?? 0)];
    const bars = uPlot.paths.bars!({ size: [0.8, 60], gap: 1 });
    const narrow = uPlot.paths.bars!({ size: [0.4, 30], gap: 1 });
    const width = box.current.clientWidth || 320;
    const at = (v: number) => months[Math.min(months.length - 1, Math.max(0, Math.round(v)))]!;
    const plot = new uPlot(
      {
        width,
        height: 200,
        cursor: { drag: { x: true, y: false, setScale: false } },
        scales: { x: { time: false, range: [-0.5, months.length - 0.5] } },
        axes: chartAxes((_u, splits) => splits.map((v) => (Number.isInteger(v) ? (months[v] ?? '') : '')), 48),
        legend: { show: true },
        series: [
          { label: 'Month', value: (_u, v) => (v === null ? '' : at(v)) },
          // Mentioned drawn first and wide, published over it and narrow, so both show in one slot.
          { label: 'Mentioned', fill: 'rgba(204, 102, 0, 0.4)', stroke: 'rgb(204, 102, 0)', paths: bars },
          { label: 'Published', fill: 'rgba(52, 101, 164, 0.85)', stroke: 'rgb(52, 101, 164)', paths: narrow },
        ],
        hooks: {
          ready: [
            (u) => {
              // A click on a bar (not a drag) lists what stands behind it, beside the chart.
              let downX = 0;
              u.over.addEventListener('mousedown', (e) => (downX = e.clientX));
              u.over.addEventListener('click', (e) => {
                if (Math.abs(e.clientX - downX) > 3 || u.cursor.left === undefined || u.cursor.left < 0) return;
                select.current(at(u.posToVal(u.cursor.left, 'x')));
              });
            },
          ],
          setSelect: [
            (u) => {
              if (u.select.width < 2) return;
              setRange(at(u.posToVal(u.select.left, 'x')), at(u.posToVal(u.select.left + u.select.width, 'x')));
              u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
            },
          ],
        },
      },
      data,
      box.current,
    );
    return () => plot.destroy();
    // Drawn again only when the figures change, not on every reload while the analysis runs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dataKey, theme]);

  if (!t.data) return null;
  const filtered = filters.dateFrom || filters.dateTo;
  return (
    <div className="analysis-list">
      <p className="hint">Click a bar to list its documents and dates; drag across the chart to show only documents published in that range.</p>
      <div ref={box} className="timeline-chart" role="img" aria-label={`Timeline: ${t.data.published.reduce((n, p) => n + p.count, 0)} documents by month, ${t.data.mentioned.reduce((n, p) => n + p.count, 0)} dates mentioned`} />
      {month && <MonthDetail month={month} period={t.data.periods.find((p) => p.month === month)} onClose={() => setMonth(null)} />}
      {filtered && (
        <p>
          Library: {filters.dateFrom || '…'} to {filters.dateTo || '…'}{' '}
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
              <button type="button" className="link-button" onClick={() => setMonth(m)} aria-label={`What stands behind ${m}`}>
                details
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

/** The documents published in a month and the dates the texts mention in it, each opening its place. */
function MonthDetail({ month, period, onClose }: { month: string; period: Timeline['periods'][number] | undefined; onClose: () => void }) {
  const wb = useActions();
  const ref = useRef<HTMLElement>(null);
  // Chosen from the month list far below, the detail scrolls into view beside the chart.
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest' });
  }, [month]);
  return (
    <section ref={ref} className="timeline-detail" aria-label={`Behind ${month}`}>
      <h3>
        {month}{' '}
        <button type="button" className="link-button" onClick={onClose} aria-label="Close the month">
          ×
        </button>
      </h3>
      {!period && <p className="hint">Nothing dated in this month.</p>}
      {period && period.documentCount > 0 && (
        <>
          <p className="hint">Published ({period.documentCount})</p>
          <ul className="plain-list" aria-label={`Published in ${month}`}>
            {period.documents.map((d) => (
              <li key={d.id}>
                <button type="button" className="link-button" onClick={() => wb.open(d.id)}>
                  {d.title}
                </button>{' '}
                <span className="hint">
                  {d.outlet ?? ''} {d.published}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {period && period.mentionCount > 0 && (
        <>
          <p className="hint">Mentioned in the texts ({period.mentionCount})</p>
          <ul className="plain-list" aria-label={`Mentioned in ${month}`}>
            {period.mentions.map((m) => (
              <li key={`${m.documentId}:${m.start}`}>
                <span className="hint">{m.date}</span>{' '}
                <button type="button" className="link-button" onClick={() => wb.open(m.documentId, { focus: { start: m.start, end: m.end } })}>
                  “{m.text}”
                </button>{' '}
                <span className="hint">in {m.title}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
