import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildWebIfNeeded } from '../../../../../scripts/build-web-if-needed.mjs';
import { buildApp } from '../../../../server/src/app.ts';
import { createServices } from '../../../../server/src/bootstrap.ts';
import { loadConfig } from '../../../../server/src/config.ts';
import { createAgency, hashPassword } from '../../../../server/src/domains/access/access.service.ts';
import { insertUser, upsertMembership } from '../../../../server/src/domains/access/access.queries.ts';
import { CallIngestor } from '../../../../server/src/domains/contact-centre/call-ingest.ts';
import { DEMO_QUEUES, generateCalls, plannedAgents } from '../../../../server/src/domains/contact-centre/call-generator.ts';
import { upsertSchedule } from '../../../../server/src/domains/contact-centre/contact-centre.queries.ts';
import { IngestTally } from '../../../../server/src/domains/interactions/interactions.pipeline.ts';
import { getAgencyBySlug } from '../../../../server/src/http/agency-scope.ts';
import type { Services } from '../../../../server/src/http/context.ts';
import { createRng } from '../../../../server/src/lib/random.ts';

// The contact-centre screens in Chromium against the real server: 35 days of simulated calls,
// intraday view with heat-map, queue comparison, trend vs targets and the staffing planner.

const ARTIFACTS = resolve(import.meta.dirname, '../../../../../test-artifacts');
const EMAIL = 'supervisor@cc.test';
const PASSWORD = 'correct horse battery';
const DAY = 86_400_000;
const RIYADH = 3 * 3_600_000;
const iso = (ms: number) => new Date(ms + RIYADH).toISOString().slice(0, 10);

let dataDir: string;
let services: Services;
let server: ServerType;
let browser: Browser;
let base: string;
const todayStart = Math.floor((Date.now() + RIYADH) / DAY) * DAY - RIYADH;
const yesterday = iso(todayStart - DAY);
const tomorrow = iso(todayStart + DAY);
const consoleErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  await buildWebIfNeeded();
  dataDir = mkdtempSync(join(tmpdir(), 'tajriba-web-cc-'));
  const config = loadConfig({ LOG_LEVEL: 'warn', TAJRIBA_DEMO: 'off', TAJRIBA_DATA_DIR: dataDir, TAJRIBA_PSEUDONYM_KEY: 'web-test-pseudonym-key-0123456789abcdef0123' });
  services = await createServices(config);
  server = serve({ fetch: buildApp(services).fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { db } = services;
  const a = await createAgency(db, null, { slug: 'mhrsd', name_ar: 'وزارة الموارد البشرية', name_en: 'Ministry of Human Resources', timezone: 'Asia/Riyadh' });
  const userId = await insertUser(db, { email: EMAIL, name: 'نورة القحطاني', passwordHash: await hashPassword(PASSWORD) });
  await upsertMembership(db, a.id, userId, 'supervisor');
  await db.query(`INSERT INTO channels (agency_id, code, name_ar, name_en, category) VALUES ($1, 'contact_centre', 'مركز الاتصال', 'Contact centre', 'voice')`, [a.id]);
  for (const q of DEMO_QUEUES) await db.query(`INSERT INTO services (agency_id, code, name_ar, name_en) VALUES ($1, $2, $2, $2)`, [a.id, q.queue]);
  const agency = (await getAgencyBySlug(db, 'mhrsd'))!;
  const ingestor = await CallIngestor.load(db, agency, config.TAJRIBA_PSEUDONYM_KEY!);
  const calls = [...generateCalls({ rng: createRng(7), firstDayMs: todayStart - 35 * DAY, days: 35, offsetMs: RIYADH, callsPerWorkingDay: 300, untilMs: todayStart })];
  for (let i = 0; i < calls.length; i += 5000) {
    const batch = calls.slice(i, i + 5000).map((c, j) => ({ raw: { ...c }, row: i + j + 1 }));
    await db.transaction((tx) => ingestor.ingestBatch(tx, batch, new IngestTally(), null));
  }
  const weekday = new Date(todayStart + DAY + RIYADH).getUTCDay();
  await upsertSchedule(db, a.id, Array.from({ length: 48 }, (_, k) => ({ day: tomorrow, minute: k * 30, agents: Math.round(plannedAgents(300, weekday, k * 30, 90) / 0.7) })));

  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  await services?.db.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `web-cc-${name}.png`), fullPage: true });

describe('contact-centre screens in Chromium', () => {
  let page: Page;
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && page) await shot(page, `failed-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}`);
  });

  it('shows a day per interval with KPI cards, targets and the heat-map', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'ar-SA', timezoneId: 'Asia/Riyadh' });
    page = await context.newPage();
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    page.on('response', (r) => r.status() >= 400 && consoleErrors.push(`${r.status()} ${r.url()}`));
    await page.goto(base);
    await page.getByLabel('البريد الإلكتروني').fill(EMAIL);
    await page.getByLabel('كلمة المرور').fill(PASSWORD);
    await page.getByRole('button', { name: 'دخول' }).click();
    await page.getByRole('navigation', { name: 'القائمة الرئيسية' }).getByRole('link', { name: 'مركز الاتصال' }).click();
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

  it('logged no page errors or failed requests', () => {
    expect(consoleErrors).toEqual([]);
  });
});
