import type { CatalogDocument, CatalogKind, CatalogRowType, ImportSummary, RowError } from '@tajriba/contracts';
import type { Db } from '../../db/db.ts';
import type { Actor } from '../../http/context.ts';
import { recordAudit } from '../audit/audit.ts';
import {
  catalogDocumentToRows, checkCatalogRows, flattenCatalogJson, parseCatalogCsv, rowKey, validateRow,
  type CatalogFile, type ParsedRow,
} from './catalog-file.ts';
import * as q from './catalog.queries.ts';
import { withoutId } from './catalog.service.ts';

/** The agency's whole catalog, each list ordered by code (stages by position). */
export async function exportCatalog(db: Db, agencyId: number): Promise<CatalogDocument> {
  // One after another: inside a transaction all queries share one connection.
  const providers = await q.listCatalogItems(db, agencyId, 'providers');
  const branches = await q.listCatalogItems(db, agencyId, 'branches');
  const channels = await q.listCatalogItems(db, agencyId, 'channels');
  const services = await q.listCatalogItems(db, agencyId, 'services');
  const stages = await q.listAllServiceChildren(db, agencyId, 'stages');
  const reasons = await q.listAllServiceChildren(db, agencyId, 'reasons');
  const childrenOf = (rows: typeof stages, code: string) =>
    rows.filter((r) => r.service === code).map(({ id: _i, service: _s, ...rest }) => rest);
  return {
    providers: providers.map(withoutId),
    branches: branches.map(withoutId),
    channels: channels.map(withoutId),
    services: services.map(({ id: _i, stage_count: _sc, reason_count: _rc, ...s }) => ({
      ...s, stages: childrenOf(stages, s.code as string), reasons: childrenOf(reasons, s.code as string),
    })),
  } as CatalogDocument;
}

const TYPE_KIND: Record<'provider' | 'branch' | 'channel' | 'service', CatalogKind> = {
  provider: 'providers', branch: 'branches', channel: 'channels', service: 'services',
};

/**
 * Upserts every row of a catalog file by code, parents before children, in one transaction:
 * any row error and nothing is written. Rows identical to what is stored count as duplicates.
 */
export async function importCatalog(db: Db, actor: Actor | null, agencyId: number, file: CatalogFile, requestId?: string): Promise<ImportSummary> {
  const source = file.format === 'csv' ? parseCatalogCsv(file.text) : flattenCatalogJson(file.doc);
  const errors: RowError[] = [...source.errors];
  const parsed: ParsedRow[] = [];
  for (const src of source.rows) {
    const v = validateRow(src);
    errors.push(...v.errors);
    if (v.parsed) parsed.push(v.parsed);
  }
  const paths = new Map(source.rows.map((r) => [r.row, r.path]));
  const fieldOf = (r: ParsedRow, f: string) => (paths.get(r.row) ? `${paths.get(r.row)}.${f}` : f);

  return db.transaction(async (tx) => {
    const existing = {
      providers: new Set((await q.getCatalogIdsByCode(tx, agencyId, 'providers')).keys()),
      services: new Set((await q.getCatalogIdsByCode(tx, agencyId, 'services')).keys()),
    };
    errors.push(...checkCatalogRows(parsed, existing, fieldOf));
    if (errors.length) {
      errors.sort((a, b) => a.row - b.row);
      return { status: 'failed', accepted: 0, created: 0, updated: 0, duplicates: 0, rejected: new Set(errors.map((e) => e.row)).size, errors };
    }
    const snapshot = new Map(
      catalogDocumentToRows(await exportCatalog(tx, agencyId)).map((r) => [rowKey(r.type, r.code!, r.service), r]),
    );
    const changes = await upsertRows(tx, agencyId, parsed);
    const created = changes.filter((c) => c.inserted);
    const updated = changes.filter((c) => !c.inserted);
    if (changes.length) {
      await recordAudit(tx, {
        agencyId, actor, action: 'import', entity: 'catalog', requestId,
        before: Object.fromEntries(updated.map((c) => [c.key, snapshot.get(c.key)])),
        after: Object.fromEntries(changes.map((c) => [c.key, c.data])),
      });
    }
    return {
      status: 'done', accepted: parsed.length, created: created.length, updated: updated.length,
      duplicates: parsed.length - changes.length, rejected: 0, errors: [],
    };
  });
}

async function upsertRows(tx: Db, agencyId: number, rows: ParsedRow[]) {
  const changes: { key: string; inserted: boolean; data: Record<string, unknown> }[] = [];
  const byType = (t: CatalogRowType) => rows.filter((r) => r.type === t);
  for (const type of ['provider', 'branch', 'channel'] as const) {
    for (const r of byType(type)) {
      const res = await q.upsertCatalogItem(tx, agencyId, TYPE_KIND[type], r.data.code, r.data);
      if (res) changes.push({ key: r.key, inserted: res.inserted, data: r.data });
    }
  }
  // Ids are looked up after the parents are written, so rows may refer to parents new in this file.
  const providerIds = await q.getCatalogIdsByCode(tx, agencyId, 'providers');
  for (const r of byType('service')) {
    const provider_id = r.data.provider ? providerIds.get(r.data.provider as string) : null;
    const res = await q.upsertCatalogItem(tx, agencyId, 'services', r.data.code, { ...r.data, provider_id });
    if (res) changes.push({ key: r.key, inserted: res.inserted, data: r.data });
  }
  const serviceIds = await q.getCatalogIdsByCode(tx, agencyId, 'services');
  for (const type of ['stage', 'reason'] as const) {
    for (const r of byType(type)) {
      const child = type === 'stage' ? 'stages' : 'reasons';
      const res = await q.upsertServiceChild(tx, agencyId, child, serviceIds.get(r.data.service!)!, r.data.code, r.data);
      if (res) changes.push({ key: r.key, inserted: res.inserted, data: r.data });
    }
  }
  return changes;
}
