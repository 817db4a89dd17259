// Agents needed for one interval: the smallest head-count that meets a service target and an
// occupancy cap, then grossed up for shrinkage (breaks, training, absence).

import { erlangCFromB, nextErlangB, serviceLevelFromC, trafficIntensity } from './erlang.ts';
import { assertNonNegativeFinite, assertPositiveFinite } from './validate.ts';

export type StaffingTarget =
  | { serviceLevel: number; withinSeconds: number }
  | { asaSeconds: number };

export interface StaffingInput {
  callsPerInterval: number;
  ahtSeconds: number;
  intervalSeconds: number;
  target: StaffingTarget;
  /** Highest acceptable A/N. Default 0.85: agents kept busier than this burn out. */
  maxOccupancy?: number;
  /** Share of paid time not on the phones. Default 0.3 (a common planning figure). */
  shrinkage?: number;
  /** T used for the reported service level when the target is an ASA. Default 20 s. */
  serviceLevelSeconds?: number;
}

export interface StaffingResult {
  trafficErlangs: number;
  /** Agents logged in and taking calls. */
  agents: number;
  /** Agents to schedule: ceil(agents / (1 − shrinkage)). */
  agentsWithShrinkage: number;
  serviceLevel: number;
  /** The T (seconds) that `serviceLevel` refers to. */
  serviceLevelWithinSeconds: number;
  asaSeconds: number;
  probabilityOfWaiting: number;
  occupancy: number;
  /** What set the head-count: 'occupancy' when the target alone would need fewer agents. */
  limitedBy: 'target' | 'occupancy' | 'no-traffic';
}

// Float slack for comparisons such as 8.5/10 ≤ 0.85, where A came from a division.
const EPS = 1e-12;

function validateInput(input: StaffingInput): Required<StaffingInput> {
  const maxOccupancy = input.maxOccupancy ?? 0.85;
  const shrinkage = input.shrinkage ?? 0.3;
  const serviceLevelSeconds =
    'withinSeconds' in input.target ? input.target.withinSeconds : (input.serviceLevelSeconds ?? 20);
  assertPositiveFinite('ahtSeconds', input.ahtSeconds);
  if (!(maxOccupancy > 0 && maxOccupancy <= 1)) {
    throw new RangeError(`maxOccupancy must be in (0, 1], got ${maxOccupancy}`);
  }
  if (!(shrinkage >= 0 && shrinkage < 1)) {
    throw new RangeError(`shrinkage must be in [0, 1), got ${shrinkage}`);
  }
  assertNonNegativeFinite('serviceLevelSeconds', serviceLevelSeconds);
  if ('asaSeconds' in input.target) {
    // ASA reaches 0 only when C underflows; a positive target guarantees the search ends.
    assertPositiveFinite('target.asaSeconds', input.target.asaSeconds);
  } else {
    const sl = input.target.serviceLevel;
    // A target of exactly 1 is never met by a queue, so the search would not end.
    if (!(sl > 0 && sl < 1)) throw new RangeError(`target.serviceLevel must be in (0, 1), got ${sl}`);
  }
  return { ...input, maxOccupancy, shrinkage, serviceLevelSeconds };
}

/** ceil that ignores float noise such as 7 / 0.7 = 10.000000000000002. */
function ceilTolerant(x: number): number {
  return Math.ceil(x - 1e-9);
}

/**
 * Smallest N > A that meets the target and keeps A/N ≤ maxOccupancy.
 * Walks N upward from the first candidate, carrying the Erlang B recursion along, so the
 * whole search costs one pass of O(N) cheap steps even at thousands of Erlangs (each step
 * reuses B(N−1); a binary search would redo the recursion from 0 for every probe).
 */
export function agentsRequired(input: StaffingInput): StaffingResult {
  const opts = validateInput(input);
  const { ahtSeconds, target, maxOccupancy, shrinkage, serviceLevelSeconds } = opts;
  const traffic = trafficIntensity(input.callsPerInterval, ahtSeconds, input.intervalSeconds);

  if (traffic === 0) {
    // No calls: nobody needs to be on the phones and nobody waits.
    return {
      trafficErlangs: 0,
      agents: 0,
      agentsWithShrinkage: 0,
      serviceLevel: 1,
      serviceLevelWithinSeconds: serviceLevelSeconds,
      asaSeconds: 0,
      probabilityOfWaiting: 0,
      occupancy: 0,
      limitedBy: 'no-traffic',
    };
  }

  const minForStability = Math.floor(traffic) + 1;
  const minForOccupancy = ceilTolerant(traffic / maxOccupancy);
  const start = Math.max(minForStability, minForOccupancy);

  const meetsTarget = (n: number, blocking: number) => {
    const c = erlangCFromB(n, traffic, blocking);
    const sl = serviceLevelFromC(c, n, traffic, ahtSeconds, serviceLevelSeconds);
    const asa = (c * ahtSeconds) / (n - traffic);
    const met =
      'asaSeconds' in target ? asa <= target.asaSeconds + EPS : sl >= target.serviceLevel - EPS;
    return { c, sl, asa, met };
  };

  let b = 1;
  for (let n = 1; n < start; n++) b = nextErlangB(n, traffic, b);
  // The cap is what binds only if the target alone would have been met with one agent fewer.
  const capBinds = start - 1 > traffic && meetsTarget(start - 1, b).met;

  for (let n = start; ; n++) {
    b = nextErlangB(n, traffic, b);
    const { c, sl, asa, met } = meetsTarget(n, b);
    if (!met) continue;
    return {
      trafficErlangs: traffic,
      agents: n,
      agentsWithShrinkage: ceilTolerant(n / (1 - shrinkage)),
      serviceLevel: sl,
      serviceLevelWithinSeconds: serviceLevelSeconds,
      asaSeconds: asa,
      probabilityOfWaiting: c,
      occupancy: traffic / n,
      limitedBy: capBinds ? 'occupancy' : 'target',
    };
  }
}
