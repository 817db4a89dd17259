import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgency } from '../../../../server/src/domains/access/access.service.ts';
import { updateAgencySettings } from '../../../../server/src/domains/catalog/agency-settings.ts';
import { ingestItems } from '../../../../server/src/domains/interactions/interactions.service.ts';
import { seedTestCatalog } from '../../../../server/src/domains/interactions/test-catalog.ts';
import { defaultPostServiceQuestions } from '../../../../server/src/domains/surveys/question-bank.ts';
import { changeSurveyStatus, createSurvey } from '../../../../server/src/domains/surveys/surveys.service.ts';
import { drainJobs } from '../../../../server/src/jobs/jobs.ts';
import { launchChromium, screenshot, startBrowserServer, type BrowserServer } from '../../../../../test/browser.ts';

// A beneficiary opens the SMS link on a phone, answers in Arabic and sees the thank-you page,
// in Debian's Chromium against the real server (PGlite in a fresh data dir).

let server: BrowserServer;
let browser: Browser;

beforeAll(async () => {
  // The survey page is rendered by the server: no SPA build needed.
  server = await startBrowserServer({ name: 'survey', web: false });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('public survey page in Chromium', () => {
  it('opens the SMS link on a phone, answers in Arabic and sees the thank-you page', async () => {
    const { services, base } = server;
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
    await screenshot(page, 'survey-1-rating');
    // RTL: rating 1 sits to the right of rating 5.
    const one = await page.locator('input[name="q_overall"][value="1"] + span').boundingBox();
    const five = await page.locator('input[name="q_overall"][value="5"] + span').boundingBox();
    expect(one!.x).toBeGreaterThan(five!.x);
    await page.locator('input[name="q_overall"][value="2"] + span').click();
    await screenshot(page, 'survey-2-picked');
    await page.getByRole('button', { name: 'التالي' }).click();
    await expect.poll(() => page.url()).toContain('p=1');
    await page.getByText('طول الانتظار').click();
    await page.locator('input[name="q_efficiency"][value="2"] + span').click();
    await page.locator('input[name="q_employee"][value="4"] + span').click();
    await page.fill('textarea[name="q_comment"]', 'انتظرت ساعة في الفرع، لكن الموظف كان متعاوناً');
    await screenshot(page, 'survey-3-page2');
    await page.getByRole('button', { name: 'إرسال' }).click();
    await page.getByRole('heading', { name: 'شكراً لك!' }).waitFor();
    expect(page.url()).toContain('/done');
    await screenshot(page, 'survey-4-thanks');
    const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    expect(font).toContain('Noto Sans Arabic');
    expect(bytes).toBeLessThan(30 * 1024);
    const [{ n }] = await services.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM survey_answers WHERE agency_id = $1`, [agency.id]);
    expect(n).toBe(5);
    await context.close();
  });
});
