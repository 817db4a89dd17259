import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csat, rateWithFlags, twoProportionTest, wilsonInterval, Z_95 } from './index.ts';

describe('wilsonInterval', () => {
  it('81/100 → [0.7222, 0.8749]', () => {
    // By hand, z = 1.959964: z² = 3.841459, z²/n = 0.0384146, denominator = 1.0384146.
    // centre = (0.81 + 0.0192073) / 1.0384146 = 0.8292073 / 1.0384146 = 0.7985320
    // radicand = 0.81·0.19/100 + 3.841459/40000 = 0.001539 + 0.0000960 = 0.0016350
    // half = 1.959964 · √0.0016350 / 1.0384146 = 1.959964 · 0.0404356 / 1.0384146 = 0.0763205
    // → [0.7985320 − 0.0763205, 0.7985320 + 0.0763205] = [0.7222115, 0.8748525]
    const r = wilsonInterval(81, 100);
    expect(r.rate).toBe(0.81);
    expect(r.n).toBe(100);
    expect(r.low).toBeCloseTo(0.7222115, 6);
    expect(r.high).toBeCloseTo(0.8748525, 6);
  });

  it('0/10 → [0, 0.2775]', () => {
    // denominator = 1 + 0.3841459 = 1.3841459; centre = 0.1920729 / 1.3841459 = 0.1387664
    // half = 1.959964 · √(3.841459/400) / 1.3841459 = 1.959964 · 0.0979982 / 1.3841459
    //      = 0.1387664 (= centre, so the low bound is exactly 0); high = 0.2775328
    const r = wilsonInterval(0, 10);
    expect(r).toMatchObject({ rate: 0, low: 0 });
    expect(r.high).toBeCloseTo(0.2775328, 6);
  });

  it('10/10 → [0.7225, 1] (mirror image of 0/10)', () => {
    const r = wilsonInterval(10, 10);
    expect(r).toMatchObject({ rate: 1, high: 1 });
    expect(r.low).toBeCloseTo(1 - 0.2775328, 6);
  });

  it('n = 0 knows nothing: rate null, [0, 1]', () => {
    expect(wilsonInterval(0, 0)).toEqual({ rate: null, low: 0, high: 1, n: 0 });
  });

  it('rejects impossible counts', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1, Number.NaN)).toThrow(RangeError);
  });

  it('low ≤ rate ≤ high, all in [0, 1], and the bounds solve the score equation (fast-check)', () => {
    // Independent characterisation: Wilson bounds are the π with |p − π| = z·√(π(1−π)/n).
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
        ([x, n]) => {
          const { rate, low, high } = wilsonInterval(x, n);
          expect(rate).not.toBeNull();
          expect(0 <= low && low <= rate! && rate! <= high && high <= 1).toBe(true);
          for (const bound of [low, high]) {
            const gap = Math.abs(rate! - bound);
            const score = Z_95 * Math.sqrt((bound * (1 - bound)) / n);
            expect(Math.abs(gap - score)).toBeLessThan(1e-9);
          }
        },
      ),
    );
  });
});

describe('twoProportionTest', () => {
  it('45/100 vs 60/100 → z ≈ −2.1240, p ≈ 0.0337', () => {
    // pooled = 105/200 = 0.525; SE = √(0.525·0.475·(1/100 + 1/100)) = √0.0049875 = 0.0706222
    // z = −0.15 / 0.0706222 = −2.12398; p = 2·Φ(−2.12398) = 2·0.0168360 = 0.0336721
    // Wald SE = √(0.45·0.55/100 + 0.6·0.4/100) = √0.004875 = 0.0698212
    // CI = −0.15 ± 1.959964·0.0698212 = −0.15 ± 0.1368470 = [−0.2868470, −0.0131530]
    const r = twoProportionTest(45, 100, 60, 100);
    expect(r.diff).toBeCloseTo(-0.15, 12);
    expect(r.z).toBeCloseTo(-2.12398, 5);
    expect(r.pValue).toBeCloseTo(0.0336721, 6);
    expect(r.significant).toBe(true);
    expect(r.ciLow).toBeCloseTo(-0.286847, 6);
    expect(r.ciHigh).toBeCloseTo(-0.013153, 6);
  });

  it('a small difference on small groups is not significant', () => {
    // 8/10 vs 7/10: pooled 0.75, SE = √(0.1875·0.2) = 0.193649, z = 0.516398, p = 0.605577
    const r = twoProportionTest(8, 10, 7, 10);
    expect(r.z).toBeCloseTo(0.516398, 5);
    expect(r.pValue).toBeCloseTo(0.605577, 5);
    expect(r.significant).toBe(false);
  });

  it('an empty group gives nulls, never NaN', () => {
    expect(twoProportionTest(0, 0, 5, 10)).toEqual({
      diff: null, z: null, pValue: null, significant: false, ciLow: null, ciHigh: null,
    });
  });

  it('identical all-yes or all-no groups: z = 0, p = 1', () => {
    expect(twoProportionTest(10, 10, 20, 20)).toMatchObject({ diff: 0, z: 0, pValue: 1, significant: false });
    expect(twoProportionTest(0, 10, 0, 20)).toMatchObject({ diff: 0, z: 0, pValue: 1, significant: false });
  });

  it('never yields NaN, is symmetric in its groups and its CI holds the difference (fast-check)', () => {
    const group = fc.integer({ min: 0, max: 5000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));
    fc.assert(
      fc.property(group, group, ([x1, n1], [x2, n2]) => {
        const r = twoProportionTest(x1, n1, x2, n2);
        for (const v of Object.values(r)) expect(Number.isNaN(v)).toBe(false);
        if (n1 === 0 || n2 === 0) return;
        expect(r.pValue!).toBeGreaterThanOrEqual(0);
        expect(r.pValue!).toBeLessThanOrEqual(1);
        expect(r.ciLow! <= r.diff! && r.diff! <= r.ciHigh!).toBe(true);
        const swapped = twoProportionTest(x2, n2, x1, n1);
        expect(swapped.pValue).toBeCloseTo(r.pValue!, 12);
        expect(swapped.z! + r.z!).toBeCloseTo(0, 12);
      }),
    );
  });
});

describe('csat', () => {
  it('counts 4s and 5s as satisfied', () => {
    // 4, 5, 5 satisfied out of 1, 2, 3, 4, 5, 5 → 3/6 = 0.5
    expect(csat([1, 2, 3, 4, 5, 5])).toEqual({ rate: 0.5, satisfied: 3, n: 6 });
    expect(csat([])).toEqual({ rate: null, satisfied: 0, n: 0 });
  });

  it('rejects scores off the 1–5 scale', () => {
    expect(() => csat([0])).toThrow(RangeError);
    expect(() => csat([6])).toThrow(RangeError);
    expect(() => csat([4.5])).toThrow(RangeError);
  });
});

describe('rateWithFlags', () => {
  it('suppresses groups under 5', () => {
    expect(rateWithFlags(4, 4)).toEqual({ rate: null, n: 4, low: null, high: null, lowN: true, suppressed: true });
    expect(rateWithFlags(0, 0).suppressed).toBe(true);
  });

  it('shows but flags groups under minN', () => {
    const r = rateWithFlags(5, 5);
    expect(r).toMatchObject({ rate: 1, high: 1, lowN: true, suppressed: false });
    expect(rateWithFlags(20, 29).lowN).toBe(true);
    expect(rateWithFlags(20, 30).lowN).toBe(false);
    expect(rateWithFlags(20, 29, { minN: 20 }).lowN).toBe(false);
  });

  it('carries the Wilson interval when shown', () => {
    const r = rateWithFlags(81, 100);
    expect(r.low).toBeCloseTo(0.7222115, 6);
    expect(r.high).toBeCloseTo(0.8748525, 6);
  });
});
