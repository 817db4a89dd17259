// Erlang B / Erlang C queueing formulas for contact-centre staffing (M/M/N queue).
// Everything is derived from the Erlang B recursion, which stays in (0, 1] at every step,
// so it works for tens of thousands of Erlangs where factorials and powers overflow.

import { assertAgents, assertNonNegativeFinite, assertPositiveFinite } from './validate.ts';

/** One step of the Erlang B recursion: B(n) from B(n−1). */
export function nextErlangB(n: number, traffic: number, previousB: number): number {
  const ab = traffic * previousB;
  return ab / (n + ab);
}

/**
 * Erlang B: probability that a call arriving to `agents` servers with no queue is blocked.
 * B(0) = 1, B(n) = A·B(n−1) / (n + A·B(n−1)).
 */
export function erlangB(agents: number, trafficErlangs: number): number {
  assertAgents(agents);
  assertNonNegativeFinite('trafficErlangs', trafficErlangs);
  let b = 1;
  for (let n = 1; n <= agents; n++) b = nextErlangB(n, trafficErlangs, b);
  return b;
}

/**
 * Erlang C from an already computed Erlang B for the same N and A:
 * C = N·B / (N − A(1 − B)). Callers guarantee N > A, so the denominator is > 0.
 */
export function erlangCFromB(agents: number, traffic: number, b: number): number {
  const c = (agents * b) / (agents - traffic * (1 - b));
  // Rounding can push C a hair above 1 when N is barely above A; a probability cannot.
  return Math.min(1, c);
}

/**
 * Erlang C: probability that a call has to wait. With agents ≤ traffic the queue grows
 * without bound, so every call waits: returns 1.
 */
export function erlangC(agents: number, traffic: number): number {
  assertAgents(agents);
  assertNonNegativeFinite('traffic', traffic);
  if (agents <= traffic) return 1;
  return erlangCFromB(agents, traffic, erlangB(agents, traffic));
}

/** Service level from a known P(wait): 1 − C·exp(−(N−A)·T/AHT). */
export function serviceLevelFromC(
  c: number,
  agents: number,
  traffic: number,
  ahtSeconds: number,
  targetSeconds: number,
): number {
  if (agents <= traffic) return 0;
  return 1 - c * Math.exp((-(agents - traffic) * targetSeconds) / ahtSeconds);
}

/**
 * Share of calls answered within `targetSeconds`: 1 − C·exp(−(N−A)·T/AHT).
 * Returns 0 when agents ≤ traffic: the formula is meaningless there (it goes negative)
 * and in steady state an overloaded queue answers nobody within any fixed time.
 */
export function serviceLevel(
  agents: number,
  traffic: number,
  ahtSeconds: number,
  targetSeconds: number,
): number {
  assertPositiveFinite('ahtSeconds', ahtSeconds);
  assertNonNegativeFinite('targetSeconds', targetSeconds);
  return serviceLevelFromC(erlangC(agents, traffic), agents, traffic, ahtSeconds, targetSeconds);
}

/**
 * Average speed of answer (mean wait over all calls, in seconds): C·AHT/(N−A).
 * Infinity when agents ≤ traffic, because the queue never drains.
 */
export function averageSpeedOfAnswer(agents: number, traffic: number, ahtSeconds: number): number {
  assertPositiveFinite('ahtSeconds', ahtSeconds);
  const c = erlangC(agents, traffic);
  if (agents <= traffic) return Number.POSITIVE_INFINITY;
  return (c * ahtSeconds) / (agents - traffic);
}

/**
 * Agent occupancy A/N, capped at 1: agents cannot be busier than all the time, and an
 * overloaded queue keeps every agent busy. 0 agents with traffic is fully occupied (1).
 */
export function occupancy(agents: number, traffic: number): number {
  assertAgents(agents);
  assertNonNegativeFinite('traffic', traffic);
  if (traffic === 0) return 0;
  if (agents === 0) return 1;
  return Math.min(1, traffic / agents);
}

/** Offered load in Erlangs: calls × AHT / interval length (all in the same time unit). */
export function trafficIntensity(
  callsPerInterval: number,
  ahtSeconds: number,
  intervalSeconds: number,
): number {
  assertNonNegativeFinite('callsPerInterval', callsPerInterval);
  assertNonNegativeFinite('ahtSeconds', ahtSeconds);
  assertPositiveFinite('intervalSeconds', intervalSeconds);
  return (callsPerInterval * ahtSeconds) / intervalSeconds;
}
