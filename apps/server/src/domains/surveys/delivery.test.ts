import { findChromium } from '../../lib/html-to-pdf.ts';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Auth, type TestContext } from '../../../../../test/harness.ts';
import { drainJobs } from '../../jobs/jobs.ts';
import { seedTestCatalog } from '../interactions/test-catalog.ts';
import { httpSmsSender, smtpSender } from './messaging.ts';
import { getPage, pathOf, postForm, setUpPostServiceSurvey } from './survey-test-kit.ts';
import { SIGNATURE_HEADER, verifyWebhookSignature } from './webhooks.ts';

let t: TestContext;
let a: { id: number; slug: string };
let admin: Auth;
const api = (method: string, path: string, body?: unknown) =>
  t.request(method, `/api/v1${path}${path.includes('?') ? '&' : '?'}agency=alpha`, { auth: admin, body });
const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d)).on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
  });

beforeAll(async () => {
  t = await createTestContext();
  a = await t.createAgency('alpha');
  admin = await t.createUser('admin@a.sa', [{ agencyId: a.id, role: 'admin' }]);
  await seedTestCatalog(t.db, a.id);
  await setUpPostServiceSurvey(t, a.id, 'alpha', admin);
});
afterAll(() => t.close());

async function completeOne(beneficiary: string) {
  const r = await api('POST', '/surveys/ps/invitations', { beneficiary_id: beneficiary, service: 'work-permit' });
  const path = pathOf(r.body.url);
  await postForm(t, path, { p: '0', q_overall: '5' });
  await postForm(t, path, { p: '1', q_comment: 'ممتاز' });
  return path;
}

describe('page weight', () => {
  it('a 5-question survey transfers under 30 KB in total, CSS included (inline)', async () => {
    const r = await api('POST', '/surveys/ps/invitations', { beneficiary_id: '9000000001' });
    const path = pathOf(r.body.url);
    let total = 0;
    const page1 = await getPage(t, path);
    total += page1.bytes;
    for (const [p, fields] of [['0', { q_overall: '1' }], ['1', { q_went_wrong: 'waiting', q_efficiency: '2', q_employee: '3', q_comment: 'طويل' }]] as const) {
      const res = await t.app.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ p, ...fields }).toString() });
      total += (await res.text()).length + 200; // redirect: headers only
      const next = await getPage(t, res.headers.get('location')!);
      total += next.bytes;
    }
    console.log(`survey page weight: ${total} bytes for 3 pages (2 question pages + thank-you)`);
    expect(total).toBeLessThan(30 * 1024);
  });
});

describe('webhooks', () => {
  it('delivers response.completed signed with HMAC; a failed delivery is retried by the job', async () => {
    const received: { body: string; sig: string | undefined }[] = [];
    let fail = true;
    const server = createServer(async (req, res) => {
      received.push({ body: await readBody(req), sig: req.headers[SIGNATURE_HEADER] as string | undefined });
      res.statusCode = fail ? 500 : 204;
      fail = false;
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const hook = await api('POST', '/surveys/webhooks', { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` });
      expect(hook.body.secret).toMatch(/^whsec_/);
      await completeOne('8000000001');
      await drainJobs(t.services);
      expect(received).toHaveLength(1);
      await t.db.query(`UPDATE jobs SET run_at = now() WHERE name = 'surveys.webhook' AND status = 'queued'`); // skip the back-off wait
      await drainJobs(t.services);
      expect(received).toHaveLength(2);
      const last = received[1];
      expect(verifyWebhookSignature(hook.body.secret, last.sig, last.body)).toBe(true);
      expect(verifyWebhookSignature(hook.body.secret, last.sig, last.body.replace('ممتاز', 'سيئ'))).toBe(false);
      expect(verifyWebhookSignature('whsec_other', last.sig, last.body)).toBe(false);
      const event = JSON.parse(last.body);
      expect(event).toMatchObject({ event: 'response.completed', agency: 'alpha', data: { survey: 'ps', version: 1, service: 'work-permit', answers: { overall: 5, comment: 'ممتاز' } } });
      const [d] = await t.db.query('SELECT status, attempts, last_status FROM survey_webhook_deliveries WHERE agency_id = $1', [a.id]);
      expect(d).toEqual({ status: 'delivered', attempts: 2, last_status: 204 });
    } finally {
      server.close();
    }
  });
});

describe('delivery providers', () => {
  it('HTTP SMS gateway posts the JSON template with escaped Arabic text; non-2xx throws', async () => {
    const got: string[] = [];
    let status = 200;
    const server = createServer(async (req, res) => {
      got.push(`${req.headers.authorization} ${await readBody(req)}`);
      res.statusCode = status;
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const sender = httpSmsSender(`http://127.0.0.1:${(server.address() as AddressInfo).port}/send`, '{"msisdn":"{to}","message":"{text}"}', 'Bearer k');
      await sender.send(t.db, { agencyId: a.id, kind: 'sms', to: '+966551234567', text: 'قيّم "خدمتنا"\nhttp://x/s/1' });
      expect(got[0]).toBe('Bearer k {"msisdn":"+966551234567","message":"قيّم \\"خدمتنا\\"\\nhttp://x/s/1"}');
      status = 503;
      await expect(sender.send(t.db, { agencyId: a.id, kind: 'sms', to: '+966551234567', text: 'x' })).rejects.toThrow(/503/);
    } finally {
      server.close();
    }
  });

  it('email goes through a real SMTP server in UTF-8', async () => {
    const mails: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'],
      onData(stream, _s, cb) {
        const parts: Buffer[] = [];
        stream.on('data', (d: Buffer) => parts.push(d)).on('end', () => {
          mails.push(Buffer.concat(parts).toString('utf8'));
          cb();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    try {
      const port = (smtp.server.address() as AddressInfo).port;
      await smtpSender(`smtp://127.0.0.1:${port}`, 'Tajriba <no-reply@t.sa>').send(t.db, {
        agencyId: a.id, kind: 'email', to: 'person@example.sa', subject: 'شاركنا رأيك', text: 'نرجو تقييم الخدمة: http://x/s/1',
      });
      expect(mails).toHaveLength(1);
      expect(mails[0]).toMatch(/To: person@example.sa/);
      expect(mails[0]).toMatch(/Subject: =\?UTF-8\?/);
    } finally {
      await new Promise<void>((r) => smtp.close(() => r()));
    }
  });
});

describe('QR posters and periodic campaigns', () => {
  it('prints an SVG and HTML poster, and a walk-in answer is one response even if submitted twice', async () => {
    const p = await api('POST', '/surveys/ps/posters', { branch: 'ruh-1', service: 'work-permit' });
    expect(p.status).toBe(201);
    const svg = await t.request('GET', `${p.body.svg_url}?agency=alpha`, { auth: admin });
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    expect(svg.body).toContain('<svg');
    expect(svg.body).toContain('فرع الرياض');
    expect((await t.request('GET', `${p.body.print_url}?agency=alpha`, { auth: admin })).body).toContain('@page{size:A4');
    const pdf = await t.app.request(`${p.body.pdf_url}?agency=alpha`, { headers: { cookie: (admin as { cookie: string }).cookie } });
    if (findChromium()) {
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    } else {
      expect(pdf.status).toBe(503); // said in both languages, never a 500
    }
    const path = pathOf(p.body.url);
    const page = await getPage(t, path);
    const nonce = /name="n" value="([^"]+)"/.exec(page.text)![1];
    const first = await postForm(t, path, { p: '0', n: nonce, q_overall: '3' });
    const again = await postForm(t, path, { p: '0', n: nonce, q_overall: '3' });
    expect(first.location).toBe(again.location);
    expect(first.location).toMatch(/^\/s\/r/);
    await postForm(t, first.location!.split('?')[0], { p: '1' });
    const rows = await t.db.query('SELECT status, branch_id IS NOT NULL AS has_branch FROM survey_responses WHERE agency_id = $1 AND poster_id IS NOT NULL', [a.id]);
    expect(rows).toEqual([{ status: 'completed', has_branch: true }]);
  });

  it('a campaign samples recent users stratified by branch and schedules its next run', async () => {
    const branch2 = (await t.db.query<{ id: number }>(`INSERT INTO branches (agency_id, code, name_ar, name_en) VALUES ($1, 'jed-1', 'فرع جدة', 'Jeddah') RETURNING id`, [a.id]))[0].id;
    const [{ service, channel, branch }] = await t.db.query<{ service: number; channel: number; branch: number }>(
      `SELECT (SELECT id FROM services WHERE agency_id = $1 AND code = 'work-permit') AS service,
              (SELECT id FROM channels WHERE agency_id = $1 AND code = 'branch') AS channel,
              (SELECT id FROM branches WHERE agency_id = $1 AND code = 'ruh-1') AS branch`, [a.id]);
    for (let i = 0; i < 8; i++) {
      await t.db.query(
        `INSERT INTO interactions (agency_id, external_id, beneficiary_pid, service_id, channel_id, branch_id, started_at, outcome)
         VALUES ($1, $2, $3, $4, $5, $6, now() - interval '3 days', 'completed')`,
        [a.id, `C-${i}`, `camp-${i}`, service, channel, i < 6 ? branch : branch2],
      );
    }
    const c = await api('POST', '/surveys/ps/campaigns', { name: 'ربع سنوي', lookback_days: 30, sample_size: 4, every_days: 90 });
    expect(c.status).toBe(201);
    await drainJobs(t.services);
    const invited = await t.db.query<{ b: number; n: number }>(
      `SELECT branch_id AS b, count(*)::int AS n FROM survey_invitations WHERE agency_id = $1 AND campaign_id = $2 GROUP BY branch_id ORDER BY n DESC`, [a.id, c.body.id]);
    // 6 of 8 users in Riyadh, 2 in Jeddah: seats ceil(4·6/8) = 3 and ceil(4·2/8) = 1.
    expect(invited).toEqual([{ b: branch, n: 3 }, { b: branch2, n: 1 }]);
    const next = await t.db.query(`SELECT 1 FROM jobs WHERE name = 'surveys.campaign' AND status = 'queued' AND run_at > now() + interval '89 days'`);
    expect(next).toHaveLength(1);
  });
});
