import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_PSEUDONYM_KEY, type Auth, type TestContext } from '../../../../../test/harness.ts';
import { testDatabaseTarget } from '../../config.ts';
import { kpiCommandOutput } from '../../cli/kpi-commands.ts';
import { buildBoardReportHtml } from './pdf-report.ts';
import { CHROMIUM_FLAGS, findChromium } from '../../lib/html-to-pdf.ts';
import { getAgencyBySlug } from '../../http/agency-scope.ts';
import { updateAgencySettings } from '../catalog/agency-settings.ts';
import { answerFixtureSurveys, ingestFixture, seedFixtureCatalog } from '../journeys/test-fixture.ts';

// Every expected value below was worked out by hand from the fixture in journeys/test-fixture.ts
// (the arithmetic is in the comments); docs/metrics.md defines each KPI.

let t: TestContext;
let analyst: Auth;
let viewer: Auth;
let other: Auth;
const MARCH = 'agency=alpha&from=2024-03-01&to=2024-03-31';
const get = (path: string, auth: Auth = analyst) => t.request('GET', `/api/v1${path}`, { auth });
const kpi = (body: { kpis: { kpi: string }[] }, code: string) => body.kpis.find((k) => k.kpi === code) as any;

beforeAll(async () => {
  t = await createTestContext();
  const a = await t.createAgency('alpha');
  const b = await t.createAgency('beta');
  await seedFixtureCatalog(t, a.id);
  await updateAgencySettings(t.db, null, a.id, { min_n: 10, cost_per_contact: { branch: 50, phone: 20, web: 2 } });
  analyst = await t.createUser('analyst@alpha.sa', [{ agencyId: a.id, role: 'analyst' }]);
  viewer = await t.createUser('viewer@alpha.sa', [{ agencyId: a.id, role: 'viewer' }]);
  other = await t.createUser('analyst@beta.sa', [{ agencyId: b.id, role: 'analyst' }]);
  await ingestFixture(t, await t.createApiKey(a.id, 'analyst'));
  await answerFixtureSurveys(t, a.id);
  for (const body of [
    { kpi: 'completion_rate', target: 0.8 }, // comparator >= and tolerance 5 % × 0.8 = 0.04 by default
    { kpi: 'repeat_contact_rate', target: 0.3, tolerance: 0.05 },
    { kpi: 'fcr', target: 0.5 },
  ]) {
    const res = await t.request('POST', '/api/v1/targets?agency=alpha', { auth: analyst, body });
    expect(res.status).toBe(200);
  }
});
afterAll(() => t.close());

describe('executive overview', () => {
  it('computes every KPI of the fixture as worked by hand', async () => {
    const { status, body } = await get(`/dashboards/overview?${MARCH}`);
    expect(status).toBe(200);
    expect(body.volumes).toEqual({ contacts: 32, journeys: 21, completed: 13, dropped: 8, open: 0, answers: 16 });
    // Completion: 13 completed ÷ (13 + 8 dropped); Wilson 95 % for 13/21 = [0.4088, 0.7925]. Target ≥ 0.8 − 0.04 missed: red.
    expect(kpi(body, 'completion_rate')).toMatchObject({ value: 13 / 21, n: 21, low_n: false, suppressed: false, status: 'red' });
    expect(kpi(body, 'completion_rate').low).toBeCloseTo(0.4088, 4);
    expect(kpi(body, 'completion_rate').high).toBeCloseTo(0.7925, 4);
    // Repeat: B's first two contacts ×5 and D's 03-02 contact = 11 of 32; 0.34375 is 0.04375 over 0.30 (≤ 0.05): amber.
    expect(kpi(body, 'repeat_contact_rate')).toMatchObject({ value: 11 / 32, n: 32, status: 'amber' });
    // FCR: one-contact completed journeys A×6 + D's second = 7 of 13 ≥ 0.5: green.
    expect(kpi(body, 'fcr')).toMatchObject({ value: 7 / 13, n: 13, status: 'green' });
    // Digital take-up: completed entirely on web: A×6 + D×2 = 8 of 13.
    expect(kpi(body, 'digital_take_up')).toMatchObject({ value: 8 / 13, n: 13, status: 'none' });
    expect(kpi(body, 'abandonment_rate')).toMatchObject({ value: 5 / 32, n: 32 });
    // Cost: branch 13 × 50 + phone 10 × 20 + web 9 × 2 = 868 over 13 completed journeys.
    expect(kpi(body, 'cost_per_transaction').value).toBeCloseTo(868 / 13, 9);
    // Mean wait: E×5 waited 120 s; n = 5 < min_n 10 is flagged, not hidden.
    expect(kpi(body, 'mean_wait_seconds')).toMatchObject({ value: 120, n: 5, low_n: true, suppressed: false });
    // Durations: A 600 s ×6, B (4 d + 30 min) ×5, D (2 d + 10 min) and 600 s → 1,914,600 s over 13 journeys.
    expect(kpi(body, 'mean_journey_days').value).toBeCloseTo(1_914_600 / 13 / 86_400, 9);
    // CSAT: 16 answers (A×6, B×2 each); 4–5: A1–A5 and B's five 4s = 10 of 16.
    expect(kpi(body, 'csat')).toMatchObject({ value: 10 / 16, n: 16, low_n: false });
    // The complaint service has no answers: n = 0 is suppressed, never 0 %.
    const complaint = await get(`/dashboards/overview?${MARCH}&service=complaint`);
    expect(kpi(complaint.body, 'csat')).toMatchObject({ value: null, n: 0, suppressed: true });
  });

  it('draws the weekly trend with small weeks suppressed, and an empty previous period', async () => {
    const { body } = await get(`/dashboards/overview?${MARCH}`);
    const repeat = kpi(body, 'repeat_contact_rate');
    // Weeks from Monday: 02-26 (D 03-02: 1 contact), 03-04 (D, A×6, B×5: 5 of 12), 03-11 (B×10, E×5: 5 of 15), 03-18 (C×3), 03-25 (D).
    expect(repeat.trend.map((x: any) => [x.bucket, x.value, x.n, x.suppressed])).toEqual([
      ['2024-02-26', null, 1, true], ['2024-03-04', 5 / 12, 12, false], ['2024-03-11', 5 / 15, 15, false],
      ['2024-03-18', null, 3, true], ['2024-03-25', null, 1, true],
    ]);
    expect(body.base_period).toEqual({ from: '2024-01-30', to: '2024-02-29' });
    expect(repeat.previous).toMatchObject({ n: 0, suppressed: true });
    expect(repeat.change).toBeNull();
  });

  it('ranks where it hurts most by relative gap × volume', async () => {
    const { body } = await get(`/dashboards/overview?${MARCH}`);
    const hurts = body.hurts.map((h: any) => [h.dimension, h.code, h.kpi, +h.score.toFixed(4)]);
    // permit repeat 11/27: (0.4074 − 0.3)/0.3 × 27 = 9.6667; ruh & tasheel repeat 5/10: 0.6667 × 10;
    // in-house completion 8/16: 0.375 × 16 = 6; complaint completion 0/5: 1 × 5; ruh & tasheel FCR 0/5: 1 × 5.
    expect(hurts).toEqual([
      ['service', 'permit', 'repeat_contact_rate', 9.6667],
      ['branch', 'ruh', 'repeat_contact_rate', 6.6667],
      ['provider', 'tasheel', 'repeat_contact_rate', 6.6667],
      ['provider', '', 'completion_rate', 6],
      ['service', 'complaint', 'completion_rate', 5],
      ['branch', 'ruh', 'fcr', 5],
      ['provider', 'tasheel', 'fcr', 5],
    ]);
  });

  it('prints the same figures from `tajriba kpi --json`', async () => {
    const { body } = await get(`/dashboards/overview?${MARCH}`);
    const out = await kpiCommandOutput(t.services, { agency: 'alpha', from: '2024-03-01', to: '2024-03-31', json: true });
    expect(JSON.parse(out)).toEqual(body);
    const target = testDatabaseTarget();
    if (t.db.kind !== 'postgres' || !target.url) return;
    // On PostgreSQL the real CLI process reads the same database.
    const [{ name }] = await t.db.query<{ name: string }>('SELECT current_database() AS name');
    const url = new URL(target.url);
    url.pathname = `/${name}`;
    const { stdout } = await promisify(execFile)('node', ['bin/tajriba.mjs', 'kpi', '--agency', 'alpha', '--from', '2024-03-01', '--to', '2024-03-31', '--json'], {
      env: { ...process.env, DATABASE_URL: url.toString(), TAJRIBA_PSEUDONYM_KEY: TEST_PSEUDONYM_KEY, LOG_LEVEL: 'silent' },
    });
    expect(JSON.parse(stdout)).toEqual(body);
  });
});

describe('service view', () => {
  it('maps stages, funnel, variants and repeat hotspots of the permit service', async () => {
    const { status, body } = await get(`/dashboards/service?${MARCH}&service=permit`);
    expect(status).toBe(200);
    // Stages: apply = A6 + B5 + C3 + D3 contacts, 6 repeated (B×5, D once); review B×5 all repeated; collect B×5.
    expect(body.stages.map((s: any) => [s.code, s.contacts, s.repeat_contact_rate.value, s.reached, s.dropped_here])).toEqual([
      ['apply', 17, 6 / 17, 16, null], // C×3 dropped at apply: fewer than 5, suppressed
      ['review', 5, 1, 5, 0],
      ['collect', 5, 0, 5, 0],
    ]);
    expect(body.funnel.map((f: any) => f.journeys)).toEqual([16, 16, 5, 5, 13]);
    // Variants: web apply ×7 (A×6 + D's second, 600 s each); the B path ×5 (4 d + 30 min) loops back to the branch.
    expect(body.variants.map((v: any) => [v.journeys, v.share, v.loop, +v.median_days.toFixed(6)])).toEqual([
      [7, 7 / 16, false, +(600 / 86400).toFixed(6)],
      [5, 5 / 16, true, +((4 * 86400 + 1800) / 86400).toFixed(6)],
    ]);
    expect(body.variants[1].steps.map((s: any) => `${s.stage}@${s.channel}`)).toEqual(['apply@branch', 'review@phone', 'collect@branch']);
    const phone = body.repeat_hotspots.find((h: any) => h.dimension === 'channel' && h.code === 'phone');
    expect(phone).toMatchObject({ contacts: 5, repeated: 5 });
    expect(body.repeat_hotspots.some((h: any) => h.code === 'jed')).toBe(false); // 3 contacts: suppressed
    // Emotion curve: apply = A 5×5 + 2 + B 2×5 = 37 over 11 answers; review none; collect 4 × 5 / 5.
    expect(body.emotion_curve.map((e: any) => [e.code, e.value, e.n])).toEqual([['apply', 37 / 11, 11], ['review', null, 0], ['collect', 4, 5]]);
    // Journey satisfaction: A journeys 5,5,5,5,5,2 and B journeys (2 + 4) / 2 = 3 ×5: 42 / 11; 5 of 11 at 4 or more.
    expect(body.journey_satisfaction.mean).toMatchObject({ value: 42 / 11, n: 11 });
    expect(body.journey_satisfaction.satisfied).toMatchObject({ value: 5 / 11, n: 11 });
    expect(body.channel_mix).toEqual([
      { category: 'traditional', contacts: 13 }, { category: 'voice', contacts: 5 }, { category: 'digital', contacts: 9 },
    ]);
  });
});

describe('comparison', () => {
  it('measures the outsourced provider like in-house and tests each against the rest', async () => {
    const { body } = await get(`/dashboards/compare?${MARCH}&dimension=provider`);
    const rows = body.rows.map((r: any) => [r.code, r.volumes.contacts, r.volumes.journeys, kpi(r, 'completion_rate').value]);
    expect(rows).toEqual([['', 22, 16, 0.5], ['tasheel', 10, 5, 1]]);
    // tasheel 5/5 vs rest 8/16: pooled 13/21, z = 0.5 / √(0.619·0.381·(1/5 + 1/16)) = 2.0096, p = 0.0445.
    const test = kpi(body.rows[1], 'completion_rate').vs_rest;
    expect(test.z).toBeCloseTo(2.0096, 3);
    expect(test.p_value).toBeCloseTo(0.0445, 3);
    expect(test.significant).toBe(true);
  });

  it('leaves out branches under 5 people', async () => {
    const { body } = await get(`/dashboards/compare?${MARCH}&dimension=branch`);
    expect(body.rows.map((r: any) => r.code)).toEqual(['', 'ruh']); // jed (3 journeys) left out
    expect(body.suppressed_groups).toBe(1);
  });

  it('compares two periods with a two-proportion test', async () => {
    const { body } = await get('/dashboards/periods?agency=alpha&from=2024-03-01&to=2024-03-12&base_from=2024-03-13&base_to=2024-03-31');
    const r = body.kpis.find((k: any) => k.kpi === 'repeat_contact_rate');
    // 03-01..12: A×6, B×10, D×2 = 18 contacts, 11 repeated; 03-13..31: B×5, E×5, C×3, D = 14, none repeated.
    expect([r.current.value, r.current.n, r.base.value, r.base.n]).toEqual([11 / 18, 18, 0, 14]);
    expect(r.test.z).toBeCloseTo(3.6107, 3);
    expect(r.test.p_value).toBeCloseTo(0.000305, 5);
  });
});

describe('targets, exports and access', () => {
  it('lists, replaces and deletes targets; viewers read but cannot write', async () => {
    const list = await get('/targets?agency=alpha', viewer);
    expect(list.body.items.find((x: any) => x.kpi === 'completion_rate')).toMatchObject({ service: null, comparator: '>=', target: 0.8, tolerance: 0.04 });
    expect((await t.request('POST', '/api/v1/targets?agency=alpha', { auth: viewer, body: { kpi: 'csat', target: 0.9 } })).status).toBe(403);
    const created = await t.request('POST', '/api/v1/targets?agency=alpha', { auth: analyst, body: { kpi: 'csat', target: 0.95, service: 'permit' } });
    expect(created.body).toMatchObject({ service: 'permit', comparator: '>=', target: 0.95 });
    const put = await t.request('PUT', `/api/v1/targets/${created.body.id}?agency=alpha`, { auth: analyst, body: { kpi: 'csat', target: 0.9, service: 'permit', tolerance: 0.02 } });
    expect(put.body).toMatchObject({ target: 0.9, tolerance: 0.02 });
    expect((await t.request('DELETE', `/api/v1/targets/${created.body.id}?agency=alpha`, { auth: analyst })).status).toBe(200);
    expect((await t.request('DELETE', `/api/v1/targets/${created.body.id}?agency=alpha`, { auth: analyst })).status).toBe(404);
    const bad = await t.request('POST', '/api/v1/targets?agency=alpha', { auth: analyst, body: { kpi: 'csat', target: 0.9, service: 'nope' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message_ar).toContain('nope');
  });

  it('exports a dashboard table as CSV with the same figures', async () => {
    const res = await get(`/dashboards/export?view=overview&table=kpis&${MARCH}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (res.body as string).replace(/^\uFEFF/, '').trim().split('\n');
    expect(lines[0].startsWith('kpi,value,n,ci_low,ci_high,low_n,suppressed,target')).toBe(true);
    expect(lines.find((l) => l.startsWith('fcr,'))).toMatch(/^fcr,0\.538461538\d*,13,/);
    expect((await get(`/dashboards/export?view=overview&table=nope&${MARCH}`)).status).toBe(400);
  });

  it('refuses bad periods and other agencies', async () => {
    const bad = await get('/dashboards/overview?agency=alpha&from=2024-03-31&to=2024-03-01');
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('to');
    expect((await get('/dashboards/overview?agency=alpha&from=2024-02-30&to=2024-03-01')).status).toBe(400);
    expect((await get(`/dashboards/overview?${MARCH}`, other)).status).toBe(404);
    const beta = await get('/dashboards/overview?agency=beta&from=2024-03-01&to=2024-03-31', other);
    expect(beta.body.volumes.contacts).toBe(0);
  });
});

describe('board report', () => {
  it('prints an Arabic PDF with Chromium, or says in both languages why it cannot', async () => {
    const res = await t.app.request(`/api/v1/dashboards/report.pdf?${MARCH}`, { headers: { cookie: (analyst as { cookie: string }).cookie } });
    if (!findChromium()) {
      expect(res.status).toBe(503);
      expect((await res.json()).error.message_ar).toContain('Chromium');
      return;
    }
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.includes(Buffer.from('FontFile2')) || pdf.includes(Buffer.from('FontFile3'))).toBe(true); // fonts embedded
    // Keep the PDF and a picture of the page it printed, to look at (test-artifacts/).
    const { chromium } = await import('playwright-core');
    const dir = resolve(import.meta.dirname, '../../../../../test-artifacts');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `board-report-${t.db.kind}.pdf`), pdf);
    const browser = await chromium.launch({ executablePath: findChromium()!, args: CHROMIUM_FLAGS });
    const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
    const agency = (await getAgencyBySlug(t.db, 'alpha'))!;
    await page.setContent(await buildBoardReportHtml(t.db, agency, { from: '2024-03-01', to: '2024-03-31' }));
    await page.screenshot({ path: join(dir, `board-report-${t.db.kind}.png`), fullPage: true });
    await browser.close();
  });
});
