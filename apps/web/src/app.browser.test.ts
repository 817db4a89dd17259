import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgency } from '../../server/src/domains/access/access.service.ts';
import { insertUserWithRoles, launchChromium, loginThroughForm, newArabicDesktopPage, screenshot, screenshotOnFailure, startBrowserServer, TEST_PASSWORD, trackPageErrors, type BrowserServer } from '../../../test/browser.ts';

// One walk through the screens people use most, in Debian's Chromium against the real
// server: sign in, switch agency, catalog, upload a CSV and read the row errors.

const EMAIL = 'admin@web.test';

let server: BrowserServer;
let browser: Browser;
let base: string;
let consoleErrors: string[] = [];

/** Seeds through the HTTP API as the admin, like an agency's IT team would. */
async function seedCatalog(app: BrowserServer['app'], cookie: string, slug: string, prefix: string) {
  const call = async (method: string, path: string, body: unknown) => {
    const res = await app.request(`/api/v1${path}?agency=${slug}`, {
      method,
      headers: { cookie, 'x-tajriba-csrf': '1', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  };
  await call('POST', '/catalog/branches', { code: `${prefix}-ruh`, name_ar: `فرع ${prefix === 'a' ? 'الرياض' : 'جدة'}`, name_en: prefix === 'a' ? 'Riyadh branch' : 'Jeddah branch', city: prefix === 'a' ? 'الرياض' : 'جدة', region: '' });
  await call('POST', '/catalog/channels', { code: 'branch', name_ar: 'زيارة فرع', name_en: 'Branch visit', category: 'traditional' });
  await call('POST', '/catalog/channels', { code: 'phone', name_ar: 'مركز الاتصال', name_en: 'Contact centre', category: 'voice' });
  await call('POST', '/catalog/providers', { code: 'tasheel', name_ar: 'تسهيل', name_en: 'Tasheel', kind: 'third_party' });
  await call('POST', '/catalog/services', { code: 'work-permit', name_ar: 'إصدار رخصة عمل', name_en: 'Work permit', department_ar: 'إدارة العمل', department_en: 'Labour', provider: 'tasheel' });
  await call('PUT', '/catalog/services/work-permit/stages', {
    items: [
      { code: 'apply', name_ar: 'تقديم الطلب', name_en: 'Apply', position: 1 },
      { code: 'review', name_ar: 'مراجعة الطلب', name_en: 'Review', position: 2 },
    ],
  });
  await call('PUT', '/catalog/services/work-permit/reasons', {
    items: [{ code: 'renewal', name_ar: 'تجديد الرخصة', name_en: 'Renewal', action_ar: 'التحقق من سداد الرسوم ثم التجديد فورًا', action_en: 'Check fees are paid, then renew at once' }],
  });
}

beforeAll(async () => {
  server = await startBrowserServer({ name: 'web', worker: true });
  base = server.base;
  const { db } = server.services;
  const a = await createAgency(db, null, { slug: 'alpha', name_ar: 'وزارة الموارد البشرية', name_en: 'Ministry of Human Resources', timezone: 'Asia/Riyadh' });
  const b = await createAgency(db, null, { slug: 'beta', name_ar: 'هيئة تجريبية', name_en: 'Test Authority', timezone: 'Asia/Riyadh' });
  await insertUserWithRoles(db, { email: EMAIL, name: 'سارة العتيبي' }, [[a.id, 'admin'], [b.id, 'admin']]);
  const login = await server.app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: EMAIL, password: TEST_PASSWORD }) });
  const cookie = login.headers.get('set-cookie')!.split(';')[0];
  await seedCatalog(server.app, cookie, 'alpha', 'a');
  await seedCatalog(server.app, cookie, 'beta', 'b');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const shot = (page: Page, name: string) => screenshot(page, `web-${name}`);

describe('web app in Chromium', () => {
  let page: Page;
  let menu: Locator;
  // A failed step leaves a screenshot of what the browser showed.
  screenshotOnFailure(() => page, 'web');

  it('signs in through the form, in Arabic and right-to-left', async () => {
    page = await newArabicDesktopPage(browser);
    consoleErrors = trackPageErrors(page);
    await page.goto(base);
    await expect.poll(() => page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    menu = await loginThroughForm(page, EMAIL, TEST_PASSWORD, () => shot(page, '1-login'));
    // The Arabic font actually loaded (not a fallback).
    expect(await page.evaluate(() => document.fonts.check('16px "IBM Plex Sans Arabic"', 'تجربة'))).toBe(true);
    await page.getByRole('heading', { name: 'وزارة الموارد البشرية' }).waitFor();
    // Today in both calendars: Hijri year marker and a Gregorian month name.
    const today = await page.locator('.today time').innerText();
    expect(today).toMatch(/هـ/);
    await shot(page, '2-home');
  });

  it('switches agency and shows that agency’s catalog', async () => {
    await menu.getByRole('link', { name: 'دليل الخدمات' }).click();
    await page.getByRole('cell', { name: 'فرع الرياض', exact: true }).waitFor();
    await page.getByLabel('الجهة').selectOption('beta');
    await page.getByRole('cell', { name: 'فرع جدة', exact: true }).waitFor();
    expect(await page.getByRole('cell', { name: 'فرع الرياض', exact: true }).count()).toBe(0);
    await page.getByRole('link', { name: 'الخدمات', exact: true }).click();
    await page.getByRole('cell', { name: 'إصدار رخصة عمل', exact: true }).waitFor();
    await shot(page, '3-catalog-services');
    await page.getByRole('link', { name: 'المراحل وأسباب الزيارة' }).click();
    await expect.poll(() => page.locator('.items-editor input[value="مراجعة الطلب"]').count()).toBe(1);
    await page.locator('textarea', { hasText: 'التحقق من سداد الرسوم' }).waitFor();
    await shot(page, '4-service-journey');
  });

  it('uploads a CSV of interactions and lists the rejected row with its reason', async () => {
    await menu.getByRole('link', { name: 'استيراد التعاملات' }).click();
    const csv = [
      'external_id,beneficiary_id,service,channel,branch,started_at,ended_at,outcome',
      'W-1,1012345678,work-permit,branch,b-ruh,2025-03-02T09:00:00,2025-03-02T09:20:00,completed',
      'W-2,1098765432,work-permit,phone,,2025-03-02T10:00:00,2025-03-02T10:05:00,completed',
      'W-3,1011111111,no-such-service,branch,b-ruh,2025-03-02T11:00:00,2025-03-02T11:10:00,completed',
    ].join('\n');
    await page.getByLabel('ملف التعاملات (CSV)').setInputFiles({ name: 'تعاملات-مارس.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'رفع واستيراد' }).click();
    await page.getByText('اكتمل الاستيراد، ورُفضت بعض الصفوف').waitFor({ timeout: 60_000 });
    const counts = page.getByTestId('import-progress');
    expect(await counts.locator('[data-count="accepted"] dd').innerText()).toBe('2');
    expect(await counts.locator('[data-count="rejected"] dd').innerText()).toBe('1');
    const errors = page.getByRole('table', { name: 'أخطاء الصفوف' });
    // The third data row (W-3) names a service code the catalog does not have.
    const errorRow = errors.locator('tbody tr');
    expect(await errorRow.count()).toBe(1);
    expect(await errorRow.locator('td').allInnerTexts()).toEqual(['3', 'service', 'unknown_service', expect.stringContaining('no-such-service')]);
    await page.getByRole('cell', { name: 'تعاملات-مارس.csv', exact: true }).waitFor();
    await shot(page, '5-import-result');
  });

  it('shows the shared components and switches to English, left-to-right', async () => {
    await page.goto(`${base}/dev/components`);
    await page.locator('.echart svg').first().waitFor();
    await page.getByText('محجوب').waitFor();
    await shot(page, '6-components-ar');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['en', 'ltr']);
    await page.getByRole('heading', { name: 'UI components' }).waitFor();
    await page.locator('.echart svg').first().waitFor();
    await shot(page, '7-components-en');
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Import interactions' }).click();
    await page.getByRole('heading', { name: 'Recent imports' }).waitFor();
    await shot(page, '8-import-en');
  });

  it('logged no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
