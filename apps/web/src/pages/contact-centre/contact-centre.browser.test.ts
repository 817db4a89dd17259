import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgency } from '../../../../server/src/domains/access/access.service.ts';
import { CallIngestor } from '../../../../server/src/domains/contact-centre/call-ingest.ts';
import { DEMO_QUEUES, generateCalls, plannedAgents } from '../../../../server/src/domains/contact-centre/call-generator.ts';
import { upsertSchedule } from '../../../../server/src/domains/contact-centre/contact-centre.queries.ts';
import { IngestTally } from '../../../../server/src/domains/interactions/interactions.pipeline.ts';
import { getAgencyBySlug } from '../../../../server/src/http/agency-scope.ts';
import { createRng } from '../../../../server/src/lib/random.ts';
import { insertUserWithRoles, launchChromium, openSignedInPage, screenshot, screenshotOnFailure, startBrowserServer, type BrowserServer } from '../../../../../test/browser.ts';

// The contact-centre screens in Chromium against the real server: 35 days of simulated calls,
// intraday view with heat-map, queue comparison, trend vs targets and the staffing planner.

const EMAIL = 'supervisor@cc.test';
const DAY = 86_400_000;
const RIYADH = 3 * 3_600_000;
const iso = (ms: number) => new Date(ms + RIYADH).toISOString().slice(0, 10);

let server: BrowserServer;
let browser: Browser;
let base: string;
const todayStart = Math.floor((Date.now() + RIYADH) / DAY) * DAY - RIYADH;
const yesterday = iso(todayStart - DAY);
const tomorrow = iso(todayStart + DAY);
let consoleErrors: string[] = [];

beforeAll(async () => {
  server = await startBrowserServer({ name: 'web-cc' });
  base = server.base;
  const { db } = server.services;
  const a = await createAgency(db, null, { slug: 'mhrsd', name_ar: 'وزارة الموارد البشرية', name_en: 'Ministry of Human Resources', timezone: 'Asia/Riyadh' });
  await insertUserWithRoles(db, { email: EMAIL, name: 'نورة القحطاني' }, [[a.id, 'supervisor']]);
  await db.query(`INSERT INTO channels (agency_id, code, name_ar, name_en, category) VALUES ($1, 'contact_centre', 'مركز الاتصال', 'Contact centre', 'voice')`, [a.id]);
  for (const q of DEMO_QUEUES) await db.query(`INSERT INTO services (agency_id, code, name_ar, name_en) VALUES ($1, $2, $2, $2)`, [a.id, q.queue]);
  const agency = (await getAgencyBySlug(db, 'mhrsd'))!;
  const ingestor = await CallIngestor.load(db, agency, server.services.secrets.pseudonymKey);
  const calls = [...generateCalls({ rng: createRng(7), firstDayMs: todayStart - 35 * DAY, days: 35, offsetMs: RIYADH, callsPerWorkingDay: 300, untilMs: todayStart })];
  for (let i = 0; i < calls.length; i += 5000) {
    const batch = calls.slice(i, i + 5000).map((c, j) => ({ raw: { ...c }, row: i + j + 1 }));
    await db.transaction((tx) => ingestor.ingestBatch(tx, batch, new IngestTally(), null));
  }
  const weekday = new Date(todayStart + DAY + RIYADH).getUTCDay();
  await upsertSchedule(db, a.id, Array.from({ length: 48 }, (_, k) => ({ day: tomorrow, minute: k * 30, agents: Math.round(plannedAgents(300, weekday, k * 30, 90) / 0.7) })));

  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const shot = (page: Page, name: string) => screenshot(page, `web-cc-${name}`);

describe('contact-centre screens in Chromium', () => {
  let page: Page;
  screenshotOnFailure(() => page, 'web-cc');

  it('shows a day per interval with KPI cards, targets and the heat-map', async () => {
    const signedIn = await openSignedInPage(browser, base, EMAIL);
    ({ page, errors: consoleErrors } = signedIn);
    await signedIn.menu.getByRole('link', { name: 'مركز الاتصال' }).click();
    await page.getByRole('heading', { name: 'أداء مركز الاتصال' }).waitFor();
    await page.getByLabel('اليوم', { exact: true }).fill(yesterday);
    await page.getByRole('article', { name: 'نسبة الرد' }).waitFor();
    expect(await page.getByRole('article', { name: 'نسبة الرد' }).locator('.kpi-value').innerText()).toMatch(/٪|%/);
    await page.getByRole('table', { name: 'المكالمات ومستوى الخدمة لكل فترة' }).locator('tbody tr').first().waitFor();
    await page.locator('[aria-label^="خريطة حرارية"] svg').waitFor();
    await expect.poll(() => page.locator('.echart svg').count()).toBeGreaterThanOrEqual(3);
    await shot(page, '1-intraday');
  });

  it('compares queues and shows the daily trend against targets', async () => {
    await page.getByRole('link', { name: 'مقارنة الطوابير' }).click();
    await page.getByRole('cell', { name: 'LAB-COMPLAINT', exact: true }).waitFor();
    await shot(page, '2-queues');
    await page.getByRole('link', { name: 'الاتجاه مقابل المستهدف' }).click();
    await page.getByRole('table', { name: 'الأداء اليومي مقابل المستهدف' }).locator('tbody tr').first().waitFor();
    await shot(page, '3-trend');
  });

  it('plans tomorrow: required vs scheduled agents and the 97 % / 2-minute summary', async () => {
    await page.getByRole('link', { name: 'تخطيط الموظفين' }).click();
    await page.getByText('ما يلزم للوصول إلى ٩٧٪ رد وانتظار دقيقتين').waitFor();
    await page.getByRole('table', { name: 'التخطيط لكل فترة' }).locator('tbody tr').first().waitFor();
    expect(await page.locator('.alert').first().innerText()).toMatch(/ساعة عمل/);
    await shot(page, '4-planner');
  });

  it('logged no console or page errors, nor failed requests', () => {
    expect(consoleErrors).toEqual([]);
  });
});
