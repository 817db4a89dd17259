import { AGENCY_SETTINGS_DEFAULTS, agencySettingField, type AgencySettings } from '@tajriba/contracts';
import type { z } from 'zod';
import type { Db } from '../../db/db.ts';
import type { Actor } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.ts';
import { getAgencySettingsJson, getCatalogIdsByCode, mergeAgencySettingsJson } from './catalog.queries.ts';
import './catalog.messages.ts';

const KEYS = Object.keys(AGENCY_SETTINGS_DEFAULTS) as (keyof AgencySettings)[];

/**
 * The agency's settings with defaults filled in. A stored value that no longer validates
 * (older version, hand edit) falls back to its default instead of breaking every reader.
 */
export async function getAgencySettings(db: Db, agencyId: number): Promise<AgencySettings> {
  return settingsFromJson(await getAgencySettingsJson(db, agencyId));
}

export function settingsFromJson(stored: Record<string, unknown>): AgencySettings {
  const out: Record<string, unknown> = {};
  for (const key of KEYS) {
    const parsed = (agencySettingField(key) as z.ZodType).safeParse(stored[key]);
    out[key] = parsed.success ? parsed.data : structuredClone(AGENCY_SETTINGS_DEFAULTS[key]);
  }
  return out as AgencySettings;
}

/** Applies a validated partial update (omitted keys keep their value); audited in the same transaction. */
export async function updateAgencySettings(db: Db, actor: Actor | null, agencyId: number, patch: Partial<AgencySettings>, requestId?: string) {
  return db.transaction(async (tx) => {
    if (patch.cost_per_contact) {
      const channels = await getCatalogIdsByCode(tx, agencyId, 'channels');
      const unknown = Object.keys(patch.cost_per_contact).find((code) => !channels.has(code));
      if (unknown) {
        throw new AppError('unknown_channel', 400, 'catalog_unknown_channel', { field: `cost_per_contact.${unknown}`, params: { code: unknown } });
      }
    }
    const before = await getAgencySettings(tx, agencyId);
    await mergeAgencySettingsJson(tx, agencyId, patch);
    const after = await getAgencySettings(tx, agencyId);
    await recordAudit(tx, { agencyId, actor, action: 'update', entity: 'agency_settings', entityId: agencyId, before, after, requestId });
    return after;
  });
}
