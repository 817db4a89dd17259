import type { Auth, TestContext } from '../../../../../test/harness.ts';
import { drainJobs } from '../../jobs/jobs.ts';
import { updateAgencySettings } from '../catalog/agency-settings.ts';
import { defaultPostServiceQuestions } from './question-bank.ts';

// Shared steps of the survey tests: a post-service survey, form posts, following redirects.

export async function setUpPostServiceSurvey(t: TestContext, agencyId: number, slug: string, auth: Auth) {
  // No quiet hours, so sending does not depend on the hour the test runs.
  await updateAgencySettings(t.db, null, agencyId, { quiet_hours: { start: '00:00', end: '00:00' } });
  const body = { code: 'ps', kind: 'post_service', name_ar: 'تقييم الخدمة', name_en: 'Rate the service', services: ['work-permit'], questions: defaultPostServiceQuestions() };
  const created = await t.request('POST', `/api/v1/surveys?agency=${slug}`, { auth, body });
  if (created.status !== 201) throw new Error(JSON.stringify(created.body));
  await t.request('PUT', `/api/v1/surveys/ps/status?agency=${slug}`, { auth, body: { status: 'active' } });
  return created.body;
}

export const pathOf = (url: string) => new URL(url).pathname;

/** POSTs a form like a browser without JS; returns status, Location and the body. */
export async function postForm(t: TestContext, path: string, fields: Record<string, string | string[]>) {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) form.append(k, x);
  const res = await t.app.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() });
  return { status: res.status, location: res.headers.get('location'), text: await res.text(), bytes: 0 };
}

export async function getPage(t: TestContext, path: string) {
  const res = await t.app.request(path);
  const text = await res.text();
  let headerBytes = 0;
  res.headers.forEach((v, k) => (headerBytes += k.length + v.length + 4));
  return { status: res.status, text, bytes: Buffer.byteLength(text) + headerBytes };
}

export async function outboxLinks(t: TestContext, agencyId: number) {
  await drainJobs(t.services);
  const rows = await t.db.query<{ body: string; to_masked: string; kind: string }>('SELECT body, to_masked, kind FROM message_outbox WHERE agency_id = $1 ORDER BY id', [agencyId]);
  return rows.map((r) => ({ ...r, path: /\/s\/[A-Za-z0-9._-]+/.exec(r.body)![0] }));
}
