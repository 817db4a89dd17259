import type { AgencySettings } from '@tajriba/contracts';
import type { Db } from '../../db/db.ts';
import type { AgencyRef } from '../../http/context.ts';
import { timeZoneOffsetMs } from '../../lib/time-zone.ts';
import { getAgencySettings } from '../catalog/agency-settings.ts';
import { getCatalogIdsByCode } from '../catalog/catalog.queries.ts';
import type { InsertedInteraction } from '../interactions/ingest-hooks.ts';
import { canonicalIdentifier } from '../../lib/pseudonym.ts';
import { sealContact } from './contact-vault.ts';
import {
  addSuppressions, getContactKinds, getFatigueState, insertInvitations, stripContactAttributes, upsertContacts, type InteractionContext, type NewInvitation,
} from './distribution.queries.ts';
import { decideInvitation, samplingDraw, type SuppressionReason } from './fatigue.ts';
import { getActivePostServiceTargets } from './surveys.queries.ts';
import type { SurveyRuntime } from './survey-runtime.ts';

// Turning candidates (an interaction just stored, a campaign's sample, an API call) into
// invitations: fatigue rules, sampling, suppression counts, then one send job per batch.

export interface Candidate extends InteractionContext {
  beneficiary_pid: string | null;
  interaction_id: number | null;
  serviceCode?: string;
}

export interface InviteResult {
  created: { id: number; delivery: string; send_at: Date | null; expires_at: Date }[];
  suppressed: Map<SuppressionReason, number>;
}

/** Agency-local calendar day of an instant (suppression counts are per local day). */
export function localDay(tz: string, at: Date) {
  return new Date(at.getTime() + timeZoneOffsetMs(tz, at.getTime())).toISOString().slice(0, 10);
}

export async function inviteCandidates(
  tx: Db,
  agency: AgencyRef,
  survey: { id: number; version: number },
  candidates: Candidate[],
  o: { settings: AgencySettings; now: Date; campaignId?: number | null; samplingRate?: (c: Candidate) => number },
): Promise<InviteResult> {
  const pids = [...new Set(candidates.map((c) => c.beneficiary_pid).filter((p): p is string => p !== null))];
  const state = await getFatigueState(tx, agency.id, pids);
  const contacts = await getContactKinds(tx, agency.id, pids);
  const suppressed = new Map<SuppressionReason, number>();
  const invitedNow = new Set<string>(); // one per beneficiary within this batch too
  const expires = new Date(o.now.getTime() + o.settings.survey_link_days * 86_400_000);
  const rows: NewInvitation[] = [];
  for (const c of candidates) {
    const s = c.beneficiary_pid ? state.get(c.beneficiary_pid) : undefined;
    const kinds = c.beneficiary_pid ? contacts.get(c.beneficiary_pid) : undefined;
    const delivery = kinds?.has('sms') ? 'sms' : kinds?.has('email') ? 'email' : 'link';
    const d = decideInvitation({
      now: o.now, timeZone: agency.timezone, delivery, quietHours: o.settings.quiet_hours,
      minDaysBetween: o.settings.survey_min_days_between,
      lastInvitedAt: c.beneficiary_pid && invitedNow.has(c.beneficiary_pid) ? o.now : (s?.last_at ?? null),
      optedOut: s?.opted_out ?? false,
      samplingRate: o.samplingRate?.(c) ?? 1,
      draw: samplingDraw(survey.id, String(c.interaction_id ?? c.beneficiary_pid ?? rows.length)),
    });
    if (!d.send) {
      suppressed.set(d.reason, (suppressed.get(d.reason) ?? 0) + 1);
      continue;
    }
    if (c.beneficiary_pid) invitedNow.add(c.beneficiary_pid);
    rows.push({
      survey_id: survey.id, version: survey.version, campaign_id: o.campaignId ?? null, interaction_id: c.interaction_id,
      beneficiary_pid: c.beneficiary_pid, delivery, service_id: c.service_id, channel_id: c.channel_id, branch_id: c.branch_id,
      provider_id: c.provider_id, stage_id: c.stage_id, employee_pid: c.employee_pid,
      send_at: delivery === 'link' ? null : d.sendAt, expires_at: expires,
    });
  }
  const created = await insertInvitations(tx, agency.id, rows);
  await addSuppressions(tx, agency.id, survey.id, localDay(agency.timezone, o.now), suppressed);
  const toSend = created.filter((r) => r.delivery !== 'link');
  if (toSend.length) {
    const { enqueueInvitationSends } = await import('./surveys.jobs.ts'); // jobs import this module
    await enqueueInvitationSends(tx, agency.id, toSend);
  }
  return { created, suppressed };
}

/** Seals contact details carried in `attributes.contact_phone|contact_email` and strips them before commit. */
export async function vaultContacts(tx: Db, agencyId: number, rows: InsertedInteraction[], runtime: SurveyRuntime | undefined) {
  const sealed: { pid: string; kind: string; sealed: string }[] = [];
  const ids: number[] = [];
  for (const r of rows) {
    const a = r.attributes;
    if (!a || (a.contact_phone === undefined && a.contact_email === undefined)) continue;
    ids.push(r.id);
    if (!runtime) continue;
    if (typeof a.contact_phone === 'string' && a.contact_phone.trim()) {
      sealed.push({ pid: r.beneficiary_pid, kind: 'sms', sealed: sealContact(runtime.contactKey, canonicalIdentifier(a.contact_phone)) });
    }
    if (typeof a.contact_email === 'string' && a.contact_email.includes('@')) {
      sealed.push({ pid: r.beneficiary_pid, kind: 'email', sealed: sealContact(runtime.contactKey, a.contact_email.trim()) });
    }
  }
  // The latest contact per person and kind (one upsert may not touch a row twice).
  await upsertContacts(tx, agencyId, [...new Map(sealed.map((c) => [`${c.pid}|${c.kind}`, c])).values()]);
  await stripContactAttributes(tx, agencyId, ids);
}

/**
 * The post-service trigger (an ingest hook): interactions whose outcome the survey lists, on a
 * service with an active post-service survey, become invitations tied to the interaction.
 */
export async function invitePostService(tx: Db, agency: AgencyRef, inserted: InsertedInteraction[], runtime: SurveyRuntime | undefined) {
  await vaultContacts(tx, agency.id, inserted, runtime);
  const serviceIds = [...new Set(inserted.map((r) => r.service_id))];
  const targets = await getActivePostServiceTargets(tx, agency.id, serviceIds);
  if (!targets.length) return;
  const settings = await getAgencySettings(tx, agency.id);
  const rates = await serviceSamplingRates(tx, agency.id, settings);
  const now = new Date();
  const bySurvey = new Map<number, { version: number; candidates: Candidate[] }>();
  for (const t of targets) {
    const entry = bySurvey.get(t.survey_id) ?? { version: t.version, candidates: [] };
    bySurvey.set(t.survey_id, entry);
    for (const r of inserted) {
      if (r.service_id !== t.service_id || !t.trigger_outcomes.includes(r.outcome)) continue;
      if (t.channel_ids && !t.channel_ids.includes(r.channel_id)) continue;
      entry.candidates.push({
        beneficiary_pid: r.beneficiary_pid, interaction_id: r.id, service_id: r.service_id, channel_id: r.channel_id,
        branch_id: r.branch_id, provider_id: r.provider_id, stage_id: r.stage_id, employee_pid: r.employee_pid,
      });
    }
  }
  for (const [id, { version, candidates }] of bySurvey) {
    if (!candidates.length) continue;
    await inviteCandidates(tx, agency, { id, version }, candidates, {
      settings, now, samplingRate: (c) => rates.get(c.service_id ?? -1) ?? 1,
    });
  }
}

/** Sampling rates by service id (settings keep them by service code). */
async function serviceSamplingRates(db: Db, agencyId: number, settings: AgencySettings) {
  const out = new Map<number, number>();
  if (!Object.keys(settings.survey_sampling).length) return out;
  const ids = await getCatalogIdsByCode(db, agencyId, 'services');
  for (const [code, rate] of Object.entries(settings.survey_sampling)) {
    const id = ids.get(code);
    if (id !== undefined) out.set(id, rate);
  }
  return out;
}
