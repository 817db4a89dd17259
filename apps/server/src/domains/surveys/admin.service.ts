import type { Db } from '../../db/db.ts';
import type { Actor, AgencyRef, Services } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { canonicalIdentifier, pseudonymize } from '../../lib/pseudonym.ts';
import { recordAudit } from '../audit/audit.ts';
import { getAgencySettings } from '../catalog/agency-settings.ts';
import { getCatalogIdsByCode } from '../catalog/catalog.queries.ts';
import { sealContact } from './contact-vault.ts';
import { inviteCandidates } from './distribution.service.ts';
import { getPoster, insertPoster, listPosters, upsertContacts, type PosterRow } from './distribution.queries.ts';
import { posterUrl } from './posters.ts';
import { invitationUrl } from './sending.ts';
import { surveyRuntime } from './survey-runtime.ts';
import { requireSurvey } from './surveys.service.ts';
import { deleteWebhook, insertWebhook, listWebhooks } from './webhooks.queries.ts';
import { newWebhookSecret } from './webhooks.ts';

// Admin actions on distribution: one-off invitations (integrators, tests), posters, webhooks.

async function codeToId(db: Db, agencyId: number, kind: 'services' | 'branches' | 'channels', code: string | null | undefined, field: string) {
  if (!code) return null;
  const id = (await getCatalogIdsByCode(db, agencyId, kind)).get(code);
  if (id === undefined) throw new AppError(`unknown_${field}`, 400, `surveys_unknown_${field}`, { field, params: { code } });
  return id;
}

/** Invites one person through the same fatigue rules; the person's identifiers are pseudonymized/sealed. */
export async function inviteOne(
  services: Services, agency: AgencyRef, code: string,
  input: { beneficiary_id?: string; phone?: string; email?: string; service?: string; branch?: string; channel?: string },
) {
  const identity = input.beneficiary_id ?? input.phone ?? input.email;
  if (!identity) throw new AppError('contact_required', 400, 'surveys_contact_required', { field: 'phone' });
  const rt = surveyRuntime(services);
  return services.db.transaction(async (tx) => {
    const survey = await requireSurvey(tx, agency.id, code);
    if (survey.status !== 'active') throw new AppError('not_active', 409, 'surveys_not_active');
    const pid = pseudonymize(services.secrets.pseudonymKey, agency.id, identity);
    const contacts = [
      ...(input.phone ? [{ pid, kind: 'sms', sealed: sealContact(rt.contactKey, canonicalIdentifier(input.phone)) }] : []),
      ...(input.email ? [{ pid, kind: 'email', sealed: sealContact(rt.contactKey, input.email) }] : []),
    ];
    await upsertContacts(tx, agency.id, contacts);
    const serviceId = await codeToId(tx, agency.id, 'services', input.service, 'service');
    const result = await inviteCandidates(tx, agency, { id: survey.id, version: survey.current_version }, [{
      beneficiary_pid: pid, interaction_id: null, service_id: serviceId, channel_id: await codeToId(tx, agency.id, 'channels', input.channel, 'channel'),
      branch_id: await codeToId(tx, agency.id, 'branches', input.branch, 'branch'), provider_id: null, stage_id: null, employee_pid: null,
    }], { settings: await getAgencySettings(tx, agency.id), now: new Date() });
    const inv = result.created[0];
    if (!inv) return { id: 0, url: '', delivery: 'link' as const, expires_at: '', suppressed: [...result.suppressed.keys()][0] ?? 'suppressed' };
    return {
      id: inv.id, url: invitationUrl(services, agency.id, inv.id, inv.expires_at), delivery: inv.delivery as 'sms' | 'email' | 'link',
      expires_at: inv.expires_at.toISOString(), suppressed: null,
    };
  });
}

export function toPoster(services: Services, agencyId: number, p: PosterRow, survey: string) {
  const base = `/api/v1/surveys/${encodeURIComponent(survey)}/posters/${p.id}`;
  return { id: p.id, survey, service: p.service, branch: p.branch, url: posterUrl(services, agencyId, p.id), svg_url: `${base}/poster.svg`, print_url: `${base}/print`, pdf_url: `${base}/poster.pdf` };
}

export async function createPoster(services: Services, actor: Actor | null, agency: AgencyRef, code: string, input: { service?: string | null; branch?: string | null }, requestId?: string) {
  return services.db.transaction(async (tx) => {
    const survey = await requireSurvey(tx, agency.id, code);
    const id = await insertPoster(tx, agency.id, {
      survey_id: survey.id,
      service_id: await codeToId(tx, agency.id, 'services', input.service, 'service'),
      branch_id: await codeToId(tx, agency.id, 'branches', input.branch, 'branch'),
    });
    const out = toPoster(services, agency.id, (await getPoster(tx, agency.id, id))!, code);
    await recordAudit(tx, { agencyId: agency.id, actor, action: 'create', entity: 'survey_poster', entityId: id, after: out, requestId });
    return out;
  });
}

export async function listSurveyPosters(services: Services, agency: AgencyRef, code: string) {
  const survey = await requireSurvey(services.db, agency.id, code);
  return (await listPosters(services.db, agency.id, survey.id)).map((p) => toPoster(services, agency.id, p, code));
}

export async function requirePoster(services: Services, agency: AgencyRef, code: string, id: number) {
  const survey = await requireSurvey(services.db, agency.id, code);
  const p = await getPoster(services.db, agency.id, id);
  if (!p || p.survey_id !== survey.id) throw new AppError('not_found', 404, 'surveys_poster_not_found');
  return {
    url: posterUrl(services, agency.id, p.id),
    text: {
      agency_ar: agency.name_ar, agency_en: agency.name_en, survey_ar: survey.name_ar, survey_en: survey.name_en,
      place_ar: p.branch_name_ar, place_en: p.branch_name_en,
    },
  };
}

export async function createWebhook(db: Db, actor: Actor | null, agencyId: number, url: string, requestId?: string) {
  return db.transaction(async (tx) => {
    const w = await insertWebhook(tx, agencyId, url, newWebhookSecret());
    await recordAudit(tx, { agencyId, actor, action: 'create', entity: 'survey_webhook', entityId: w.id, after: { url }, requestId });
    return { id: w.id, url: w.url, active: w.active, created_at: w.created_at.toISOString(), secret: w.secret };
  });
}

export async function listAgencyWebhooks(db: Db, agencyId: number) {
  return (await listWebhooks(db, agencyId)).map((w) => ({ id: w.id, url: w.url, active: w.active, created_at: w.created_at.toISOString() }));
}

export async function removeWebhook(db: Db, actor: Actor | null, agencyId: number, id: number, requestId?: string) {
  return db.transaction(async (tx) => {
    if (!(await deleteWebhook(tx, agencyId, id))) throw new AppError('not_found', 404, 'surveys_webhook_not_found');
    await recordAudit(tx, { agencyId, actor, action: 'delete', entity: 'survey_webhook', entityId: id, requestId });
  });
}
