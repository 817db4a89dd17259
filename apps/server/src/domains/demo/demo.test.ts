import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_PSEUDONYM_KEY, type TestContext } from '../../../../../test/harness.ts';
import { pseudonymize } from '../../lib/pseudonym.ts';
import { DEMO_SOURCE, demoPersonIdentifiers } from './demo-generator.ts';
import { registerDemoExtension } from './demo-extensions.ts';
import { ensureDemoAgency, rebuildDemoAgency } from './demo.service.ts';

// A fixed end (Thursday 19 Nov 2026, 21:00 Riyadh) so every run generates the same week.
const NOW = new Date('2026-11-19T18:00:00Z');
const ARABIC = /[\u0600-\u06FF]/;

// Extensions (e.g. contact-centre call records) add rows of their own; these tests check the
// generator's rows (source 'demo') and, for idempotency, every row.
async function perServiceTotals(db: TestContext['db'], agencyId: number) {
  const rows = await db.query<{ code: string; n: number }>(
    `SELECT s.code, count(*)::int AS n FROM interactions i JOIN services s ON s.agency_id = i.agency_id AND s.id = i.service_id
      WHERE i.agency_id = $1 AND i.source = $2 GROUP BY s.code ORDER BY s.code`,
    [agencyId, DEMO_SOURCE],
  );
  return Object.fromEntries(rows.map((r) => [r.code, r.n]));
}

describe('demo agency', () => {
  let ctx: TestContext;
  let agencyId: number;
  const extensionCalls: { from: Date; to: Date; days: number; agencyId: number; interactions: number }[] = [];

  beforeAll(async () => {
    ctx = await createTestContext();
    registerDemoExtension('test-probe', async (services, agency, c) => {
      // Runs after the interactions are stored, inside the demo's transaction.
      const [{ n }] = await services.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM interactions WHERE agency_id = $1 AND source = $2', [agency.id, DEMO_SOURCE]);
      extensionCalls.push({ from: c.from, to: c.to, days: c.days, agencyId: agency.id, interactions: n });
    });
    const summary = await ensureDemoAgency(ctx.services, { days: 7, seed: 42, now: NOW });
    agencyId = summary!.agencyId;
  });
  afterAll(() => ctx?.close());

  it('creates the agency and an Arabic catalog', async () => {
    const [agency] = await ctx.db.query<{ name_ar: string; name_en: string; timezone: string }>(
      `SELECT name_ar, name_en, timezone FROM agencies WHERE slug = 'demo'`,
    );
    expect(agency.name_ar).toMatch(/^وزارة الموارد البشرية والتنمية الاجتماعية/);
    expect(agency.name_en).toMatch(/Beneficiary Experience \(demo\)/);
    expect(agency.timezone).toBe('Asia/Riyadh');

    const count = async (table: string) =>
      (await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE agency_id = $1`, [agencyId]))[0].n;
    expect(await count('branches')).toBeGreaterThanOrEqual(6);
    expect(await count('services')).toBe(10);
    const channels = await ctx.db.query<{ code: string; category: string }>(
      'SELECT code, category FROM channels WHERE agency_id = $1 ORDER BY code', [agencyId]);
    expect(channels).toEqual([
      { code: 'branch_visit', category: 'traditional' },
      { code: 'contact_centre', category: 'voice' },
      { code: 'mobile_app', category: 'digital' },
      { code: 'web_portal', category: 'digital' },
    ]);
    const outsourced = await ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM services s JOIN providers p ON p.agency_id = s.agency_id AND p.id = s.provider_id
        WHERE s.agency_id = $1 AND p.kind = 'third_party'`, [agencyId]);
    expect(outsourced[0].n).toBe(2);

    for (const table of ['branches', 'services', 'stages', 'reasons']) {
      const names = await ctx.db.query<{ name_ar: string }>(`SELECT name_ar FROM ${table} WHERE agency_id = $1`, [agencyId]);
      expect(names.every((r) => ARABIC.test(r.name_ar))).toBe(true);
    }
    // Every service: 3–5 stages numbered 1..n, 3–4 reasons each with a prescribed action.
    const shape = await ctx.db.query<{ code: string; stages: number; max_pos: number; reasons: number; with_action: number }>(
      `SELECT s.code,
              (SELECT count(*)::int FROM stages st WHERE st.agency_id = s.agency_id AND st.service_id = s.id) AS stages,
              (SELECT max(position) FROM stages st WHERE st.agency_id = s.agency_id AND st.service_id = s.id) AS max_pos,
              (SELECT count(*)::int FROM reasons r WHERE r.agency_id = s.agency_id AND r.service_id = s.id) AS reasons,
              (SELECT count(*)::int FROM reasons r WHERE r.agency_id = s.agency_id AND r.service_id = s.id
                  AND r.action_ar <> '' AND r.action_en <> '') AS with_action
         FROM services s WHERE s.agency_id = $1`, [agencyId]);
    for (const s of shape) {
      expect(s.stages).toBeGreaterThanOrEqual(3);
      expect(s.stages).toBeLessThanOrEqual(5);
      expect(s.max_pos).toBe(s.stages);
      expect(s.reasons).toBeGreaterThanOrEqual(3);
      expect(s.reasons).toBeLessThanOrEqual(4);
      expect(s.with_action).toBe(s.reasons);
    }
  });

  it('generates a week of interactions in the expected ranges', async () => {
    const [t] = await ctx.db.query<{ n: number; people: number; first: Date; last: Date }>(
      `SELECT count(*)::int AS n, count(DISTINCT beneficiary_pid)::int AS people, min(started_at) AS first, max(started_at) AS last
         FROM interactions WHERE agency_id = $1 AND source = $2`, [agencyId, DEMO_SOURCE]);
    // By hand: 1,200 journeys/working day × 1.3 scale × 0.84 weekday mix ≈ 1,300 a day, each
    // 1.5–2 contacts, over 7 days ≈ 14k–18k; allow 10k–25k.
    expect(t.n).toBeGreaterThan(10_000);
    expect(t.n).toBeLessThan(25_000);
    expect(t.people).toBeGreaterThan(5_000);
    expect(t.people).toBeLessThan(t.n);
    // The window: local midnight of Fri 13 Nov 2026 (= 12 Nov 21:00 UTC) to NOW.
    expect(new Date(t.first).getTime()).toBeGreaterThanOrEqual(Date.parse('2026-11-12T21:00:00Z'));
    expect(new Date(t.last).getTime()).toBeLessThanOrEqual(NOW.getTime());

    const byChannel = await ctx.db.query<{ code: string; n: number; branch_rows: number; waits: number }>(
      `SELECT c.code, count(*)::int AS n, count(i.branch_id)::int AS branch_rows, count(i.wait_seconds)::int AS waits
         FROM interactions i JOIN channels c ON c.agency_id = i.agency_id AND c.id = i.channel_id
        WHERE i.agency_id = $1 AND i.source = $2 GROUP BY c.code`, [agencyId, DEMO_SOURCE]);
    const ch = Object.fromEntries(byChannel.map((r) => [r.code, r]));
    // Digital-heavy, every channel used; only branch visits carry a branch; online has no queue wait.
    expect(ch.web_portal.n + ch.mobile_app.n).toBeGreaterThan(t.n / 2);
    expect(ch.branch_visit.branch_rows).toBe(ch.branch_visit.n);
    expect(ch.contact_centre.branch_rows + ch.web_portal.branch_rows + ch.mobile_app.branch_rows).toBe(0);
    expect(ch.web_portal.waits + ch.mobile_app.waits).toBe(0);

    // Branches are closed on Friday and Saturday (Riyadh time).
    const weekend = await ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM interactions i JOIN channels c ON c.agency_id = i.agency_id AND c.id = i.channel_id
        WHERE i.agency_id = $1 AND i.source = $2 AND c.code = 'branch_visit'
          AND extract(isodow FROM i.started_at AT TIME ZONE 'Asia/Riyadh') IN (5, 6)`, [agencyId, DEMO_SOURCE]);
    expect(weekend[0].n).toBe(0);

    const outcomes = await ctx.db.query<{ outcome: string }>(
      'SELECT DISTINCT outcome FROM interactions WHERE agency_id = $1 AND source = $2 ORDER BY outcome', [agencyId, DEMO_SOURCE]);
    expect(outcomes.map((o) => o.outcome)).toEqual(['abandoned', 'completed', 'failed', 'transferred']);
  });

  it('stores pseudonyms only: generated national IDs and mobiles appear nowhere in clear', async () => {
    const people = Array.from({ length: 100 }, (_, n) => demoPersonIdentifiers(n, 42));
    // Linked: the pseudonyms of these people are in the data (so the check below is meaningful).
    const pids = people.map((p) => pseudonymize(TEST_PSEUDONYM_KEY, agencyId, p.id));
    const [linked] = await ctx.db.query<{ n: number }>(
      'SELECT count(DISTINCT beneficiary_pid)::int AS n FROM interactions WHERE agency_id = $1 AND beneficiary_pid = ANY($2)', [agencyId, pids]);
    expect(linked.n).toBeGreaterThan(30);

    const clear = people.flatMap((p) => [p.id, p.mobile, p.mobile.slice(1)]);
    const pattern = clear.join('|');
    const tables = await ctx.db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`);
    for (const { table_name } of tables) {
      const [hit] = await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table_name}" x WHERE x::text ~ $1`, [pattern]);
      expect({ table_name, n: hit.n }).toEqual({ table_name, n: 0 });
    }
    const badEmployee = await ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM interactions WHERE agency_id = $1 AND employee_pid IS NOT NULL AND employee_pid !~ '^[0-9a-f]{32}$'`, [agencyId]);
    expect(badEmployee[0].n).toBe(0);
  });

  it('runs registered extensions once, after the interactions, with the window', () => {
    expect(extensionCalls).toHaveLength(1);
    expect(extensionCalls[0].agencyId).toBe(agencyId);
    expect(extensionCalls[0].interactions).toBeGreaterThan(10_000);
    expect(extensionCalls[0].days).toBe(7);
    expect(extensionCalls[0].from.toISOString()).toBe('2026-11-12T21:00:00.000Z');
    expect(extensionCalls[0].to.toISOString()).toBe(NOW.toISOString());
  });

  it('is idempotent: a second call adds nothing', async () => {
    const all = async () => (await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM interactions WHERE agency_id = $1', [agencyId]))[0].n;
    const before = await all();
    expect(await ensureDemoAgency(ctx.services, { days: 7, seed: 42, now: NOW })).toBeNull();
    expect(await all()).toBe(before);
    expect(extensionCalls).toHaveLength(1);
  });

  it('is deterministic: the same seed gives the same data, another seed different data', async () => {
    const first = await perServiceTotals(ctx.db, agencyId);
    const again = await rebuildDemoAgency(ctx.services, { days: 7, seed: 42, now: NOW });
    expect(again.agencyId).not.toBe(agencyId);
    expect(await perServiceTotals(ctx.db, again.agencyId)).toEqual(first);
    // The old agency's rows are gone with it.
    const [left] = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM interactions WHERE agency_id = $1', [agencyId]);
    expect(left.n).toBe(0);

    const other = await rebuildDemoAgency(ctx.services, { days: 7, seed: 7, now: NOW });
    expect(await perServiceTotals(ctx.db, other.agencyId)).not.toEqual(first);
  }, 180_000); // two full rebuilds, registered extensions included
});
