import { timeZoneOffsetMs, wallTimeToUtc } from '../../lib/time-zone.ts';
import { hashString } from '../../lib/random.ts';

// Fatigue rules, pure so they are unit-tested by hand: opt-out forever, one invitation per
// beneficiary per N days, sampling per service, and no SMS in the agency's quiet hours.

export type Delivery = 'sms' | 'email' | 'link';
export type SuppressionReason = 'opted_out' | 'recent_invitation' | 'not_sampled' | 'no_contact';

export interface FatigueInput {
  now: Date;
  timeZone: string;
  delivery: Delivery;
  quietHours: { start: string; end: string };
  minDaysBetween: number;
  lastInvitedAt: Date | null;
  optedOut: boolean;
  samplingRate: number;
  /** Uniform draw in [0, 1) for this candidate (deterministic: see samplingDraw). */
  draw: number;
}

export type FatigueDecision = { send: true; sendAt: Date } | { send: false; reason: SuppressionReason };

const DAY_MS = 86_400_000;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function decideInvitation(i: FatigueInput): FatigueDecision {
  if (i.optedOut) return { send: false, reason: 'opted_out' };
  if (i.lastInvitedAt && i.minDaysBetween > 0 && i.now.getTime() - i.lastInvitedAt.getTime() < i.minDaysBetween * DAY_MS) {
    return { send: false, reason: 'recent_invitation' };
  }
  if (i.draw >= i.samplingRate) return { send: false, reason: 'not_sampled' };
  const sendAt = i.delivery === 'sms' ? endOfQuietHours(i.now, i.timeZone, i.quietHours) : i.now;
  return { send: true, sendAt };
}

/** `now` if outside quiet hours, else the instant they end (agency wall clock; may wrap midnight). */
export function endOfQuietHours(now: Date, timeZone: string, quiet: { start: string; end: string }): Date {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return now;
  const wallMs = now.getTime() + timeZoneOffsetMs(timeZone, now.getTime());
  const dayStart = Math.floor(wallMs / DAY_MS) * DAY_MS;
  const m = Math.floor((wallMs - dayStart) / 60_000);
  const quietNow = start > end ? m >= start || m < end : m >= start && m < end;
  if (!quietNow) return now;
  const endWall = dayStart + end * 60_000 + (m >= end ? DAY_MS : 0);
  return new Date(wallTimeToUtc(timeZone, endWall));
}

/** A reproducible draw in [0, 1) per survey and candidate, so re-ingesting decides the same way. */
export const samplingDraw = (surveyId: number, candidate: string) => hashString(`${surveyId}:${candidate}`) / 4294967296;
