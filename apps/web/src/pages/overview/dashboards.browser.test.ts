import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebIfNeeded } from '../../../../../scripts/build-web-if-needed.mjs';
import { buildApp } from '../../../../server/src/app.ts';
import { createServices } from '../../../../server/src/bootstrap.ts';
import { loadConfig } from '../../../../server/src/config.ts';
import { hashPassword } from '../../../../server/src/domains/access/access.service.ts';
import { insertUser, upsertMembership } from '../../../../server/src/domains/access/access.queries.ts';
import { ensureDemoAgency } from '../../../../server/src/domains/demo/demo.service.ts';
import { setTarget } from '../../../../server/src/domains/dashboards/targets.service.ts';
import type { Services } from '../../../../server/src/http/context.ts';
import '../../../../server/src/jobs/registry.ts';

// The three dashboard screens in Debian's Chromium, against the real server with the demo agency
// (its journeys and rollups built by the demo extension): they render, with no console errors.

const ARTIFACTS = resolve(import.meta.dirname, '../../../../../test-artifacts');
const CHROMIUM = '/usr/bin/chromium';
const EMAIL = 'cx@dash.test';
const PASSWORD = 'correct horse battery';
const DAYS = 35;

let dataDir: string;
let services: Services;
let server: ServerType;
let browser: Browser;
let base: string;
let query: string;
const consoleErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  await buildWebIfNeeded();
  dataDir = mkdtempSync(join(tmpdir(), 'tajriba-dash-'));
  const config = loadConfig({ LOG_LEVEL: 'warn', TAJRIBA_DEMO: 'off', TAJRIBA_DATA_DIR: dataDir, TAJRIBA_PSEUDONYM_KEY: 'dash-test-pseudonym-key-0123456789abcdef0123' });
  services = await createServices(config);
  const now = new Date();
  const demo = (await ensureDemoAgency(services, { days: DAYS, now }))!;
  for (const [kpi, target] of [['completion_rate', 0.85], ['repeat_contact_rate', 0.2], ['fcr', 0.6], ['csat', 0.8], ['digital_take_up', 0.5]] as const) {
    await setTarget(services.db, null, demo.agencyId, { kpi, target });
  }
  const userId = await insertUser(services.db, { email: EMAIL, name: 'نورة القحطاني', passwordHash: await hashPassword(PASSWORD) });
  await upsertMembership(services.db, demo.agencyId, userId, 'analyst');
  const day = (ms: number) => new Date(ms + 3 * 3600_000).toISOString().slice(0, 10); // Riyadh date
  query = `from=${day(now.getTime() - (DAYS - 1) * 86_400_000)}&to=${day(now.getTime())}`;

  const app = buildApp(services);
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found (apt-get install chromium)`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  await services?.db.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

// Charts animate in for ~1 s; the screenshot waits for the settled picture.
const shot = async (page: Page, name: string) => {
  await page.waitForTimeout(1500);
  await page.screenshot({ path: join(ARTIFACTS, `dash-${name}.png`), fullPage: true });
};

describe('dashboards in Chromium', () => {
  let page: Page;

  it('signs in and shows the executive overview with KPIs, trend and where it hurts', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'ar-SA', timezoneId: 'Asia/Riyadh' });
    page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    page.on('response', (r) => r.status() >= 400 && consoleErrors.push(`${r.status()} ${r.url()}`));
    await page.goto(base);
    await page.getByLabel('البريد الإلكتروني').fill(EMAIL);
    await page.getByLabel('كلمة المرور').fill(PASSWORD);
    await page.getByRole('button', { name: 'دخول' }).click();
    await page.getByRole('navigation', { name: 'القائمة الرئيسية' }).getByRole('link', { name: 'النظرة التنفيذية' }).waitFor();
    await page.goto(`${base}/overview?${query}`);
    await page.getByRole('heading', { name: 'نظرة تنفيذية' }).waitFor();
    // The shared link's period (?from=&to=) is the one shown.
    const dates = page.locator('.period-picker input[type="date"]');
    await dates.first().waitFor();
    expect([await dates.nth(0).inputValue(), await dates.nth(1).inputValue()]).toEqual([query.slice(5, 15), query.slice(-10)]);
    await page.locator('.kpi-card').first().waitFor();
    expect(await page.locator('.kpi-card').count()).toBe(9);
    await page.getByRole('article', { name: 'نسبة تكرار التواصل' }).waitFor();
    await page.locator('.echart svg, .echart canvas').first().waitFor();
    expect(await page.getByRole('table', { name: 'أين يكمن الألم أكثر' }).locator('tbody tr').count()).toBeGreaterThan(0);
    await shot(page, '1-overview');
  });

  it('shows the service journey: stages, emotion curve, funnel, variants and hotspots', async () => {
    await page.goto(`${base}/service?${query}`);
    await page.getByRole('heading', { name: 'رحلة الخدمة' }).first().waitFor();
    await page.getByRole('table', { name: 'خريطة المراحل' }).locator('tbody tr').first().waitFor();
    expect(await page.getByRole('table', { name: 'المسارات الأكثر تكراراً' }).locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await page.getByRole('table', { name: 'بؤر تكرار التواصل' }).locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('.echart').count()).toBeGreaterThanOrEqual(4);
    await shot(page, '2-service');
  });

  it('compares branches and providers and tests two periods', async () => {
    await page.goto(`${base}/compare?${query}`);
    await page.getByRole('heading', { name: 'مقارنة الفروع ومقدمي الخدمة' }).waitFor();
    await page.getByRole('table', { name: 'الفروع' }).locator('tbody tr').first().waitFor();
    await page.getByLabel('البُعد').selectOption('provider');
    const providers = page.getByRole('table', { name: 'مقدمو الخدمة' });
    await providers.locator('tbody tr').first().waitFor();
    expect(await providers.getByText('مُسنَد').count()).toBeGreaterThan(0); // outsourced measured alongside in-house
    await page.getByRole('table', { name: 'مقارنة فترتين' }).locator('tbody tr').first().waitFor();
    await shot(page, '3-compare');
  });

  it('logged no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
