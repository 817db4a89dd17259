import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgency } from '../../../../server/src/domains/access/access.service.ts';
import { analyzePendingTexts, submitTexts, type TextSubmission } from '../../../../server/src/domains/text/text.service.ts';
import { insertUserWithRoles, launchChromium, openSignedInPage, screenshot, startBrowserServer, type BrowserServer } from '../../../../../test/browser.ts';

// The text-analytics screen in Chromium against the real server: trend, top negative topics
// per branch with escaped examples, the filtered feedback list and topic discovery.

const EMAIL = 'analyst@text.test';
const XSS = '<b>عريض</b><img src=x onerror="window.__xss=1"> الموظف ما رد علي وانتظرت ساعتين';
const TEXTS = [
  'انتظرت ثلاث ساعات في الفرع وما أحد نادى رقمي', 'الانتظار طويل جدا والموظفين قليلين', 'الموظف تعامله سيء وما يرد على الأسئلة',
  'الله يعطيكم العافية خدمة سريعة وتعامل راقي', 'التطبيق يعلق كل ما ادخل على الخدمة', 'التكييف خربان والجو حار داخل المبنى',
  'المكيفات ما تشتغل والحر ما يتحمل 😡', 'شكرا للموظف على تعاونه وانجز معاملتي بدقايق', XSS,
];

let server: BrowserServer;
let browser: Browser;
let base: string;
let errors: string[] = [];

beforeAll(async () => {
  server = await startBrowserServer({ name: 'web-text' });
  base = server.base;
  const { services } = server;
  const { db } = services;
  const a = await createAgency(db, null, { slug: 'mhrsd', name_ar: 'وزارة الموارد البشرية', name_en: 'Ministry of Human Resources', timezone: 'Asia/Riyadh' });
  await insertUserWithRoles(db, { email: EMAIL, name: 'سارة العتيبي' }, [[a.id, 'analyst']]);
  const branch = async (code: string, name: string) =>
    (await db.query<{ id: number }>(`INSERT INTO branches (agency_id, code, name_ar, name_en) VALUES ($1, $2, $3, $2) RETURNING id`, [a.id, code, name]))[0].id;
  const jed = await branch('JED-SAFA', 'فرع جدة — الصفا');
  const ruh = await branch('RUH-OLAYA', 'فرع الرياض — العليا');
  // Minutes before now, so every text falls in the picker's default (current) month.
  const items: TextSubmission[] = Array.from({ length: 60 }, (_, i) => ({
    source_type: 'complaint', source_id: `C-${i}`, text: TEXTS[i % TEXTS.length], branch_id: i % 3 === 0 ? ruh : jed, occurred_at: new Date(Date.now() - i * 60_000),
  }));
  await db.transaction((tx) => submitTexts(tx, a.id, items));
  await analyzePendingTexts(services, a.id);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('text analytics screen in Chromium', () => {
  let page: Page;
  it('shows the trend, negative topics with escaped examples, the feedback list and discovery', async () => {
    const signedIn = await openSignedInPage(browser, base, EMAIL);
    ({ page, errors } = signedIn);
    await signedIn.menu.getByRole('link', { name: 'الشكاوى والملاحظات' }).click();
    await page.getByRole('heading', { name: 'تحليل النصوص: الشكاوى والملاحظات' }).waitFor();
    await page.getByRole('table', { name: 'أكثر المواضيع السلبية' }).getByRole('cell', { name: 'فرع جدة — الصفا' }).first().waitFor();
    await page.getByRole('article', { name: /العبارات الأبرز/ }).first().waitFor();
    await expect.poll(() => page.locator('.echart svg').count()).toBeGreaterThanOrEqual(1);
    // The beneficiary's markup is shown as text, never parsed.
    await page.getByText(XSS).first().waitFor();
    expect(await page.locator('.examples b, td b').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await screenshot(page, 'web-text-0-top', { fullPage: false });
    await screenshot(page, 'web-text-1-overview');

    await page.getByRole('searchbox', { name: 'بحث' }).fill('التكييف');
    await expect.poll(() => page.getByRole('table', { name: 'الشكاوى والملاحظات' }).locator('tbody tr').count()).toBeLessThanOrEqual(7);
    const rows = await page.getByRole('table', { name: 'الشكاوى والملاحظات' }).locator('tbody tr').allInnerTexts();
    expect(rows.every((r) => r.includes('التكييف'))).toBe(true);
    await screenshot(page, 'web-text-2-search');
  });

  it('logged no console or page errors, nor failed requests', () => {
    expect(errors).toEqual([]);
  });
});
