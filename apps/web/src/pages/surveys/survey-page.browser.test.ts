import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../../server/src/app.ts';
import { createServices } from '../../../../server/src/bootstrap.ts';
import { loadConfig } from '../../../../server/src/config.ts';
import { createAgency } from '../../../../server/src/domains/access/access.service.ts';
import { updateAgencySettings } from '../../../../server/src/domains/catalog/agency-settings.ts';
import { ingestItems } from '../../../../server/src/domains/interactions/interactions.service.ts';
import { seedTestCatalog } from '../../../../server/src/domains/interactions/test-catalog.ts';
import { defaultPostServiceQuestions } from '../../../../server/src/domains/surveys/question-bank.ts';
import { changeSurveyStatus, createSurvey } from '../../../../server/src/domains/surveys/surveys.service.ts';
import type { Services } from '../../../../server/src/http/context.ts';
import { drainJobs } from '../../../../server/src/jobs/jobs.ts';
import '../../../../server/src/jobs/registry.ts';

// A beneficiary opens the SMS link on a phone, answers in Arabic and sees the thank-you page,
// in Debian's Chromium against the real server (PGlite in a fresh data dir).

const ARTIFACTS = resolve(import.meta.dirname, '../../../../../test-artifacts');
let dataDir: string;
let services: Services;
let server: ServerType;
let browser: Browser;
let base: string;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'tajriba-survey-'));
  const config = loadConfig({ LOG_LEVEL: 'warn', TAJRIBA_DEMO: 'off', TAJRIBA_DATA_DIR: dataDir, TAJRIBA_PSEUDONYM_KEY: 'survey-browser-key-0123456789abcdef0123456789' });
  services = await createServices(config);
  const app = buildApp(services);
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  server?.close();
  await services?.db.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('public survey page in Chromium', () => {
  it('opens the SMS link on a phone, answers in Arabic and sees the thank-you page', async () => {
    const agency = await createAgency(services.db, null, { slug: 'hrsd', name_ar: 'وزارة الموارد البشرية والتنمية الاجتماعية', name_en: 'Ministry of Human Resources', timezone: 'Asia/Riyadh' });
    await seedTestCatalog(services.db, agency.id);
    await updateAgencySettings(services.db, null, agency.id, { quiet_hours: { start: '00:00', end: '00:00' } });
    await createSurvey(services.db, null, agency.id, { code: 'ps', kind: 'post_service', name_ar: 'تقييم الخدمة', name_en: 'Rate the service', services: ['work-permit'], questions: defaultPostServiceQuestions() });
    await changeSurveyStatus(services.db, null, agency.id, 'ps', 'active');
    const ref = { ...agency, timezone: 'Asia/Riyadh', name_ar: 'وزارة الموارد البشرية والتنمية الاجتماعية', name_en: 'Ministry of Human Resources', settings: {} };
    await ingestItems(services, ref, null, [{
      external_id: 'V-1', beneficiary_id: '1012345678', service: 'work-permit', channel: 'branch', started_at: new Date().toISOString(),
      outcome: 'completed', attributes: { contact_phone: '0551234567' },
    }]);
    await drainJobs(services);
    const [sms] = await services.db.query<{ body: string }>('SELECT body FROM message_outbox WHERE agency_id = $1', [agency.id]);
    const path = /\/s\/[A-Za-z0-9._-]+/.exec(sms.body)![0];

    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'ar-SA', javaScriptEnabled: false });
    const page = await context.newPage();
    let bytes = 0;
    page.on('response', async (r) => { bytes += (await r.body().catch(() => Buffer.alloc(0))).length; });
    await page.goto(`${base}${path}`);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    await page.screenshot({ path: join(ARTIFACTS, 'survey-1-rating.png'), fullPage: true });
    // RTL: rating 1 sits to the right of rating 5.
    const one = await page.locator('input[name="q_overall"][value="1"] + span').boundingBox();
    const five = await page.locator('input[name="q_overall"][value="5"] + span').boundingBox();
    expect(one!.x).toBeGreaterThan(five!.x);
    await page.locator('input[name="q_overall"][value="2"] + span').click();
    await page.screenshot({ path: join(ARTIFACTS, 'survey-2-picked.png'), fullPage: true });
    await page.getByRole('button', { name: 'التالي' }).click();
    await expect.poll(() => page.url()).toContain('p=1');
    await page.getByText('طول الانتظار').click();
    await page.locator('input[name="q_efficiency"][value="2"] + span').click();
    await page.locator('input[name="q_employee"][value="4"] + span').click();
    await page.fill('textarea[name="q_comment"]', 'انتظرت ساعة في الفرع، لكن الموظف كان متعاوناً');
    await page.screenshot({ path: join(ARTIFACTS, 'survey-3-page2.png'), fullPage: true });
    await page.getByRole('button', { name: 'إرسال' }).click();
    await page.getByRole('heading', { name: 'شكراً لك!' }).waitFor();
    expect(page.url()).toContain('/done');
    await page.screenshot({ path: join(ARTIFACTS, 'survey-4-thanks.png'), fullPage: true });
    const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    expect(font).toContain('Noto Sans Arabic');
    expect(bytes).toBeLessThan(30 * 1024);
    const [{ n }] = await services.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM survey_answers WHERE agency_id = $1`, [agency.id]);
    expect(n).toBe(5);
    await context.close();
  });
});
