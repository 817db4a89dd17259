import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Auth, type TestContext } from '../../../../../test/harness.ts';
import { seedTestCatalog } from '../interactions/test-catalog.ts';
import { QUESTION_BANK } from './question-bank.ts';
import { getPage, pathOf, postForm, setUpPostServiceSurvey } from './survey-test-kit.ts';

// Submits posted with the rendered form's hidden fields, as a browser does: the save then skips
// reading the invitation when the page does not depend on earlier pages.

let t: TestContext;
let a: { id: number; slug: string };
let admin: Auth;
const api = (method: string, path: string, body?: unknown) =>
  t.request(method, `/api/v1${path}${path.includes('?') ? '&' : '?'}agency=alpha`, { auth: admin, body });
const bank = (key: string) => structuredClone(QUESTION_BANK.find((q) => q.key === key)!);

beforeAll(async () => {
  t = await createTestContext();
  a = await t.createAgency('alpha');
  admin = await t.createUser('admin@a.sa', [{ agencyId: a.id, role: 'admin' }]);
  await seedTestCatalog(t.db, a.id);
  await setUpPostServiceSurvey(t, a.id, 'alpha', admin); // two pages: overall, then the rest
  // One page, no conditions: overall (required), efficiency, comment.
  const one = { code: 'one', kind: 'post_service', name_ar: 'صفحة واحدة', name_en: 'One page', services: ['work-permit'], questions: ['overall', 'efficiency', 'comment'].map(bank) };
  expect((await api('POST', '/surveys', one)).status).toBe(201);
  await api('PUT', '/surveys/one/status', { status: 'active' });
  expect((await api('POST', '/surveys/webhooks', { url: 'http://127.0.0.1:9/hook' })).status).toBe(201);
});
afterAll(() => t.close());

const invite = async (code: string, beneficiary: string) => pathOf((await api('POST', `/surveys/${code}/invitations`, { beneficiary_id: beneficiary, service: 'work-permit' })).body.url);

/** The hidden fields of the form a GET of the page renders. */
async function hiddenFields(path: string) {
  const html = (await getPage(t, path)).text;
  return Object.fromEntries([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]));
}

const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, [a.id, ...params]))[0].n;

describe('submitting with the form fields', () => {
  it('completes a one-page answer with its invitation, webhook delivery and text job, once', async () => {
    const path = await invite('one', '5000000001');
    const hidden = await hiddenFields(path);
    expect(Object.keys(hidden).sort()).toEqual(['lang', 'p', 'v']);
    const jobsBefore = await count(`jobs WHERE agency_id = $1 AND name = 'text.analyze'`);
    const fields = { ...hidden, q_overall: '4', q_efficiency: '2', q_comment: 'الانتظار طويل' };
    const done = await postForm(t, path, fields);
    expect(done.status).toBe(303);
    expect(done.location).toBe(`${path}/done?lang=ar`);
    const [r] = await t.db.query<{ id: number; status: string; service: string; inv_status: string }>(
      `SELECT r.id, r.status, sv.code AS service, i.status AS inv_status FROM survey_responses r
         JOIN survey_invitations i ON i.agency_id = r.agency_id AND i.id = r.invitation_id
         JOIN services sv ON sv.agency_id = r.agency_id AND sv.id = r.service_id
        WHERE r.agency_id = $1 AND r.dedupe_key = 'i:' || i.id AND i.beneficiary_pid IS NOT NULL ORDER BY r.id DESC LIMIT 1`, [a.id]);
    expect(r).toMatchObject({ status: 'completed', service: 'work-permit', inv_status: 'completed' });
    const answers = await t.db.query('SELECT question_key, score, text_value FROM survey_answers WHERE agency_id = $1 AND response_id = $2 ORDER BY question_key', [a.id, r.id]);
    expect(answers).toEqual([
      { question_key: 'comment', score: null, text_value: 'الانتظار طويل' },
      { question_key: 'efficiency', score: 2, text_value: null },
      { question_key: 'overall', score: 4, text_value: null },
    ]);
    const texts = await t.db.query<{ source_id: string; status: string; sv: string }>(
      `SELECT x.source_id, x.status, sv.code AS sv FROM text_items x JOIN services sv ON sv.agency_id = x.agency_id AND sv.id = x.service_id
        WHERE x.agency_id = $1 AND x.source_type = 'survey_answer' AND x.source_id LIKE $2`, [a.id, `${r.id}:%`]);
    expect(texts).toEqual([{ source_id: `${r.id}:comment`, status: 'pending', sv: 'work-permit' }]);
    expect(await count(`jobs WHERE agency_id = $1 AND name = 'text.analyze'`)).toBe(jobsBefore + 1);
    const hooks = await t.db.query<{ payload: unknown; max_attempts: number }>(`SELECT payload, max_attempts FROM jobs WHERE agency_id = $1 AND name = 'surveys.webhook' AND payload->>'responseId' = $2`, [a.id, String(r.id)]);
    expect(hooks).toHaveLength(1);
    expect(hooks[0].max_attempts).toBe(8);
    expect(await count('survey_webhook_deliveries WHERE agency_id = $1 AND response_id = $2', [r.id])).toBe(1);

    // Double submit with other values: same redirect, nothing changes.
    expect((await postForm(t, path, { ...fields, q_efficiency: '5', q_comment: 'تغيير' })).location).toBe(`${path}/done?lang=ar`);
    expect(await count(`survey_answers WHERE agency_id = $1 AND response_id = $2 AND score = 2`, [r.id])).toBe(1);
    expect(await count(`jobs WHERE agency_id = $1 AND name = 'text.analyze'`)).toBe(jobsBefore + 1);
    expect(await count('survey_webhook_deliveries WHERE agency_id = $1 AND response_id = $2', [r.id])).toBe(1);
  });

  it('redraws a page with a missing required answer (422), keeping what was given', async () => {
    const path = await invite('one', '5000000002');
    const hidden = await hiddenFields(path);
    const res = await postForm(t, path, { ...hidden, q_efficiency: '3' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('فضلاً أجب عن الأسئلة المطلوبة');
    expect(res.text).toContain(`name="v" value="${hidden.v}"`);
    expect(res.text).toMatch(/value="3" checked/);
    expect((await postForm(t, path, { ...hidden, q_overall: '5' })).location).toBe(`${path}/done?lang=ar`);
  });

  it('pages a two-page survey by its skip rule: page 1 unread, page 2 reads the low score first', async () => {
    const path = await invite('ps', '5000000003');
    const first = await postForm(t, path, { ...(await hiddenFields(path)), q_overall: '1' });
    expect(first.location).toBe(`${path}?lang=ar&p=1`);
    const page2 = await hiddenFields(`${path}?lang=ar&p=1`);
    expect(page2.p).toBe('1');
    // went_wrong is shown only after overall ≤ 2, which was answered on page 1.
    const done = await postForm(t, path, { ...page2, q_went_wrong: 'waiting', q_efficiency: '1' });
    expect(done.location).toBe(`${path}/done?lang=ar`);
    const saved = await t.db.query(`SELECT a.question_key FROM survey_answers a JOIN survey_responses r ON r.agency_id = a.agency_id AND r.id = a.response_id
      JOIN survey_invitations i ON i.agency_id = r.agency_id AND i.id = r.invitation_id WHERE a.agency_id = $1 AND i.beneficiary_pid IS NOT NULL AND r.status = 'completed'
      AND r.id = (SELECT max(id) FROM survey_responses WHERE agency_id = $1) ORDER BY 1`, [a.id]);
    expect(saved).toEqual([{ question_key: 'efficiency' }, { question_key: 'overall' }, { question_key: 'went_wrong' }]);
  });

  it('a form naming another survey version is saved by reading the invitation instead', async () => {
    const path = await invite('one', '5000000004');
    const other = await hiddenFields(await invite('ps', '5000000005')); // the two-page survey's version
    expect(other.v).not.toBe((await hiddenFields(path)).v);
    expect((await postForm(t, path, { ...other, q_overall: '3' })).location).toBe(`${path}/done?lang=ar`);
    const [r] = await t.db.query<{ status: string; n: number }>(
      `SELECT r.status, (SELECT count(*)::int FROM survey_answers a WHERE a.agency_id = r.agency_id AND a.response_id = r.id) AS n
         FROM survey_responses r WHERE r.agency_id = $1 ORDER BY r.id DESC LIMIT 1`, [a.id]);
    expect(r).toEqual({ status: 'completed', n: 1 });
  });
});
