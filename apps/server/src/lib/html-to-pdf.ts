import { existsSync } from 'node:fs';
import { AppError } from '../http/errors.ts';
import { registerMessages } from '../http/messages.ts';

registerMessages({
  pdf_unavailable: {
    ar: 'ملف PDF غير متاح: متصفح Chromium غير مثبت على الخادم (apt-get install chromium).',
    en: 'PDF unavailable: Chromium is not installed on the server (apt-get install chromium).',
  },
});

// Printed by the machine's Chromium (Debian package): it shapes Arabic, lays out RTL and embeds
// the fonts it used. Nothing is downloaded; without Chromium the caller gets a clear 503.
const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
export const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run',
];
export const findChromium = () => CHROMIUM_PATHS.find((p) => existsSync(p)) ?? null;

export async function renderHtmlToPdf(html: string, margin = { top: '14mm', bottom: '14mm', left: '12mm', right: '12mm' }): Promise<Buffer> {
  const executablePath = findChromium();
  if (!executablePath) throw new AppError('pdf_unavailable', 503, 'pdf_unavailable');
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);
    return await page.pdf({ format: 'A4', printBackground: true, margin });
  } finally {
    await browser.close();
  }
}
