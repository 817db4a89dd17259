import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  averageSpeedOfAnswer,
  erlangB,
  erlangC,
  occupancy,
  serviceLevel,
  trafficIntensity,
} from './index.ts';

// ---------------------------------------------------------------------------------------
// Independent reference: the textbook closed form, evaluated in log space.
//   C(N, A) = [A^N/N! · N/(N−A)] / [Σ_{k<N} A^k/k! + A^N/N! · N/(N−A)]
//   B(N, A) = [A^N/N!] / Σ_{k≤N} A^k/k!
// ln(A^k/k!) = k·ln A − lnΓ(k+1); sums use log-sum-exp. Shares no code with the library.
// ---------------------------------------------------------------------------------------

// Lanczos approximation (g = 7, n = 9), relative error ~1e-15 for x > 0.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];
function lnGamma(x: number): number {
  const xm1 = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < 9; i++) sum += LANCZOS[i] / (xm1 + i);
  const t = xm1 + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (xm1 + 0.5) * Math.log(t) - t + Math.log(sum);
}

function logSumExp(logs: number[]): number {
  const max = Math.max(...logs);
  let s = 0;
  for (const l of logs) s += Math.exp(l - max);
  return max + Math.log(s);
}

const logTerm = (k: number, a: number) => k * Math.log(a) - lnGamma(k + 1);

function referenceErlangC(n: number, a: number): number {
  if (n <= a) return 1;
  const logs: number[] = [];
  for (let k = 0; k < n; k++) logs.push(logTerm(k, a));
  const logTop = logTerm(n, a) + Math.log(n) - Math.log(n - a);
  logs.push(logTop);
  return Math.exp(logTop - logSumExp(logs));
}

function referenceErlangB(n: number, a: number): number {
  const logs: number[] = [];
  for (let k = 0; k <= n; k++) logs.push(logTerm(k, a));
  return Math.exp(logTerm(n, a) - logSumExp(logs));
}

/** Relative closeness, with an absolute floor for values that are practically zero. */
function close(actual: number, expected: number, rel = 1e-8, abs = 1e-250): boolean {
  return Math.abs(actual - expected) <= Math.max(rel * Math.abs(expected), abs);
}

describe('erlangB', () => {
  it('matches the recursion worked by hand for A = 3, N = 5', () => {
    // B1 = 3/4 = 0.75; B2 = 2.25/4.25 = 0.529412; B3 = 1.588235/4.588235 = 0.346154;
    // B4 = 1.038462/5.038462 = 0.206107; B5 = 0.618321/5.618321 = 0.110054
    expect(erlangB(5, 3)).toBeCloseTo(0.110054, 6);
    expect(erlangB(0, 3)).toBe(1);
    expect(erlangB(4, 0)).toBe(0);
  });

  it('rejects fractional or negative agents and bad traffic', () => {
    expect(() => erlangB(2.5, 1)).toThrow(RangeError);
    expect(() => erlangB(-1, 1)).toThrow(RangeError);
    expect(() => erlangB(3, Number.NaN)).toThrow(RangeError);
    expect(() => erlangB(3, -1)).toThrow(RangeError);
  });
});

describe('erlangC worked examples', () => {
  it('A = 10 Erlangs (200 calls/h, AHT 180 s), N = 11: P(wait) ≈ 0.6821', () => {
    expect(trafficIntensity(200, 180, 3600)).toBe(10);
    // 0.6821182047 from the closed form in 50-digit arithmetic (mpmath), not from this code.
    expect(erlangC(11, 10)).toBeCloseTo(0.6821182047, 9);
  });

  it('A = 10, N = 12…14 match the closed form evaluated in 50-digit arithmetic', () => {
    expect(erlangC(12, 10)).toBeCloseTo(0.4493882243, 9);
    expect(erlangC(13, 10)).toBeCloseTo(0.285270453, 8);
    expect(erlangC(14, 10)).toBeCloseTo(0.1741319336, 9);
  });

  it('360 calls per 30 min, AHT 240 s, 55 agents, T = 15 s (the classic step-by-step example)', () => {
    // A = 360 × 240 / 1800 = 48. Values from the closed form in 50-digit arithmetic.
    const a = trafficIntensity(360, 240, 1800);
    expect(a).toBe(48);
    expect(erlangC(55, a)).toBeCloseTo(0.2387009364, 9);
    expect(serviceLevel(55, a, 240, 15)).toBeCloseTo(0.8458830922, 9);
    expect(averageSpeedOfAnswer(55, a, 240)).toBeCloseTo(8.184032104, 8);
  });

  it('returns 1 when agents do not exceed traffic', () => {
    expect(erlangC(10, 10)).toBe(1);
    expect(erlangC(3, 10)).toBe(1);
    expect(erlangC(0, 0)).toBe(1);
  });

  it('is zero with no traffic and at least one agent', () => {
    expect(erlangC(1, 0)).toBe(0);
  });

  it('stays finite and accurate at 2,000 and 5,000 Erlangs', () => {
    // Closed form in 40-digit arithmetic (mpmath loggamma + exp).
    expect(erlangC(2050, 2000)).toBeCloseTo(0.183354738702, 10);
    expect(erlangC(2100, 2000)).toBeCloseTo(0.0155960374752, 11);
    expect(erlangC(5050, 5000)).toBeCloseTo(0.368172926153, 10);
    expect(erlangC(5100, 5000)).toBeCloseTo(0.102881413601, 10);
    expect(close(erlangC(2050, 2000), referenceErlangC(2050, 2000))).toBe(true);
    expect(close(erlangC(5100, 5000), referenceErlangC(5100, 5000))).toBe(true);
  });
});

describe('service level, ASA, occupancy (A = 10, AHT 180 s, T = 20 s)', () => {
  it('matches 1 − C·exp(−(N−A)T/AHT) computed independently', () => {
    // 50-digit values: N=13 → 0.7955947884 (misses 80/20), N=14 → 0.8883500192.
    expect(serviceLevel(13, 10, 180, 20)).toBeCloseTo(0.7955947884, 9);
    expect(serviceLevel(14, 10, 180, 20)).toBeCloseTo(0.8883500192, 9);
    expect(serviceLevel(11, 10, 180, 20)).toBeCloseTo(0.3896138117, 9);
  });

  it('ASA = C·AHT/(N−A)', () => {
    expect(averageSpeedOfAnswer(11, 10, 180)).toBeCloseTo(122.7812768, 6);
    expect(averageSpeedOfAnswer(14, 10, 180)).toBeCloseTo(7.835937012, 8);
  });

  it('an overloaded queue answers nobody in time and never drains', () => {
    expect(serviceLevel(10, 10, 180, 20)).toBe(0);
    expect(averageSpeedOfAnswer(9, 10, 180)).toBe(Number.POSITIVE_INFINITY);
  });

  it('occupancy is A/N, capped at 1', () => {
    expect(occupancy(14, 10)).toBeCloseTo(10 / 14, 12);
    expect(occupancy(8, 10)).toBe(1);
    expect(occupancy(0, 10)).toBe(1);
    expect(occupancy(5, 0)).toBe(0);
  });

  it('trafficIntensity = calls × AHT / interval', () => {
    expect(trafficIntensity(100, 180, 1800)).toBe(10);
    expect(trafficIntensity(360, 240, 1800)).toBe(48);
    expect(() => trafficIntensity(10, 180, 0)).toThrow(RangeError);
  });
});

// Traffic up to 5,000 Erlangs, agents from a bit below A to well above it.
// fc.double spreads over float exponents (small loads dominate), so big loads get their own arm.
const traffic = fc.oneof(
  fc.double({ min: 0.05, max: 5000, noNaN: true }),
  fc.double({ min: 1500, max: 5000, noNaN: true }),
  fc.integer({ min: 1, max: 5000 }),
);
const loadAndAgents = fc
  .tuple(traffic, fc.double({ min: -2, max: 6, noNaN: true }))
  .map(([a, spread]) => {
    const n = Math.max(1, Math.ceil(a + spread * Math.sqrt(a) + spread));
    return { a, n };
  });

describe('erlangC against the log-gamma reference (fast-check)', () => {
  it('the reference itself reproduces the 50-digit values', () => {
    expect(referenceErlangC(11, 10)).toBeCloseTo(0.6821182047, 9);
    expect(referenceErlangC(5050, 5000)).toBeCloseTo(0.368172926153, 9);
    expect(referenceErlangB(5, 3)).toBeCloseTo(0.110054, 6);
  });

  it('agrees to 1e-8 relative for A up to 5,000', () => {
    fc.assert(
      fc.property(loadAndAgents, ({ a, n }) => {
        expect(close(erlangC(n, a), referenceErlangC(n, a))).toBe(true);
        expect(close(erlangB(n, a), referenceErlangB(n, a))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('erlang properties (fast-check)', () => {
  it('0 ≤ B ≤ C ≤ 1', () => {
    fc.assert(
      fc.property(loadAndAgents, ({ a, n }) => {
        const b = erlangB(n, a);
        const c = erlangC(n, a);
        expect(b).toBeGreaterThanOrEqual(0);
        expect(c).toBeLessThanOrEqual(1);
        expect(b).toBeLessThanOrEqual(c);
      }),
    );
  });

  it('C falls and service level rises as agents are added', () => {
    fc.assert(
      fc.property(
        loadAndAgents,
        fc.double({ min: 1, max: 900, noNaN: true }),
        fc.double({ min: 0, max: 300, noNaN: true }),
        ({ a, n }, aht, t) => {
          expect(erlangC(n + 1, a)).toBeLessThanOrEqual(erlangC(n, a));
          expect(serviceLevel(n + 1, a, aht, t)).toBeGreaterThanOrEqual(serviceLevel(n, a, aht, t));
          expect(averageSpeedOfAnswer(n + 1, a, aht)).toBeLessThanOrEqual(
            averageSpeedOfAnswer(n, a, aht),
          );
        },
      ),
    );
  });
});
