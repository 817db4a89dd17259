import { usePrefs } from '../../i18n/index.tsx';
import { stringsIn } from '../../i18n/page-strings.ts';

// The survey screens' wording, Arabic first ([ar, en]).
const STRINGS = {
  title: ['الاستبيانات', 'Surveys'],
  description: ['تقييم ما بعد الخدمة والاستبيانات الدورية: التصميم والتوزيع والنتائج.', 'Post-service ratings and periodic surveys: design, distribution and results.'],
  newSurvey: ['استبيان جديد', 'New survey'],
  code: ['الرمز', 'Code'], name: ['الاسم', 'Name'], kind: ['النوع', 'Kind'], status: ['الحالة', 'Status'], version: ['الإصدار', 'Version'],
  invited: ['المدعوون', 'Invited'], completed: ['المكتملة', 'Completed'], services: ['الخدمات', 'Services'],
  'kind.post_service': ['بعد الخدمة', 'Post-service'], 'kind.periodic': ['دوري', 'Periodic'], 'kind.poster': ['ملصق QR', 'QR poster'],
  'status.draft': ['مسودة', 'Draft'], 'status.active': ['مفعّل', 'Active'], 'status.archived': ['مؤرشف', 'Archived'],
  tabResults: ['النتائج', 'Results'], tabAnswers: ['الإجابات', 'Answers'], tabEdit: ['التصميم', 'Design'], tabDistribution: ['التوزيع', 'Distribution'],
  back: ['كل الاستبيانات', 'All surveys'],
  csat: ['الرضا (CSAT)', 'CSAT'], responseRate: ['معدل الاستجابة', 'Response rate'], mean: ['متوسط التقييم', 'Mean score'], answers: ['الإجابات', 'Answers'],
  groupBy: ['التجميع حسب', 'Group by'],
  'by.survey': ['الاستبيان', 'Survey'], 'by.service': ['الخدمة', 'Service'], 'by.branch': ['الفرع', 'Branch'], 'by.channel': ['القناة', 'Channel'],
  'by.provider': ['مقدّم الخدمة', 'Provider'], 'by.driver': ['المحرّك', 'Driver'], 'by.component': ['المكوّن', 'Component'], 'by.question': ['السؤال', 'Question'],
  group: ['المجموعة', 'Group'], n: ['العدد (n)', 'n'], ciLow: ['الحد الأدنى 95٪', '95% low'], ciHigh: ['الحد الأعلى 95٪', '95% high'],
  distribution: ['توزيع التقييمات (1–5)', 'Distribution (1–5)'], csatByGroup: ['الرضا حسب المجموعة مع فترة الثقة 95٪', 'CSAT by group with 95% interval'],
  suppressed: ['الدعوات المحجوبة', 'Suppressed invitations'], reason: ['السبب', 'Reason'],
  'reason.opted_out': ['طلب عدم الإرسال', 'Opted out'], 'reason.recent_invitation': ['دُعي خلال آخر 30 يوماً', 'Invited in the last 30 days'],
  'reason.not_sampled': ['خارج العيّنة', 'Not sampled'], 'reason.no_contact': ['لا توجد وسيلة تواصل', 'No contact'],
  maxScore: ['أقل تقييم ≤', 'Any score ≤'], any: ['الكل', 'Any'], withComment: ['بتعليق فقط', 'With a comment'],
  exportCsv: ['تصدير CSV', 'Export CSV'], completedAt: ['وقت الإكمال', 'Completed'], source: ['المصدر', 'Source'], comment: ['التعليق', 'Comment'],
  more: ['المزيد', 'More'],
  save: ['حفظ', 'Save'], saved: ['حُفظ. الإصدار الحالي: {v}', 'Saved. Current version: {v}'], activate: ['تفعيل', 'Activate'], pause: ['إيقاف مؤقت', 'Pause'],
  archive: ['أرشفة', 'Archive'], nameAr: ['الاسم بالعربية', 'Arabic name'], nameEn: ['الاسم بالإنجليزية', 'English name'],
  servicesHint: ['رموز الخدمات مفصولة بفواصل', 'Service codes, comma separated'],
  questions: ['الأسئلة', 'Questions'], addFromBank: ['إضافة من بنك الأسئلة', 'Add from the question bank'], remove: ['حذف', 'Remove'],
  up: ['أعلى', 'Up'], down: ['أسفل', 'Down'], textAr: ['نص السؤال بالعربية', 'Question (Arabic)'], textEn: ['نص السؤال بالإنجليزية', 'Question (English)'],
  qkind: ['نوع السؤال', 'Question type'], component: ['المكوّن', 'Component'], driver: ['المحرّك', 'Driver'], required: ['إلزامي', 'Required'],
  showIf: ['يظهر فقط إذا كان', 'Show only if'], always: ['يظهر دائماً', 'Always shown'], lte2: ['{q} ≤ 2', '{q} ≤ 2'],
  preview: ['معاينة على الجوال', 'Phone preview'], versionNote: ['تعديل أسئلة استبيان مفعّل ينشئ إصداراً جديداً؛ الإجابات السابقة تبقى على إصدارها.', 'Editing the questions of a live survey creates a new version; earlier answers keep theirs.'],
  posters: ['ملصقات QR', 'QR posters'], branch: ['الفرع', 'Branch'], createPoster: ['إنشاء ملصق', 'Create poster'], svg: ['SVG', 'SVG'], print: ['صفحة الطباعة', 'Print page'], pdf: ['PDF', 'PDF'],
  posterNote: ['لا توجد مكتبة PDF: اطبع صفحة الطباعة من المتصفح واحفظها PDF.', 'No PDF library: print the print page from the browser and save as PDF.'],
  campaigns: ['الحملات الدورية', 'Periodic campaigns'], campaignName: ['اسم الحملة', 'Campaign name'], lookback: ['من استخدموا الخدمة خلال (يوماً)', 'Used the service in the last (days)'],
  sample: ['حجم العيّنة', 'Sample size'], every: ['تتكرر كل (يوماً، اختياري)', 'Repeat every (days, optional)'], createCampaign: ['جدولة الحملة', 'Schedule campaign'],
  nextRun: ['التشغيل القادم', 'Next run'], lastRun: ['آخر تشغيل', 'Last run'], lastInvited: ['دُعي في آخر تشغيل', 'Invited last run'],
  outbox: ['صندوق الرسائل (بدون بوابة)', 'Outbox (no gateway configured)'], to: ['إلى', 'To'], message: ['الرسالة', 'Message'], sentAt: ['الوقت', 'Time'],
  webhooks: ['الإشعارات الآلية (Webhooks)', 'Webhooks'], addWebhook: ['إضافة', 'Add'], secretOnce: ['مفتاح التوقيع (يظهر مرة واحدة):', 'Signing secret (shown once):'],
  webhookNote: ['يُرسل حدث response.completed موقّعاً بـ HMAC-SHA256 في الترويسة X-Tajriba-Signature: t=…,v1=…', 'response.completed is sent signed with HMAC-SHA256 in X-Tajriba-Signature: t=…,v1=…'],
  'comp.functional': ['وظيفي', 'Functional'], 'comp.cultural': ['ثقافي (القيم والسلوك)', 'Cultural (values, conduct)'], 'comp.emotional': ['عاطفي', 'Emotional'],
  'qk.rating': ['تقييم 1–5', 'Rating 1–5'], 'qk.agree': ['مقياس الموافقة (5)', 'Agree scale (5)'], 'qk.yes_no': ['نعم / لا', 'Yes / no'],
  'qk.single': ['اختيار واحد', 'Single choice'], 'qk.multi': ['اختيار متعدد', 'Multiple choice'], 'qk.text': ['نص حر', 'Free text'], 'qk.nps': ['احتمال التوصية 0–10', 'Likelihood 0–10'],
  inviteTest: ['دعوة تجريبية', 'Test invitation'], phone: ['رقم الجوال', 'Phone'], invite: ['إرسال الدعوة', 'Invite'], link: ['الرابط', 'Link'],
} as const;
export type SurveyKey = keyof typeof STRINGS;

export function useSurveyT() {
  const prefs = usePrefs();
  const s = stringsIn(STRINGS, prefs.lang);
  const has = (key: string): key is SurveyKey => key in STRINGS;
  return { ...prefs, s, sk: (key: string) => (has(key) ? s(key) : key) };
}

export interface SurveyDto {
  code: string; kind: 'post_service' | 'periodic' | 'poster'; name_ar: string; name_en: string; status: 'draft' | 'active' | 'archived';
  version: number; services: string[]; channels?: string[] | null; questions: QuestionDto[];
}
export interface QuestionDto {
  key: string; kind: 'rating' | 'agree' | 'yes_no' | 'single' | 'multi' | 'text' | 'nps'; component: 'functional' | 'cultural' | 'emotional';
  driver?: string | null; text_ar: string; text_en: string; required?: boolean; style?: 'stars' | 'faces';
  options?: { value: string; label_ar: string; label_en: string }[]; show_if?: { question: string; op: 'lte' | 'gte' | 'eq'; value: number } | null;
}
