import type uPlot from 'uplot';

/**
 * The charts' axes in the theme's colours: uPlot draws on a canvas, where CSS does not reach,
 * so the labels and grid take the page's --muted and --line when the chart is drawn.
 */
export function chartAxes(xValues: uPlot.Axis['values'], space: number): uPlot.Axis[] {
  const css = getComputedStyle(document.documentElement);
  const ink = css.getPropertyValue('--muted').trim() || '#5c636b';
  const line = css.getPropertyValue('--line').trim() || '#e3e0d8';
  const axis = { stroke: ink, grid: { stroke: line, width: 1 }, ticks: { stroke: line, width: 1 } };
  return [{ ...axis, values: xValues, space }, axis];
}
