import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Auth, type TestContext } from '../../../../../test/harness.ts';

let t: TestContext;
let a: { id: number };
let admin: Auth;

beforeAll(async () => {
  t = await createTestContext();
  a = await t.createAgency('alpha');
  await t.createAgency('beta');
  await t.createAgency('gamma');
  admin = await t.createUser('root@x.sa', [], true);
});
afterAll(() => t.close());

const HEADER = 'type,code,name_ar,name_en,city,region,category,kind,department_ar,department_en,provider,service,position,action_ar,action_en';
const BOM = [0xef, 0xbb, 0xbf];

const importFile = (slug: string, raw: BodyInit, contentType = 'text/csv') =>
  t.request('POST', `/api/v1/catalog/import?agency=${slug}`, { auth: admin, raw, headers: { 'content-type': contentType } });
async function exportBytes(slug: string) {
  const res = await t.app.request(`/api/v1/catalog/export?agency=${slug}&format=csv`, {
    headers: { cookie: (admin as { cookie: string }).cookie },
  });
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  return new Uint8Array(await res.arrayBuffer());
}
const csv = (...lines: string[]) => [HEADER, ...lines].join('\n') + '\n';

// Written by hand: every type, Arabic text, a comma, quotes and a line break inside cells.
const SAMPLE = csv(
  'service,S2,"خدمة ""مميزة""، سريعة",Premium service,,,,,إدارة ب,Dept B,VEND,,,,',
  'provider,VEND,شركة الخدمات,Services Co,,,,third_party,,,,,,,',
  'branch,RUH,فرع الرياض,Riyadh,الرياض,الوسطى,,,,,,,,,',
  'channel,call,الاتصال,Call centre,,,voice,,,,,,,,',
  'stage,visit,الزيارة,Visit,,,,,,,,S2,2,,',
  'stage,book,الحجز,Booking,,,,,,,,S2,1,,',
  'reason,late,تأخر الطلب,Late request,,,,,,,,S2,,"اعتذر للمستفيد\nوصعّد الطلب","Apologise, escalate"',
  'service,S1,خدمة أ,Service A,,,,,,,,,,,',
);

describe('catalog import and export', () => {
  it('imports every type in dependency order, whatever the row order', async () => {
    const res = await importFile('alpha', SAMPLE);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'done', accepted: 8, created: 8, updated: 0, duplicates: 0, rejected: 0, errors: [] });
    const services = await t.request('GET', '/api/v1/catalog/services?agency=alpha', { auth: admin });
    expect(services.body.items).toEqual([
      { code: 'S1', name_ar: 'خدمة أ', name_en: 'Service A', department_ar: '', department_en: '', provider: null, stage_count: 0, reason_count: 0 },
      { code: 'S2', name_ar: 'خدمة "مميزة"، سريعة', name_en: 'Premium service', department_ar: 'إدارة ب', department_en: 'Dept B', provider: 'VEND', stage_count: 2, reason_count: 1 },
    ]);
    const reasons = await t.request('GET', '/api/v1/catalog/services/S2/reasons?agency=alpha', { auth: admin });
    expect(reasons.body.items[0].action_ar).toBe('اعتذر للمستفيد\nوصعّد الطلب');
  });

  it('exports UTF-8 with a BOM in a fixed order that a person can predict', async () => {
    const bytes = await exportBytes('alpha');
    expect([...bytes.slice(0, 3)]).toEqual(BOM);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.slice(3));
    expect(text.split('\r\n')).toEqual([
      HEADER,
      'provider,VEND,شركة الخدمات,Services Co,,,,third_party,,,,,,,',
      'branch,RUH,فرع الرياض,Riyadh,الرياض,الوسطى,,,,,,,,,',
      'channel,call,الاتصال,Call centre,,,voice,,,,,,,,',
      'service,S1,خدمة أ,Service A,,,,,,,,,,,',
      'service,S2,"خدمة ""مميزة""، سريعة",Premium service,,,,,إدارة ب,Dept B,VEND,,,,',
      'stage,book,الحجز,Booking,,,,,,,,S2,1,,',
      'stage,visit,الزيارة,Visit,,,,,,,,S2,2,,',
      'reason,late,تأخر الطلب,Late request,,,,,,,,S2,,"اعتذر للمستفيد\nوصعّد الطلب","Apologise, escalate"',
      '',
    ]);
  });

  it('round-trips exactly: importing an export reproduces it byte for byte', async () => {
    const first = await exportBytes('alpha');
    const res = await importFile('beta', first);
    expect(res.body).toMatchObject({ accepted: 8, created: 8 });
    expect(await exportBytes('beta')).toEqual(first);
    const again = await importFile('alpha', first);
    expect(again.body).toMatchObject({ accepted: 8, created: 0, updated: 0, duplicates: 8 });
    expect(await exportBytes('alpha')).toEqual(first);
  });

  it('round-trips through the JSON format too', async () => {
    const doc = (await t.request('GET', '/api/v1/catalog/export?agency=alpha&format=json', { auth: admin })).body;
    expect(doc.services[1].stages.map((s: { code: string }) => s.code)).toEqual(['book', 'visit']);
    const res = await importFile('gamma', JSON.stringify(doc), 'application/json');
    expect(res.body).toMatchObject({ status: 'done', created: 8 });
    expect(await exportBytes('gamma')).toEqual(await exportBytes('alpha'));
  });

  it('updates by code and counts what changed, auditing before and after', async () => {
    const res = await importFile('alpha', csv('branch,RUH,فرع الرياض الرئيسي,Riyadh main,الرياض,الوسطى,,,,,,,,,', 'stage,book,الحجز,Booking,,,,,,,,S2,1,,'));
    expect(res.body).toMatchObject({ accepted: 2, created: 0, updated: 1, duplicates: 1 });
    const audit = await t.db.query<{ before: any; after: any; actor_label: string }>(
      `SELECT before, after, actor_label FROM audit_log WHERE agency_id = $1 AND action = 'import' ORDER BY id DESC LIMIT 1`, [a.id]);
    expect(audit[0].before).toEqual({ 'branch:RUH': expect.objectContaining({ name_ar: 'فرع الرياض' }) });
    expect(audit[0].after).toEqual({ 'branch:RUH': expect.objectContaining({ name_ar: 'فرع الرياض الرئيسي' }) });
    expect(audit[0].actor_label).toBe('root@x.sa');
  });

  it('accepts a file without a BOM, with CRLF or LF line ends, and ignores blank rows', async () => {
    const res = await importFile('alpha', `${HEADER}\r\nchannel,sms,الرسائل,SMS,,,digital,,,,,,,,\r\n,,,,,,,,,,,,,,\r\n\r\n`);
    expect(res.body).toMatchObject({ created: 1 });
  });
});

describe('catalog import row errors', () => {
  const codesOf = (res: { body: { errors: { row: number; field?: string; code: string }[] } }) =>
    res.body.errors.map((e) => [e.row, e.field, e.code]);

  it('reports every row error by line and field, and writes nothing', async () => {
    const res = await importFile('alpha', csv(
      'branch,NEW1,فرع جديد,New branch,,,,,,,,,,,', // line 2: valid, must not be written
      'kiosk,K1,كشك,Kiosk,,,,,,,,,,,', // 3
      'branch,NEW2,,No Arabic name,,,,,,,,,,,', // 4
      'channel,fax,فاكس,Fax,,,paper,,,,,,,,', // 5
      'provider,P9,مزود,Vendor,,,,outsourced,,,,,,,', // 6
      'branch,فرع,فرع,Branch,,,,,,,,,,,', // 7
      'stage,s1,مرحلة,Stage,,,,,,,,S1,first,,', // 8
      'service,S9,خدمة,Service,,,,,,,GHOST,,,,', // 9
      'reason,r1,سبب,Reason,,,,,,,,NOSUCH,,,', // 10
      'branch,NEW1,مكرر,Duplicate,,,,,,,,,,,', // 11
      'stage,a,أ,A,,,,,,,,S1,1,,', // 12
      'stage,b,ب,B,,,,,,,,S1,1,,', // 13
    ));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('import_rejected');
    expect(res.body.error.message_en).toBe('Nothing was imported: fix the 10 error(s) and try again.');
    expect(codesOf(res)).toEqual([
      [3, 'type', 'unknown_type'],
      [4, 'name_ar', 'required'],
      [5, 'category', 'invalid_category'],
      [6, 'kind', 'invalid_kind'],
      [7, 'code', 'invalid_code'],
      [8, 'position', 'invalid_position'],
      [9, 'provider', 'unknown_provider'],
      [10, 'service', 'unknown_service'],
      [11, 'code', 'duplicate_code'],
      [13, 'position', 'duplicate_position'],
    ]);
    expect(res.body).toMatchObject({ status: 'failed', accepted: 0, rejected: 10 });
    expect(res.body.errors[8].message_ar).toBe('الرمز NEW1 مكرر في الملف (السطر 2).');
    const branches = await t.request('GET', '/api/v1/catalog/branches?agency=alpha', { auth: admin });
    expect(branches.body.items.map((b: { code: string }) => b.code)).toEqual(['RUH']);
  });

  it('counts lines inside quoted cells when numbering rows', async () => {
    const res = await importFile('alpha', csv('reason,late,تأخر,Late,,,,,,,,S2,,"سطر1\nسطر2\nسطر3",', 'kiosk,K,ك,K,,,,,,,,,,,'));
    expect(codesOf(res)).toEqual([[5, 'type', 'unknown_type']]);
  });

  it('reports file-level problems on line 1', async () => {
    expect(codesOf(await importFile('alpha', 'type,name_ar\nbranch,x\n'))).toEqual([[1, 'code', 'missing_column']]);
    expect(codesOf(await importFile('alpha', 'type,code,colour\n'))).toEqual([[1, 'colour', 'unknown_column']]);
    expect(codesOf(await importFile('alpha', ''))).toEqual([[1, undefined, 'empty_file']]);
    const latin1 = new Uint8Array([...new TextEncoder().encode('type,code,name_ar,name_en\nbranch,B,'), 0xc7, 0xe1, 0x0a]);
    expect(codesOf(await importFile('alpha', latin1))).toEqual([[1, undefined, 'not_utf8']]);
    const open = await importFile('alpha', csv('branch,B,"unclosed,x,,,,,,,,,,,,'));
    expect(open.body.errors[0].code).toBe('csv_malformed');
    expect(codesOf(await importFile('alpha', '{"providers":', 'application/json'))).toEqual([[1, 'body', 'invalid_field']]);
  });

  it('names JSON paths in errors', async () => {
    const doc = { channels: [{ code: 'x', name_ar: 'س', name_en: 'X', category: 'fax' }], services: [{ code: 'S5', name_ar: 'خ', name_en: 'S', stages: [{ code: 'a', name_en: 'A', position: 1 }] }] };
    const res = await importFile('alpha', JSON.stringify(doc), 'application/json');
    expect(codesOf(res)).toEqual([[1, 'channels.0.category', 'invalid_category'], [3, 'services.0.stages.0.name_ar', 'required']]);
  });
});
