import type { Context } from 'hono';
import type { Db } from '../db/db.ts';
import type { Actor, AgencyRef, AppEnv } from './context.ts';
import { AppError } from './errors.ts';
import { requireActor } from './auth.ts';

export async function getAgencyBySlug(db: Db, slug: string): Promise<AgencyRef | undefined> {
  const rows = await db.query<AgencyRef>(
    'SELECT id, slug, timezone, name_ar, name_en, settings FROM agencies WHERE slug = $1',
    [slug],
  );
  return rows[0];
}

export async function getAgencyById(db: Db, id: number): Promise<AgencyRef | undefined> {
  const rows = await db.query<AgencyRef>(
    'SELECT id, slug, timezone, name_ar, name_en, settings FROM agencies WHERE id = $1',
    [id],
  );
  return rows[0];
}

/**
 * The agency a request acts on, checked against a permission predicate. API keys are bound
 * to one agency; users name it with ?agency=SLUG or the X-Tajriba-Agency header. An agency
 * the caller cannot see answers 404, so other tenants' slugs are not revealed.
 */
export async function requireAgency(
  c: Context<AppEnv>,
  allowed: (actor: Actor | null, agencyId: number) => boolean,
): Promise<AgencyRef> {
  const actor = requireActor(c);
  const { db } = c.var.services;
  const slug = c.req.query('agency') ?? c.req.header('x-tajriba-agency');
  let agency: AgencyRef | undefined;
  if (actor.type === 'api_key') {
    agency = await getAgencyById(db, actor.agencyId);
    if (slug && agency?.slug !== slug) throw new AppError('agency_not_found', 404);
  } else if (slug) {
    agency = await getAgencyBySlug(db, slug);
  } else if (actor.roles.size === 1) {
    agency = await getAgencyById(db, [...actor.roles.keys()][0]);
  } else {
    throw new AppError('agency_required', 400, 'agency_required', { field: 'agency' });
  }
  if (!agency || !canSee(actor, agency.id)) throw new AppError('agency_not_found', 404);
  if (!allowed(actor, agency.id)) throw new AppError('forbidden', 403);
  return agency;
}

function canSee(actor: Actor, agencyId: number) {
  if (actor.type === 'api_key') return actor.agencyId === agencyId;
  return actor.isSuperadmin || actor.roles.has(agencyId);
}
