import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../../../test/harness.ts';
import { getAgencyBySlug } from '../../http/agency-scope.ts';
import type { AgencyRef } from '../../http/context.ts';
import { registerIngestHook, unregisterIngestHook, type InsertedInteraction, type StoredInteraction } from './ingest-hooks.ts';
import { COPY_MIN_ROWS, insertInteractionBatch } from './interactions.queries.ts';
import { importInteractionsFile } from './interactions.service.ts';
import { seedTestCatalog } from './test-catalog.ts';

// Batches of COPY_MIN_ROWS rows or more take the COPY path; these tests use 250–300 rows.
let t: TestContext;
let dir: string;
let agency: AgencyRef;
let cat: Awaited<ReturnType<typeof seedTestCatalog>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tajriba-bulk-'));
  t = await createTestContext({ TAJRIBA_DATA_DIR: dir });
  const { id } = await t.createAgency('bulk');
  cat = await seedTestCatalog(t.db, id);
  agency = (await getAgencyBySlug(t.db, 'bulk'))!;
});
afterAll(() => t.close());

const HEADER = 'external_id,source,beneficiary_id,service,channel,branch,started_at,ended_at,wait_seconds,outcome,attributes.note';
// Row n: id "b-n" (every 50th has a comma and a quote in it), minute n of 2024-05-01 09:00 Riyadh.
const externalId = (n: number) => (n % 50 === 0 ? `b-${n},"x"` : `b-${n}`);
const csvRow = (n: number) => {
  const id = externalId(n).includes(',') ? `"${externalId(n).replace(/"/g, '""')}"` : externalId(n);
  const hh = String(9 + Math.floor(n / 60)).padStart(2, '0');
  const mm = String(n % 60).padStart(2, '0');
  return `${id},${n % 2 ? 'portal' : ''},10000${n},work-permit,branch,${n % 3 ? 'ruh-1' : ''},2024-05-01T${hh}:${mm}:00,,${n % 4 ? n : ''},completed,${n % 5 ? '' : '"a, ""b"""'}`;
};
const fileOf = (name: string, from: number, to: number) => {
  const path = join(dir, name);
  writeFileSync(path, [HEADER, ...Array.from({ length: to - from + 1 }, (_, i) => csvRow(from + i))].join('\n') + '\n');
  return path;
};

describe('the COPY store path', () => {
  it('stores a 250-row batch exactly, hands hooks the stored ids, and counts an overlapping re-import as duplicates', async () => {
    expect(COPY_MIN_ROWS).toBeLessThanOrEqual(250);
    const seen: InsertedInteraction[] = [];
    registerIngestHook('test-bulk', async (_tx, _agency, inserted) => {
      seen.push(...inserted);
    });
    try {
      const first = await importInteractionsFile(t.services, agency, fileOf('first.csv', 1, 250));
      expect(first).toMatchObject({ status: 'done', accepted: 250, duplicates: 0, rejected: 0 });
      const stored = await t.db.query<{ id: number; external_id: string }>(
        `SELECT id, external_id FROM interactions WHERE agency_id = $1 ORDER BY id`, [agency.id],
      );
      expect(stored).toHaveLength(250);
      expect(seen.map((r) => [r.id, r.external_id])).toEqual(stored.map((r) => [r.id, r.external_id]));

      seen.length = 0;
      // Rows 201–300: 201–250 exist already (50 duplicates), 251–300 are new.
      const second = await importInteractionsFile(t.services, agency, fileOf('second.csv', 201, 300));
      expect(second).toMatchObject({ status: 'done', accepted: 50, duplicates: 50, drop_reasons: { duplicate: 50 } });
      expect(seen.map((r) => r.external_id)).toEqual(Array.from({ length: 50 }, (_, i) => externalId(251 + i)));
    } finally {
      unregisterIngestHook('test-bulk');
    }
  });

  it('writes every field as given: quoted text, empty and null values, sources, local times', async () => {
    const rows = await t.db.query<Record<string, unknown>>(
      `SELECT external_id, source, branch_id, provider_id, wait_seconds, ended_at, attributes, started_at, import_id IS NOT NULL AS has_import
         FROM interactions WHERE agency_id = $1 AND external_id IN ('b-5', 'b-6', 'b-50,"x"')`, [agency.id],
    );
    const by = Object.fromEntries(rows.map((r) => [r.external_id, r]));
    // b-5: odd → portal source, 5 % 3 ≠ 0 → branch, 5 % 4 ≠ 0 → wait 5, 5 % 5 = 0 → note; 09:05 Riyadh = 06:05Z.
    expect(by['b-5']).toMatchObject({ source: 'portal', branch_id: cat.branch, provider_id: null, wait_seconds: 5, ended_at: null, attributes: { note: 'a, "b"' }, has_import: true });
    expect(new Date(by['b-5'].started_at as string).toISOString()).toBe('2024-05-01T06:05:00.000Z');
    // b-6: even → default source csv, 6 % 3 = 0 → no branch, no note.
    expect(by['b-6']).toMatchObject({ source: 'csv', branch_id: null, wait_seconds: 6, attributes: null });
    // b-50,"x": even, 50 % 4 ≠ 0 → wait 50; minute 50 of hour 09.
    expect(by['b-50,"x"']).toMatchObject({ source: 'csv', wait_seconds: 50, attributes: { note: 'a, "b"' } });
    expect(new Date(by['b-50,"x"'].started_at as string).toISOString()).toBe('2024-05-01T06:50:00.000Z');
  });

  it('falls back to ON CONFLICT DO NOTHING when the COPY hits the unique key (a repeat inside the batch)', async () => {
    const row = (id: string): StoredInteraction => ({
      source: 'direct', external_id: id, beneficiary_pid: 'p', service_id: cat.service, channel_id: cat.channel, branch_id: null,
      provider_id: null, stage_id: null, reason_id: null, employee_pid: null, started_at: new Date('2024-05-01T06:00:00Z'),
      ended_at: null, wait_seconds: null, outcome: 'completed', attributes: null,
    });
    const rows = Array.from({ length: 150 }, (_, i) => row(`d-${i + 1}`));
    rows.push(row('d-7')); // the probe cannot see it, so the COPY fails on the unique key
    const result = await t.db.transaction((tx) => insertInteractionBatch(tx, agency.id, rows));
    expect(result.count).toBe(150);
    expect(result.inserted.map((r) => r.external_id)).toEqual(rows.slice(0, 150).map((r) => r.external_id));
    const [{ n }] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM interactions WHERE agency_id = $1 AND source = 'direct'`, [agency.id]);
    expect(n).toBe(150);
    // The transaction stays usable after the failed COPY: a second call counts all as existing.
    const again = await t.db.transaction((tx) => insertInteractionBatch(tx, agency.id, rows, null, { withRows: false }));
    expect(again.count).toBe(0);
  });
});
