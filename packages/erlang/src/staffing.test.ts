import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agentsRequired, erlangC, serviceLevel } from './index.ts';

describe('agentsRequired: Call Centre Helper example (100 calls / 30 min, AHT 180 s)', () => {
  // A = 100 × 180 / 1800 = 10 Erlangs. Independent 50-digit evaluation of the closed form:
  // SL(13) = 0.7956 < 0.80, SL(14) = 0.8884, so 14 agents meet 80/20 (not 13).
  const input = {
    callsPerInterval: 100,
    ahtSeconds: 180,
    intervalSeconds: 1800,
    target: { serviceLevel: 0.8, withinSeconds: 20 },
  };

  it('needs 14 agents on the phones, 20 scheduled with 30% shrinkage', () => {
    const r = agentsRequired(input);
    expect(r.trafficErlangs).toBe(10);
    expect(r.agents).toBe(14);
    // 14 / 0.7 = 20 exactly: the float noise in 14/(1−0.3) must not round it up to 21.
    expect(r.agentsWithShrinkage).toBe(20);
    expect(r.serviceLevel).toBeCloseTo(0.8883500192, 9);
    expect(r.serviceLevelWithinSeconds).toBe(20);
    expect(r.asaSeconds).toBeCloseTo(7.835937012, 8);
    expect(r.probabilityOfWaiting).toBeCloseTo(0.1741319336, 9);
    expect(r.occupancy).toBeCloseTo(10 / 14, 12);
    expect(r.limitedBy).toBe('target');
  });

  it('an ASA target of 20 s needs 13 agents', () => {
    // ASA(12) = 40.4 s, ASA(13) = 17.1 s (50-digit values) → 13 agents.
    const r = agentsRequired({ ...input, target: { asaSeconds: 20 } });
    expect(r.agents).toBe(13);
    expect(r.asaSeconds).toBeCloseTo(17.11622718, 7);
    // With an ASA target the reported service level uses the default T = 20 s.
    expect(r.serviceLevel).toBeCloseTo(0.7955947884, 9);
  });

  it('shrinkage 0 schedules exactly the on-phone agents', () => {
    expect(agentsRequired({ ...input, shrinkage: 0 }).agentsWithShrinkage).toBe(14);
  });

  it('a tight occupancy cap raises head-count and says so', () => {
    // 10 / 0.7 = 14.29 → 15 agents, although 14 already meet 80/20.
    const r = agentsRequired({ ...input, maxOccupancy: 0.7 });
    expect(r.agents).toBe(15);
    expect(r.limitedBy).toBe('occupancy');
    expect(r.occupancy).toBeLessThanOrEqual(0.7);
  });
});

describe('agentsRequired at large loads', () => {
  // A = 40,000 calls/h × 180 s / 3600 s = 2,000 Erlangs. Smallest N with SL ≥ 80/20 by a
  // brute-force 40-digit search: 2012 (SL(2011) = 0.786, SL(2012) = 0.8142).
  const big = { callsPerInterval: 40_000, ahtSeconds: 180, intervalSeconds: 3600 };

  it('80/20 at 2,000 Erlangs without an occupancy cap', () => {
    const r = agentsRequired({ ...big, target: { serviceLevel: 0.8, withinSeconds: 20 }, maxOccupancy: 1 });
    expect(r.agents).toBe(2012);
    expect(r.serviceLevel).toBeCloseTo(0.814243018, 8);
  });

  it('ASA ≤ 20 s at 2,000 Erlangs: 2008 agents (ASA 17.88 s)', () => {
    const r = agentsRequired({ ...big, target: { asaSeconds: 20 }, maxOccupancy: 1 });
    expect(r.agents).toBe(2008);
    expect(r.asaSeconds).toBeCloseTo(17.88133879, 6);
  });

  it('the default 85% occupancy cap dominates at 2,000 Erlangs', () => {
    // 2000 / 0.85 = 2352.9 → 2353.
    const r = agentsRequired({ ...big, target: { serviceLevel: 0.8, withinSeconds: 20 } });
    expect(r.agents).toBe(2353);
    expect(r.limitedBy).toBe('occupancy');
  });

  it('finishes quickly at 50,000 Erlangs', () => {
    const started = performance.now();
    const r = agentsRequired({
      callsPerInterval: 1_000_000,
      ahtSeconds: 180,
      intervalSeconds: 3600,
      target: { serviceLevel: 0.9, withinSeconds: 10 },
      maxOccupancy: 1,
    });
    expect(r.agents).toBeGreaterThan(50_000);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('agentsRequired edge cases', () => {
  it('no calls need no agents', () => {
    const r = agentsRequired({
      callsPerInterval: 0,
      ahtSeconds: 180,
      intervalSeconds: 1800,
      target: { serviceLevel: 0.8, withinSeconds: 20 },
    });
    expect(r).toMatchObject({ agents: 0, agentsWithShrinkage: 0, probabilityOfWaiting: 0, limitedBy: 'no-traffic' });
  });

  it('rejects targets that can never be met and bad parameters', () => {
    const base = { callsPerInterval: 100, ahtSeconds: 180, intervalSeconds: 1800 };
    expect(() => agentsRequired({ ...base, target: { serviceLevel: 1, withinSeconds: 20 } })).toThrow(RangeError);
    expect(() => agentsRequired({ ...base, target: { asaSeconds: 0 } })).toThrow(RangeError);
    expect(() => agentsRequired({ ...base, target: { asaSeconds: 30 }, shrinkage: 1 })).toThrow(RangeError);
    expect(() => agentsRequired({ ...base, target: { asaSeconds: 30 }, maxOccupancy: 0 })).toThrow(RangeError);
    expect(() => agentsRequired({ ...base, ahtSeconds: 0, target: { asaSeconds: 30 } })).toThrow(RangeError);
  });
});

describe('agentsRequired properties (fast-check)', () => {
  it('returns the smallest N that meets both the target and the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 30, max: 900 }),
        fc.double({ min: 0.5, max: 0.99, noNaN: true }),
        fc.integer({ min: 0, max: 120 }),
        fc.double({ min: 0.5, max: 1, noNaN: true }),
        (calls, aht, slTarget, within, maxOccupancy) => {
          const r = agentsRequired({
            callsPerInterval: calls,
            ahtSeconds: aht,
            intervalSeconds: 1800,
            target: { serviceLevel: slTarget, withinSeconds: within },
            maxOccupancy,
          });
          const a = r.trafficErlangs;
          const ok = (n: number) =>
            n > a && a / n <= maxOccupancy + 1e-12 && serviceLevel(n, a, aht, within) >= slTarget - 1e-12;
          expect(ok(r.agents)).toBe(true);
          expect(ok(r.agents - 1)).toBe(false);
          expect(r.probabilityOfWaiting).toBeCloseTo(erlangC(r.agents, a), 12);
          expect(r.agentsWithShrinkage).toBeGreaterThanOrEqual(r.agents);
        },
      ),
      { numRuns: 150 },
    );
  });
});
