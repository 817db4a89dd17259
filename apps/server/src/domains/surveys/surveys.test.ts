import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_PSEUDONYM_KEY, type Auth, type TestContext } from '../../../../../test/harness.ts';
import { seedTestCatalog, interaction } from '../interactions/test-catalog.ts';
import { getPage, outboxLinks, pathOf, postForm, setUpPostServiceSurvey } from './survey-test-kit.ts';
import { signToken, surveyTokenKey } from './tokens.ts';

let t: TestContext;
let a: { id: number; slug: string };
let b: { id: number; slug: string };
let admin: Auth;
let adminB: Auth;
const api = (method: string, path: string, body?: unknown, auth: Auth = admin) =>
  t.request(method, `/api/v1${path}${path.includes('?') ? '&' : '?'}agency=alpha`, { auth, body });

beforeAll(async () => {
  t = await createTestContext();
  a = await t.createAgency('alpha');
  b = await t.createAgency('beta');
  admin = await t.createUser('admin@a.sa', [{ agencyId: a.id, role: 'admin' }]);
  adminB = await t.createUser('admin@b.sa', [{ agencyId: b.id, role: 'admin' }]);
  await seedTestCatalog(t.db, a.id);
  await seedTestCatalog(t.db, b.id);
  await setUpPostServiceSurvey(t, a.id, 'alpha', admin);
});
afterAll(() => t.close());

/** Answers a personal link: page 1 (overall), then page 2 with the given fields. */
async function answer(path: string, overall: number, page2: Record<string, string | string[]> = {}) {
  const first = await postForm(t, path, { p: '0', lang: 'ar', q_overall: String(overall) });
  expect(first.status).toBe(303);
  expect(first.location).toBe(`${path}?lang=ar&p=1`);
  const second = await postForm(t, path, { p: '1', lang: 'ar', ...page2 });
  expect(second.status).toBe(303);
  expect(second.location).toBe(`${path}/done?lang=ar`);
}

const inviteLink = async (beneficiary: string) => {
  const r = await api('POST', '/surveys/ps/invitations', { beneficiary_id: beneficiary, service: 'work-permit' });
  expect(r.status).toBe(201);
  return pathOf(r.body.url);
};

describe('post-service trigger and the public page', () => {
  let smsPath: string;

  it('invites completed interactions of a covered service once per beneficiary, keeping contacts sealed', async () => {
    const items = [
      interaction({ external_id: 'E-1', beneficiary_id: '1000000001', attributes: { contact_phone: '0551234567' } }),
      interaction({ external_id: 'E-2', beneficiary_id: '1000000001', attributes: { contact_phone: '0551234567' } }), // same person, same batch
      interaction({ external_id: 'E-3', beneficiary_id: '1000000002', outcome: 'failed', attributes: { contact_phone: '0559999999' } }),
      interaction({ external_id: 'E-4', beneficiary_id: '1000000003', service: 'labour-complaint', attributes: { contact_email: 'x@y.sa' } }),
    ];
    const ingested = await api('POST', '/interactions', { items });
    expect(ingested.body, JSON.stringify(ingested.body)).toMatchObject({ accepted: 4 });
    const inv = await t.db.query<{ delivery: string; interaction_id: number }>('SELECT delivery, interaction_id FROM survey_invitations WHERE agency_id = $1', [a.id]);
    expect(inv).toHaveLength(1);
    expect(inv[0].delivery).toBe('sms');
    const supp = await t.db.query('SELECT reason, n FROM survey_suppressions WHERE agency_id = $1', [a.id]);
    expect(supp).toEqual([{ reason: 'recent_invitation', n: 1 }]);
    const stored = await t.db.query<{ attributes: unknown }>('SELECT attributes FROM interactions WHERE agency_id = $1 ORDER BY id', [a.id]);
    expect(stored.map((s) => s.attributes)).toEqual([null, null, null, null]);
    const contacts = await t.db.query<{ contact_enc: string }>('SELECT contact_enc FROM beneficiary_contacts WHERE agency_id = $1', [a.id]);
    expect(contacts.length).toBe(3);
    expect(JSON.stringify(contacts)).not.toMatch(/555|x@y/);

    const msgs = await outboxLinks(t, a.id);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatchObject({ kind: 'sms', to_masked: '+9665******67' });
    expect(msgs[0].body).toContain('«رخصة عمل»');
    smsPath = msgs[0].path;
  });

  it('serves an Arabic RTL form, pages the follow-up question after a low score, then thanks once', async () => {
    const page1 = await getPage(t, smsPath);
    expect(page1.status).toBe(200);
    expect(page1.text).toContain('<html lang="ar" dir="rtl">');
    expect(page1.text).toContain('<legend>بشكل عام، كيف تقيّم تجربتك مع هذه الخدمة؟');
    expect(page1.text).not.toContain('<script');
    const first = await postForm(t, smsPath, { p: '0', lang: 'ar', q_overall: '2' });
    expect(first.location).toBe(`${smsPath}?lang=ar&p=1`);
    const page2 = await getPage(t, `${smsPath}?lang=ar&p=1`);
    expect(page2.text).toContain('ما الذي لم يكن على ما يرام؟');
    const fields = { p: '1', lang: 'ar', q_went_wrong: ['waiting', 'staff'], q_efficiency: '2', q_employee: '4', q_comment: '=HYPERLINK("x") الانتظار طويل' };
    const done = await postForm(t, smsPath, fields);
    expect(done.location).toBe(`${smsPath}/done?lang=ar`);
    expect((await getPage(t, `${smsPath}/done?lang=ar`)).text).toContain('شكراً لك!');
    // Double submit: same redirect, still one response with the same answers.
    expect((await postForm(t, smsPath, { ...fields, q_efficiency: '5' })).location).toBe(`${smsPath}/done?lang=ar`);
    const answers = await t.db.query('SELECT question_key, score, choices FROM survey_answers WHERE agency_id = $1 ORDER BY question_key', [a.id]);
    expect(answers).toEqual([
      { question_key: 'comment', score: null, choices: null },
      { question_key: 'efficiency', score: 2, choices: null },
      { question_key: 'employee', score: 4, choices: null },
      { question_key: 'overall', score: 2, choices: null },
      { question_key: 'went_wrong', score: null, choices: ['waiting', 'staff'] },
    ]);
    const used = await getPage(t, smsPath);
    expect(used.status).toBe(410);
    expect(used.text).toContain('تمت الإجابة على هذا الاستبيان');
    expect(used.text).toContain('This survey was already answered');
  });

  it('skips the follow-up after a good score and requires the required question', async () => {
    const path = await inviteLink('2000000001');
    const missing = await postForm(t, path, { p: '0', lang: 'ar' });
    expect(missing.status).toBe(422);
    expect(missing.text).toContain('فضلاً أجب عن الأسئلة المطلوبة');
    await postForm(t, path, { p: '0', lang: 'ar', q_overall: '4' });
    const page2 = await getPage(t, `${path}?lang=ar&p=1`);
    expect(page2.text).not.toContain('ما الذي لم يكن على ما يرام؟');
    expect(page2.text).toContain('استغرق إنجاز طلبي وقتاً معقولاً');
    expect((await postForm(t, path, { p: '1', lang: 'ar' })).location).toBe(`${path}/done?lang=ar`);
  });

  it('saves partial answers and shows free text escaped', async () => {
    const path = await inviteLink('2000000002');
    await postForm(t, path, { p: '0', lang: 'en', q_overall: '1' });
    const partial = await postForm(t, path, { p: '1', lang: 'en', partial: '1', q_comment: '<script>alert(1)</script> "slow"' });
    expect(partial.location).toBe(`${path}?lang=en&p=1`);
    const again = await getPage(t, `${path}?lang=en&p=1`);
    expect(again.text).toContain('<html lang="en" dir="ltr">');
    expect(again.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;slow&quot;');
    expect(again.text).not.toContain('<script>alert');
    const stored = await t.db.query<{ text_value: string }>(`SELECT text_value FROM survey_answers WHERE agency_id = $1 AND question_key = 'comment' AND text_value LIKE '<script>%'`, [a.id]);
    expect(stored[0].text_value).toBe('<script>alert(1)</script> "slow"');
    expect((await postForm(t, path, { p: '1', lang: 'en', q_went_wrong: 'bogus' })).status).toBe(400);
    await postForm(t, path, { p: '1', lang: 'en', q_comment: '<script>alert(1)</script> "slow"' });
  });

  it('answers forged links 404 and expired links 410, politely in both languages', async () => {
    const forged = await getPage(t, '/s/ia.1.zzzz.AAAAAAAAAAAAAAAAAAAAAA');
    expect(forged.status).toBe(404);
    expect(forged.text).toContain('الرابط غير صحيح');
    expect((await getPage(t, '/s/nonsense')).status).toBe(404);
    const [{ id }] = await t.db.query<{ id: number }>('SELECT max(id)::int AS id FROM survey_invitations WHERE agency_id = $1', [a.id]);
    const expired = signToken(surveyTokenKey(TEST_PSEUDONYM_KEY), { kind: 'i', agencyId: a.id, id, exp: Math.floor(Date.now() / 1000) - 1 });
    const page = await getPage(t, `/s/${expired}`);
    expect(page.status).toBe(410);
    expect(page.text).toContain('انتهت صلاحية الرابط');
    expect(page.text).toContain('This link has expired');
  });

  it('computes results by question by hand: overall 2, 4, 1, 5, 3 → CSAT 2/5 with Wilson [0.1176, 0.7693], mean 3', async () => {
    await answer(await inviteLink('2000000003'), 5);
    await answer(await inviteLink('2000000004'), 3);
    const r = await api('GET', '/surveys/ps/results?group_by=question');
    expect(r.status).toBe(200);
    const overall = r.body.rows.find((x: { key: string }) => x.key === 'overall');
    expect(overall).toMatchObject({ n: 5, distribution: [1, 1, 1, 1, 1], csat: 0.4, mean: 3, suppressed: false, response_rate: null });
    expect(overall.csat_low).toBeCloseTo(0.11762, 4);
    expect(overall.csat_high).toBeCloseTo(0.76928, 4);
    // invited: 1 SMS + 4 links = 5, all completed.
    expect(r.body.total).toMatchObject({ invited: 5, completed: 5, response_rate: 1 });
    expect(r.body.suppressions).toEqual([{ reason: 'recent_invitation', n: 1 }]);
    const byDriver = await api('GET', '/surveys/ps/results?group_by=component');
    expect(byDriver.body.rows.map((x: { key: string }) => x.key)).toEqual(['cultural', 'emotional', 'functional']);
  });

  it('lists answers with filters and exports CSV with formula injection neutralised', async () => {
    const low = await api('GET', '/surveys/ps/answers?max_score=1');
    expect(low.body.items.map((i: { answers: { overall: number } }) => i.answers.overall)).toEqual([1]);
    const csv = await t.request('GET', '/api/v1/surveys/ps/answers?agency=alpha&format=csv', { auth: admin });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.body).toContain('response_id,completed_at,version,locale,service,branch,channel,provider,source,overall,went_wrong,efficiency,employee,comment');
    expect(csv.body).toContain(`"'=HYPERLINK(""x"") الانتظار طويل"`); // not =…: a comment cannot become a spreadsheet formula
    expect(csv.body.split('\n').filter((l: string) => l).length).toBe(6);
  });

  it('creates a new version when a live survey is edited; answers keep theirs', async () => {
    const s = (await api('GET', '/surveys/ps')).body;
    const questions = s.questions.map((q: { key: string; text_ar: string }) => (q.key === 'overall' ? { ...q, text_ar: 'كيف تقيّم الخدمة إجمالاً؟' } : q));
    const put = await api('PUT', '/surveys/ps', { ...s, questions });
    expect(put.body.version).toBe(2);
    const renamed = await api('PUT', '/surveys/ps', { ...s, questions, name_en: 'Rate us' });
    expect(renamed.body.version).toBe(2); // header-only edit: same version
    const path = await inviteLink('2000000005');
    expect((await getPage(t, path)).text).toContain('كيف تقيّم الخدمة إجمالاً؟');
    await answer(path, 4);
    const versions = await t.db.query('SELECT version, count(*)::int AS n FROM survey_responses WHERE agency_id = $1 GROUP BY version ORDER BY version', [a.id]);
    expect(versions).toEqual([{ version: 1, n: 5 }, { version: 2, n: 1 }]);
  });

  it('honours an opt-out forever', async () => {
    const r = await api('POST', '/surveys/ps/invitations', { beneficiary_id: '3000000001', phone: '0500000001' });
    const path = pathOf(r.body.url);
    expect((await getPage(t, `${path}/stop`)).text).toContain('إيقاف الاستبيانات');
    expect((await postForm(t, `${path}/stop`, {})).text).toContain('لن تصلك منا استبيانات بعد الآن');
    await t.db.query('UPDATE survey_invitations SET created_at = created_at - interval \'400 days\' WHERE agency_id = $1', [a.id]);
    const again = await api('POST', '/surveys/ps/invitations', { beneficiary_id: '3000000001', phone: '0500000001' });
    expect(again.body.suppressed).toBe('opted_out');
    expect(await t.db.query(`SELECT 1 FROM beneficiary_contacts WHERE agency_id = $1 AND beneficiary_pid = (SELECT beneficiary_pid FROM survey_opt_outs WHERE agency_id = $1)`, [a.id])).toEqual([]);
  });
});

describe('tenant isolation', () => {
  it('every survey endpoint of agency beta is blind to alpha', async () => {
    const asB = (method: string, path: string, body?: unknown) => t.request(method, `/api/v1${path}${path.includes('?') ? '&' : '?'}agency=beta`, { auth: adminB, body });
    const intoAlpha = (method: string, path: string, body?: unknown) => t.request(method, `/api/v1${path}${path.includes('?') ? '&' : '?'}agency=alpha`, { auth: adminB, body });
    expect((await asB('GET', '/surveys')).body.items).toEqual([]);
    expect((await asB('GET', '/surveys/outbox')).body.items).toEqual([]);
    expect((await asB('GET', '/surveys/webhooks')).body.items).toEqual([]);
    const codePaths: [string, string, unknown?][] = [
      ['GET', '/surveys/ps'], ['PUT', '/surveys/ps', { code: 'ps', kind: 'post_service', name_ar: 'س', name_en: 's', services: [], questions: [{ key: 'a', kind: 'rating', component: 'emotional', text_ar: 'س', text_en: 'q' }] }],
      ['PUT', '/surveys/ps/status', { status: 'archived' }], ['GET', '/surveys/ps/results'], ['GET', '/surveys/ps/answers'],
      ['POST', '/surveys/ps/invitations', { beneficiary_id: '1' }], ['GET', '/surveys/ps/campaigns'],
      ['POST', '/surveys/ps/campaigns', { name: 'x', lookback_days: 30, sample_size: 10 }], ['GET', '/surveys/ps/posters'],
      ['POST', '/surveys/ps/posters', {}], ['GET', '/surveys/ps/posters/1/poster.svg'], ['GET', '/surveys/ps/posters/1/print'],
    ];
    for (const [method, path, body] of codePaths) {
      expect((await asB(method, path, body)).status, `${method} ${path} in beta`).toBe(404);
      expect((await intoAlpha(method, path, body)).status, `${method} ${path} naming alpha`).toBe(404);
    }
    const hook = await api('POST', '/surveys/webhooks', { url: 'http://127.0.0.1:9/x' });
    expect((await asB('DELETE', `/surveys/webhooks/${hook.body.id}`)).status).toBe(404);
    expect((await api('GET', '/surveys/webhooks')).body.items).toHaveLength(1);
    expect((await api('GET', '/surveys/ps')).body.status).toBe('active');
  });
});
