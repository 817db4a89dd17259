import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mean, median, percentile } from './index.ts';

describe('mean', () => {
  it('averages by hand-checkable sums', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(mean([])).toBeNull();
  });

  it('does not drift where a naive sum loses the small terms', () => {
    // Naively 1e16 + 1 + 1 − 1e16 = 0 (each +1 is rounded away); the true sum is 2.
    expect(mean([1e16, 1, 1, -1e16])).toBe(0.5);
  });

  it('rejects non-finite values', () => {
    expect(() => mean([1, Number.NaN])).toThrow(RangeError);
  });
});

describe('percentile (linear interpolation, Hyndman–Fan type 7)', () => {
  const xs = [10, 20, 30, 40, 50];

  it('interpolates between closest ranks', () => {
    // h = (5 − 1)·p/100: p=25 → h=1 → 20; p=90 → h=3.6 → 40 + 0.6·10 = 46; p=10 → 10 + 0.4·10 = 14
    expect(percentile(xs, 25)).toBe(20);
    expect(percentile(xs, 90)).toBeCloseTo(46, 12);
    expect(percentile(xs, 10)).toBeCloseTo(14, 12);
    expect(percentile(xs, 0)).toBe(10);
    expect(percentile(xs, 100)).toBe(50);
    // Same value as Excel PERCENTILE.INC({1,2,3,4}, 0.95): h = 2.85 → 3 + 0.85 = 3.85
    expect(percentile([1, 2, 3, 4], 95)).toBeCloseTo(3.85, 12);
  });

  it('handles empty and single-value input', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([7], 99)).toBe(7);
  });

  it('refuses unsorted input and p outside 0–100', () => {
    expect(() => percentile([3, 1, 2], 50)).toThrow(RangeError);
    expect(() => percentile(xs, 101)).toThrow(RangeError);
    expect(() => percentile(xs, -1)).toThrow(RangeError);
  });

  it('is monotone in p and stays within the data (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (values, p, q) => {
          const sorted = [...values].sort((a, b) => a - b);
          const [lo, hi] = p <= q ? [p, q] : [q, p];
          const a = percentile(sorted, lo)!;
          const b = percentile(sorted, hi)!;
          expect(a).toBeLessThanOrEqual(b);
          expect(a).toBeGreaterThanOrEqual(sorted[0]);
          expect(b).toBeLessThanOrEqual(sorted[sorted.length - 1]);
        },
      ),
    );
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('does not reorder the caller’s array', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
});
