import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { KPI_DEFINITIONS } from '@tajriba/contracts';
import * as echarts from 'echarts';
import type { Db } from '../../db/db.ts';
import type { AgencyRef } from '../../http/context.ts';
import { renderHtmlToPdf } from '../../lib/html-to-pdf.ts';
import { getComparison } from './comparison.service.ts';
import { getOverview } from './overview.service.ts';
import './dashboards.messages.ts';

// The board report is an HTML page printed to PDF by Chromium: Chromium shapes Arabic and
// lays out RTL correctly, embeds the fonts it used, and the charts are ECharts server-side SVG.


const require = createRequire(import.meta.url);
let fontCss: string | undefined;
function embeddedFontCss() {
  fontCss ??= [400, 600]
    .map((w) => {
      const file = require.resolve(`@fontsource/ibm-plex-sans-arabic/files/ibm-plex-sans-arabic-arabic-${w}-normal.woff2`);
      return `@font-face{font-family:'Plex Arabic';font-weight:${w};src:url(data:font/woff2;base64,${readFileSync(file).toString('base64')}) format('woff2')}`;
    })
    .join('\n');
  return fontCss;
}

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const arNum = new Intl.NumberFormat('ar-SA-u-nu-latn', { maximumFractionDigits: 1 });
function formatKpi(kpi: keyof typeof KPI_DEFINITIONS, v: number | null) {
  if (v === null) return '—';
  return KPI_DEFINITIONS[kpi].kind === 'rate' ? `${arNum.format(v * 100)}٪` : arNum.format(v);
}
const LIGHT = { green: '#1a7f37', amber: '#b7791f', red: '#c53030', none: '#8a8a8a' } as const;
const LIGHT_AR = { green: 'يحقق المستهدف', amber: 'قريب من المستهدف', red: 'دون المستهدف', none: 'لا مستهدف' } as const;

function trendSvg(title: string, buckets: string[], values: (number | null)[]) {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 340, height: 170 });
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: 'Plex Arabic' },
    title: { text: title, left: 'center', textStyle: { fontSize: 12, fontFamily: 'Plex Arabic' } },
    grid: { left: 40, right: 12, top: 40, bottom: 24 },
    // Time runs left to right in both languages (the web charts' RTL policy).
    xAxis: { type: 'category', data: buckets.map((b) => b.slice(5)), axisLabel: { fontSize: 9 } },
    yAxis: { type: 'value', axisLabel: { fontSize: 9 } },
    series: [{ type: 'line', data: values, connectNulls: false, symbolSize: 4 }],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

/** The report page: KPIs vs targets, trends, where it hurts most, and providers compared. */
export async function buildBoardReportHtml(db: Db, agency: AgencyRef, q: { from: string; to: string; service?: string | null }) {
  const [o, providers] = await Promise.all([
    getOverview(db, agency, q),
    getComparison(db, agency, { ...q, dimension: 'provider' }),
  ]);
  const hijri = (d: string) => new Intl.DateTimeFormat('ar-SA-u-ca-islamic-umalqura-nu-latn', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));
  const kpiRows = o.kpis.map((k) => `<tr>
      <td>${esc(KPI_DEFINITIONS[k.kpi].ar)}</td>
      <td class="num">${k.suppressed ? 'محجوب (أقل من ٥)' : esc(formatKpi(k.kpi, k.value))}${k.low_n && !k.suppressed ? ' <span class="flag">⚑ عيّنة صغيرة</span>' : ''}</td>
      <td class="num">${esc(arNum.format(k.n))}</td>
      <td class="num">${k.low !== null && k.high !== null ? `${esc(formatKpi(k.kpi, k.low))} – ${esc(formatKpi(k.kpi, k.high))}` : '—'}</td>
      <td class="num">${k.target ? `${k.target.comparator === '>=' ? '≥' : '≤'} ${esc(formatKpi(k.kpi, k.target.target))}` : '—'}</td>
      <td><span class="dot" style="background:${LIGHT[k.status]}"></span>${LIGHT_AR[k.status]}</td>
      <td class="num">${esc(formatKpi(k.kpi, k.previous.value))}${k.change?.significant ? ' *' : ''}</td></tr>`).join('');
  const charts = o.kpis
    .filter((k) => k.trend.some((t) => t.value !== null))
    .slice(0, 6)
    .map((k) => `<div class="chart">${trendSvg(KPI_DEFINITIONS[k.kpi].ar, k.trend.map((t) => t.bucket), k.trend.map((t) => (t.value === null ? null : KPI_DEFINITIONS[k.kpi].kind === 'rate' ? +(t.value * 100).toFixed(1) : +t.value.toFixed(1))))}</div>`)
    .join('');
  const hurts = o.hurts.map((h) => `<tr><td>${esc(h.name_ar)}</td><td>${esc(KPI_DEFINITIONS[h.kpi].ar)}</td>
      <td class="num">${esc(formatKpi(h.kpi, h.value))}</td><td class="num">${esc(formatKpi(h.kpi, h.target))}</td><td class="num">${esc(arNum.format(h.n))}</td></tr>`).join('');
  const provRows = providers.rows.map((r) => {
    const f = (kpi: string) => r.kpis.find((k) => k.kpi === kpi)!;
    return `<tr><td>${esc(r.name_ar)}</td><td class="num">${esc(arNum.format(r.volumes.contacts))}</td>
      ${['completion_rate', 'fcr', 'repeat_contact_rate', 'csat'].map((k) => `<td class="num">${esc(formatKpi(k as never, f(k).value))}</td>`).join('')}</tr>`;
  }).join('');
  return `<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>${esc(agency.name_ar)}</title><style>
${embeddedFontCss()}
body{font-family:'Plex Arabic',sans-serif;margin:0;color:#1d2433;font-size:11pt}
h1{font-size:18pt;margin:0 0 4px}h2{font-size:13pt;margin:18px 0 6px;border-bottom:2px solid #0b6e4f;padding-bottom:3px}
.sub{color:#555}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:4px 6px;text-align:right}
th{background:#eef5f1;font-weight:600}.num{font-variant-numeric:tabular-nums;direction:ltr;unicode-bidi:isolate;text-align:right}
.dot{display:inline-block;width:9px;height:9px;border-radius:50%;margin-left:5px}.flag{color:#b7791f;font-size:9pt}
.charts{display:flex;flex-wrap:wrap;gap:8px}.chart{width:340px}.note{font-size:9pt;color:#666;margin-top:10px}
</style></head><body>
<h1>تقرير مجلس الإدارة — ${esc(agency.name_ar)}</h1>
<div class="sub">الفترة: ${esc(hijri(q.from))} – ${esc(hijri(q.to))} (${esc(q.from)} – ${esc(q.to)} م)
${q.service ? ` · الخدمة: ${esc(q.service)}` : ''} · التواصلات: ${arNum.format(o.volumes.contacts)} · الرحلات: ${arNum.format(o.volumes.journeys)}</div>
<h2>المؤشرات مقابل المستهدفات</h2>
<table><thead><tr><th>المؤشر</th><th>القيمة</th><th>n</th><th>فترة الثقة ٩٥٪</th><th>المستهدف</th><th>الحالة</th><th>الفترة السابقة</th></tr></thead><tbody>${kpiRows}</tbody></table>
<h2>الاتجاه</h2><div class="charts">${charts}</div>
<h2>أين يكمن الألم أكثر</h2>
<table><thead><tr><th>الجهة/الفرع/الخدمة</th><th>المؤشر</th><th>القيمة</th><th>المستهدف</th><th>n</th></tr></thead><tbody>${hurts || '<tr><td colspan="5">لا فجوات عن المستهدفات.</td></tr>'}</tbody></table>
<h2>مقدمو الخدمة (الداخليون والمسندون بالمعيار نفسه)</h2>
<table><thead><tr><th>المزوّد</th><th>التواصلات</th><th>الإتمام</th><th>الحل من أول تواصل</th><th>تكرار التواصل</th><th>CSAT</th></tr></thead><tbody>${provRows}</tbody></table>
<p class="note">* فرق دال إحصائياً عن الفترة السابقة (اختبار النسبتين، p &lt; 0.05). ⚑ عيّنة أقل من الحد الأدنى (${o.min_n}). المجموعات الأقل من ٥ محجوبة. التعريفات في docs/metrics.md.</p>
</body></html>`;
}

export async function renderBoardReportPdf(db: Db, agency: AgencyRef, q: { from: string; to: string; service?: string | null }): Promise<Buffer> {
  return renderHtmlToPdf(await buildBoardReportHtml(db, agency, q));
}
