import type { Auth, TestContext } from '../../../../../test/harness.ts';
import { drainJobs } from '../../jobs/jobs.ts';

// The hand-worked fixture of docs/metrics.md: March 2024, Asia/Riyadh, N = 7 days.
// Every expected figure in journeys.test.ts and dashboards.test.ts was computed by hand from it.
//   A1–A6  permit: web, stage apply, completed (03-05 10:00–10:10)                  6 journeys × 1 contact
//   B1–B5  permit: branch ruh/tasheel apply failed (03-10 09:00), phone review transferred
//          (03-12 09:00), branch ruh/tasheel collect completed (03-14 09:00–09:30)  5 journeys × 3 contacts
//   C1–C3  permit: branch jed apply failed (03-20 10:00)                              3 dropped journeys
//   D      permit: web apply completed 03-02, 03-04 (repeat) and 03-25 10:00–10:10    2 journeys (2 + 1 contacts)
//   E1–E5  complaint: phone abandoned, wait 120 s (03-15 11:00)                       5 dropped journeys

export async function seedFixtureCatalog(t: TestContext, agencyId: number) {
  const one = async (sql: string, params: unknown[] = []) => (await t.db.query<{ id: number }>(sql, [agencyId, ...params]))[0].id;
  const tasheel = await one(`INSERT INTO providers (agency_id, code, name_ar, name_en, kind) VALUES ($1, 'tasheel', 'تسهيل', 'Tasheel', 'third_party') RETURNING id`);
  const permit = await one(`INSERT INTO services (agency_id, code, name_ar, name_en) VALUES ($1, 'permit', 'رخصة عمل', 'Work permit') RETURNING id`);
  const complaint = await one(`INSERT INTO services (agency_id, code, name_ar, name_en) VALUES ($1, 'complaint', 'شكوى عمالية', 'Labour complaint') RETURNING id`);
  const ch = async (code: string, ar: string, en: string, category: string) =>
    one(`INSERT INTO channels (agency_id, code, name_ar, name_en, category) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [code, ar, en, category]);
  const branch = await ch('branch', 'زيارة فرع', 'Branch visit', 'traditional');
  const phone = await ch('phone', 'مركز الاتصال', 'Contact centre', 'voice');
  const web = await ch('web', 'البوابة الإلكترونية', 'Web portal', 'digital');
  const br = async (code: string, ar: string, en: string) =>
    one(`INSERT INTO branches (agency_id, code, name_ar, name_en, city) VALUES ($1, $2, $3, $4, '') RETURNING id`, [code, ar, en]);
  const ruh = await br('ruh', 'فرع الرياض', 'Riyadh');
  const jed = await br('jed', 'فرع جدة', 'Jeddah');
  const st = async (code: string, ar: string, en: string, pos: number) =>
    one(`INSERT INTO stages (agency_id, service_id, code, name_ar, name_en, position) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, [permit, code, ar, en, pos]);
  const apply = await st('apply', 'التقديم', 'Apply', 1);
  const review = await st('review', 'المراجعة', 'Review', 2);
  const collect = await st('collect', 'الاستلام', 'Collect', 3);
  return { tasheel, permit, complaint, branch, phone, web, ruh, jed, apply, review, collect };
}

type Item = Record<string, unknown>;
const item = (id: string, who: string, o: Item): Item => ({ external_id: id, beneficiary_id: `P-${who}`, ...o });

/** The fixture's 32 interactions, in an order that makes the D repeat arrive last (out of order). */
export function fixtureInteractions(): Item[][] {
  const rows: Item[] = [];
  for (let i = 1; i <= 6; i++) {
    rows.push(item(`a${i}`, `A${i}`, { service: 'permit', channel: 'web', stage: 'apply', started_at: '2024-03-05T10:00:00', ended_at: '2024-03-05T10:10:00', outcome: 'completed' }));
  }
  for (let i = 1; i <= 5; i++) {
    rows.push(item(`b${i}-1`, `B${i}`, { service: 'permit', channel: 'branch', branch: 'ruh', provider: 'tasheel', stage: 'apply', started_at: '2024-03-10T09:00:00', ended_at: '2024-03-10T09:20:00', outcome: 'failed' }));
    rows.push(item(`b${i}-2`, `B${i}`, { service: 'permit', channel: 'phone', stage: 'review', started_at: '2024-03-12T09:00:00', outcome: 'transferred' }));
    rows.push(item(`b${i}-3`, `B${i}`, { service: 'permit', channel: 'branch', branch: 'ruh', provider: 'tasheel', stage: 'collect', started_at: '2024-03-14T09:00:00', ended_at: '2024-03-14T09:30:00', outcome: 'completed' }));
  }
  for (let i = 1; i <= 3; i++) {
    rows.push(item(`c${i}`, `C${i}`, { service: 'permit', channel: 'branch', branch: 'jed', stage: 'apply', started_at: '2024-03-20T10:00:00', outcome: 'failed' }));
  }
  rows.push(item('d1', 'D', { service: 'permit', channel: 'web', stage: 'apply', started_at: '2024-03-02T10:00:00', ended_at: '2024-03-02T10:10:00', outcome: 'completed' }));
  rows.push(item('d3', 'D', { service: 'permit', channel: 'web', stage: 'apply', started_at: '2024-03-25T10:00:00', ended_at: '2024-03-25T10:10:00', outcome: 'completed' }));
  for (let i = 1; i <= 5; i++) {
    rows.push(item(`e${i}`, `E${i}`, { service: 'complaint', channel: 'phone', started_at: '2024-03-15T11:00:00', wait_seconds: 120, outcome: 'abandoned' }));
  }
  const late = [item('d2', 'D', { service: 'permit', channel: 'web', stage: 'apply', started_at: '2024-03-04T10:00:00', ended_at: '2024-03-04T10:10:00', outcome: 'completed' })];
  return [rows, late];
}

/** Posts the fixture in two batches through the ingestion API and runs the refresh jobs after each. */
export async function ingestFixture(t: TestContext, auth: Auth) {
  for (const items of fixtureInteractions()) {
    const res = await t.request('POST', '/api/v1/interactions', { body: { items }, auth });
    if (res.status !== 200 || res.body.accepted !== items.length) throw new Error(`ingest failed: ${JSON.stringify(res.body)}`);
    await drainJobs(t.services);
  }
}

/**
 * Satisfaction answers (1–5, driver 'satisfaction') tied to fixture contacts: A1–A5 gave 5 and A6 gave 2
 * (stage apply); each B gave 2 at apply (b·-1) and 4 at collect (b·-3).
 */
export async function answerFixtureSurveys(t: TestContext, agencyId: number) {
  const [{ id: surveyId }] = await t.db.query<{ id: number }>(
    `INSERT INTO surveys (agency_id, code, kind, name_ar, name_en, status) VALUES ($1, 'post', 'post_service', 'بعد الخدمة', 'Post-service', 'active') RETURNING id`, [agencyId]);
  await t.db.query(`INSERT INTO survey_versions (agency_id, survey_id, version, questions) VALUES ($1, $2, 1, '[]')`, [agencyId, surveyId]);
  const scores: [string, number][] = [['a1', 5], ['a2', 5], ['a3', 5], ['a4', 5], ['a5', 5], ['a6', 2]];
  for (let i = 1; i <= 5; i++) scores.push([`b${i}-1`, 2], [`b${i}-3`, 4]);
  for (const [externalId, score] of scores) {
    const [r] = await t.db.query<{ id: number }>(
      `INSERT INTO survey_responses (agency_id, survey_id, version, dedupe_key, interaction_id, service_id, channel_id, branch_id, provider_id, stage_id, status, completed_at)
       SELECT agency_id, $2, 1, 'i:' || id, id, service_id, channel_id, branch_id, provider_id, stage_id, 'completed', now()
         FROM interactions WHERE agency_id = $1 AND external_id = $3 RETURNING id`, [agencyId, surveyId, externalId]);
    await t.db.query(
      `INSERT INTO survey_answers (agency_id, response_id, question_key, survey_id, kind, component, driver, score)
       VALUES ($1, $2, 'overall', $3, 'rating', 'emotional', 'satisfaction', $4)`, [agencyId, r.id, surveyId, score]);
  }
}
