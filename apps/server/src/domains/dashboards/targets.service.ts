import { KPI_DEFINITIONS, type KpiCode, type Target, type TargetInput } from '@tajriba/contracts';
import type { Db } from '../../db/db.ts';
import type { Actor } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.ts';
import { getServiceIdByCode } from './measures.queries.ts';
import * as q from './targets.queries.ts';
import './dashboards.messages.ts';

/** Amber band when none is given: 5 % of the target. */
export const DEFAULT_TOLERANCE_SHARE = 0.05;

const toTarget = (r: q.TargetRow): Target => ({
  id: r.id, service: r.service, kpi: r.kpi as KpiCode, comparator: r.comparator, target: r.target, tolerance: r.tolerance,
});

/** Every target of the agency (service null = agency-wide). Other domains read targets here. */
export async function getTargets(db: Db, agencyId: number): Promise<Target[]> {
  return (await q.listTargets(db, agencyId)).map(toTarget);
}

/** The target that applies to a KPI for a service: its own, else the agency-wide one. */
export function targetFor(targets: Target[], kpi: KpiCode, service: string | null = null): Target | null {
  return (
    (service ? targets.find((t) => t.kpi === kpi && t.service === service) : undefined) ??
    targets.find((t) => t.kpi === kpi && t.service === null) ??
    null
  );
}

async function resolveInput(db: Db, agencyId: number, input: TargetInput) {
  let serviceId = 0;
  if (input.service) {
    const id = await getServiceIdByCode(db, agencyId, input.service);
    if (!id) throw new AppError('unknown_service', 400, 'unknown_service', { field: 'service', params: { code: input.service } });
    serviceId = id;
  }
  const comparator = input.comparator ?? (KPI_DEFINITIONS[input.kpi].better === 'higher' ? '>=' : '<=');
  // Rounded so 5 % of 0.8 is stored as 0.04, not 0.04000000000000001.
  const tolerance = input.tolerance ?? +(Math.abs(input.target) * DEFAULT_TOLERANCE_SHARE).toPrecision(12);
  return { serviceId, kpi: input.kpi, comparator, target: input.target, tolerance };
}

export async function setTarget(db: Db, actor: Actor | null, agencyId: number, input: TargetInput, requestId?: string) {
  return db.transaction(async (tx) => {
    const id = await q.upsertTarget(tx, agencyId, await resolveInput(tx, agencyId, input));
    const after = toTarget((await q.getTarget(tx, agencyId, id))!);
    await recordAudit(tx, { agencyId, actor, action: 'update', entity: 'kpi_target', entityId: id, after, requestId });
    return after;
  });
}

export async function replaceTarget(db: Db, actor: Actor | null, agencyId: number, id: number, input: TargetInput, requestId?: string) {
  return db.transaction(async (tx) => {
    const before = await q.getTarget(tx, agencyId, id);
    if (!before) throw new AppError('target_not_found', 404, 'target_not_found');
    await q.updateTarget(tx, agencyId, id, await resolveInput(tx, agencyId, input));
    const after = toTarget((await q.getTarget(tx, agencyId, id))!);
    await recordAudit(tx, { agencyId, actor, action: 'update', entity: 'kpi_target', entityId: id, before: toTarget(before), after, requestId });
    return after;
  });
}

export async function removeTarget(db: Db, actor: Actor | null, agencyId: number, id: number, requestId?: string) {
  return db.transaction(async (tx) => {
    const before = await q.getTarget(tx, agencyId, id);
    if (!before || !(await q.deleteTarget(tx, agencyId, id))) throw new AppError('target_not_found', 404, 'target_not_found');
    await recordAudit(tx, { agencyId, actor, action: 'delete', entity: 'kpi_target', entityId: id, before: toTarget(before), requestId });
  });
}
