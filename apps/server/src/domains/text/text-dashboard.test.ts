import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Auth, type TestContext } from '../../../../../test/harness.ts';
import { drainJobs } from '../../jobs/jobs.ts';
import { seedTestCatalog } from '../interactions/test-catalog.ts';
import { submitTexts } from './text.service.ts';
import { pathOf, postForm, setUpPostServiceSurvey } from '../surveys/survey-test-kit.ts';

// Dashboard figures worked by hand, survey-answer ingest, tenant isolation and the CLI.
// Texts are the hand-labelled clear cases the library's unit tests also assert.
const NEG_WAIT = 'من الصبح وانا انتظر بالفرع والموظف طالع'; // negative; waiting_time + staff_behaviour
const NEG_STAFF = 'خدمة سيئة جدا وتعامل الموظفين زفت'; // negative; staff_behaviour
const POS = 'ما شاء الله خدمة سريعة والموظف متعاون'; // positive
// Air conditioning: no default topic covers it, so discovery should find it.
const AC = ['التكييف خربان والجو حار داخل المبنى', 'المكيفات ما تشتغل والحر ما يتحمل 😡'];

let ctx: TestContext;
let admin: Auth;
let otherAdmin: Auth;
let otherKey: Auth;
let agencyId: number;
const A = 'textd-a';
const B = 'textd-b';

beforeAll(async () => {
  ctx = await createTestContext();
  agencyId = (await ctx.createAgency(A)).id;
  const b = await ctx.createAgency(B);
  await seedTestCatalog(ctx.db, agencyId);
  await seedTestCatalog(ctx.db, b.id);
  admin = await ctx.createUser('textd-admin@example.sa', [{ agencyId, role: 'admin' }]);
  otherAdmin = await ctx.createUser('textd-b@example.sa', [{ agencyId: b.id, role: 'admin' }]);
  otherKey = await ctx.createApiKey(b.id, 'admin');
  // Week of Mon 2024-05-06 (Riyadh): branch ruh-1, service work-permit: 3 waiting + 1 staff
  // complaint + 2 praise = 6 texts, 4 negative. Week of 2024-05-13: 3 texts (suppressed).
  // Service labour-complaint: 2 negative texts only (suppressed group).
  const items = [
    ...[NEG_WAIT, NEG_WAIT, NEG_WAIT, NEG_STAFF, POS, POS].map((text, i) => ({
      external_id: `W1-${i}`, kind: 'complaint', text, service: 'work-permit', branch: 'ruh-1', occurred_at: `2024-05-0${6 + (i % 3)}T09:00`,
    })),
    ...[NEG_WAIT, POS, POS].map((text, i) => ({ external_id: `W2-${i}`, kind: 'comment', text, service: 'work-permit', occurred_at: '2024-05-14T09:00' })),
    ...[NEG_STAFF, NEG_WAIT].map((text, i) => ({ external_id: `LC-${i}`, kind: 'complaint', text, service: 'labour-complaint', occurred_at: '2024-05-07T09:00' })),
    ...Array.from({ length: 12 }, (_, i) => ({ external_id: `P-${i}`, kind: 'complaint', text: AC[i % 2], service: 'labour-complaint', occurred_at: '2024-06-02T09:00' })),
  ];
  const res = await ctx.request('POST', `/api/v1/feedback?agency=${A}`, { auth: admin, body: { items } });
  expect(res.body).toMatchObject({ accepted: items.length, rejected: 0 });
  await drainJobs(ctx.services);
});
afterAll(() => ctx?.close());

const get = (path: string, auth = admin) => ctx.request('GET', `/api/v1/text/${path}`, { auth });

describe('sentiment trend', () => {
  it('gives weekly counts and shares with n, suppressing weeks under 5', async () => {
    const res = await get(`trend?agency=${A}&from=2024-05-06&to=2024-05-19&service=work-permit&grain=week`);
    expect(res.status).toBe(200);
    const [w1, w2] = res.body.items;
    expect(w1).toMatchObject({ period: '2024-05-06', n: 6, negative: 4, positive: 2, neutral: 0, suppressed: false });
    expect(w1.shares.negative.rate).toBeCloseTo(4 / 6, 12);
    expect(w1.shares.negative.n).toBe(6);
    expect(w2).toEqual({ period: '2024-05-13', n: 3, suppressed: true, positive: null, negative: null, neutral: null, shares: null });
    expect(res.body.total).toMatchObject({ n: 9, negative: 5, positive: 4 });
  });
  it('groups by month in the agency time zone', async () => {
    const res = await get(`trend?agency=${A}&from=2024-05-01&to=2024-06-30&grain=month`);
    expect(res.body.items.map((i: { period: string; n: number }) => [i.period, i.n])).toEqual([['2024-05-01', 11], ['2024-06-01', 12]]);
  });
});

describe('top negative topics', () => {
  it('per service: topic counts over the group n, latest examples, small groups suppressed', async () => {
    const res = await get(`negative-topics?agency=${A}&from=2024-05-01&to=2024-05-31&by=service`);
    expect(res.status).toBe(200);
    const wp = res.body.items.find((g: { code: string }) => g.code === 'work-permit');
    // 9 texts, 5 negative: 4 × NEG_WAIT (waiting + staff) and 1 × NEG_STAFF (staff):
    // staff_behaviour 5/9, waiting_time 4/9.
    expect(wp).toMatchObject({ n: 9, negative: 5, suppressed: false });
    expect(wp.topics.map((t: { topic: string; count: number }) => [t.topic, t.count])).toEqual([['staff_behaviour', 5], ['waiting_time', 4]]);
    expect(wp.topics[0]).toMatchObject({ name_en: 'Staff behaviour' });
    expect(wp.topics[0].share.rate).toBeCloseTo(5 / 9, 12);
    expect(wp.topics[1].share.rate).toBeCloseTo(4 / 9, 12);
    expect(wp.topics[0].examples).toHaveLength(3);
    expect(wp.topics[0].examples[0].text).toBe(NEG_WAIT);
    const lc = res.body.items.find((g: { code: string }) => g.code === 'labour-complaint');
    expect(lc).toEqual({ code: 'labour-complaint', name_ar: 'شكوى عمالية', name_en: 'Labour complaint', n: 2, suppressed: true, negative: null, negative_share: null, topics: [] });
  });
  it('per branch', async () => {
    const res = await get(`negative-topics?agency=${A}&from=2024-05-01&to=2024-05-31&by=branch`);
    expect(res.body.items.map((g: { code: string; n: number; negative: number }) => [g.code, g.n, g.negative])).toEqual([['ruh-1', 6, 4]]);
  });
});

describe('topic discovery', () => {
  it('clusters uncategorized negative texts and shows their phrases and examples', async () => {
    const res = await get(`discover?agency=${A}&from=2024-06-01&to=2024-06-30&k=2`);
    expect(res.status).toBe(200);
    expect(res.body.n).toBe(12);
    const phrases = res.body.clusters.flatMap((c: { top_phrases: string[] }) => c.top_phrases).join(' ');
    expect(phrases).toMatch(/تكييف|مكيف|حر/);
    expect(res.body.clusters.reduce((s: number, c: { size: number }) => s + c.size, 0)).toBe(12);
    expect(AC).toContain(res.body.clusters[0].examples[0].text);
  });
});

describe('survey answers', () => {
  it('submitTexts stores a survey answer once, re-analyses it when its text changes', async () => {
    const answer = { source_type: 'survey_answer' as const, source_id: '77:comment', text: POS, occurred_at: new Date('2024-05-08T06:00:00Z') };
    expect(await ctx.db.transaction((tx) => submitTexts(tx, agencyId, [answer]))).toBe(1);
    expect(await ctx.db.transaction((tx) => submitTexts(tx, agencyId, [answer]))).toBe(0);
    await drainJobs(ctx.services);
    expect(await ctx.db.transaction((tx) => submitTexts(tx, agencyId, [{ ...answer, text: NEG_STAFF }]))).toBe(1);
    await drainJobs(ctx.services);
    const res = await ctx.request('GET', `/api/v1/feedback?agency=${A}&kind=survey_answer`, { auth: admin });
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ external_id: '77:comment', text: NEG_STAFF, sentiment: 'negative', status: 'done' });
  });
});

describe('survey free-text answers through the public page', () => {
  it('are analysed on save by the job, with the survey context', async () => {
    await setUpPostServiceSurvey(ctx, agencyId, A, admin);
    const inv = await ctx.request('POST', `/api/v1/surveys/ps/invitations?agency=${A}`, { auth: admin, body: { beneficiary_id: '1000000009', service: 'work-permit' } });
    expect(inv.status).toBe(201);
    const path = pathOf(inv.body.url);
    await postForm(ctx, path, { p: '0', lang: 'ar', q_overall: '1' });
    expect((await postForm(ctx, path, { p: '1', lang: 'ar', q_comment: NEG_WAIT })).status).toBe(303);
    await drainJobs(ctx.services);
    const res = await ctx.request('GET', `/api/v1/feedback?agency=${A}&kind=survey_answer&sentiment=negative`, { auth: admin });
    const item = res.body.items.find((i: { external_id: string }) => i.external_id.endsWith(':comment'));
    expect(item).toMatchObject({ text: NEG_WAIT, status: 'done', service: 'work-permit', kind: 'survey_answer' });
    expect(item.topics).toContain('waiting_time');
  });
});

describe('tenant isolation', () => {
  const paths = [
    ['GET', '/api/v1/feedback'], ['POST', '/api/v1/feedback'], ['POST', '/api/v1/text/analyze'], ['GET', '/api/v1/text/topics'],
    ['PUT', '/api/v1/text/topics'], ['POST', '/api/v1/text/topics/from-cluster'], ['GET', '/api/v1/text/discover?from=2024-05-01&to=2024-06-30'],
    ['GET', '/api/v1/text/trend?from=2024-05-01&to=2024-06-30'], ['GET', '/api/v1/text/negative-topics?from=2024-05-01&to=2024-06-30'],
  ];
  it("answers 404 on every endpoint for another agency's user and API key", async () => {
    for (const [method, path] of paths) {
      const url = `${path}${path.includes('?') ? '&' : '?'}agency=${A}`;
      const body = method === 'GET' ? undefined : { texts: ['x'], items: [], code: 'x_y', name_ar: 'س', name_en: 'x', phrases: ['x'] };
      for (const auth of [otherAdmin, otherKey]) expect([method, path, (await ctx.request(method, url, { auth, body })).status]).toEqual([method, path, 404]);
    }
  });
  it("never shows one agency's texts in another's figures", async () => {
    const list = await ctx.request('GET', '/api/v1/feedback', { auth: otherKey });
    expect(list.body.items).toEqual([]);
    const trend = await ctx.request('GET', '/api/v1/text/trend?from=2024-05-01&to=2024-06-30', { auth: otherKey });
    expect(trend.body.total.n).toBe(0);
  });
});

describe('tajriba sentiment (child process)', () => {
  it('writes one JSON line per input line in order, empty lines neutral with a flag', async () => {
    const bin = fileURLToPath(new URL('../../../../../bin/tajriba.mjs', import.meta.url));
    // No database settings: the command must not open one.
    const child = spawn(process.execPath, [bin, 'sentiment', '--json'], { env: { PATH: process.env.PATH ?? '', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' } });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stdin.end(`${NEG_WAIT}\n\n${POS}\r\n   \n${NEG_STAFF}`);
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.label)).toEqual(['negative', 'neutral', 'positive', 'neutral', 'negative']);
    expect(lines[1]).toEqual({ label: 'neutral', scores: { positive: 0, negative: 0, neutral: 1 }, empty: true });
    expect(lines[3].empty).toBe(true);
    expect(lines[0].empty).toBeUndefined();
  });
});
