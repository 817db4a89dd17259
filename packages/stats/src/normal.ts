// Standard normal CDF to ~1e-12 relative error even in deep tails, so p-values from small
// differences on large samples are not rounded to 0 or to a visibly wrong figure.

const SQRT_PI = Math.sqrt(Math.PI);

/**
 * erf(x) for 0 ≤ x < 2.5 by the all-positive series
 * erf(x) = 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)) (Abramowitz–Stegun 7.1.6);
 * every term is positive, so there is no cancellation.
 */
function erfSeries(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; term > sum * 1e-17; n++) {
    term *= (2 * x * x) / (2 * n + 1);
    sum += term;
  }
  return ((2 / SQRT_PI) * Math.exp(-x * x)) * sum;
}

/**
 * erfc(x) for x ≥ 2.5 by the continued fraction (A–S 7.1.14)
 * erfc(x) = e^(−x²)/√π · 1/(x + ½/(x + 1/(x + 3⁄2/(x + 2/(x + …))))),
 * evaluated bottom-up; it keeps full relative accuracy far into the tail.
 */
function erfcContinuedFraction(x: number): number {
  let t = x;
  for (let n = 120; n >= 1; n--) t = x + n / 2 / t;
  return Math.exp(-x * x) / SQRT_PI / t;
}

/** Φ(z) = P(Z ≤ z) for a standard normal Z. */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) throw new RangeError('normalCdf of NaN');
  if (z === Number.POSITIVE_INFINITY) return 1;
  if (z === Number.NEGATIVE_INFINITY) return 0;
  const x = Math.abs(z) / Math.SQRT2;
  if (x < 2.5) {
    const erf = erfSeries(x);
    return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
  }
  const half = 0.5 * erfcContinuedFraction(x);
  return z >= 0 ? 1 - half : half;
}
