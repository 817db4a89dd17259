import type { Db } from '../../db/db.ts';
import type { Actor } from '../../http/context.ts';
import { recordAudit } from '../audit/audit.ts';
import type { IngestTally, Problem, WorkRow } from './interactions.pipeline.ts';
import * as q from './interactions.queries.ts';

export type ChannelCategory = 'traditional' | 'voice' | 'digital';

/**
 * Category of a channel created by --create-missing, guessed from its code: call/phone/ivr/voice
 * → voice; web/app/portal/online/digital → digital; anything else (branch, counter…) → traditional.
 */
export function inferChannelCategory(code: string): ChannelCategory {
  const c = code.toLowerCase();
  if (/call|phone|ivr|voice/.test(c)) return 'voice';
  if (/web|app|portal|online|digital/.test(c)) return 'digital';
  return 'traditional';
}

const ENTITY = { services: 'service', branches: 'branch', providers: 'provider' } as const;
const key = (serviceId: number, code: string) => `${serviceId}\u0000${code}`;

/** Step "resolve": catalog codes → ids from an in-memory index, optionally creating missing codes. */
export class CatalogResolver {
  private services = new Map<string, number>();
  private channels = new Map<string, number>();
  private branches = new Map<string, number>();
  private providers = new Map<string, number>();
  private stages = new Map<string, number>();
  private reasons = new Map<string, number>();

  private constructor(
    private readonly agencyId: number,
    private readonly createMissing: boolean,
    private readonly actor: Actor | null,
  ) {}

  static async load(db: Db, agencyId: number, opts: { createMissing: boolean; actor: Actor | null }) {
    const r = new CatalogResolver(agencyId, opts.createMissing, opts.actor);
    const c = await q.getCatalogCodes(db, agencyId);
    for (const s of c.services) r.services.set(s.code, s.id);
    for (const s of c.channels) r.channels.set(s.code, s.id);
    for (const s of c.branches) r.branches.set(s.code, s.id);
    for (const s of c.providers) r.providers.set(s.code, s.id);
    for (const s of c.stages) r.stages.set(key(s.service_id, s.code), s.id);
    for (const s of c.reasons) r.reasons.set(key(s.service_id, s.code), s.id);
    return r;
  }

  /** Resolves every row in place; unknown codes drop the row (all of its unknown codes reported). */
  async resolveBatch(tx: Db, rows: WorkRow[], tally: IngestTally): Promise<WorkRow[]> {
    const out: WorkRow[] = [];
    for (const r of rows) {
      const problems: Problem[] = [];
      const unknown = (code: Problem['code'], field: string, value: string) => problems.push({ code, field, params: { value } });
      const service = this.services.get(r.service) ?? (this.createMissing ? await this.create(tx, 'services', r.service) : undefined);
      const channel = this.channels.get(r.channel) ?? (this.createMissing ? await this.createChannel(tx, r.channel) : undefined);
      if (service === undefined) unknown('unknown_service', 'service', r.service);
      if (channel === undefined) unknown('unknown_channel', 'channel', r.channel);
      r.branch_id = r.branch === '' ? null : (this.branches.get(r.branch) ?? (this.createMissing ? await this.create(tx, 'branches', r.branch) : null));
      if (r.branch !== '' && r.branch_id === null) unknown('unknown_branch', 'branch', r.branch);
      r.provider_id = r.provider === '' ? null : (this.providers.get(r.provider) ?? (this.createMissing ? await this.create(tx, 'providers', r.provider) : null));
      if (r.provider !== '' && r.provider_id === null) unknown('unknown_provider', 'provider', r.provider);
      // Stages and reasons belong to a service: only checked once the service is known.
      if (service !== undefined) {
        r.stage_id = r.stage === '' ? null : (this.stages.get(key(service, r.stage)) ?? (this.createMissing ? await this.createPerService(tx, 'stage', service, r.stage) : null));
        if (r.stage !== '' && r.stage_id === null) unknown('unknown_stage', 'stage', r.stage);
        r.reason_id = r.reason === '' ? null : (this.reasons.get(key(service, r.reason)) ?? (this.createMissing ? await this.createPerService(tx, 'reason', service, r.reason) : null));
        if (r.reason !== '' && r.reason_id === null) unknown('unknown_reason', 'reason', r.reason);
      }
      if (problems.length) {
        tally.drop(r.row, problems);
        continue;
      }
      r.service_id = service!;
      r.channel_id = channel!;
      out.push(r);
    }
    return out;
  }

  private async audit(tx: Db, entity: string, id: number, after: Record<string, unknown>) {
    await recordAudit(tx, { agencyId: this.agencyId, actor: this.actor, action: 'create', entity, entityId: id, after: { ...after, created_by: 'import --create-missing' } });
  }

  private async create(tx: Db, table: 'services' | 'branches' | 'providers', code: string) {
    const id = await q.upsertNamedByCode(tx, this.agencyId, table, code);
    ({ services: this.services, branches: this.branches, providers: this.providers })[table].set(code, id);
    await this.audit(tx, ENTITY[table], id, { code });
    return id;
  }

  private async createChannel(tx: Db, code: string) {
    const category = inferChannelCategory(code);
    const id = await q.upsertChannelByCode(tx, this.agencyId, code, category);
    this.channels.set(code, id);
    await this.audit(tx, 'channel', id, { code, category });
    return id;
  }

  private async createPerService(tx: Db, kind: 'stage' | 'reason', serviceId: number, code: string) {
    const id = kind === 'stage'
      ? await q.upsertStageByCode(tx, this.agencyId, serviceId, code)
      : await q.upsertReasonByCode(tx, this.agencyId, serviceId, code);
    (kind === 'stage' ? this.stages : this.reasons).set(key(serviceId, code), id);
    await this.audit(tx, kind, id, { code, service_id: serviceId });
    return id;
  }
}
