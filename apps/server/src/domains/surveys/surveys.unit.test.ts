import { describe, expect, it } from 'vitest';
import type { Question } from '@tajriba/contracts';
import { decideInvitation, endOfQuietHours, type FatigueInput } from './fatigue.ts';
import { defaultPostServiceQuestions } from './question-bank.ts';
import { resultsRow } from './results.service.ts';
import { nextVisiblePage, pageNeedsOtherAnswers, paginate, validateQuestions } from './survey-design.ts';
import { signToken, surveyTokenKey, verifyToken } from './tokens.ts';

const base: FatigueInput = {
  now: new Date('2024-05-01T10:00:00Z'), // 13:00 in Riyadh (UTC+3)
  timeZone: 'Asia/Riyadh', delivery: 'sms', quietHours: { start: '22:00', end: '08:00' },
  minDaysBetween: 30, lastInvitedAt: null, optedOut: false, samplingRate: 1, draw: 0.5,
};

describe('fatigue rules', () => {
  it('sends at once outside quiet hours', () => {
    expect(decideInvitation(base)).toEqual({ send: true, sendAt: base.now });
  });
  it('opt-out wins over everything, forever', () => {
    expect(decideInvitation({ ...base, optedOut: true, lastInvitedAt: new Date('2020-01-01') })).toEqual({ send: false, reason: 'opted_out' });
  });
  it('one invitation per 30 days: 29 days later refused, 30 days later allowed', () => {
    const d29 = new Date(base.now.getTime() - 29 * 86_400_000);
    const d30 = new Date(base.now.getTime() - 30 * 86_400_000);
    expect(decideInvitation({ ...base, lastInvitedAt: d29 })).toEqual({ send: false, reason: 'recent_invitation' });
    expect(decideInvitation({ ...base, lastInvitedAt: d30 }).send).toBe(true);
  });
  it('sampling: a draw below the rate is invited, at or above it is not', () => {
    expect(decideInvitation({ ...base, samplingRate: 0.25, draw: 0.2499 }).send).toBe(true);
    expect(decideInvitation({ ...base, samplingRate: 0.25, draw: 0.25 })).toEqual({ send: false, reason: 'not_sampled' });
  });
  it('quiet hours 22:00–08:00 Riyadh: an SMS at 23:30 waits until 08:00 next morning; email does not wait', () => {
    const at2330 = new Date('2024-05-01T20:30:00Z'); // 23:30 local
    expect(decideInvitation({ ...base, now: at2330 })).toEqual({ send: true, sendAt: new Date('2024-05-02T05:00:00Z') });
    expect(decideInvitation({ ...base, now: at2330, delivery: 'email' })).toEqual({ send: true, sendAt: at2330 });
  });
  it('quiet hours after midnight end the same morning; 08:00 exactly is allowed; 22:00 exactly is quiet', () => {
    const q = base.quietHours;
    expect(endOfQuietHours(new Date('2024-05-01T23:10:00Z'), 'Asia/Riyadh', q)).toEqual(new Date('2024-05-02T05:00:00Z')); // 02:10 local
    const at0800 = new Date('2024-05-02T05:00:00Z');
    expect(endOfQuietHours(at0800, 'Asia/Riyadh', q)).toEqual(at0800);
    expect(endOfQuietHours(new Date('2024-05-01T19:00:00Z'), 'Asia/Riyadh', q)).toEqual(new Date('2024-05-02T05:00:00Z')); // 22:00
    expect(endOfQuietHours(new Date('2024-05-01T18:59:00Z'), 'Asia/Riyadh', q)).toEqual(new Date('2024-05-01T18:59:00Z')); // 21:59
  });
});

describe('tokens', () => {
  const key = surveyTokenKey('k'.repeat(40));
  const claims = { kind: 'i' as const, agencyId: 7, id: 12345, exp: 1_800_000_000 };
  it('round-trips and refuses a changed id, a changed signature and another key', () => {
    const t = signToken(key, claims);
    expect(verifyToken(key, t, 1_700_000_000_000)).toEqual({ ok: true, claims });
    const otherId = t.replace(`.${(12345).toString(36)}.`, `.${(12346).toString(36)}.`);
    expect(verifyToken(key, otherId, 1_700_000_000_000)).toEqual({ ok: false, reason: 'forged' });
    const flipped = t.slice(0, -1) + (t.endsWith('A') ? 'B' : 'A');
    expect(verifyToken(key, flipped, 1_700_000_000_000)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyToken(surveyTokenKey('x'.repeat(40)), t, 1_700_000_000_000)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyToken(key, 'not-a-token', 0)).toEqual({ ok: false, reason: 'forged' });
  });
  it('expires at exp: one second before is valid, at exp it is expired', () => {
    const t = signToken(key, claims);
    expect(verifyToken(key, t, (claims.exp - 1) * 1000).ok).toBe(true);
    expect(verifyToken(key, t, claims.exp * 1000)).toEqual({ ok: false, reason: 'expired', claims });
  });
  it('poster tokens (exp 0) never expire', () => {
    const t = signToken(key, { kind: 'p', agencyId: 1, id: 1, exp: 0 });
    expect(verifyToken(key, t, 9_999_999_999_999).ok).toBe(true);
  });
});

describe('CSAT, Wilson interval, mean', () => {
  it('matches hand-computed values for 20 answers: 1×2, 2×1, 3×3, 4×6, 5×8', () => {
    // CSAT = (6+8)/20 = 0.7. Wilson, z = 1.959964, z² = 3.841459:
    // centre = (0.7 + 3.841459/40)/(1 + 3.841459/20) = 0.796036/1.192073 = 0.667783
    // half = 1.959964/1.192073 × √(0.7·0.3/20 + 3.841459/1600) = 1.644165 × √0.012901 = 1.644165 × 0.113583 = 0.186749
    // → [0.481034, 0.854532]. Mean = (2 + 2 + 9 + 24 + 40)/20 = 77/20 = 3.85.
    const r = resultsRow('x', ['س', 'x'], { s1: 2, s2: 1, s3: 3, s4: 6, s5: 8 }, { invited: 40, completed: 20 }, 30);
    expect(r.csat).toBe(0.7);
    expect(r.csat_low).toBeCloseTo(0.48103, 4);
    expect(r.csat_high).toBeCloseTo(0.85453, 4);
    expect(r.mean).toBeCloseTo(3.85, 10);
    expect(r.response_rate).toBe(0.5);
    expect(r).toMatchObject({ n: 20, distribution: [2, 1, 3, 6, 8], suppressed: false, low_n: true });
  });
  it('withholds the rate below 5 answers', () => {
    const r = resultsRow('x', ['س', 'x'], { s1: 0, s2: 0, s3: 0, s4: 2, s5: 2 }, null, 30);
    expect(r).toMatchObject({ n: 4, csat: null, csat_low: null, mean: null, suppressed: true, response_rate: null });
  });
});

describe('skip logic and paging', () => {
  const qs = defaultPostServiceQuestions();
  it('puts the conditional question on its own page after the one it depends on', () => {
    expect(paginate(qs).map((p) => p.map((q) => q.key))).toEqual([['overall'], ['went_wrong', 'efficiency', 'employee', 'comment']]);
  });
  it('shows "what went wrong" only when overall ≤ 2', () => {
    const pages = [[qs[0]], [qs[1]], [qs[2]]];
    expect(nextVisiblePage(pages, 1, { overall: 2 })).toBe(1);
    expect(nextVisiblePage(pages, 1, { overall: 3 })).toBe(2);
    expect(nextVisiblePage(pages, 1, {})).toBe(2); // unanswered: not asked
  });
  it('knows which pages can be saved without the answers of other pages', () => {
    const [overall, wentWrong, efficiency] = qs;
    // Page 1 decides alone: page 2 has an unconditional question, so it comes next either way.
    expect(pageNeedsOtherAnswers(paginate(qs), 0)).toBe(false);
    // went_wrong (page 2) is shown after overall, answered on page 1.
    expect(pageNeedsOtherAnswers(paginate(qs), 1)).toBe(true);
    // Page 2 = [efficiency] is followed by [went_wrong] only: whether it shows depends on page 1.
    expect(pageNeedsOtherAnswers([[overall], [efficiency], [wentWrong]], 1)).toBe(true);
    // …but not when its condition is on the page being saved.
    expect(pageNeedsOtherAnswers([[overall], [wentWrong], [efficiency]], 0)).toBe(false);
    expect(pageNeedsOtherAnswers([[efficiency, overall]], 0)).toBe(false);
  });
  it('refuses a condition on a later question', () => {
    const bad: Question[] = [{ ...qs[1], show_if: { question: 'overall', op: 'lte', value: 2 } }, qs[0]];
    expect(() => validateQuestions(bad)).toThrow(/show_if_invalid/);
  });
});
