// Rates with their uncertainty, the comparison of two rates, and the small-group rules that
// keep dashboards from showing a 100% built on two answers (or identifying the people in it).

import { normalCdf } from './normal.ts';

/** z for a two-sided 95% interval, Φ⁻¹(0.975). */
export const Z_95 = 1.959964;
/** Groups smaller than this are never shown: too noisy, and too close to naming people. */
export const SUPPRESSION_MIN_N = 5;

function assertCounts(successes: number, n: number): void {
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`n must be a finite number >= 0, got ${n}`);
  if (!Number.isFinite(successes) || successes < 0 || successes > n) {
    throw new RangeError(`successes must be within [0, n], got ${successes} of ${n}`);
  }
}

export interface Interval {
  /** successes / n, or null when n = 0. */
  rate: number | null;
  low: number;
  high: number;
  n: number;
}

/**
 * Wilson score interval (Wilson 1927): unlike the Wald interval it stays inside [0, 1] and
 * does not collapse to a point at 0% or 100%.
 *   centre = (p + z²/2n) / (1 + z²/n)
 *   half   = z/(1 + z²/n) · √(p(1−p)/n + z²/4n²)
 * With n = 0 nothing is known: rate null, interval [0, 1].
 */
export function wilsonInterval(successes: number, n: number, z = Z_95): Interval {
  assertCounts(successes, n);
  if (n === 0) return { rate: null, low: 0, high: 1, n };
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At 0 or n successes the bound is exactly 0 or 1; rounding would give ±1e-17 instead.
  const low = successes === 0 ? 0 : Math.max(0, centre - half);
  const high = successes === n ? 1 : Math.min(1, centre + half);
  return { rate: p, low, high, n };
}

export interface TwoProportionResult {
  /** p1 − p2. */
  diff: number | null;
  z: number | null;
  /** Two-sided p-value of the pooled z-test. */
  pValue: number | null;
  significant: boolean;
  /** Unpooled Wald 95% interval of p1 − p2. */
  ciLow: number | null;
  ciHigh: number | null;
}

/**
 * Pooled two-proportion z-test (is p1 ≠ p2?) with an unpooled Wald 95% CI of p1 − p2.
 * An empty group gives all nulls (nothing to compare). When every answer in both groups is
 * the same (pooled rate 0 or 1) there is no variance and no evidence of a difference:
 * z = 0, p = 1.
 */
export function twoProportionTest(x1: number, n1: number, x2: number, n2: number): TwoProportionResult {
  assertCounts(x1, n1);
  assertCounts(x2, n2);
  if (n1 === 0 || n2 === 0) {
    return { diff: null, z: null, pValue: null, significant: false, ciLow: null, ciHigh: null };
  }
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const diff = p1 - p2;
  const pooled = (x1 + x2) / (n1 + n2);
  const pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const waldSe = Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  const ciLow = diff - Z_95 * waldSe;
  const ciHigh = diff + Z_95 * waldSe;
  if (pooledSe === 0) return { diff, z: 0, pValue: 1, significant: false, ciLow, ciHigh };
  const z = diff / pooledSe;
  // 2·Φ(−|z|) rather than 2·(1 − Φ(|z|)) keeps tiny p-values from rounding to 0.
  const pValue = Math.min(1, 2 * normalCdf(-Math.abs(z)));
  return { diff, z, pValue, significant: pValue < 0.05, ciLow, ciHigh };
}

export interface CsatResult {
  /** Share of answers scoring 4 or 5 (the top two boxes), null with no answers. */
  rate: number | null;
  satisfied: number;
  n: number;
}

/** CSAT: share of 1–5 answers in the top two boxes (4 or 5). */
export function csat(scores: readonly number[]): CsatResult {
  let satisfied = 0;
  for (const s of scores) {
    // A 0 or 7 means a scale mix-up upstream; counting it either way would skew the rate.
    if (!Number.isInteger(s) || s < 1 || s > 5) throw new RangeError(`CSAT score must be 1–5, got ${s}`);
    if (s >= 4) satisfied++;
  }
  const n = scores.length;
  return { rate: n === 0 ? null : satisfied / n, satisfied, n };
}

export interface FlaggedRate {
  rate: number | null;
  n: number;
  low: number | null;
  high: number | null;
  /** n < minN: show it, but marked as based on few answers. */
  lowN: boolean;
  /** n < 5: rate and interval withheld. */
  suppressed: boolean;
}

/**
 * A rate ready for a dashboard: Wilson 95% interval, flagged below `minN`, and withheld
 * entirely (rate, low, high null) below 5.
 */
export function rateWithFlags(x: number, n: number, { minN = 30 }: { minN?: number } = {}): FlaggedRate {
  assertCounts(x, n);
  const lowN = n < minN;
  if (n < SUPPRESSION_MIN_N) return { rate: null, n, low: null, high: null, lowN, suppressed: true };
  const { rate, low, high } = wilsonInterval(x, n);
  return { rate, n, low, high, lowN, suppressed: false };
}
