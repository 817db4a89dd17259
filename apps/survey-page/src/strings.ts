import type { Lang } from './html.ts';

// Page wording, Arabic first.
export const T = {
  next: { ar: 'التالي', en: 'Next' },
  submit: { ar: 'إرسال', en: 'Submit' },
  required: { ar: 'مطلوب', en: 'required' },
  missing: { ar: 'فضلاً أجب عن الأسئلة المطلوبة.', en: 'Please answer the required questions.' },
  page: { ar: 'الصفحة {n} من {total}', en: 'Page {n} of {total}' },
  switchTo: { ar: 'English', en: 'العربية' },
  stop: { ar: 'لا أرغب في تلقي استبيانات', en: 'Stop receiving surveys' },
  yes: { ar: 'نعم', en: 'Yes' },
  no: { ar: 'لا', en: 'No' },
  low5: { ar: 'غير راضٍ إطلاقاً', en: 'Very dissatisfied' },
  high5: { ar: 'راضٍ جداً', en: 'Very satisfied' },
  low10: { ar: 'غير محتمل إطلاقاً', en: 'Not at all likely' },
  high10: { ar: 'محتمل جداً', en: 'Extremely likely' },
  commentHint: { ar: 'اكتب ملاحظتك هنا (اختياري)', en: 'Write here (optional)' },
  agree: {
    ar: ['لا أوافق بشدة', 'لا أوافق', 'محايد', 'أوافق', 'أوافق بشدة'],
    en: ['Strongly disagree', 'Disagree', 'Neutral', 'Agree', 'Strongly agree'],
  },
  privacy: { ar: 'إجاباتك سرية وتُستخدم لتحسين الخدمة فقط.', en: 'Your answers are confidential and used only to improve the service.' },
} as const;

export const tr = (key: Exclude<keyof typeof T, 'agree'>, lang: Lang, params: Record<string, string | number> = {}) =>
  (T[key][lang] as string).replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));

/** Pages shown when a link cannot be used, or after answering: always in both languages. */
export const NOTICES = {
  thanks: {
    status: 200,
    ar: ['شكراً لك!', 'وصلتنا إجاباتك، وسنستفيد منها في تحسين خدماتنا.'],
    en: ['Thank you!', 'We received your answers and will use them to improve our services.'],
  },
  used: {
    status: 410,
    ar: ['تمت الإجابة على هذا الاستبيان', 'استُخدم هذا الرابط من قبل، ولا يمكن الإجابة مرة أخرى. شكراً لمشاركتك.'],
    en: ['This survey was already answered', 'This link has already been used and cannot be answered again. Thank you for taking part.'],
  },
  expired: {
    status: 410,
    ar: ['انتهت صلاحية الرابط', 'نعتذر، لم يعد هذا الرابط صالحاً. يسعدنا تقييمك في تعاملك القادم.'],
    en: ['This link has expired', 'Sorry, this link is no longer valid. We would be glad to hear from you after your next visit.'],
  },
  forged: {
    status: 404,
    ar: ['الرابط غير صحيح', 'تعذّر العثور على هذا الاستبيان. تأكد من نسخ الرابط كاملاً كما وصلك.'],
    en: ['Link not recognised', 'We could not find this survey. Please check that you copied the whole link you received.'],
  },
  closed: {
    status: 410,
    ar: ['الاستبيان مغلق', 'هذا الاستبيان لم يعد يستقبل إجابات. شكراً لاهتمامك.'],
    en: ['This survey is closed', 'This survey no longer accepts answers. Thank you for your interest.'],
  },
  rate_limited: {
    status: 429,
    ar: ['طلبات كثيرة', 'وصلتنا طلبات كثيرة من جهازك خلال وقت قصير. حاول مرة أخرى بعد دقيقة.'],
    en: ['Too many requests', 'We received many requests from your device in a short time. Please try again in a minute.'],
  },
  opted_out: {
    status: 200,
    ar: ['تم إيقاف الاستبيانات', 'لن تصلك منا استبيانات بعد الآن.'],
    en: ['Surveys stopped', 'You will not receive any more surveys from us.'],
  },
  stop_confirm: {
    status: 200,
    ar: ['إيقاف الاستبيانات', 'هل تريد التوقف عن تلقي استبيانات الرضا منا نهائياً؟'],
    en: ['Stop surveys', 'Do you want to stop receiving satisfaction surveys from us for good?'],
  },
  bad_request: {
    status: 400,
    ar: ['تعذّر حفظ الإجابة', 'وصلت قيمة غير متوقعة. ارجع إلى الصفحة السابقة وحاول مرة أخرى.'],
    en: ['Could not save the answer', 'An unexpected value was sent. Go back and try again.'],
  },
} as const;
export type NoticeKind = keyof typeof NOTICES;
