import { registerDemoExtension } from '../demo/demo-extensions.ts';
import { DEMO_BRANCHES, DIGITAL_INCIDENT } from '../demo/demo-catalog.ts';
import { getCatalogCodes } from '../interactions/interactions.queries.ts';
import type { Rng } from '../../lib/random.ts';
import { analyzePendingTexts, submitTexts, type TextSubmission } from './text.service.ts';

// ~3,000 complaints, comments and suggestions in Saudi dialect and MSA over the demo period,
// shaped like the interactions: the Jeddah hotspot branch draws waiting and missing-papers
// complaints, the wage-protection digital incident week draws system complaints, and a theme
// no default topic covers (parking, air conditioning) is left for topic discovery.

const DAY = 86_400_000;
const HOTSPOT = 'JED-SAFA';

type Theme = { kind: 'complaint' | 'comment' | 'suggestion'; texts: string[] };
const THEMES: Record<string, Theme> = {
  waiting: { kind: 'complaint', texts: [
    'انتظرت ثلاث ساعات في الفرع وما أحد نادى رقمي', 'الانتظار طويل جدا والموظفين قليلين', 'من الصبح وانا انتظر والدور ما يمشي 😡',
    'طابور طويل وزحمة وما فيه تنظيم', 'تأخير كبير في خدمة العملاء بالفرع، ساعتين انتظار', 'مدة الانتظار غير مقبولة إطلاقا',
  ] },
  documents: { kind: 'complaint', texts: [
    'رجعوني مرتين عشان ورقة ناقصة وما قالوا لي من البداية', 'المستندات المطلوبة غير واضحة في الموقع', 'كل مرة يطلبون أوراق جديدة، تعبنا من الروتين',
    'الإجراءات معقدة وكثيرة', 'طلبوا مني تصديق الأوراق مرة ثانية بدون سبب',
  ] },
  staff: { kind: 'complaint', texts: [
    'الموظف تعامله سيء وما يرد على الأسئلة', 'أسلوب الموظفة غير لائق', 'الموظف طالع من مكتبه والمراجعين ينتظرون',
  ] },
  digital: { kind: 'complaint', texts: [
    'التطبيق يعلق كل ما ادخل على الخدمة', 'الموقع ما يفتح من أمس والنظام معطل', 'النظام عطلان وما قدرت ارفع الطلب',
    'رسالة خطأ في المنصة عند الدفع', 'البوابة الإلكترونية بطيئة جدا وتطلعني برا',
  ] },
  followup: { kind: 'complaint', texts: [
    'اتصلت على 19911 أكثر من مرة ومحد يرد', 'رفعت شكوى من شهر وما أحد تواصل معي', 'ما وصلني أي رد على طلبي لحد الآن',
  ] },
  outcome: { kind: 'complaint', texts: [
    'طلبي انرفض بدون توضيح السبب', 'المعاملة معلقة من شهرين وما انحلت', 'تم رفض الطلب مع إن كل الشروط منطبقة',
  ] },
  appointments: { kind: 'complaint', texts: [
    'ما فيه مواعيد متاحة قبل شهر', 'الموعد انلغى بدون إشعار', 'حجزت موعد ولما وصلت قالوا ما فيه موعد مسجل',
  ] },
  facilities: { kind: 'complaint', texts: [
    'ما فيه مواقف سيارات عند الفرع وندور نص ساعة', 'المواقف زحمة ومافي مكان للسيارة', 'التكييف خربان والجو حار داخل المبنى',
    'المكيفات ما تشتغل والحر ما يتحمل', 'دورات المياه غير نظيفة في الفرع',
  ] },
  praise: { kind: 'comment', texts: [
    'الله يعطيكم العافية خدمة سريعة وتعامل راقي', 'شكرا للموظف على تعاونه وانجز معاملتي بدقايق', 'تجربة ممتازة والتطبيق سهل وواضح 👍',
    'ما شاء الله تطور ملحوظ في الخدمة', 'الموظفين متعاونين ومحترمين، شكرا لكم', 'خلصت طلبي من الجوال بدون ما اروح الفرع، كفو',
    'خدمة رائعة وسرعة في الإنجاز', 'أشكركم على سرعة الرد على استفساري',
  ] },
  neutral: { kind: 'comment', texts: [
    'متى يصدر القرار بعد المراجعة؟', 'هل يمكن تقديم الطلب عن طريق التطبيق؟', 'أرغب في معرفة حالة طلبي', 'كم مدة معالجة الطلب عادة؟',
  ] },
  suggestion: { kind: 'suggestion', texts: [
    'أقترح إضافة خدمة حجز المواعيد من التطبيق', 'ياليت تضيفون محادثة مباشرة في الموقع', 'نقترح تمديد ساعات العمل في الفرع مساء',
    'لو يرسلون رسالة نصية بحالة الطلب يكون أفضل',
  ] },
};

/** Theme weights for one comment: the hotspot branch and the incident week tilt them. */
function themeWeights(branch: string | null, incident: boolean): [string, number][] {
  const hot = branch === HOTSPOT;
  return [
    ['waiting', hot ? 30 : 7], ['documents', hot ? 14 : 5], ['staff', 4], ['digital', incident ? 40 : 6], ['followup', 6],
    ['outcome', 5], ['appointments', 5], ['facilities', hot ? 9 : 2], ['praise', hot ? 10 : 30], ['neutral', 12], ['suggestion', 8],
  ];
}

function pickTheme(rng: Rng, weights: [string, number][]): Theme {
  return THEMES[weights[rng.weighted(weights.map((w) => w[1]))][0]];
}

registerDemoExtension('text', async (services, agency, ctx) => {
  const { rng } = ctx;
  const catalog = await getCatalogCodes(services.db, agency.id);
  const services_ = catalog.services;
  const channelId = new Map(catalog.channels.map((c) => [c.code, c.id]));
  const branchIds = new Map(catalog.branches.map((b) => [b.code, b.id]));
  const branchWeights = DEMO_BRANCHES.map((b) => b.weight);
  const incidentService = services_.find((s) => s.code === DIGITAL_INCIDENT.service)?.id;
  const incidentStart = ctx.to.getTime() - DIGITAL_INCIDENT.startDaysAgo * DAY;
  const incidentEnd = incidentStart + DIGITAL_INCIDENT.lengthDays * DAY;
  const span = ctx.to.getTime() - ctx.from.getTime();
  const count = Math.round(3_000 * Math.min(1, ctx.days / 90));
  const items: TextSubmission[] = [];
  for (let i = 0; i < count; i++) {
    const at = ctx.from.getTime() + rng.next() * span;
    // A third of the incident week's wage-protection comments are about it.
    const inIncident = incidentService !== undefined && at >= incidentStart && at < incidentEnd && rng.chance(0.35);
    const service = inIncident ? incidentService! : rng.pick(services_).id;
    const online = inIncident || rng.chance(0.4);
    const branch = online ? null : DEMO_BRANCHES[rng.weighted(branchWeights)].code;
    const theme = pickTheme(rng, themeWeights(branch, inIncident));
    items.push({
      source_type: theme.kind,
      source_id: `demo-fb-${i + 1}`,
      text: rng.pick(theme.texts),
      service_id: service,
      branch_id: branch ? (branchIds.get(branch) ?? null) : null,
      channel_id: channelId.get(online ? rng.pick(['web_portal', 'mobile_app', 'contact_centre']) : 'branch_visit') ?? null,
      occurred_at: new Date(at),
    });
  }
  await submitTexts(services.db, agency.id, items);
  await analyzePendingTexts(services, agency.id);
});
