import type { Db } from '../../db/db.ts';
import { getAgencyById, getAgencyBySlug } from '../../http/agency-scope.ts';
import type { AgencyRef, Services } from '../../http/context.ts';
import { pseudonymizer } from '../../lib/pseudonym.ts';
import { createRng } from '../../lib/random.ts';
import { createAgency } from '../access/access.service.ts';
import { createCatalogItem, replaceServiceChildren } from '../catalog/catalog.service.ts';
import { getCatalogCodes, insertInteractionBatch } from '../interactions/interactions.queries.ts';
import { DEMO_AGENCY, DEMO_BRANCHES, DEMO_CHANNELS, DEMO_PROVIDERS, DEMO_SERVICES, DEMO_SLUG } from './demo-catalog.ts';
import { runDemoExtensions } from './demo-extensions.ts';
import { demoWindow, generateDemoInteractions, type DemoInteraction, type ResolvedCatalog } from './demo-generator.ts';
import { deleteAgencyWithData } from './demo.queries.ts';
import './demo-registry.ts';

export const DEFAULT_DEMO_SEED = 42;

export interface DemoOptions {
  days: number;
  seed?: number;
  /** End of the generated period; defaults to now. */
  now?: Date;
}

export interface DemoSummary {
  agencyId: number;
  interactions: number;
  seconds: number;
  /** Seconds spent in each registered extension (included in `seconds`). */
  extensionSeconds: Record<string, number>;
}

/** Creates the demo agency unless it exists (fast no-op then). Returns null when nothing was created. */
export async function ensureDemoAgency(services: Services, opts: DemoOptions): Promise<DemoSummary | null> {
  if (await getAgencyBySlug(services.db, DEMO_SLUG)) return null;
  try {
    const summary = await createDemoAgency(services, opts);
    if (services.config.LOG_LEVEL !== 'silent') console.log(describeDemoSummary(summary));
    return summary;
  } catch (e) {
    // Another process (a second replica on the same PostgreSQL) created it first.
    if ((e as { code?: string }).code === '23505' && (await getAgencyBySlug(services.db, DEMO_SLUG))) return null;
    throw e;
  }
}

/** Deletes the demo agency with all its data (if any) and builds it again. */
export async function rebuildDemoAgency(services: Services, opts: DemoOptions): Promise<DemoSummary> {
  const existing = await getAgencyBySlug(services.db, DEMO_SLUG);
  if (existing) await deleteAgencyWithData(services.db, existing.id);
  return createDemoAgency(services, opts);
}

export const describeDemoSummary = (s: DemoSummary) =>
  `  Demo agency "${DEMO_SLUG}": ${s.interactions.toLocaleString('en')} interactions in ${s.seconds.toFixed(1)} s / الجهة التجريبية: ${s.interactions} تفاعلًا خلال ${s.seconds.toFixed(1)} ثانية`;

/**
 * Agency, catalog, interactions and every registered extension in ONE transaction: a crash
 * half-way leaves no demo agency, so the next start simply builds it again.
 */
async function createDemoAgency(services: Services, opts: DemoOptions): Promise<DemoSummary> {
  const t0 = performance.now();
  const seed = opts.seed ?? DEFAULT_DEMO_SEED;
  const window = demoWindow(opts.now ?? new Date(), opts.days);
  return services.db.transaction(async (tx) => {
    const created = await createAgency(tx, null, DEMO_AGENCY);
    const agency = (await getAgencyById(tx, created.id))!;
    await createDemoCatalog(tx, agency.id);
    const catalog = await resolveDemoCatalog(tx, agency.id);
    const rng = createRng(seed);
    let interactions = 0;
    const batches = generateDemoInteractions({
      rng, seed, days: opts.days, to: window.to, catalog,
      pseudonymize: pseudonymizer(services.secrets.pseudonymKey, agency.id),
    });
    // The next batch is generated while the database stores the previous one (overlaps on PostgreSQL).
    let storing: Promise<number> | null = null;
    for (const batch of batches) {
      if (storing) interactions += await storing;
      storing = storeDemoBatch(tx, agency, batch);
    }
    if (storing) interactions += await storing;
    const extensionSeconds = await runDemoExtensions({ ...services, db: tx }, agency, { rng, seed, days: opts.days, ...window });
    return { agencyId: agency.id, interactions, seconds: (performance.now() - t0) / 1000, extensionSeconds };
  });
}

/**
 * Stored through the ingestion path's own bulk insert. Ingest hooks are not run: what they
 * derive is built once, whole, by the demo extensions (the journeys extension rebuilds journeys
 * and rollups; no survey exists yet to invite anyone), and reading back ids for them cost ~3 s.
 */
async function storeDemoBatch(tx: Db, agency: AgencyRef, rows: DemoInteraction[]) {
  const { count } = await insertInteractionBatch(tx, agency.id, rows, null, { withRows: false });
  return count;
}

async function createDemoCatalog(db: Db, agencyId: number) {
  for (const { weight: _w, waitMedianMin: _m, failFactor: _f, counters: _c, ...b } of DEMO_BRANCHES) {
    await createCatalogItem(db, null, agencyId, 'branches', b);
  }
  for (const c of DEMO_CHANNELS) await createCatalogItem(db, null, agencyId, 'channels', c);
  for (const { failFactor: _f, waitFactor: _w, ...p } of DEMO_PROVIDERS) await createCatalogItem(db, null, agencyId, 'providers', p);
  for (const { stages, reasons, dailyJourneys: _d, digitalShare: _s, ...svc } of DEMO_SERVICES) {
    await createCatalogItem(db, null, agencyId, 'services', svc);
    await replaceServiceChildren(db, null, agencyId, 'stages', svc.code, stages);
    await replaceServiceChildren(db, null, agencyId, 'reasons', svc.code, reasons.map(({ weight: _w, ...r }) => r));
  }
}

/** The generator's view of the catalog: database ids next to the demo definitions. */
async function resolveDemoCatalog(db: Db, agencyId: number): Promise<ResolvedCatalog> {
  const codes = await getCatalogCodes(db, agencyId);
  const idOf = (list: { id: number; code: string }[], code: string) => list.find((x) => x.code === code)!.id;
  const inHouse = idOf(codes.providers, DEMO_PROVIDERS[0].code);
  const thirdParty = DEMO_PROVIDERS[1];
  return {
    channels: {
      branch: idOf(codes.channels, 'branch_visit'),
      voice: idOf(codes.channels, 'contact_centre'),
      web: idOf(codes.channels, 'web_portal'),
      app: idOf(codes.channels, 'mobile_app'),
    },
    branches: DEMO_BRANCHES.map((def) => ({ id: idOf(codes.branches, def.code), def })),
    services: DEMO_SERVICES.map((def) => {
      const id = idOf(codes.services, def.code);
      const children = (list: { id: number; service_id: number; code: string }[], wanted: { code: string }[]) =>
        wanted.map((w) => idOf(list.filter((x) => x.service_id === id), w.code));
      return {
        id, def,
        providerId: def.provider ? idOf(codes.providers, def.provider) : inHouse,
        outsourced: def.provider !== null,
        stageIds: children(codes.stages, [...def.stages].sort((a, b) => a.position - b.position)),
        reasonIds: children(codes.reasons, def.reasons),
      };
    }),
    provider: { failFactor: thirdParty.failFactor, waitFactor: thirdParty.waitFactor },
  };
}
