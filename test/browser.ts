import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterEach } from 'vitest';
import { buildWebIfNeeded } from '../scripts/build-web-if-needed.mjs';
import { buildApp } from '../apps/server/src/app.ts';
import { createServices } from '../apps/server/src/bootstrap.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { hashPassword } from '../apps/server/src/domains/access/access.service.ts';
import { insertUser, upsertMembership } from '../apps/server/src/domains/access/access.queries.ts';
import type { Services } from '../apps/server/src/http/context.ts';
import type { Role } from '../apps/server/src/http/permissions.ts';
import { startWorker } from '../apps/server/src/jobs/jobs.ts';
import { CHROMIUM_FLAGS } from '../apps/server/src/lib/html-to-pdf.ts';
import { TEST_PSEUDONYM_KEY } from './harness.ts';
import '../apps/server/src/jobs/registry.ts';

// What every Chromium walk-through needs: the real server on a free port (started through
// createServices, the production path, on a fresh data dir), Debian's Chromium and screenshots.

export const ARTIFACTS = resolve(import.meta.dirname, '../test-artifacts');
/** Debian's package; a browser is never downloaded. */
export const CHROMIUM = '/usr/bin/chromium';
export const TEST_PASSWORD = 'correct horse battery';

export interface BrowserServer {
  /** http://127.0.0.1:PORT */
  base: string;
  services: Services;
  app: ReturnType<typeof buildApp>;
  close: () => Promise<void>;
}

/** Serves the real app on 127.0.0.1; `web` builds the SPA first, `worker` runs queued jobs. */
export async function startBrowserServer(opts: { name: string; web?: boolean; worker?: boolean }): Promise<BrowserServer> {
  if (opts.web ?? true) await buildWebIfNeeded();
  const dataDir = mkdtempSync(join(tmpdir(), `tajriba-${opts.name}-`));
  const config = loadConfig({ LOG_LEVEL: 'warn', TAJRIBA_DEMO: 'off', TAJRIBA_DATA_DIR: dataDir, TAJRIBA_PSEUDONYM_KEY: TEST_PSEUDONYM_KEY });
  const services = await createServices(config);
  const app = buildApp(services);
  const worker = opts.worker ? startWorker(services, 200) : undefined;
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    services,
    app,
    async close() {
      worker?.stop();
      await new Promise((r) => server.close(r));
      await services.db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Waits for an apt-get install still under way (CI installs it beside the build). */
async function waitForChromium(timeoutMs = 180_000) {
  const until = Date.now() + timeoutMs;
  while (!existsSync(CHROMIUM)) {
    if (Date.now() > until) throw new Error(`${CHROMIUM} not found (apt-get install chromium)`);
    await new Promise((r) => setTimeout(r, 2000));
  }
}

/** Debian's Chromium with the project's required flags (the same ones the PDF printer uses). */
export async function launchChromium(): Promise<Browser> {
  await waitForChromium();
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

/** A desktop page as an Arabic-speaking user in Riyadh sees it. */
export async function newArabicDesktopPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'ar-SA', timezoneId: 'Asia/Riyadh' });
  return context.newPage();
}

/** Collects console errors, uncaught page errors and failed (4xx/5xx) requests, as they happen. */
export function trackPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('response', (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`));
  return errors;
}

/** A user with a password, member of each agency with the given role. */
export async function insertUserWithRoles(db: Services['db'], user: { email: string; name: string }, memberships: [agencyId: number, role: Role][]) {
  const userId = await insertUser(db, { ...user, passwordHash: await hashPassword(TEST_PASSWORD) });
  for (const [agencyId, role] of memberships) await upsertMembership(db, agencyId, userId, role);
  return userId;
}

/**
 * Signs in through the Arabic login form on the current page; `beforeSubmit` runs with the form
 * filled (e.g. to screenshot it). Returns the main menu, once it is shown.
 */
export async function loginThroughForm(page: Page, email: string, password = TEST_PASSWORD, beforeSubmit?: () => Promise<unknown>): Promise<Locator> {
  await page.getByLabel('البريد الإلكتروني').fill(email);
  await page.getByLabel('كلمة المرور').fill(password);
  await beforeSubmit?.();
  await page.getByRole('button', { name: 'دخول' }).click();
  const menu = page.getByRole('navigation', { name: 'القائمة الرئيسية' });
  await menu.waitFor();
  return menu;
}

/** A fresh Arabic desktop page with its error log, signed in as `email` through the form at `base`. */
export async function openSignedInPage(browser: Browser, base: string, email: string) {
  const page = await newArabicDesktopPage(browser);
  const errors = trackPageErrors(page);
  await page.goto(base);
  const menu = await loginThroughForm(page, email);
  return { page, errors, menu };
}

/** Saves test-artifacts/<name>.png (the whole page unless fullPage is false). */
export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: opts.fullPage ?? true });
}

/** Registers an afterEach that saves what the browser showed when a test failed. */
export function screenshotOnFailure(currentPage: () => Page | undefined, prefix: string) {
  afterEach(async (ctx) => {
    const page = currentPage();
    if (ctx.task.result?.state === 'fail' && page) await screenshot(page, `${prefix}-failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  });
}
