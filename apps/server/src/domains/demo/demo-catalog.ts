import type { Branch, Channel, Provider, Reason, Service, Stage } from '@tajriba/contracts';

// The demo agency's catalog: what a ministry's beneficiary-experience team would enter on day one.
// The numeric fields after the catalog entries drive the generator (volume, digital share, hotspots).

export const DEMO_SLUG = 'demo';
export const DEMO_AGENCY = {
  slug: DEMO_SLUG,
  name_ar: 'وزارة الموارد البشرية والتنمية الاجتماعية — وكالة تجربة المستفيد (تجريبية)',
  name_en: 'Ministry of Human Resources and Social Development — Beneficiary Experience (demo)',
  timezone: 'Asia/Riyadh',
};

export interface DemoBranch extends Branch {
  /** Share of in-person and regional demand. */
  weight: number;
  /** Median branch wait in minutes, and how much more often contacts fail here (1 = normal). */
  waitMedianMin: number;
  failFactor: number;
  counters: number;
}

export const DEMO_BRANCHES: DemoBranch[] = [
  { code: 'RUH-OLAYA', name_ar: 'فرع الرياض — العليا', name_en: 'Riyadh — Olaya', city: 'الرياض', region: 'منطقة الرياض', weight: 30, waitMedianMin: 14, failFactor: 1, counters: 18 },
  // The hotspot: long queues and beneficiaries sent back for missing papers.
  { code: 'JED-SAFA', name_ar: 'فرع جدة — الصفا', name_en: 'Jeddah — Al Safa', city: 'جدة', region: 'منطقة مكة المكرمة', weight: 22, waitMedianMin: 38, failFactor: 3, counters: 14 },
  { code: 'MKK-AZIZIYAH', name_ar: 'فرع مكة المكرمة — العزيزية', name_en: 'Makkah — Al Aziziyah', city: 'مكة المكرمة', region: 'منطقة مكة المكرمة', weight: 12, waitMedianMin: 16, failFactor: 1.1, counters: 9 },
  { code: 'DMM-FAISALIYAH', name_ar: 'فرع الدمام — الفيصلية', name_en: 'Dammam — Al Faisaliyah', city: 'الدمام', region: 'المنطقة الشرقية', weight: 16, waitMedianMin: 11, failFactor: 0.9, counters: 12 },
  { code: 'AHB-MANSAK', name_ar: 'فرع أبها — المنسك', name_en: 'Abha — Al Mansak', city: 'أبها', region: 'منطقة عسير', weight: 9, waitMedianMin: 9, failFactor: 0.8, counters: 7 },
  { code: 'TUU-MURUJ', name_ar: 'فرع تبوك — المروج', name_en: 'Tabuk — Al Muruj', city: 'تبوك', region: 'منطقة تبوك', weight: 7, waitMedianMin: 12, failFactor: 1, counters: 6 },
  { code: 'MED-QUBA', name_ar: 'فرع المدينة المنورة — قباء', name_en: 'Madinah — Quba', city: 'المدينة المنورة', region: 'منطقة المدينة المنورة', weight: 10, waitMedianMin: 13, failFactor: 1, counters: 8 },
];

export const DEMO_CHANNELS: Channel[] = [
  { code: 'branch_visit', name_ar: 'زيارة الفرع', name_en: 'Branch visit', category: 'traditional' },
  { code: 'contact_centre', name_ar: 'مركز الاتصال (19911)', name_en: 'Contact centre (19911)', category: 'voice' },
  { code: 'web_portal', name_ar: 'البوابة الإلكترونية', name_en: 'Web portal', category: 'digital' },
  { code: 'mobile_app', name_ar: 'التطبيق الجوال', name_en: 'Mobile app', category: 'digital' },
];

export const DEMO_PROVIDERS: (Provider & { failFactor: number; waitFactor: number })[] = [
  { code: 'in-house', name_ar: 'الوزارة (تشغيل ذاتي)', name_en: 'Ministry (in-house)', kind: 'in_house', failFactor: 1, waitFactor: 1 },
  // Outsourced delivery measured like in-house (seed 003): slightly worse on purpose.
  { code: 'support-ops', name_ar: 'شركة خدمات التشغيل المساندة', name_en: 'Support Operations Services Co.', kind: 'third_party', failFactor: 1.35, waitFactor: 1.3 },
];

export interface DemoService extends Service {
  stages: Stage[];
  reasons: (Reason & { weight: number })[];
  /** Journeys started per day across the agency, share of contacts made online. */
  dailyJourneys: number;
  digitalShare: number;
}

const st = (code: string, name_ar: string, name_en: string, position: number): Stage => ({ code, name_ar, name_en, position });
const SUBMIT = (p = 1) => st('submit', 'تقديم الطلب', 'Submit the request', p);
const DOCS = (p: number) => st('documents', 'التحقق من المستندات', 'Document verification', p);
const REVIEW = (p: number) => st('review', 'المراجعة', 'Review', p);
const DECISION = (p: number) => st('decision', 'القرار', 'Decision', p);
const RECEIVE = (p: number) => st('receive', 'الاستلام', 'Delivery', p);
const rs = (code: string, weight: number, name_ar: string, name_en: string, action_ar: string, action_en: string) => ({
  code, name_ar, name_en, action_ar, action_en, weight,
});

export const DEMO_SERVICES: DemoService[] = [
  {
    code: 'LAB-COMPLAINT', name_ar: 'الشكاوى العمالية', name_en: 'Labour complaints',
    department_ar: 'الإدارة العامة للرقابة وتفتيش العمل', department_en: 'General Directorate of Labour Inspection',
    provider: null, dailyJourneys: 120, digitalShare: 0.55,
    stages: [SUBMIT(), st('triage', 'الفرز والإحالة', 'Triage and referral', 2), st('investigate', 'التحقيق مع المنشأة', 'Investigation with the employer', 3), DECISION(4), st('close', 'إغلاق الشكوى', 'Complaint closure', 5)],
    reasons: [
      rs('late-wages', 4, 'تأخر صرف الأجور', 'Late payment of wages', 'التحقق من سجل حماية الأجور للمنشأة وفتح بلاغ فوري عند ثبوت التأخر', 'Check the employer’s wage-protection record and open a case at once if the delay is confirmed'),
      rs('contract-breach', 3, 'مخالفة بنود عقد العمل', 'Breach of employment contract', 'طلب نسخة العقد الموثق من منصة قوى ومقارنتها بالشكوى', 'Retrieve the documented contract from Qiwa and compare it with the complaint'),
      rs('status-inquiry', 3, 'الاستفسار عن حالة الشكوى', 'Complaint status inquiry', 'إبلاغ المستفيد بالمرحلة الحالية والموعد المتوقع وإرسال رسالة نصية بالتفاصيل', 'Tell the beneficiary the current stage and expected date, and send the details by SMS'),
      rs('workplace-safety', 1, 'بلاغ عن مخالفة السلامة المهنية', 'Occupational safety report', 'تصعيد البلاغ إلى فريق التفتيش الميداني خلال يوم عمل', 'Escalate to the field inspection team within one working day'),
    ],
  },
  {
    code: 'WORK-PERMIT', name_ar: 'رخص العمل', name_en: 'Work permits',
    department_ar: 'وكالة سوق العمل', department_en: 'Labour Market Deputyship',
    provider: null, dailyJourneys: 230, digitalShare: 0.82,
    stages: [SUBMIT(), st('payment', 'سداد المقابل المالي', 'Fee payment', 2), REVIEW(3), st('issue', 'إصدار الرخصة', 'Permit issued', 4)],
    reasons: [
      rs('new-permit', 4, 'إصدار رخصة عمل جديدة', 'New work permit', 'التأكد من نطاق المنشأة ورصيد التأشيرات قبل إكمال الطلب', 'Confirm the establishment’s Nitaqat band and visa balance before completing the request'),
      rs('renewal', 5, 'تجديد رخصة العمل', 'Work permit renewal', 'التحقق من سداد المقابل المالي وسريان الإقامة ثم التجديد مباشرة', 'Check the fee is paid and the iqama is valid, then renew on the spot'),
      rs('payment-issue', 2, 'تعذر سداد المقابل المالي', 'Fee payment failure', 'التحقق من رقم الفاتورة في سداد وإعادة إصدارها عند الحاجة', 'Verify the SADAD bill number and reissue it if needed'),
    ],
  },
  {
    code: 'SOC-SECURITY', name_ar: 'الضمان الاجتماعي', name_en: 'Social security claims',
    department_ar: 'وكالة الضمان الاجتماعي', department_en: 'Social Security Deputyship',
    provider: null, dailyJourneys: 190, digitalShare: 0.6,
    stages: [SUBMIT(), st('eligibility', 'التحقق من الأهلية', 'Eligibility check', 2), st('field-study', 'الدراسة الاجتماعية', 'Social assessment', 3), DECISION(4), st('payout', 'صرف المعاش', 'Payout', 5)],
    reasons: [
      rs('new-claim', 3, 'تسجيل طلب ضمان جديد', 'New social security claim', 'مساعدة المستفيد في تعبئة الطلب والتحقق من اكتمال بيانات الأسرة', 'Help the beneficiary fill in the claim and check household data is complete'),
      rs('payment-stopped', 3, 'إيقاف أو تأخر صرف المعاش', 'Payment stopped or late', 'مراجعة سبب الإيقاف في النظام وتوضيحه وتحديد الإجراء المطلوب', 'Look up the stop reason, explain it and state the required action'),
      rs('objection', 2, 'الاعتراض على قرار الأهلية', 'Appeal an eligibility decision', 'تسجيل الاعتراض مع المستندات المؤيدة وإبلاغ المستفيد بمدة الدراسة', 'Record the appeal with supporting documents and tell the beneficiary how long review takes'),
      rs('update-data', 2, 'تحديث بيانات الأسرة أو الدخل', 'Update household or income data', 'تحديث البيانات فورًا والتحقق منها آليًا عبر الربط الحكومي', 'Update the data immediately and verify it through government integration'),
    ],
  },
  {
    code: 'NITAQAT-CERT', name_ar: 'شهادة السعودة (نطاقات)', name_en: 'Saudization certificate (Nitaqat)',
    department_ar: 'الإدارة العامة للتوطين', department_en: 'General Directorate of Localisation',
    provider: null, dailyJourneys: 95, digitalShare: 0.88,
    stages: [SUBMIT(), st('compliance', 'التحقق من نسب التوطين', 'Localisation compliance check', 2), st('issue', 'إصدار الشهادة', 'Certificate issued', 3)],
    reasons: [
      rs('issue-cert', 5, 'إصدار شهادة السعودة', 'Issue a Saudization certificate', 'التحقق من النطاق الحالي للمنشأة وإصدار الشهادة إلكترونيًا', 'Check the current band and issue the certificate online'),
      rs('band-dispute', 2, 'الاعتراض على احتساب النطاق', 'Dispute the Nitaqat band', 'مراجعة العاملين المحتسبين ومقارنة سجلات التأمينات الاجتماعية', 'Review counted employees against social insurance records'),
      rs('cert-validity', 2, 'التحقق من صلاحية شهادة', 'Verify a certificate', 'التحقق برقم الشهادة وإرسال رابط التحقق للجهة الطالبة', 'Verify by certificate number and send the verification link to the requester'),
    ],
  },
  {
    code: 'AMICABLE-SETTLE', name_ar: 'التسوية الودية للخلافات العمالية', name_en: 'Amicable labour dispute settlement',
    department_ar: 'الإدارة العامة للتسوية الودية', department_en: 'General Directorate of Amicable Settlement',
    provider: null, dailyJourneys: 70, digitalShare: 0.4,
    stages: [SUBMIT(), st('session', 'جلسة التسوية', 'Settlement session', 2), st('agreement', 'محضر الصلح أو الإحالة', 'Settlement record or referral', 3), st('court', 'الإحالة إلى المحكمة العمالية', 'Referral to labour court', 4)],
    reasons: [
      rs('file-claim', 3, 'رفع دعوى تسوية', 'File a settlement claim', 'التحقق من اختصاص الفرع وتحديد موعد أول جلسة خلال ٢١ يومًا', 'Confirm the branch is competent and book the first session within 21 days'),
      rs('session-date', 3, 'الاستفسار عن موعد الجلسة', 'Session date inquiry', 'إبلاغ المستفيد بالموعد ورابط الجلسة المرئية إن وجدت', 'Give the date and the video-session link if any'),
      rs('no-show-employer', 2, 'تغيب صاحب العمل عن الجلسة', 'Employer absent from session', 'توثيق التغيب وإحالة الدعوى إلى المحكمة العمالية وفق النظام', 'Record the absence and refer the case to the labour court as the law provides'),
    ],
  },
  {
    code: 'DOMESTIC-LABOUR', name_ar: 'خدمات العمالة المنزلية', name_en: 'Domestic worker services',
    department_ar: 'الإدارة العامة للعمالة المنزلية', department_en: 'General Directorate of Domestic Labour',
    provider: 'support-ops', dailyJourneys: 150, digitalShare: 0.62,
    stages: [SUBMIT(), DOCS(2), st('contract', 'توثيق العقد', 'Contract documentation', 3), RECEIVE(4)],
    reasons: [
      rs('transfer-sponsor', 3, 'نقل خدمات عامل منزلي', 'Domestic worker sponsorship transfer', 'التحقق من موافقة الطرفين وعدم وجود بلاغات قائمة قبل النقل', 'Check both parties consent and no open reports exist before the transfer'),
      rs('absconding', 2, 'بلاغ تغيب عامل منزلي', 'Absconding report', 'تسجيل البلاغ وإعلام المستفيد بحقوقه والتزاماته', 'Record the report and inform the beneficiary of their rights and duties'),
      rs('musaned-contract', 3, 'توثيق عقد عبر مساند', 'Document a Musaned contract', 'إرشاد المستفيد لخطوات مساند والتحقق من سداد الرسوم', 'Guide the beneficiary through Musaned and check fees are paid'),
      rs('wage-dispute-dw', 1, 'خلاف على أجور عامل منزلي', 'Domestic worker wage dispute', 'تحويل الحالة إلى التسوية الودية مع إرفاق العقد', 'Refer the case to amicable settlement with the contract attached'),
    ],
  },
  {
    code: 'WAGE-PROTECT', name_ar: 'حماية الأجور', name_en: 'Wage protection',
    department_ar: 'الإدارة العامة لحماية الأجور', department_en: 'General Directorate of Wage Protection',
    provider: null, dailyJourneys: 110, digitalShare: 0.8,
    stages: [SUBMIT(), st('file-check', 'التحقق من ملف الرواتب', 'Payroll file check', 2), st('compliance', 'احتساب نسبة الالتزام', 'Compliance calculation', 3), st('close', 'إغلاق الطلب', 'Request closure', 4)],
    reasons: [
      rs('upload-payroll', 5, 'رفع ملف الرواتب', 'Upload payroll file', 'التحقق من صيغة الملف ومطابقته للعاملين المسجلين', 'Check the file format and match it to registered employees'),
      rs('compliance-rate', 3, 'الاستفسار عن نسبة الالتزام', 'Compliance rate inquiry', 'عرض تفاصيل الاحتساب وأسماء العاملين غير المطابقين', 'Show how the rate was calculated and which employees did not match'),
      rs('employee-report', 2, 'بلاغ عامل عن عدم صرف راتبه', 'Employee reports unpaid salary', 'مطابقة البلاغ مع ملف الرواتب وإحالته للتفتيش عند ثبوته', 'Match the report to the payroll file and refer to inspection if confirmed'),
    ],
  },
  {
    code: 'DISABILITY', name_ar: 'خدمات ذوي الإعاقة', name_en: 'Services for persons with disabilities',
    department_ar: 'وكالة التأهيل والتوجيه الاجتماعي', department_en: 'Rehabilitation and Social Guidance Deputyship',
    provider: 'support-ops', dailyJourneys: 60, digitalShare: 0.35,
    stages: [SUBMIT(), st('medical', 'التقييم الطبي', 'Medical assessment', 2), DECISION(3), st('card', 'إصدار البطاقة أو الإعانة', 'Card or allowance issued', 4)],
    reasons: [
      rs('rehab-allowance', 3, 'طلب إعانة التأهيل', 'Rehabilitation allowance request', 'التحقق من التقرير الطبي المعتمد وتسجيل الطلب في الزيارة نفسها', 'Check the approved medical report and register the request in the same visit'),
      rs('parking-card', 2, 'بطاقة التسهيلات المرورية', 'Parking facilitation card', 'إصدار البطاقة فورًا عند اكتمال المستندات', 'Issue the card immediately once documents are complete'),
      rs('home-visit', 2, 'طلب زيارة منزلية للتقييم', 'Home assessment visit', 'حجز موعد زيارة منزلية خلال أسبوعين وإبلاغ المستفيد', 'Book a home visit within two weeks and notify the beneficiary'),
    ],
  },
  {
    code: 'FAMILY-DEV', name_ar: 'التنمية الأسرية', name_en: 'Family development',
    department_ar: 'وكالة التنمية الاجتماعية', department_en: 'Social Development Deputyship',
    provider: null, dailyJourneys: 45, digitalShare: 0.5,
    stages: [SUBMIT(), st('counselling', 'الاستشارة الأسرية', 'Family counselling', 2), st('follow-up', 'المتابعة', 'Follow-up', 3)],
    reasons: [
      rs('counselling', 3, 'طلب استشارة أسرية', 'Family counselling request', 'تحويل الطلب إلى مستشار مختص وتحديد موعد خلال ثلاثة أيام', 'Assign a specialist counsellor and book within three days'),
      rs('productive-family', 2, 'دعم الأسر المنتجة', 'Productive families support', 'شرح شروط البرنامج والتسجيل المبدئي', 'Explain programme conditions and do the initial registration'),
      rs('marriage-programme', 1, 'برامج التأهيل للزواج', 'Pre-marriage programmes', 'التسجيل في أقرب دورة متاحة وإرسال التفاصيل', 'Register for the next available course and send the details'),
    ],
  },
  {
    code: 'EST-FILE', name_ar: 'خدمات ملف المنشأة', name_en: 'Establishment file services',
    department_ar: 'الإدارة العامة لخدمات المنشآت', department_en: 'General Directorate of Establishment Services',
    provider: null, dailyJourneys: 130, digitalShare: 0.78,
    stages: [SUBMIT(), DOCS(2), st('update', 'تحديث الملف', 'File update', 3)],
    reasons: [
      rs('open-file', 2, 'فتح ملف منشأة', 'Open an establishment file', 'التحقق من السجل التجاري وربطه بالرقم الموحد آليًا', 'Verify the commercial registration and link it to the unified number'),
      rs('update-owner', 3, 'تحديث بيانات المالك أو المفوض', 'Update owner or delegate', 'التحقق من التفويض عبر أبشر أعمال وتحديث البيانات', 'Verify authorisation through Absher Business and update the data'),
      rs('close-file', 1, 'إغلاق ملف منشأة', 'Close an establishment file', 'التأكد من عدم وجود عمالة أو مخالفات قائمة قبل الإغلاق', 'Confirm no workers or open violations remain before closing'),
      rs('violations', 2, 'الاستفسار عن مخالفات المنشأة', 'Establishment violations inquiry', 'عرض المخالفات وطرق الاعتراض أو السداد', 'Show the violations and how to appeal or pay'),
    ],
  },
];

/** The service whose online channels break for one week (the "digital incident" hotspot). */
export const DIGITAL_INCIDENT = { service: 'WAGE-PROTECT', startDaysAgo: 34, lengthDays: 7, failRate: 0.42 };
