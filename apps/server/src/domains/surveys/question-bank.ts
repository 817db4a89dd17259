import type { Question } from '@tajriba/contracts';

// Built-in question bank modelled on the OMB Circular A-11 §280 post-transaction drivers, in
// plain Saudi-readable Modern Standard Arabic. Verb-led statements avoid gendered adjectives.

const agree = (key: string, driver: Question['driver'], component: Question['component'], text_ar: string, text_en: string): Question => ({
  key, kind: 'agree', driver, component, text_ar, text_en, required: false,
});
const opt = (value: string, label_ar: string, label_en: string) => ({ value, label_ar, label_en });

export const QUESTION_BANK: Question[] = [
  {
    key: 'overall', kind: 'rating', style: 'stars', driver: 'satisfaction', component: 'emotional', required: true,
    text_ar: 'بشكل عام، كيف تقيّم تجربتك مع هذه الخدمة؟', text_en: 'Overall, how would you rate your experience with this service?',
  },
  agree('satisfaction', 'satisfaction', 'emotional', 'أشعر بالرضا عن الخدمة التي حصلت عليها.', 'I am satisfied with the service I received.'),
  agree('trust', 'trust', 'emotional', 'زاد هذا التعامل من ثقتي بالجهة.', 'This interaction increased my confidence in the agency.'),
  agree('effectiveness', 'effectiveness', 'functional', 'حصلت على ما كنت أحتاجه من هذه الخدمة.', 'My need was addressed.'),
  agree('ease', 'ease', 'functional', 'كان إنجاز ما أحتاجه سهلاً وميسّراً.', 'It was easy to complete what I needed to do.'),
  agree('efficiency', 'efficiency', 'functional', 'استغرق إنجاز طلبي وقتاً معقولاً.', 'It took a reasonable amount of time to do what I needed to do.'),
  agree('equity', 'equity', 'cultural', 'عوملت بإنصاف، وكانت الإجراءات والمتطلبات واضحة لي.', 'I was treated fairly and the process and requirements were clear to me.'),
  agree('employee', 'employee', 'cultural', 'كان الموظفون الذين تعاملت معهم متعاونين ومحترمين.', 'The employees I dealt with were helpful and respectful.'),
  {
    key: 'went_well', kind: 'multi', driver: 'went_well', component: 'functional',
    text_ar: 'ما الذي أعجبك في تجربتك؟', text_en: 'What went well?',
    options: [
      opt('speed', 'سرعة الإنجاز', 'Speed'), opt('staff', 'تعامل الموظفين', 'Staff'), opt('clarity', 'وضوح الإجراءات', 'Clear process'),
      opt('digital', 'سهولة المنصة أو التطبيق', 'Website or app'), opt('outcome', 'نتيجة الطلب', 'The outcome'),
    ],
  },
  {
    key: 'went_wrong', kind: 'multi', driver: 'went_wrong', component: 'functional',
    text_ar: 'ما الذي لم يكن على ما يرام؟', text_en: "What didn't go well?",
    options: [
      opt('waiting', 'طول الانتظار', 'Waiting time'), opt('staff', 'تعامل الموظفين', 'Staff'), opt('documents', 'كثرة المستندات والإجراءات', 'Documents and procedures'),
      opt('system', 'أعطال المنصة أو التطبيق', 'Website or app problems'), opt('outcome', 'نتيجة الطلب', 'The outcome'),
    ],
  },
  {
    key: 'comment', kind: 'text', driver: 'comment', component: 'emotional',
    text_ar: 'هل لديك ملاحظة أو اقتراح تودّ مشاركتنا به؟', text_en: 'Anything else you would like to tell us?',
  },
  {
    key: 'recommend', kind: 'nps', driver: null, component: 'emotional',
    text_ar: 'ما مدى احتمال أن توصي غيرك بهذه الخدمة؟', text_en: 'How likely are you to recommend this service to others?',
  },
  {
    key: 'resolved', kind: 'yes_no', driver: 'effectiveness', component: 'functional',
    text_ar: 'هل أُنجز طلبك بالكامل؟', text_en: 'Was your request fully completed?',
  },
];

const bank = (key: string) => structuredClone(QUESTION_BANK.find((q) => q.key === key)!);

/** The five-question post-service default: "what didn't go well" only after a low overall score. */
export function defaultPostServiceQuestions(): Question[] {
  return [
    bank('overall'),
    { ...bank('went_wrong'), show_if: { question: 'overall', op: 'lte', value: 2 } },
    bank('efficiency'),
    bank('employee'),
    bank('comment'),
  ];
}

/** The periodic satisfaction survey: every A-11 driver plus a comment. */
export function defaultPeriodicQuestions(): Question[] {
  return ['satisfaction', 'trust', 'effectiveness', 'ease', 'efficiency', 'equity', 'employee', 'comment'].map(bank);
}
