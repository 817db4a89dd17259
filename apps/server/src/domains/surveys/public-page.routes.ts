import { randomBytes } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { renderNotice, renderSurveyPage, type Lang, type NoticeKind } from '../../../../survey-page/src/index.ts';
import type { Api } from '../../http/api.ts';
import type { AppEnv, Services } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { rateLimit } from '../../http/rate-limit.ts';
import { isVisible, nextVisiblePage, type Answers } from './survey-design.ts';
import { openLink, optOut, submitForm, versionField, type OpenLink } from './public-page.service.ts';
import { surveyRuntime } from './survey-runtime.ts';
import { signToken } from './tokens.ts';

// The public survey page (apps/survey-page renders it): /s/<token> for personal links and
// poster continuations, /q/<poster token> for walk-in QR posters. Plain forms, no JS.

type C = Context<AppEnv>;
const langOf = (v: unknown): Lang => (v === 'en' ? 'en' : 'ar');
const CONTINUE_SECONDS = 24 * 3600;

function clientIp(c: C) {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown'; // in-process requests (tests) have no socket
  }
}

function html(c: C, status: number, body: string) {
  c.header('cache-control', 'no-store');
  c.header('referrer-policy', 'no-referrer');
  return c.body(body, status as 200, { 'content-type': 'text/html; charset=utf-8' });
}

const notice = (c: C, kind: NoticeKind, lang: Lang, agencyName?: string) => {
  const n = renderNotice(kind, lang, { agencyName });
  return html(c, n.status, n.html);
};

function page(c: C, link: OpenLink, o: { base: string; lang: Lang; page: number; answers: Record<string, unknown>; missing?: string[]; hidden?: Record<string, string>; status?: number }) {
  const { agency, survey } = link;
  const q = survey.pages[o.page] ?? [];
  const other = o.lang === 'ar' ? 'en' : 'ar';
  const body = renderSurveyPage({
    lang: o.lang,
    agencyName: o.lang === 'ar' ? agency.name_ar : agency.name_en,
    surveyName: o.lang === 'ar' ? link.surveyName.ar : link.surveyName.en,
    questions: q.filter((x) => isVisible(x, o.answers as Answers)),
    answers: o.answers as never,
    page: o.page,
    pageCount: survey.pages.length,
    action: `${o.base}?lang=${o.lang}`,
    switchUrl: `${o.base}?lang=${other}&p=${o.page}`,
    stopUrl: link.claims.kind === 'i' ? `${o.base}/stop?lang=${o.lang}` : undefined,
    hidden: { v: versionField(survey), ...o.hidden }, // `v` lets a submit skip reading the link
    missing: o.missing,
  });
  return html(c, o.status ?? 200, body);
}

export function registerSurveyPublicRoutes(app: Api, services: Services) {
  const rt = surveyRuntime(services);
  const perMin = services.config.TAJRIBA_SURVEY_RATE_PER_MIN;
  const byIp = rateLimit({ windowMs: 60_000, max: perMin * 5 });
  const byToken = rateLimit({ windowMs: 60_000, max: perMin });
  const limited = (c: C, token: string) => {
    try {
      byIp.hit(clientIp(c));
      byToken.hit(token);
      return false;
    } catch (e) {
      if (e instanceof AppError && e.status === 429) return true;
      throw e;
    }
  };
  const small = bodyLimit({ maxSize: 64 * 1024, onError: (c) => notice(c as C, 'bad_request', 'ar') });
  app.use('/s/*', small);
  app.use('/q/*', small);

  const show = async (c: C, token: string, base: string, hidden?: Record<string, string>) => {
    const lang = langOf(c.req.query('lang'));
    if (limited(c, token)) return notice(c, 'rate_limited', lang);
    const s = await openLink(services, token);
    if (s.state !== 'open') return notice(c, s.state, lang);
    const { pages } = s.link.survey;
    const asked = Number(c.req.query('p') ?? 0);
    const from = Number.isInteger(asked) && asked >= 0 ? Math.min(asked, pages.length - 1) : 0;
    return page(c, s.link, { base, lang, page: nextVisiblePage(pages, from, s.link.answers), answers: s.link.answers, hidden });
  };

  const submit = async (c: C, token: string, base: string) => {
    const form = (await c.req.parseBody({ all: true })) as Record<string, string | string[]>;
    const lang = langOf(form.lang ?? c.req.query('lang'));
    if (limited(c, token)) return notice(c, 'rate_limited', lang);
    const nonce = typeof form.n === 'string' ? form.n.slice(0, 40) : undefined;
    let s;
    try {
      s = await submitForm(services, token, form, { page: Number(form.p ?? 0) || 0, lang, partial: form.partial === '1' || c.req.query('partial') === '1', nonce });
    } catch (e) {
      if (e instanceof AppError && e.status === 400) return notice(c, 'bad_request', lang);
      throw e;
    }
    if (s.state !== 'saved') return notice(c, s.state, lang);
    const { claims, result: r } = s;
    if (r.kind === 'missing') return page(c, s.link!, { base, lang, page: r.page, answers: r.answers, missing: r.missing, hidden: nonce ? { n: nonce } : undefined, status: 422 });
    // A poster's first submit made a response: continue on its own short-lived link.
    const next = claims.kind === 'p' && r.responseId !== null
      ? `/s/${signToken(rt.tokenKey, { kind: 'r', agencyId: claims.agencyId, id: r.responseId, exp: Math.floor(Date.now() / 1000) + CONTINUE_SECONDS })}`
      : base;
    if (r.kind === 'done') return c.redirect(`${next}/done?lang=${lang}`, 303);
    return c.redirect(`${next}?lang=${lang}&p=${r.page}`, 303);
  };

  app.get('/s/:token', (c) => show(c, c.req.param('token'), `/s/${c.req.param('token')}`));
  app.post('/s/:token', (c) => submit(c, c.req.param('token'), `/s/${c.req.param('token')}`));
  app.get('/q/:token', (c) => show(c, c.req.param('token'), `/q/${c.req.param('token')}`, { n: randomBytes(12).toString('base64url') }));
  app.post('/q/:token', (c) => submit(c, c.req.param('token'), `/q/${c.req.param('token')}`));

  app.get('/s/:token/done', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const s = await openLink(services, c.req.param('token'), { allowUsed: true });
    if (s.state !== 'open') return notice(c, s.state, lang);
    if (s.link.response?.status !== 'completed') return c.redirect(`/s/${c.req.param('token')}?lang=${lang}`, 303);
    return notice(c, 'thanks', lang, lang === 'ar' ? s.link.agency.name_ar : s.link.agency.name_en);
  });

  app.get('/s/:token/stop', async (c) => {
    const lang = langOf(c.req.query('lang'));
    const s = await openLink(services, c.req.param('token'), { allowUsed: true });
    if (s.state !== 'open' || s.link.claims.kind !== 'i') return notice(c, s.state === 'open' ? 'forged' : s.state, lang);
    const n = renderNotice('stop_confirm', lang, {
      form: { action: `/s/${c.req.param('token')}/stop?lang=${lang}`, button: { ar: 'نعم، أوقف الاستبيانات', en: 'Yes, stop surveys' } },
    });
    return html(c, n.status, n.html);
  });
  app.post('/s/:token/stop', async (c) => {
    const lang = langOf(c.req.query('lang'));
    if (limited(c, c.req.param('token'))) return notice(c, 'rate_limited', lang);
    const s = await openLink(services, c.req.param('token'), { allowUsed: true });
    if (s.state !== 'open' || s.link.claims.kind !== 'i') return notice(c, s.state === 'open' ? 'forged' : s.state, lang);
    await optOut(services.db, s.link);
    return notice(c, 'opted_out', lang);
  });
}
