import QRCode from 'qrcode';
import { esc } from '../../../../survey-page/src/index.ts';
import type { Services } from '../../http/context.ts';
import { surveyRuntime } from './survey-runtime.ts';
import { signToken } from './tokens.ts';

// QR posters for walk-in feedback: a printable A4 SVG and a print-friendly HTML page (no PDF
// library is installed; browsers print the HTML page to PDF).

export function posterUrl(services: Services, agencyId: number, posterId: number) {
  const rt = surveyRuntime(services);
  const token = signToken(rt.tokenKey, { kind: 'p', agencyId, id: posterId, exp: 0 });
  return `${rt.config.publicUrl.replace(/\/$/, '')}/q/${token}`;
}

export interface PosterText {
  agency_ar: string;
  agency_en: string;
  survey_ar: string;
  survey_en: string;
  place_ar: string | null;
  place_en: string | null;
}

async function qrSvg(url: string) {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1, color: { dark: '#000000', light: '#ffffff' } });
}

/** A4 portrait (210 × 297 mm) poster as one SVG file. */
export async function posterSvg(url: string, t: PosterText) {
  const qr = (await qrSvg(url)).replace(/^<svg /, '<svg x="45" y="92" width="120" height="120" ');
  const font = `font-family="'IBM Plex Sans Arabic','Noto Sans Arabic',Tahoma,sans-serif"`;
  const line = (y: number, size: number, text: string, rtl = true, weight = 400) =>
    `<text x="105" y="${y}" text-anchor="middle" font-size="${size}" font-weight="${weight}"${rtl ? ' direction="rtl"' : ''} ${font}>${esc(text)}</text>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 210 297">',
    '<rect width="210" height="297" fill="#fff"/><rect x="0" y="0" width="210" height="14" fill="#0b5d48"/>',
    line(32, 9, t.agency_ar, true, 700),
    line(42, 5, t.agency_en, false),
    line(62, 11, 'شاركنا رأيك في خدمتنا', true, 700),
    line(72, 6, 'Tell us how we did', false),
    t.place_ar ? line(84, 6, `${t.place_ar} — ${t.survey_ar}`) : line(84, 6, t.survey_ar),
    qr,
    line(228, 7, 'امسح الرمز بكاميرا جوالك — دقيقة واحدة', true, 700),
    line(238, 5, 'Scan with your phone camera — one minute', false),
    line(256, 4, url, false),
    '<rect x="0" y="283" width="210" height="14" fill="#0b5d48"/>',
    '</svg>',
  ].join('\n');
}

/** The same poster as an HTML page sized for A4 printing (Print → Save as PDF). */
export async function posterPrintHtml(url: string, t: PosterText) {
  const qr = await qrSvg(url);
  return `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>${esc(t.survey_ar)}</title><style>
@page{size:A4;margin:0}body{margin:0;font-family:"IBM Plex Sans Arabic","Noto Sans Arabic",Tahoma,sans-serif;color:#111}
.sheet{width:210mm;height:297mm;box-sizing:border-box;padding:22mm 18mm;text-align:center;border-top:14mm solid #0b5d48;border-bottom:14mm solid #0b5d48}
h1{font-size:28pt;margin:0 0 4mm}h2{font-size:20pt;margin:10mm 0 2mm}.en{direction:ltr;font-size:13pt;color:#333}
.qr{width:120mm;height:120mm;margin:8mm auto}.qr svg{width:100%;height:100%}.url{direction:ltr;font-size:9pt;color:#444;word-break:break-all}
@media screen{body{background:#ccc}.sheet{background:#fff;margin:10mm auto;box-shadow:0 0 8px #0005}}
</style></head><body><div class="sheet"><h1>${esc(t.agency_ar)}</h1><div class="en">${esc(t.agency_en)}</div>
<h2>شاركنا رأيك في خدمتنا</h2><div class="en">Tell us how we did</div>
<p>${esc(t.place_ar ? `${t.place_ar} — ${t.survey_ar}` : t.survey_ar)}</p>
<div class="qr">${qr}</div><h2>امسح الرمز بكاميرا جوالك — دقيقة واحدة</h2><div class="en">Scan with your phone camera — it takes a minute</div>
<p class="url">${esc(url)}</p></div></body></html>`;
}
