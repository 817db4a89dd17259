import type { Question } from '@tajriba/contracts';
import type { Db } from '../../db/db.ts';
import { getAgencyById } from '../../http/agency-scope.ts';
import type { AgencyRef, Services } from '../../http/context.ts';
import { getPoster, insertOptOut } from './distribution.queries.ts';
import { enqueueWebhookJobs } from './webhooks.ts';
import {
  completeResponseWithEffects, deleteAnswers, getInvitationLink, getAnswers, getResponse, getResponseByKey, upsertAnswers, upsertResponse,
  type AnswerWrite, type ResponseContext, type ResponseRow,
} from './responses.queries.ts';
import { isVisible, nextVisiblePage, paginate, parseAnswer, type Answers } from './survey-design.ts';
import { getSurveyById, getVersionQuestions } from './surveys.queries.ts';
import { surveyRuntime } from './survey-runtime.ts';
import { verifyToken, type TokenClaims } from './tokens.ts';
import { submitTexts } from '../text/text.service.ts';

// The public page's rules, free of HTML: what a link opens, saving a page of answers,
// completing once (idempotent), opting out.

export type LinkState =
  | { state: 'forged' | 'expired' | 'used' | 'closed' }
  | { state: 'open'; link: OpenLink };

export interface OpenLink {
  claims: TokenClaims;
  agency: AgencyRef;
  surveyName: { ar: string; en: string };
  questions: Question[];
  pages: Question[][];
  /** Set for poster links until the first submit creates the response. */
  dedupeKey: string | null;
  context: ResponseContext;
  response: ResponseRow | undefined;
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
  let dedupeKey: string | null;
  const pid: string | null = null;
  let requireActive = false;
  if (claims.kind === 'r') {
    const r = await getResponse(db, agency.id, claims.id);
    if (!r) return { state: 'forged' };
    if (r.status === 'completed' && !o.allowUsed) return { state: 'used' };
    dedupeKey = null;
    context = { survey_id: r.survey_id, version: r.version } as ResponseContext;
  } else {
    const p = await getPoster(db, agency.id, claims.id);
    if (!p) return { state: 'forged' };
    const s = await getSurveyById(db, agency.id, p.survey_id);
    if (!s) return { state: 'forged' };
    requireActive = true;
    dedupeKey = null;
    context = {
      survey_id: s.id, version: s.current_version, invitation_id: null, poster_id: p.id, interaction_id: null,
      service_id: p.service_id, channel_id: p.channel_id, branch_id: p.branch_id, provider_id: null, stage_id: null, employee_pid: null,
    };
  }
  const survey = await getSurveyById(db, agency.id, context.survey_id);
  if (!survey || survey.status === 'archived' || (requireActive && survey.status !== 'active')) return { state: 'closed' };
  const questions = await versionQuestions(db, agency.id, survey.id, context.version);
  const response = claims.kind === 'r' ? await getResponse(db, agency.id, claims.id) : dedupeKey ? await getResponseByKey(db, agency.id, dedupeKey) : undefined;
  return {
    state: 'open',
    link: {
      claims, agency, surveyName: { ar: survey.name_ar, en: survey.name_en }, questions, pages: paginate(questions),
      dedupeKey, context, response, beneficiaryPid: pid,
    },
  };
}

// Versions never change once written, so their questions are cached (bounded).
const VERSION_CACHE = new Map<string, Question[]>();
async function versionQuestions(db: Db, agencyId: number, surveyId: number, version: number) {
  const key = `${agencyId}:${surveyId}:${version}`;
  let q = VERSION_CACHE.get(key);
  if (!q) {
    q = (await getVersionQuestions(db, agencyId, surveyId, version))!;
    if (VERSION_CACHE.size > 1000) VERSION_CACHE.clear();
    VERSION_CACHE.set(key, q);
  }
  return q;
}

async function openInvitationLink(db: Db, claims: TokenClaims, o: { allowUsed?: boolean }): Promise<LinkState> {
  const row = await getInvitationLink(db, claims.agencyId, claims.id);
  if (!row) return { state: 'forged' };
  const inv = row.inv;
  if (inv.status === 'completed' && !o.allowUsed) return { state: 'used' };
  if (row.survey_status === 'archived') return { state: 'closed' };
  const questions = await versionQuestions(db, claims.agencyId, inv.survey_id, inv.version);
  const response = row.response ? { ...row.response, completed_at: row.response.completed_at && new Date(row.response.completed_at) } : undefined;
  return {
    state: 'open',
    link: {
      claims, agency: row.agency, surveyName: { ar: row.survey_name_ar, en: row.survey_name_en }, questions, pages: paginate(questions),
      dedupeKey: `i:${inv.id}`, context: { ...pickContext(inv), invitation_id: inv.id, poster_id: null }, response, beneficiaryPid: inv.beneficiary_pid,
    },
  };
}

function pickContext(i: Omit<ResponseContext, 'invitation_id' | 'poster_id'>): Omit<ResponseContext, 'invitation_id' | 'poster_id'> {
  return {
    survey_id: i.survey_id, version: i.version, interaction_id: i.interaction_id, service_id: i.service_id, channel_id: i.channel_id,
    branch_id: i.branch_id, provider_id: i.provider_id, stage_id: i.stage_id, employee_pid: i.employee_pid,
  };
}

export async function savedAnswers(db: Db, agencyId: number, response: ResponseRow | undefined): Promise<Answers> {
  if (!response) return {};
  const out: Answers = {};
  for (const a of await getAnswers(db, agencyId, response.id)) out[a.question_key] = a.score ?? a.choices ?? a.text_value;
  return out;
}

export type SubmitResult =
  | { kind: 'missing'; page: number; missing: string[]; answers: Answers }
  | { kind: 'next'; page: number; responseId: number }
  | { kind: 'done'; responseId: number };

/**
 * Saves the answers of one page and moves on. `partial` saves without advancing. The last
 * page completes the response exactly once; a repeated submit finds it completed and is a no-op.
 */
export async function submitPage(
  services: Services, link: OpenLink, form: Record<string, string | string[]>, o: { page: number; lang: 'ar' | 'en'; partial: boolean; nonce?: string },
): Promise<SubmitResult> {
  const { db } = services;
  const agencyId = link.agency.id;
  const pageIndex = Math.min(Math.max(0, o.page), link.pages.length - 1);
  return db.transaction(async (tx) => {
    let response = link.response;
    if (!response) {
      const key = link.dedupeKey ?? `p:${link.context.poster_id}:${o.nonce ?? ''}`;
      response = await upsertResponse(tx, agencyId, key, link.context, o.lang);
    }
    if (response.status === 'completed') return { kind: 'done', responseId: response.id };
    // A response made just now has no earlier pages to read.
    const answers = link.response ? await savedAnswers(tx, agencyId, response) : {};
    const writes: AnswerWrite[] = [];
    const cleared: string[] = [];
    const missing: string[] = [];
    for (const q of link.pages[pageIndex]) {
      if (!isVisible(q, answers)) continue; // conditions only look at earlier pages
      const value = parseAnswer(q, form[`q_${q.key}`]); // a tampered value throws a 400
      if (value === undefined) {
        if (q.required && !o.partial) missing.push(q.key);
        if (q.key in answers) cleared.push(q.key);
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
    await upsertAnswers(tx, agencyId, response.id, link.context.survey_id, writes);
    await deleteAnswers(tx, agencyId, response.id, cleared);
    // Free-text answers go to text analytics (sentiment + topics by a durable job), same transaction.
    const texts = writes.filter((w) => w.text_value);
    if (texts.length) {
      const c = link.context;
      await submitTexts(tx, agencyId, texts.map((w) => ({
        source_type: 'survey_answer' as const, source_id: `${response.id}:${w.question_key}`, text: w.text_value!, beneficiary_pid: link.beneficiaryPid ?? null,
        service_id: c.service_id, branch_id: c.branch_id, channel_id: c.channel_id, provider_id: c.provider_id, interaction_id: c.interaction_id,
      })));
    }
    if (missing.length) return { kind: 'missing', page: pageIndex, missing, answers };
    if (o.partial) return { kind: 'next', page: pageIndex, responseId: response.id };
    const next = nextVisiblePage(link.pages, pageIndex + 1, answers);
    if (next < link.pages.length) return { kind: 'next', page: next, responseId: response.id };
    const completed = await completeResponseWithEffects(tx, agencyId, response.id);
    if (completed?.webhooks.length) await enqueueWebhookJobs(tx, agencyId, response.id, completed.webhooks);
    return { kind: 'done', responseId: response.id };
  });
}

/** Opt-out from an invitation link: honoured forever, contacts deleted. */
export async function optOut(db: Db, link: OpenLink) {
  if (link.beneficiaryPid) await insertOptOut(db, link.agency.id, link.beneficiaryPid);
}
