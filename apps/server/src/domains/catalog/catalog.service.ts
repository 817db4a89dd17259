import type { CatalogKind } from '@tajriba/contracts';
import type { Db } from '../../db/db.ts';
import type { Actor } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.ts';
import * as q from './catalog.queries.ts';
import { USED_BY_LABELS } from './catalog.messages.ts';

export const ENTITY_OF_KIND = { providers: 'provider', branches: 'branch', channels: 'channel', services: 'service' } as const;
type Values = Record<string, unknown>;

/** API shape of a row: addressed by code, internal ids never leave the server. */
export const withoutId = ({ id: _id, ...rest }: q.CatalogRow) => rest;

const notFound = (code: string) => new AppError('catalog_not_found', 404, 'catalog_not_found', { params: { code } });

export async function listCatalog(db: Db, agencyId: number, kind: CatalogKind) {
  return (await q.listCatalogItems(db, agencyId, kind)).map(withoutId);
}

/** Column values for the table: a service's provider code becomes the provider's id. */
async function toColumnValues(db: Db, agencyId: number, kind: CatalogKind, input: Values): Promise<Values> {
  if (kind !== 'services' || input.provider == null) return { ...input, provider_id: null };
  const provider = await q.getCatalogItem(db, agencyId, 'providers', String(input.provider));
  if (!provider) {
    throw new AppError('unknown_provider', 400, 'catalog_unknown_provider', { field: 'provider', params: { code: String(input.provider) } });
  }
  return { ...input, provider_id: provider.id };
}

export async function createCatalogItem(db: Db, actor: Actor | null, agencyId: number, kind: CatalogKind, input: Values & { code: string }, requestId?: string) {
  return db.transaction(async (tx) => {
    if (await q.getCatalogItem(tx, agencyId, kind, input.code)) {
      throw new AppError('catalog_code_exists', 409, 'catalog_code_exists', { field: 'code', params: { code: input.code } });
    }
    await q.insertCatalogItem(tx, agencyId, kind, input.code, await toColumnValues(tx, agencyId, kind, input));
    const after = withoutId((await q.getCatalogItem(tx, agencyId, kind, input.code))!);
    await recordAudit(tx, { agencyId, actor, action: 'create', entity: ENTITY_OF_KIND[kind], entityId: input.code, after, requestId });
    return after;
  });
}

export async function updateCatalogItem(db: Db, actor: Actor | null, agencyId: number, kind: CatalogKind, code: string, input: Values, requestId?: string) {
  return db.transaction(async (tx) => {
    const before = await q.getCatalogItem(tx, agencyId, kind, code);
    if (!before) throw notFound(code);
    await q.updateCatalogItem(tx, agencyId, kind, code, await toColumnValues(tx, agencyId, kind, input));
    const after = withoutId((await q.getCatalogItem(tx, agencyId, kind, code))!);
    await recordAudit(tx, { agencyId, actor, action: 'update', entity: ENTITY_OF_KIND[kind], entityId: code, before: withoutId(before), after, requestId });
    return after;
  });
}

function inUse(code: string, usedBy: q.UsedBy[]) {
  const ar = usedBy.map((u) => USED_BY_LABELS[u].ar).join(' و');
  const en = usedBy.map((u) => USED_BY_LABELS[u].en).join(' and ');
  return new AppError('catalog_in_use', 409, 'catalog_in_use', { params: { code, used_ar: ar, used_en: en }, extra: { used_by: usedBy } });
}

/** Deletes an item nothing refers to; a service takes its stages and reasons with it. */
export async function deleteCatalogItem(db: Db, actor: Actor | null, agencyId: number, kind: CatalogKind, code: string, requestId?: string) {
  return db.transaction(async (tx) => {
    const before = await q.getCatalogItem(tx, agencyId, kind, code);
    if (!before) throw notFound(code);
    const usedBy = await q.findCatalogItemUses(tx, agencyId, kind, before.id);
    if (usedBy.length) throw inUse(code, usedBy);
    await q.deleteCatalogItem(tx, agencyId, kind, before.id);
    await recordAudit(tx, { agencyId, actor, action: 'delete', entity: ENTITY_OF_KIND[kind], entityId: code, before: withoutId(before), requestId });
  });
}

async function serviceOrFail(db: Db, agencyId: number, serviceCode: string) {
  const service = await q.getCatalogItem(db, agencyId, 'services', serviceCode);
  if (!service) throw notFound(serviceCode);
  return service;
}

export async function listServiceChildren(db: Db, agencyId: number, child: q.ChildKind, serviceCode: string) {
  const service = await serviceOrFail(db, agencyId, serviceCode);
  return (await q.listServiceChildren(db, agencyId, child, service.id)).map(withoutId);
}

/**
 * Replaces a service's stages (or reasons) with the given list. Rows keep their ids by code,
 * so interactions that point at a kept stage stay linked; removing one still in use is refused.
 */
export async function replaceServiceChildren(
  db: Db, actor: Actor | null, agencyId: number, child: q.ChildKind, serviceCode: string,
  items: (Values & { code: string })[], requestId?: string,
) {
  return db.transaction(async (tx) => {
    const service = await serviceOrFail(tx, agencyId, serviceCode);
    const before = await q.listServiceChildren(tx, agencyId, child, service.id);
    const keep = new Set(items.map((i) => i.code));
    const removed = before.filter((b) => !keep.has(b.code)).map((b) => b.id);
    const stillUsed = await q.findChildrenInUse(tx, agencyId, child, removed);
    if (stillUsed.length) throw inUse(stillUsed[0], ['interactions']);
    await q.deleteServiceChildren(tx, agencyId, child, removed);
    for (const item of items) await q.upsertServiceChild(tx, agencyId, child, service.id, item.code, item);
    const after = (await q.listServiceChildren(tx, agencyId, child, service.id)).map(withoutId);
    await recordAudit(tx, { agencyId, actor, action: 'update', entity: child, entityId: serviceCode, before: { items: before.map(withoutId) }, after: { items: after }, requestId });
    return after;
  });
}
