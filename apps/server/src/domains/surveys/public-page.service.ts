import { normalizeArabic } from '@tajriba/arabic-text';
import type { Question } from '@tajriba/contracts';
import type { Db } from '../../db/db.ts';
import { getAgencyById } from '../../http/agency-scope.ts';
import type { AgencyRef, Services } from '../../http/context.ts';
import { analyzeTextsJob } from '../text/text.jobs.ts';
import { getPoster, insertOptOut } from './distribution.queries.ts';
import {
  getInvitationLink, getResponse, getResponseByKey, getSavedAnswers, saveSubmission,
  type AnswerWrite, type ResponseContext, type ResponseRow, type SubmissionSource,
} from './responses.queries.ts';
import { isVisible, nextVisiblePage, pageNeedsOtherAnswers, paginate, parseAnswer, type Answers } from './survey-design.ts';
import { getSurveyById, getVersionQuestions } from './surveys.queries.ts';
import { webhookDeliveryJob } from './surveys.jobs.ts';
import { surveyRuntime } from './survey-runtime.ts';
import { verifyToken, type TokenClaims } from './tokens.ts';
import { WEBHOOK_MAX_ATTEMPTS } from './webhooks.ts';

// The public page's rules, free of HTML: what a link opens, saving a page of answers,
// completing once (idempotent), opting out.

export type LinkState =
  | { state: 'forged' | 'expired' | 'used' | 'closed' }
  | { state: 'open'; link: OpenLink };

/** A survey version ready for the page: its questions, pages and which pages need earlier answers. */
export interface SurveyVersion {
  surveyId: number;
  version: number;
  questions: Question[];
  pages: Question[][];
  needsOtherAnswers: boolean[];
}

export interface OpenLink {
  claims: TokenClaims;
  agency: AgencyRef;
  surveyName: { ar: string; en: string };
  survey: SurveyVersion;
  /** Set for invitation and continuation links; poster links get one per first submit (with its nonce). */
  dedupeKey: string | null;
  context: ResponseContext;
  response: ResponseRow | undefined;
  /** Answers saved so far. */
  answers: Answers;
  beneficiaryPid: string | null;
}

export async function openLink(services: Services, token: string, o: { allowUsed?: boolean } = {}): Promise<LinkState> {
  const { db } = services;
  const check = verifyToken(surveyRuntime(services).tokenKey, token);
  if (!check.ok) return { state: check.reason };
  const { claims } = check;
  if (claims.kind === 'i') return openInvitationLink(db, claims, o);
  const agency = await getAgencyById(db, claims.agencyId);
  if (!agency) return { state: 'forged' };
  let context: ResponseContext;
  let response: ResponseRow | undefined;
  let survey;
  if (claims.kind === 'r') {
    response = await getResponse(db, agency.id, claims.id);
    if (!response) return { state: 'forged' };
    if (response.status === 'completed' && !o.allowUsed) return { state: 'used' };
    context = { survey_id: response.survey_id, version: response.version } as ResponseContext;
    survey = await getSurveyById(db, agency.id, context.survey_id);
    if (!survey || survey.status === 'archived') return { state: 'closed' };
  } else {
    const p = await getPoster(db, agency.id, claims.id);
    if (!p) return { state: 'forged' };
    survey = await getSurveyById(db, agency.id, p.survey_id);
    if (!survey) return { state: 'forged' };
    if (survey.status !== 'active') return { state: 'closed' };
    context = {
      survey_id: survey.id, version: survey.current_version, invitation_id: null, poster_id: p.id, interaction_id: null,
      service_id: p.service_id, channel_id: p.channel_id, branch_id: p.branch_id, provider_id: null, stage_id: null, employee_pid: null,
    };
  }
  return {
    state: 'open',
    link: {
      claims, agency, surveyName: { ar: survey.name_ar, en: survey.name_en }, survey: await surveyVersion(db, agency.id, survey.id, context.version),
      dedupeKey: response?.dedupe_key ?? null, context, response, answers: response ? await getSavedAnswers(db, agency.id, response.id) : {}, beneficiaryPid: null,
    },
  };
}

// Versions served on the public page are frozen (they have invitations or responses), so they
// are cached per database without invalidation; the bound only guards memory.
const VERSION_CACHE = new WeakMap<Db, Map<string, SurveyVersion>>();
const versionKey = (agencyId: number, surveyId: number, version: number) => `${agencyId}:${surveyId}:${version}`;

function cachedVersion(db: Db, agencyId: number, surveyId: number, version: number) {
  return VERSION_CACHE.get(db)?.get(versionKey(agencyId, surveyId, version));
}

async function surveyVersion(db: Db, agencyId: number, surveyId: number, version: number): Promise<SurveyVersion> {
  const hit = cachedVersion(db, agencyId, surveyId, version);
  if (hit) return hit;
  const questions = (await getVersionQuestions(db, agencyId, surveyId, version))!;
  const pages = paginate(questions);
  const v = { surveyId, version, questions, pages, needsOtherAnswers: pages.map((_, i) => pageNeedsOtherAnswers(pages, i)) };
  let byKey = VERSION_CACHE.get(db);
  if (!byKey) VERSION_CACHE.set(db, (byKey = new Map()));
  if (byKey.size > 1000) byKey.clear();
  byKey.set(versionKey(agencyId, surveyId, version), v);
  return v;
}

async function openInvitationLink(db: Db, claims: TokenClaims, o: { allowUsed?: boolean }): Promise<LinkState> {
  const row = await getInvitationLink(db, claims.agencyId, claims.id);
  if (!row) return { state: 'forged' };
  const inv = row.inv;
  if (inv.status === 'completed' && !o.allowUsed) return { state: 'used' };
  if (row.survey_status === 'archived') return { state: 'closed' };
  const response = row.response ? { ...row.response, completed_at: row.response.completed_at && new Date(row.response.completed_at) } : undefined;
  return {
    state: 'open',
    link: {
      claims, agency: row.agency, surveyName: { ar: row.survey_name_ar, en: row.survey_name_en },
      survey: await surveyVersion(db, claims.agencyId, inv.survey_id, inv.version), dedupeKey: `i:${inv.id}`,
      context: { ...pickContext(inv), invitation_id: inv.id, poster_id: null }, response, answers: row.answers ?? {}, beneficiaryPid: inv.beneficiary_pid,
    },
  };
}

function pickContext(i: Omit<ResponseContext, 'invitation_id' | 'poster_id'>): Omit<ResponseContext, 'invitation_id' | 'poster_id'> {
  return {
    survey_id: i.survey_id, version: i.version, interaction_id: i.interaction_id, service_id: i.service_id, channel_id: i.channel_id,
    branch_id: i.branch_id, provider_id: i.provider_id, stage_id: i.stage_id, employee_pid: i.employee_pid,
  };
}

/** The survey version a rendered form names in its hidden `v` field. */
export const versionField = (s: SurveyVersion) => `${s.surveyId}.${s.version}`;

export type SubmitResult =
  | { kind: 'missing'; page: number; missing: string[]; answers: Answers }
  | { kind: 'next'; page: number; responseId: number | null }
  | { kind: 'done'; responseId: number | null };

export type SubmitOutcome =
  | { state: 'forged' | 'expired' | 'used' | 'closed' }
  | { state: 'saved'; claims: TokenClaims; result: SubmitResult; link?: OpenLink };

export interface SubmitOptions {
  page: number;
  lang: 'ar' | 'en';
  partial: boolean;
  nonce?: string;
}

/**
 * Saves the answers of one page and moves on. `partial` saves without advancing. The last
 * page completes the response exactly once; a repeated submit finds it completed and is a no-op.
 * An invitation form whose page does not depend on earlier pages is saved without reading the
 * link first (the statement checks the invitation); anything else opens the link, then saves.
 */
export async function submitForm(services: Services, token: string, form: Record<string, string | string[]>, o: SubmitOptions): Promise<SubmitOutcome> {
  const check = verifyToken(surveyRuntime(services).tokenKey, token);
  if (!check.ok) return { state: check.reason };
  const { claims } = check;
  if (claims.kind === 'i') {
    const result = await submitInvitationUnread(services.db, claims, form, o);
    if (result?.kind === 'missing') {
      const s = await openLink(services, token, { allowUsed: true }); // only to draw the page again
      return s.state === 'open' ? { state: 'saved', claims, result: { ...result, answers: s.link.answers }, link: s.link } : s;
    }
    if (result) return { state: 'saved', claims, result };
  }
  const s = await openLink(services, token, { allowUsed: true });
  if (s.state !== 'open') return s;
  const { link } = s;
  if (link.response?.status === 'completed') return { state: 'saved', claims, result: { kind: 'done', responseId: link.response.id }, link };
  return { state: 'saved', claims, result: await submitPage(services.db, link, form, o), link };
}

async function submitInvitationUnread(db: Db, claims: TokenClaims, form: Record<string, string | string[]>, o: SubmitOptions) {
  const named = typeof form.v === 'string' ? /^(\d{1,9})\.(\d{1,9})$/.exec(form.v) : null;
  const survey = named ? cachedVersion(db, claims.agencyId, Number(named[1]), Number(named[2])) : undefined;
  if (!survey) return undefined;
  const pageIndex = clampPage(survey, o.page);
  if (survey.needsOtherAnswers[pageIndex]) return undefined;
  const plan = planPage(survey, pageIndex, {}, form, o.partial);
  const source = { invitationId: claims.id, surveyId: survey.surveyId, version: survey.version };
  const saved = await saveSubmission(db, claims.agencyId, source, submissionWrite(claims.agencyId, plan, o.lang));
  return saved.found ? resultOf(plan, saved.responseId) : undefined;
}

async function submitPage(db: Db, link: OpenLink, form: Record<string, string | string[]>, o: SubmitOptions): Promise<SubmitResult> {
  const agencyId = link.agency.id;
  const plan = planPage(link.survey, clampPage(link.survey, o.page), link.answers, form, o.partial);
  const dedupeKey = link.dedupeKey ?? `p:${link.context.poster_id}:${o.nonce ?? ''}`;
  const source: SubmissionSource = link.claims.kind === 'i'
    ? { invitationId: link.claims.id, surveyId: link.survey.surveyId, version: link.survey.version }
    : { dedupeKey, context: link.context };
  const saved = await saveSubmission(db, agencyId, source, submissionWrite(agencyId, plan, o.lang));
  // Completed meanwhile (a double submit racing this one): a poster still needs its response id.
  const responseId = saved.responseId ?? (link.claims.kind === 'p' ? (await getResponseByKey(db, agencyId, dedupeKey))?.id ?? null : null);
  return saved.found && saved.responseId !== null ? resultOf(plan, responseId) : { kind: 'done', responseId };
}

const clampPage = (s: SurveyVersion, page: number) => Math.min(Math.max(0, page), s.pages.length - 1);

interface PagePlan {
  page: number;
  answers: Answers;
  writes: AnswerWrite[];
  cleared: string[];
  missing: string[];
  /** The page to show next (this one when answers are missing or the save is partial). */
  next: number;
  complete: boolean;
}

/** What saving one page changes, given the answers saved before it; a tampered value throws a 400. */
function planPage(s: SurveyVersion, page: number, saved: Answers, form: Record<string, string | string[]>, partial: boolean): PagePlan {
  const answers = { ...saved };
  const writes: AnswerWrite[] = [];
  const cleared: string[] = [];
  const missing: string[] = [];
  for (const q of s.pages[page]) {
    if (!isVisible(q, answers)) continue; // conditions only look at earlier pages
    const value = parseAnswer(q, form[`q_${q.key}`]);
    if (value === undefined) {
      if (q.required && !partial) missing.push(q.key);
      cleared.push(q.key);
      delete answers[q.key];
      continue;
    }
    answers[q.key] = value;
    writes.push({
      question_key: q.key, kind: q.kind, component: q.component, driver: q.driver ?? null,
      score: typeof value === 'number' ? value : null,
      choices: Array.isArray(value) ? value : q.kind === 'single' || q.kind === 'yes_no' ? [String(value)] : null,
      text_value: q.kind === 'text' ? String(value) : null,
    });
  }
  const next = missing.length || partial ? page : nextVisiblePage(s.pages, page + 1, answers);
  return { page, answers, writes, cleared, missing, next, complete: next >= s.pages.length };
}

// What submitTexts's enqueueJob gives the analysis job by default.
const TEXT_JOB_ATTEMPTS = 5;

function submissionWrite(agencyId: number, p: PagePlan, locale: 'ar' | 'en') {
  // Free-text answers go to text analytics (sentiment + topics by a durable job) in the same statement.
  const texts = p.writes.filter((w) => w.text_value).map((w) => ({ question_key: w.question_key, text: w.text_value!, text_norm: normalizeArabic(w.text_value!) }));
  return {
    locale, complete: p.complete, answers: p.writes, cleared: p.cleared, texts,
    textJob: { name: analyzeTextsJob.name, payload: JSON.stringify(analyzeTextsJob.payload.parse({ agencyId })), maxAttempts: TEXT_JOB_ATTEMPTS },
    webhookJob: { name: webhookDeliveryJob.name, maxAttempts: WEBHOOK_MAX_ATTEMPTS },
  };
}

function resultOf(p: PagePlan, responseId: number | null): SubmitResult {
  if (p.missing.length) return { kind: 'missing', page: p.page, missing: p.missing, answers: p.answers };
  return p.complete ? { kind: 'done', responseId } : { kind: 'next', page: p.next, responseId };
}

/** Opt-out from an invitation link: honoured forever, contacts deleted. */
export async function optOut(db: Db, link: OpenLink) {
  if (link.beneficiaryPid) await insertOptOut(db, link.agency.id, link.beneficiaryPid);
}
