import type { Question } from '@tajriba/contracts';
import { esc, layout, type Lang } from './html.ts';
import { NOTICES, T, tr, type NoticeKind } from './strings.ts';

export type AnswerValue = number | string | string[] | null;

export interface SurveyPageView {
  lang: Lang;
  agencyName: string;
  surveyName: string;
  questions: Question[];
  answers: Record<string, AnswerValue>;
  page: number;
  pageCount: number;
  /** Form action (POST) and the same page in the other language. */
  action: string;
  switchUrl: string;
  stopUrl?: string;
  /** Poster forms carry a one-time nonce so a repeated first submit is one response. */
  hidden?: Record<string, string>;
  missing?: string[];
}

const text = (q: Question, lang: Lang) => (lang === 'ar' ? q.text_ar : q.text_en);

function option(name: string, type: 'radio' | 'checkbox', value: string | number, checked: boolean, label: string, required = false) {
  return `<label class="o"><input type="${type}" name="${esc(name)}" value="${esc(value)}"${checked ? ' checked' : ''}${required ? ' required' : ''}><span>${label}</span></label>`;
}

/** 1…N in DOM order: in Arabic (rtl) the row starts on the right, so 1 sits on the right. */
function scale(q: Question, lang: Lang, v: AnswerValue, from: number, to: number, ends: [string, string], labels?: readonly string[]) {
  const name = `q_${q.key}`;
  const opts: string[] = [];
  for (let n = from; n <= to; n++) {
    const caption = labels ? `<small>${esc(labels[n - from])}</small>` : '';
    const star = q.style === 'stars' ? '★' : '';
    opts.push(option(name, 'radio', n, v === n, `<b>${star}${n}</b>${caption}`, q.required));
  }
  const endsRow = labels ? '' : `<div class="ends" aria-hidden="true"><span>${esc(ends[0])}</span><span>${esc(ends[1])}</span></div>`;
  return `<div class="scale${to - from > 5 ? ' wrap' : ''}">${opts.join('')}</div>${endsRow}`;
}

function control(q: Question, lang: Lang, v: AnswerValue): string {
  const name = `q_${q.key}`;
  switch (q.kind) {
    case 'rating':
      return scale(q, lang, v, 1, 5, [tr('low5', lang), tr('high5', lang)]);
    case 'agree':
      return scale(q, lang, v, 1, 5, ['', ''], T.agree[lang]);
    case 'nps':
      return scale(q, lang, v, 0, 10, [tr('low10', lang), tr('high10', lang)]);
    case 'yes_no':
      return `<div class="scale">${option(name, 'radio', 'yes', v === 'yes', `<b>${tr('yes', lang)}</b>`, q.required)}${option(name, 'radio', 'no', v === 'no', `<b>${tr('no', lang)}</b>`, q.required)}</div>`;
    case 'single':
    case 'multi': {
      const picked = new Set(Array.isArray(v) ? v : v === null || v === undefined ? [] : [String(v)]);
      const type = q.kind === 'single' ? 'radio' : 'checkbox';
      const opts = (q.options ?? []).map((o) => option(name, type, o.value, picked.has(o.value), esc(lang === 'ar' ? o.label_ar : o.label_en), q.required && type === 'radio'));
      return `<div class="list">${opts.join('')}</div>`;
    }
    case 'text':
      return `<textarea id="${esc(name)}" name="${esc(name)}" maxlength="2000" placeholder="${esc(tr('commentHint', lang))}">${esc(typeof v === 'string' ? v : '')}</textarea>`;
  }
}

function questionBlock(q: Question, lang: Lang, v: AnswerValue, missing: boolean) {
  const req = q.required ? ` <span class="req">(${tr('required', lang)})</span>` : '';
  if (q.kind === 'text') {
    // A single field: a label, not a fieldset.
    return `<div class="card"><label for="q_${esc(q.key)}"><b>${esc(text(q, lang))}</b>${req}</label>${control(q, lang, v)}</div>`;
  }
  const err = missing ? ` aria-invalid="true"` : '';
  return `<div class="card"><fieldset${err}><legend>${esc(text(q, lang))}${req}</legend>${control(q, lang, v)}</fieldset></div>`;
}

export function renderSurveyPage(v: SurveyPageView): string {
  const missing = new Set(v.missing ?? []);
  const last = v.page + 1 >= v.pageCount;
  const hidden = Object.entries({ p: String(v.page), lang: v.lang, ...(v.hidden ?? {}) })
    .map(([k, val]) => `<input type="hidden" name="${esc(k)}" value="${esc(val)}">`).join('');
  const body = [
    `<header><h1>${esc(v.agencyName)}</h1><a href="${esc(v.switchUrl)}" lang="${v.lang === 'ar' ? 'en' : 'ar'}">${tr('switchTo', v.lang)}</a></header>`,
    `<p class="muted">${esc(v.surveyName)}${v.pageCount > 1 ? ` · <span class="progress">${tr('page', v.lang, { n: v.page + 1, total: v.pageCount })}</span>` : ''}</p>`,
    missing.size ? `<p class="err" role="alert">${tr('missing', v.lang)}</p>` : '',
    `<form method="post" action="${esc(v.action)}">${hidden}`,
    v.questions.map((q) => questionBlock(q, v.lang, v.answers[q.key] ?? null, missing.has(q.key))).join(''),
    `<button type="submit">${last ? tr('submit', v.lang) : tr('next', v.lang)}</button></form>`,
    `<footer><p>${tr('privacy', v.lang)}</p>${v.stopUrl ? `<a href="${esc(v.stopUrl)}">${tr('stop', v.lang)}</a>` : ''}</footer>`,
  ].join('');
  return layout({ lang: v.lang, title: v.surveyName, body });
}

/** A bilingual notice (thanks, expired, used, forged…); the visitor's language comes first. */
export function renderNotice(kind: NoticeKind, lang: Lang = 'ar', o: { agencyName?: string; form?: { action: string; button: { ar: string; en: string } } } = {}) {
  const n = NOTICES[kind];
  const other: Lang = lang === 'ar' ? 'en' : 'ar';
  const block = (l: Lang) => `<div class="card" lang="${l}" dir="${l === 'ar' ? 'rtl' : 'ltr'}"><h1>${esc(n[l][0])}</h1><p>${esc(n[l][1])}</p></div>`;
  const form = o.form
    ? `<form method="post" action="${esc(o.form.action)}"><button type="submit">${esc(o.form.button[lang])} / ${esc(o.form.button[other])}</button></form>`
    : '';
  const head = o.agencyName ? `<p class="muted">${esc(o.agencyName)}</p>` : '';
  return { status: n.status, html: layout({ lang, title: `${n[lang][0]} | ${n[other][0]}`, body: `${head}${block(lang)}${block(other)}${form}` }) };
}
