// Mean, median and percentiles. Empty input gives null rather than NaN or 0, so a dashboard
// shows "no data" instead of a made-up figure.

function assertFinite(values: readonly number[]): void {
  for (const v of values) {
    if (!Number.isFinite(v)) throw new RangeError(`values must be finite numbers, got ${v}`);
  }
}

/** Arithmetic mean, Neumaier-compensated so long series of durations do not drift. */
export function mean(values: readonly number[]): number | null {
  assertFinite(values);
  if (values.length === 0) return null;
  let sum = 0;
  let compensation = 0;
  for (const v of values) {
    const t = sum + v;
    compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;
    sum = t;
  }
  return (sum + compensation) / values.length;
}

/**
 * p-th percentile (p in 0–100) of values already sorted ascending, by linear interpolation
 * between closest ranks: h = (n − 1)·p/100, x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
 * This is Hyndman & Fan type 7, the default of Excel PERCENTILE.INC, R and NumPy.
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`p must be within 0–100, got ${p}`);
  assertFinite(sorted);
  for (let i = 1; i < sorted.length; i++) {
    // Unsorted input would give a plausible but wrong number; fail instead.
    if (sorted[i] < sorted[i - 1]) throw new RangeError('percentile expects values sorted ascending');
  }
  if (sorted.length === 0) return null;
  const h = ((sorted.length - 1) * p) / 100;
  const lo = Math.floor(h);
  if (lo >= sorted.length - 1) return sorted[sorted.length - 1];
  return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
}

/** Median of values in any order (the 50th percentile; mean of the middle two when even). */
export function median(values: readonly number[]): number | null {
  assertFinite(values);
  return percentile([...values].sort((a, b) => a - b), 50);
}
