import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoAgency } from '../../../../server/src/domains/demo/demo.service.ts';
import { setTarget } from '../../../../server/src/domains/dashboards/targets.service.ts';
import { insertUserWithRoles, launchChromium, openSignedInPage, screenshot, startBrowserServer, type BrowserServer } from '../../../../../test/browser.ts';

// The three dashboard screens in Debian's Chromium, against the real server with the demo agency
// (its journeys and rollups built by the demo extension): they render, with no console errors.

const EMAIL = 'cx@dash.test';
const DAYS = 35;

let server: BrowserServer;
let browser: Browser;
let base: string;
let query: string;
let consoleErrors: string[] = [];

beforeAll(async () => {
  server = await startBrowserServer({ name: 'dash' });
  base = server.base;
  const { services } = server;
  const now = new Date();
  const demo = (await ensureDemoAgency(services, { days: DAYS, now }))!;
  for (const [kpi, target] of [['completion_rate', 0.85], ['repeat_contact_rate', 0.2], ['fcr', 0.6], ['csat', 0.8], ['digital_take_up', 0.5]] as const) {
    await setTarget(services.db, null, demo.agencyId, { kpi, target });
  }
  await insertUserWithRoles(services.db, { email: EMAIL, name: 'نورة القحطاني' }, [[demo.agencyId, 'analyst']]);
  const day = (ms: number) => new Date(ms + 3 * 3600_000).toISOString().slice(0, 10); // Riyadh date
  query = `from=${day(now.getTime() - (DAYS - 1) * 86_400_000)}&to=${day(now.getTime())}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

// Charts animate in for ~1 s; the screenshot waits for the settled picture.
const shot = async (page: Page, name: string) => {
  await page.waitForTimeout(1500);
  await screenshot(page, `dash-${name}`);
};

describe('dashboards in Chromium', () => {
  let page: Page;

  it('signs in and shows the executive overview with KPIs, trend and where it hurts', async () => {
    const signedIn = await openSignedInPage(browser, base, EMAIL);
    ({ page, errors: consoleErrors } = signedIn);
    await signedIn.menu.getByRole('link', { name: 'النظرة التنفيذية' }).waitFor();
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
