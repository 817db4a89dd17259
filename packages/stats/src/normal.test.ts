import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalCdf } from './index.ts';

// Reference values: Φ evaluated with mpmath.ncdf at 30–50 significant digits.
const table: [number, number][] = [
  [1.96, 0.97500210485178],
  [-1, 0.158655253931457],
  [0, 0.5],
  [0.5, 0.6914624612740131],
  [1, 0.841344746068543],
  [2.5, 0.993790334674224],
  [3, 0.9986501019683699],
  [-3, 0.00134989803163009],
  [-3.5, 0.000232629079035525],
  [-5, 2.866515718791939e-7],
  [5, 0.999999713348428],
  [-8, 6.22096057427178e-16],
  [-20, 2.753624118606234e-89],
];

describe('normalCdf', () => {
  it('Φ(1.96) = 0.9750021 and Φ(−1) = 0.1586553', () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021, 7);
    expect(normalCdf(-1)).toBeCloseTo(0.1586553, 7);
  });

  it.each(table)('Φ(%s) matches the high-precision value to 1e-11 relative', (z, expected) => {
    expect(Math.abs(normalCdf(z) - expected) / expected).toBeLessThan(1e-11);
  });

  it('handles infinities and rejects NaN', () => {
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1);
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0);
    expect(() => normalCdf(Number.NaN)).toThrow(RangeError);
  });

  it('is symmetric, monotone and within [0, 1] (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -40, max: 40, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        (z, step) => {
          const v = normalCdf(z);
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
          expect(normalCdf(z + step)).toBeGreaterThanOrEqual(v);
          expect(Math.abs(v + normalCdf(-z) - 1)).toBeLessThan(1e-15);
        },
      ),
    );
  });
});
