import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Auth, type TestContext } from '../../../../../test/harness.ts';
import { getAgencyBySlug } from '../../http/agency-scope.ts';
import type { AgencyRef } from '../../http/context.ts';
import { drainJobs } from '../../jobs/jobs.ts';
import { registerIngestHook, unregisterIngestHook } from './ingest-hooks.ts';
import { importInteractionsFile, type FileImportOptions } from './interactions.service.ts';
import { seedTestCatalog } from './test-catalog.ts';

let t: TestContext;
let dataDir: string;
const agencies: Record<string, AgencyRef> = {};
let keyA: Auth;
let keyB: Auth;

const HEADER = 'external_id,beneficiary_id,service,channel,started_at,outcome';
const line = (id: string, over: { service?: string; outcome?: string } = {}) =>
  `${id},1012345678,${over.service ?? 'work-permit'},branch,2024-05-01T09:00:00,${over.outcome ?? 'completed'}`;
const file = (name: string, content: string | Buffer) => {
  const path = join(dataDir, name);
  writeFileSync(path, content);
  return path;
};
const importFile = (slug: string, path: string, o: FileImportOptions = {}) => importInteractionsFile(t.services, agencies[slug], path, o);
const count = async (slug: string, like = '%') =>
  (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM interactions WHERE agency_id = $1 AND external_id LIKE $2`, [agencies[slug].id, like]))[0].n;
const errorOf = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (e) => e as { code: string; details: { field?: string } });

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'tajriba-import-'));
  t = await createTestContext({ TAJRIBA_DATA_DIR: dataDir });
  for (const slug of ['alpha', 'beta', 'gamma']) {
    const { id } = await t.createAgency(slug);
    await seedTestCatalog(t.db, id);
    agencies[slug] = (await getAgencyBySlug(t.db, slug))!;
  }
  keyA = await t.createApiKey(agencies.alpha.id, 'supervisor');
  keyB = await t.createApiKey(agencies.beta.id, 'supervisor');
});
afterAll(() => t.close());

describe('CSV reading', () => {
  it('reads UTF-8 with a BOM, CRLF, quoted Arabic, an attributes column and attributes.* columns', async () => {
    const csv = '\uFEFF' + [
      `${HEADER},attributes,attributes.queue,attributes.note,comment`,
      `${line('bom-1')},"{""lang"":""ar""}",Q7,"مرحباً، أهلاً",ignored`,
      `${line('bom-2')},,,,`,
    ].join('\r\n') + '\r\n';
    const run = await importFile('alpha', file('bom.csv', csv));
    expect(run).toMatchObject({ status: 'done', accepted: 2, rejected: 0, rows_committed: 2 });
    const rows = await t.db.query<{ external_id: string; attributes: unknown }>(
      `SELECT external_id, attributes FROM interactions WHERE agency_id = $1 AND external_id LIKE 'bom-%' ORDER BY external_id`, [agencies.alpha.id],
    );
    expect(rows).toEqual([
      { external_id: 'bom-1', attributes: { lang: 'ar', queue: 'Q7', note: 'مرحباً، أهلاً' } },
      { external_id: 'bom-2', attributes: null },
    ]);
  });

  it('numbers row errors from 1 = first row after the header', async () => {
    // Row 2 fails in the resolve step, row 3 earlier in validate: errors still come in row order.
    const csv = [HEADER, line('rn-1'), line('rn-2', { service: 'nope' }), line('rn-3', { outcome: 'closed' })].join('\n');
    const run = await importFile('alpha', file('rows.csv', csv));
    expect(run).toMatchObject({ accepted: 1, rejected: 2, drop_reasons: { invalid_outcome: 1, unknown_service: 1 } });
    expect(run.errors.map((e) => [e.row, e.code])).toEqual([[2, 'unknown_service'], [3, 'invalid_outcome']]);
  });

  it('rejects a Windows-1256 file with a clear message and stores nothing', async () => {
    const csv = [HEADER, `w-1,1012345678,work-permit,branch,2024-05-01T09:00:00,completed`, 'w-2,محمد عبدالله,work-permit,branch,2024-05-01T09:00:00,completed'].join('\n');
    const bytes = iconv.encode(csv, 'windows-1256');
    expect(bytes.includes(Buffer.from('محمد'))).toBe(false); // really not UTF-8
    const err = await errorOf(importFile('alpha', file('cp1256.csv', bytes)));
    expect(err.code).toBe('encoding_windows_1256');
    expect((err as unknown as { localized: { en: string; ar: string } }).localized.en).toContain('Re-save it as UTF-8');
    expect(await count('alpha', 'w-%')).toBe(0);
  });

  it('rejects other non-UTF-8 bytes, empty files, header-only files and missing columns', async () => {
    const latin1 = Buffer.from(`${HEADER}\nl-1,Café résumé,work-permit,branch,2024-05-01T09:00:00,completed\n`, 'latin1');
    expect((await errorOf(importFile('alpha', file('latin1.csv', latin1)))).code).toBe('invalid_encoding');
    expect((await errorOf(importFile('alpha', file('empty.csv', '')))).code).toBe('empty_file');
    expect((await errorOf(importFile('alpha', file('bom-only.csv', '\uFEFF\n')))).code).toBe('empty_file');
    const headerOnly = await errorOf(importFile('alpha', file('header.csv', `${HEADER}\n`)));
    expect(headerOnly.code).toBe('empty_file');
    const missing = await errorOf(importFile('alpha', file('missing.csv', 'external_id,beneficiary_id,service,channel,started_at\nm-1,1,work-permit,branch,2024-05-01T09:00:00\n')));
    expect(missing).toMatchObject({ code: 'missing_column', details: { field: 'outcome' } });
    const failed = await t.db.query<{ status: string; errors: { code: string; row: number }[] }>(
      `SELECT status, errors FROM import_runs WHERE agency_id = $1 AND file_name = 'missing.csv'`, [agencies.alpha.id],
    );
    expect(failed).toEqual([{ status: 'failed', errors: [expect.objectContaining({ row: 0, code: 'missing_column' })] }]);
  });
});

describe('resumable imports', () => {
  // 23 rows: row 7 has a bad outcome, row 12 an unknown service, row 18 repeats f-3 (a later
  // batch, so a duplicate): 20 accepted, 1 duplicate, 2 rejected.
  const rows = Array.from({ length: 23 }, (_, i) => {
    const n = i + 1;
    if (n === 7) return line(`f-${n}`, { outcome: 'closed' });
    if (n === 12) return line(`f-${n}`, { service: 'nope' });
    return line(n === 18 ? 'f-3' : `f-${n}`);
  });
  const csv = [HEADER, ...rows].join('\n') + '\n';
  const expected = { accepted: 20, duplicates: 1, rejected: 2, rows_committed: 23, status: 'done' };

  it('imports cleanly in one go', async () => {
    const run = await importFile('gamma', file('clean.csv', csv), { batchSize: 5 });
    expect(run).toMatchObject(expected);
    expect(await count('gamma', 'f-%')).toBe(20);
  });

  it('resumes after a crash between batches and ends with exactly the clean import', async () => {
    const path = file('crash.csv', csv);
    const crash = (k: number) => (no: number) => {
      if (no === k) throw new Error('simulated crash');
    };
    await expect(importFile('alpha', path, { batchSize: 5, afterBatchCommitted: crash(2) })).rejects.toThrow('simulated crash');
    const [mid] = await t.db.query<{ status: string; rows_committed: number; accepted: number }>(
      `SELECT status, rows_committed, accepted FROM import_runs WHERE agency_id = $1 AND file_name = 'crash.csv'`, [agencies.alpha.id],
    );
    expect(mid).toEqual({ status: 'running', rows_committed: 10, accepted: 9 }); // rows 1–10 minus row 7
    expect(await count('alpha', 'f-%')).toBe(9);

    const run = await importFile('alpha', path, { batchSize: 5 });
    expect(run).toMatchObject(expected);
    expect(run.errors.map((e) => e.row)).toEqual([7, 12]);
    expect(await count('alpha', 'f-%')).toBe(20);
    const runs = await t.db.query(`SELECT id FROM import_runs WHERE agency_id = $1 AND file_name = 'crash.csv'`, [agencies.alpha.id]);
    expect(runs).toHaveLength(1); // the rerun continued the same run
  });

  it('rolls back a batch that fails inside its transaction, then resumes it', async () => {
    const path = file('crash2.csv', csv);
    let calls = 0;
    registerIngestHook('test-crash', async () => {
      if (++calls === 3) throw new Error('crash inside batch 3');
    });
    try {
      await expect(importFile('beta', path, { batchSize: 5 })).rejects.toThrow('crash inside batch 3');
    } finally {
      unregisterIngestHook('test-crash');
    }
    expect(await count('beta', 'f-%')).toBe(9); // batches 1–2 only: batch 3's rows were rolled back
    expect(await importFile('beta', path, { batchSize: 5 })).toMatchObject(expected);
    expect(await count('beta', 'f-%')).toBe(20);
  });

  it('counts every row as a duplicate when a finished file is imported again', async () => {
    const run = await importFile('gamma', file('clean.csv', csv), { batchSize: 5 });
    expect(run).toMatchObject({ status: 'done', accepted: 0, duplicates: 21, rejected: 2 });
    expect(await count('gamma', 'f-%')).toBe(20);
  });
});

describe('upload endpoint and job', () => {
  const upload = (body: string | Buffer, auth: Auth = keyA, type = 'text/csv', query = '') =>
    t.request('POST', `/api/v1/imports/interactions?file_name=visits.csv${query}`, { raw: body as BodyInit, auth, headers: { 'content-type': type } });

  it('saves the file, queues a job that imports it, reports status, then deletes the file', async () => {
    const csv = [HEADER, line('up-1'), line('up-2'), line('up-3', { outcome: '' })].join('\n');
    const res = await upload(csv);
    expect(res.status).toBe(202);
    const id = res.body.import_id as number;
    expect((await t.request('GET', `/api/v1/imports/${id}`, { auth: keyA })).body).toMatchObject({ status: 'queued', total_rows: 3, file_name: 'visits.csv' });
    expect(readdirSync(join(dataDir, 'uploads'))).toHaveLength(1);

    await drainJobs(t.services);
    const done = await t.request('GET', `/api/v1/imports/${id}`, { auth: keyA });
    expect(done.body).toMatchObject({ import_id: id, status: 'done', rows_committed: 3, accepted: 2, duplicates: 0, rejected: 1, drop_reasons: { missing_field: 1 } });
    expect(done.body.errors).toEqual([expect.objectContaining({ row: 3, field: 'outcome', code: 'missing_field' })]);
    expect(readdirSync(join(dataDir, 'uploads'))).toHaveLength(0);
    const list = await t.request('GET', '/api/v1/imports', { auth: keyA });
    expect(list.body.items[0]).toMatchObject({ import_id: id, status: 'done', accepted: 2, errors: [] });
  });

  it('refuses a Windows-1256 upload at once, and a body that is not CSV', async () => {
    const bytes = iconv.encode(`${HEADER}\nu-1,محمد,work-permit,branch,2024-05-01T09:00:00,completed\n`, 'windows-1256');
    const res = await upload(bytes);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'encoding_windows_1256', field: 'file' });
    expect(res.body.error.message_ar).toContain('UTF-8');
    expect(readdirSync(join(dataDir, 'uploads'))).toHaveLength(0);
    expect((await upload('{"a":1}', keyA, 'application/json')).status).toBe(415);
  });

  it("keeps each agency's imports to itself", async () => {
    const res = await upload([HEADER, line('iso-1')].join('\n'));
    const id = res.body.import_id as number;
    expect((await t.request('GET', `/api/v1/imports/${id}`, { auth: keyB })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/imports/${id}?agency=alpha`, { auth: keyB })).status).toBe(404);
    const listB = await t.request('GET', '/api/v1/imports', { auth: keyB });
    expect(listB.body.items.map((r: { import_id: number }) => r.import_id)).not.toContain(id);
    expect((await upload([HEADER, line('iso-2')].join('\n'), keyA, 'text/csv', '&agency=beta')).status).toBe(404);
    await drainJobs(t.services);
    expect(existsSync(join(dataDir, 'uploads'))).toBe(true);
  });
});
