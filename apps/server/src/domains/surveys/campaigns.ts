import type { Db } from '../../db/db.ts';
import { getAgencyById } from '../../http/agency-scope.ts';
import type { Actor, AgencyRef, Services } from '../../http/context.ts';
import { enqueueJob } from '../../jobs/jobs.ts';
import { recordAudit } from '../audit/audit.ts';
import { getAgencySettings } from '../catalog/agency-settings.ts';
import { inviteCandidates } from './distribution.service.ts';
import { getCampaign, insertCampaign, recordCampaignRun, sampleCampaignCandidates, type CampaignRow } from './distribution.queries.ts';
import { getSurveyById } from './surveys.queries.ts';
import { requireSurvey } from './surveys.service.ts';

// Periodic surveys: a campaign samples beneficiaries who used the survey's services in the last
// N days (stratified by branch). Each run is a durable job that enqueues the next one.

export const toCampaign = (r: CampaignRow, survey: string) => ({
  id: r.id, survey, name: r.name, lookback_days: r.lookback_days, sample_size: r.sample_size, every_days: r.every_days,
  next_run_at: r.next_run_at?.toISOString() ?? null, last_run_at: r.last_run_at?.toISOString() ?? null,
  last_invited: r.last_invited, active: r.active,
});

async function scheduleRun(db: Db, agencyId: number, campaignId: number, at: Date) {
  const { campaignRunJob } = await import('./surveys.jobs.ts'); // the jobs module imports this one
  await enqueueJob(db, campaignRunJob, { campaignId, at: at.toISOString() }, {
    agencyId, runAt: at, dedupeKey: `survey-campaign:${agencyId}:${campaignId}:${at.toISOString()}`,
  });
}

export async function createCampaign(
  db: Db, actor: Actor | null, agency: AgencyRef, surveyCode: string,
  input: { name: string; lookback_days: number; sample_size: number; every_days?: number | null; start_at?: string }, requestId?: string,
) {
  return db.transaction(async (tx) => {
    const survey = await requireSurvey(tx, agency.id, surveyCode);
    const start = input.start_at ? new Date(input.start_at) : new Date();
    const row = await insertCampaign(tx, agency.id, {
      survey_id: survey.id, name: input.name, lookback_days: input.lookback_days, sample_size: input.sample_size,
      every_days: input.every_days ?? null, next_run_at: start,
    });
    await scheduleRun(tx, agency.id, row.id, start);
    const out = toCampaign(row, survey.code);
    await recordAudit(tx, { agencyId: agency.id, actor, action: 'create', entity: 'survey_campaign', entityId: row.id, after: out, requestId });
    return out;
  });
}

/** One run: sample, apply fatigue rules, invite, and schedule the next run if periodic. */
export async function runCampaign(services: Services, agencyId: number, campaignId: number, now = new Date()) {
  return services.db.transaction(async (tx) => {
    const agency = await getAgencyById(tx, agencyId);
    const c = agency && (await getCampaign(tx, agencyId, campaignId));
    if (!agency || !c || !c.active) return null;
    const survey = await getSurveyById(tx, agencyId, c.survey_id);
    if (!survey) return null;
    const since = new Date(now.getTime() - c.lookback_days * 86_400_000);
    // A paused survey invites nobody this run; the schedule carries on.
    const candidates = survey.status !== 'active' ? []
      : await sampleCampaignCandidates(tx, agencyId, survey.id, since, c.sample_size, `${campaignId}:${now.toISOString()}`);
    const settings = await getAgencySettings(tx, agencyId);
    const result = await inviteCandidates(tx, agency, { id: survey.id, version: survey.current_version }, candidates, {
      settings, now, campaignId,
    });
    const next = c.every_days ? new Date(now.getTime() + c.every_days * 86_400_000) : null;
    await recordCampaignRun(tx, agencyId, campaignId, result.created.length, next);
    if (next) await scheduleRun(tx, agencyId, campaignId, next);
    return { invited: result.created.length, suppressed: Object.fromEntries(result.suppressed) };
  });
}
