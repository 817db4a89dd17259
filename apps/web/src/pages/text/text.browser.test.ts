import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
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
import { createAgency, hashPassword } from '../../../../server/src/domains/access/access.service.ts';
import { insertUser, upsertMembership } from '../../../../server/src/domains/access/access.queries.ts';
import { analyzePendingTexts, submitTexts, type TextSubmission } from '../../../../server/src/domains/text/text.service.ts';
import type { Services } from '../../../../server/src/http/context.ts';

// The text-analytics screen in Chromium against the real server: trend, top negative topics
// per branch with escaped examples, the filtered feedback list and topic discovery.

const ARTIFACTS = resolve(import.meta.dirname, '../../../../../test-artifacts');
const EMAIL = 'analyst@text.test';
const PASSWORD = 'correct horse battery';
const XSS = '<b>عريض</b><img src=x onerror="window.__xss=1"> الموظف ما رد علي وانتظرت ساعتين';
const TEXTS = [
  'انتظرت ثلاث ساعات في الفرع وما أحد نادى رقمي', 'الانتظار طويل جدا والموظفين قليلين', 'الموظف تعامله سيء وما يرد على الأسئلة',
  'الله يعطيكم العافية خدمة سريعة وتعامل راقي', 'التطبيق يعلق كل ما ادخل على الخدمة', 'التكييف خربان والجو حار داخل المبنى',
  'المكيفات ما تشتغل والحر ما يتحمل 😡', 'شكرا للموظف على تعاونه وانجز معاملتي بدقايق', XSS,
];

let dataDir: string;
let services: Services;
let server: ServerType;
let browser: Browser;
let base: string;
const errors: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  await buildWebIfNeeded();
  dataDir = mkdtempSync(join(tmpdir(), 'tajriba-web-text-'));
  const config = loadConfig({ LOG_LEVEL: 'warn', TAJRIBA_DEMO: 'off', TAJRIBA_DATA_DIR: dataDir, TAJRIBA_PSEUDONYM_KEY: 'web-test-pseudonym-key-0123456789abcdef0123' });
  services = await createServices(config);
  server = serve({ fetch: buildApp(services).fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const { db } = services;
  const a = await createAgency(db, null, { slug: 'mhrsd', name_ar: 'وزارة الموارد البشرية', name_en: 'Ministry of Human Resources', timezone: 'Asia/Riyadh' });
  const userId = await insertUser(db, { email: EMAIL, name: 'سارة العتيبي', passwordHash: await hashPassword(PASSWORD) });
  await upsertMembership(db, a.id, userId, 'analyst');
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
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  await services?.db.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('text analytics screen in Chromium', () => {
  let page: Page;
  it('shows the trend, negative topics with escaped examples, the feedback list and discovery', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'ar-SA', timezoneId: 'Asia/Riyadh' });
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('response', (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`));
    await page.goto(base);
    await page.getByLabel('البريد الإلكتروني').fill(EMAIL);
    await page.getByLabel('كلمة المرور').fill(PASSWORD);
    await page.getByRole('button', { name: 'دخول' }).click();
    await page.getByRole('navigation', { name: 'القائمة الرئيسية' }).getByRole('link', { name: 'الشكاوى والملاحظات' }).click();
    await page.getByRole('heading', { name: 'تحليل النصوص: الشكاوى والملاحظات' }).waitFor();
    await page.getByRole('table', { name: 'أكثر المواضيع السلبية' }).getByRole('cell', { name: 'فرع جدة — الصفا' }).first().waitFor();
    await page.getByRole('article', { name: /العبارات الأبرز/ }).first().waitFor();
    await expect.poll(() => page.locator('.echart svg').count()).toBeGreaterThanOrEqual(1);
    // The beneficiary's markup is shown as text, never parsed.
    await page.getByText(XSS).first().waitFor();
    expect(await page.locator('.examples b, td b').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.screenshot({ path: join(ARTIFACTS, 'web-text-0-top.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'web-text-1-overview.png'), fullPage: true });

    await page.getByRole('searchbox', { name: 'بحث' }).fill('التكييف');
    await expect.poll(() => page.getByRole('table', { name: 'الشكاوى والملاحظات' }).locator('tbody tr').count()).toBeLessThanOrEqual(7);
    const rows = await page.getByRole('table', { name: 'الشكاوى والملاحظات' }).locator('tbody tr').allInnerTexts();
    expect(rows.every((r) => r.includes('التكييف'))).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'web-text-2-search.png'), fullPage: true });
  });

  it('logged no page errors or failed requests', () => {
    expect(errors).toEqual([]);
  });
});
