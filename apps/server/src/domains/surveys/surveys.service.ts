import type { Survey, SurveyInput } from '@tajriba/contracts';
import type { Db } from '../../db/db.ts';
import type { Actor } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.ts';
import { getCatalogIdsByCode } from '../catalog/catalog.queries.ts';
import { validateQuestions } from './survey-design.ts';
import {
  getSurveyByCode, insertSurvey, isVersionInUse, listSurveysWithCounts, replaceSurveyServices, setSurveyStatus,
  updateSurveyHeader, upsertSurveyVersion, type SurveyRow,
} from './surveys.queries.ts';
import './surveys.messages.ts';

// Design and versioning: a draft is edited in place; once a version has invitations or
// answers it is frozen and an edit writes version + 1, so every answer keeps its wording.

/** JSON with sorted keys: jsonb reorders keys, so plain JSON.stringify would see a change. */
const canonicalJson = (v: unknown): string =>
  JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));

export function toSurvey(r: SurveyRow): Survey {
  return {
    code: r.code, kind: r.kind, name_ar: r.name_ar, name_en: r.name_en, status: r.status, version: r.current_version,
    services: r.services, channels: r.channels, trigger_outcomes: r.trigger_outcomes as Survey['trigger_outcomes'],
    questions: r.questions, created_at: r.created_at.toISOString(), updated_at: r.updated_at.toISOString(),
  };
}

export async function requireSurvey(db: Db, agencyId: number, code: string) {
  const s = await getSurveyByCode(db, agencyId, code);
  if (!s) throw new AppError('not_found', 404, 'surveys_not_found');
  return s;
}

async function resolveCodes(db: Db, agencyId: number, input: SurveyInput) {
  const services = await getCatalogIdsByCode(db, agencyId, 'services');
  const serviceIds = input.services.map((code, i) => {
    const id = services.get(code);
    if (id === undefined) throw new AppError('unknown_service', 400, 'surveys_unknown_service', { field: `services.${i}`, params: { code } });
    return id;
  });
  let channelIds: number[] | null = null;
  if (input.channels) {
    const channels = await getCatalogIdsByCode(db, agencyId, 'channels');
    channelIds = input.channels.map((code, i) => {
      const id = channels.get(code);
      if (id === undefined) throw new AppError('unknown_channel', 400, 'surveys_unknown_channel', { field: `channels.${i}`, params: { code } });
      return id;
    });
  }
  const header = {
    code: input.code, kind: input.kind, name_ar: input.name_ar, name_en: input.name_en,
    trigger_outcomes: input.trigger_outcomes ?? ['completed'], channel_ids: channelIds,
  };
  return { serviceIds, header };
}

export async function createSurvey(db: Db, actor: Actor | null, agencyId: number, input: SurveyInput, requestId?: string) {
  validateQuestions(input.questions);
  return db.transaction(async (tx) => {
    if (await getSurveyByCode(tx, agencyId, input.code)) {
      throw new AppError('conflict', 409, 'surveys_code_taken', { field: 'code', params: { code: input.code } });
    }
    const { serviceIds, header } = await resolveCodes(tx, agencyId, input);
    const id = await insertSurvey(tx, agencyId, header);
    await upsertSurveyVersion(tx, agencyId, id, 1, input.questions);
    await replaceSurveyServices(tx, agencyId, id, serviceIds);
    const created = toSurvey((await getSurveyByCode(tx, agencyId, input.code))!);
    await recordAudit(tx, { agencyId, actor, action: 'create', entity: 'survey', entityId: input.code, after: created, requestId });
    return created;
  });
}

/** Saves an edit; returns the survey with the version its questions now live in. */
export async function updateSurvey(db: Db, actor: Actor | null, agencyId: number, code: string, input: SurveyInput, requestId?: string) {
  validateQuestions(input.questions);
  return db.transaction(async (tx) => {
    const before = await requireSurvey(tx, agencyId, code);
    const { serviceIds, header } = await resolveCodes(tx, agencyId, { ...input, code });
    const questionsChanged = canonicalJson(before.questions) !== canonicalJson(input.questions);
    const frozen = before.status !== 'draft' || (await isVersionInUse(tx, agencyId, before.id, before.current_version));
    const version = questionsChanged && frozen ? before.current_version + 1 : before.current_version;
    if (questionsChanged) await upsertSurveyVersion(tx, agencyId, before.id, version, input.questions);
    await updateSurveyHeader(tx, agencyId, before.id, header, version);
    await replaceSurveyServices(tx, agencyId, before.id, serviceIds);
    const after = toSurvey((await getSurveyByCode(tx, agencyId, code))!);
    await recordAudit(tx, { agencyId, actor, action: 'update', entity: 'survey', entityId: code, before: toSurvey(before), after, requestId });
    return after;
  });
}

export async function changeSurveyStatus(db: Db, actor: Actor | null, agencyId: number, code: string, status: Survey['status'], requestId?: string) {
  return db.transaction(async (tx) => {
    const s = await requireSurvey(tx, agencyId, code);
    await setSurveyStatus(tx, agencyId, s.id, status);
    await recordAudit(tx, { agencyId, actor, action: 'update', entity: 'survey', entityId: code, before: { status: s.status }, after: { status }, requestId });
    return toSurvey((await getSurveyByCode(tx, agencyId, code))!);
  });
}

export async function listSurveys(db: Db, agencyId: number) {
  const rows = await listSurveysWithCounts(db, agencyId);
  return rows.map((r) => ({
    code: r.code, kind: r.kind, name_ar: r.name_ar, name_en: r.name_en, status: r.status, version: r.current_version,
    services: r.services, invited: r.invited, completed: r.completed,
  }));
}
