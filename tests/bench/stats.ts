export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export const ms = (n: number): string => (Number.isFinite(n) ? `${n < 10 ? n.toFixed(1) : Math.round(n)} ms` : '—');
export const mb = (bytes: number): string => `${Math.round(bytes / 1048576)} MB`;

/** Peak resident set size of this process so far, in bytes. */
export const peakRss = (): number => process.resourceUsage().maxRSS * 1024;
