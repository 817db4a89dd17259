import type { Question } from '@tajriba/contracts';
import type { Rng } from '../../lib/random.ts';
import { getCatalogIdsByCode } from '../catalog/catalog.queries.ts';
import { DIGITAL_INCIDENT } from '../demo/demo-catalog.ts';
import { registerDemoExtension } from '../demo/demo-extensions.ts';
import { createPoster } from './admin.service.ts';
import { createCampaign } from './campaigns.ts';
import { insertDemoAnswers, insertDemoInvitations, insertDemoResponses, sampleDemoInteractions, type DemoAnswer } from './demo.queries.ts';
import { defaultPeriodicQuestions, defaultPostServiceQuestions } from './question-bank.ts';
import { changeSurveyStatus, createSurvey } from './surveys.service.ts';

// The demo agency's surveys: a post-service survey answered across the 90 days (scores fall
// with waiting time, at the Jeddah hotspot branch, with the outsourced provider and during the
// digital incident), a periodic A-11 survey with its campaign, posters and Arabic comments.

const COMMENTS = {
  waiting: {
    neg: ['انتظرت أكثر من ساعة في الفرع والدور ما يمشي', 'الانتظار طويل جداً وعدد الموظفين قليل', 'موعدي الساعة عشر وما دخلت إلا بعد ساعة ونص'],
    pos: ['ما انتظرت أبداً، دخلت على طول', 'خلصت معاملتي في أقل من ربع ساعة، شكراً لكم'],
  },
  staff: {
    neg: ['الموظف ما كان متعاون ويرد باختصار', 'للأسف تعامل الموظف ما كان لطيف وما شرح لي الإجراء'],
    pos: ['الموظف كان متعاون جداً وشرح لي كل شي، الله يعطيه العافية', 'تعامل راقٍ واحترام من الموظفين، شكراً لكم'],
  },
  documents: {
    neg: ['طلبوا مني أوراق ما كانت مذكورة في الموقع ورجعت مرتين', 'كل مرة يطلبون مستنداً جديداً، الإجراءات غير واضحة'],
    pos: ['المتطلبات كانت واضحة من البداية'],
  },
  system: {
    neg: ['التطبيق يعلّق عند رفع المرفقات', 'المنصة طلعت لي خطأ أكثر من مرة وما قدرت أكمل الطلب'],
    pos: ['التطبيق سهل وواضح وخلصت كل شي من البيت', 'تجربة ممتازة عن طريق البوابة الإلكترونية'],
  },
  neutral: ['الخدمة جيدة لكن تحتاج تحسين في المواعيد', 'نتمنى تمديد ساعات العمل في الفرع', 'الخدمة مقبولة'],
};

const clamp5 = (x: number) => Math.max(1, Math.min(5, Math.round(x)));
const noise = (rng: Rng, sd: number) => (rng.next() + rng.next() + rng.next() - 1.5) * 2 * sd;

interface Ctx { jeddah: number; thirdParty: number; digital: Set<number>; wageService: number; incidentFrom: number; incidentTo: number }

/** Expected satisfaction of one interaction before noise: where the demo's hotspots hurt. */
function expectedScore(i: { wait_seconds: number | null; branch_id: number | null; provider_id: number | null; channel_id: number; service_id: number; ended_at: Date }, c: Ctx) {
  let s = 4.35;
  if (i.wait_seconds && i.wait_seconds > 600) s -= Math.min(2, 0.8 * Math.log(i.wait_seconds / 600));
  if (i.branch_id === c.jeddah) s -= 0.5;
  if (i.provider_id === c.thirdParty) s -= 0.35;
  const t = i.ended_at.getTime();
  if (i.service_id === c.wageService && c.digital.has(i.channel_id) && t >= c.incidentFrom && t < c.incidentTo) s -= 1.4;
  return s;
}

function answersFor(rng: Rng, qs: Question[], responseId: number, at: Date, base: number, topic: keyof typeof COMMENTS): DemoAnswer[] {
  const out: DemoAnswer[] = [];
  let overall = 3;
  for (const q of qs) {
    const a = { response_id: responseId, question_key: q.key, kind: q.kind, component: q.component, driver: q.driver ?? null, score: null, choices: null, text_value: null, at };
    if (q.kind === 'rating' || q.kind === 'agree') {
      const drift = q.driver === 'efficiency' && topic === 'waiting' ? -0.6 : q.driver === 'employee' && topic === 'staff' ? -0.8 : 0;
      const score = clamp5(base + drift + noise(rng, 0.7));
      if (q.key === 'overall' || q.key === 'satisfaction') overall = score;
      out.push({ ...a, score });
    } else if (q.kind === 'multi' && q.show_if && overall <= 2) {
      const wrong = topic === 'neutral' ? 'outcome' : topic;
      out.push({ ...a, choices: rng.chance(0.3) ? `${wrong},documents` : wrong });
    } else if (q.kind === 'text' && rng.chance(0.35)) {
      const pool = topic === 'neutral' || overall === 3 ? COMMENTS.neutral : overall <= 2 ? COMMENTS[topic].neg : COMMENTS[topic].pos;
      out.push({ ...a, text_value: rng.pick(pool) });
    }
  }
  return out;
}

registerDemoExtension('surveys', async (services, agency, ctx) => {
  const db = services.db;
  const ps = await createSurvey(db, null, agency.id, {
    code: 'post-service', kind: 'post_service', name_ar: 'تقييم الخدمة بعد إنجازها', name_en: 'Post-service rating',
    services: [...(await getCatalogIdsByCode(db, agency.id, 'services')).keys()], questions: defaultPostServiceQuestions(),
  });
  const periodic = await createSurvey(db, null, agency.id, {
    code: 'quarterly-a11', kind: 'periodic', name_ar: 'استبيان الرضا الربعي', name_en: 'Quarterly satisfaction survey',
    services: ps.services, questions: defaultPeriodicQuestions(),
  });
  for (const code of [ps.code, periodic.code]) await changeSurveyStatus(db, null, agency.id, code, 'active');
  const [surveys, branches, providers, channels, svcs] = await Promise.all([
    db.query<{ id: number; code: string }>('SELECT id, code FROM surveys WHERE agency_id = $1', [agency.id]),
    getCatalogIdsByCode(db, agency.id, 'branches'), getCatalogIdsByCode(db, agency.id, 'providers'),
    getCatalogIdsByCode(db, agency.id, 'channels'), getCatalogIdsByCode(db, agency.id, 'services'),
  ]);
  const surveyId = (code: string) => surveys.find((s) => s.code === code)!.id;
  const incidentFrom = ctx.to.getTime() - DIGITAL_INCIDENT.startDaysAgo * 86_400_000;
  const c: Ctx = {
    jeddah: branches.get('JED-SAFA') ?? -1, thirdParty: providers.get('support-ops') ?? -1,
    digital: new Set([channels.get('web_portal') ?? -1, channels.get('mobile_app') ?? -1]), wageService: svcs.get(DIGITAL_INCIDENT.service) ?? -1,
    incidentFrom, incidentTo: incidentFrom + DIGITAL_INCIDENT.lengthDays * 86_400_000,
  };
  const topicOf = (i: { wait_seconds: number | null; branch_id: number | null; channel_id: number }, rng: Rng): keyof typeof COMMENTS => {
    if (i.wait_seconds && i.wait_seconds > 1800 && rng.chance(0.7)) return 'waiting';
    if (c.digital.has(i.channel_id)) return rng.chance(0.7) ? 'system' : 'documents';
    if (i.branch_id === c.jeddah && rng.chance(0.4)) return 'documents';
    return rng.pick(['staff', 'waiting', 'neutral', 'documents'] as const);
  };

  const write = async (code: string, qs: Question[], sample: Awaited<ReturnType<typeof sampleDemoInteractions>>, campaignId: number | null, answerRate: number) => {
    const rng = ctx.rng.fork(code);
    const plans = sample.map((i) => {
      const created = new Date(i.ended_at.getTime() + 10 * 60_000);
      const base = expectedScore(i, c);
      // Unhappy people answer a little less often; either way about a third answer.
      const done = rng.chance(answerRate * (base < 3 ? 0.85 : 1)) ? new Date(created.getTime() + rng.int(36 * 60) * 60_000) : null;
      return { i, base, created, done: done && done < ctx.to ? done : null };
    });
    const invIds = await insertDemoInvitations(db, agency.id, surveyId(code), campaignId, plans.map((p) => ({
      interaction_id: p.i.id, beneficiary_pid: p.i.beneficiary_pid, service_id: p.i.service_id, channel_id: p.i.channel_id, branch_id: p.i.branch_id,
      provider_id: p.i.provider_id, stage_id: p.i.stage_id, employee_pid: p.i.employee_pid, created_at: p.created, completed_at: p.done,
    })));
    const answered = plans.map((p, k) => ({ p, inv: invIds[k].id })).filter((x) => x.p.done);
    const respIds = await insertDemoResponses(db, agency.id, answered.map((x) => x.inv));
    const answers = answered.flatMap((x, k) => answersFor(rng, qs, respIds[k].id, x.p.done!, x.p.base, topicOf(x.p.i, rng)));
    for (let k = 0; k < answers.length; k += 20_000) await insertDemoAnswers(db, agency.id, surveyId(code), answers.slice(k, k + 20_000));
  };

  await write(ps.code, ps.questions, await sampleDemoInteractions(db, agency.id, 8), null, 0.34);
  const campaign = await createCampaign(db, null, agency, periodic.code, {
    name: 'الاستبيان الربعي', lookback_days: 90, sample_size: 1500, every_days: 90, start_at: new Date(ctx.to.getTime() + 30 * 86_400_000).toISOString(),
  });
  const seen = new Set<string>();
  const periodicSample = (await sampleDemoInteractions(db, agency.id, 89)).filter((i) => !seen.has(i.beneficiary_pid) && seen.add(i.beneficiary_pid));
  await write(periodic.code, periodic.questions, periodicSample, campaign.id, 0.4);
  for (const b of ['RUH-OLAYA', 'JED-SAFA']) await createPoster(services, null, agency, ps.code, { branch: b });
});
