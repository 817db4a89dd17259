// Strings of the text-analytics screen, Arabic first. Kept beside the page (not in the shared
// dictionaries) because no other screen uses them.
const ar = {
  title: 'تحليل النصوص: الشكاوى والملاحظات',
  description: 'مشاعر المستفيدين في الشكاوى والملاحظات وإجابات الاستبيانات النصية، وأكثر المواضيع السلبية لكل خدمة وفرع، واكتشاف مواضيع جديدة.',
  period: 'الفترة', total: 'النصوص المحللة', negativeShare: 'نسبة السلبية', positiveShare: 'نسبة الإيجابية', neutralShare: 'نسبة المحايدة',
  trend: 'اتجاه المشاعر أسبوعياً', trendChart: 'رسم بياني لنسب المشاعر أسبوعياً', positive: 'إيجابي', negative: 'سلبي', neutral: 'محايد',
  suppressed: 'محجوب (أقل من 5)', byService: 'حسب الخدمة', byBranch: 'حسب الفرع', topNegative: 'أكثر المواضيع السلبية',
  group: 'المجموعة', n: 'العدد (n)', topic: 'الموضوع', count: 'نصوص سلبية', share: 'من نصوص المجموعة', examples: 'أمثلة',
  feedback: 'الشكاوى والملاحظات', search: 'بحث', allTopics: 'كل المواضيع', allSentiments: 'كل المشاعر', text: 'النص', kind: 'النوع',
  sentiment: 'المشاعر', topics: 'المواضيع', date: 'التاريخ', service: 'الخدمة', branch: 'الفرع', none: 'لا توجد نصوص في هذه الفترة.',
  discovery: 'اكتشاف مواضيع جديدة', discoveryHint: 'مجموعات من النصوص السلبية التي لا يغطيها أي موضوع حالي.', phrases: 'العبارات الأبرز',
  size: 'عدد النصوص', makeTopic: 'إنشاء موضوع', topicCode: 'رمز الموضوع', topicNameAr: 'الاسم بالعربية', topicNameEn: 'الاسم بالإنجليزية',
  created: 'تم إنشاء الموضوع وستُعاد معالجة النصوص.', pending: 'قيد التحليل',
  complaint: 'شكوى', comment: 'ملاحظة', suggestion: 'اقتراح', survey_answer: 'إجابة استبيان',
};
const en: typeof ar = {
  title: 'Text analytics: complaints and comments',
  description: 'Beneficiary sentiment in complaints, comments and free-text survey answers, the top negative topics per service and branch, and discovery of new topics.',
  period: 'Period', total: 'Texts analysed', negativeShare: 'Negative share', positiveShare: 'Positive share', neutralShare: 'Neutral share',
  trend: 'Weekly sentiment trend', trendChart: 'Chart of weekly sentiment shares', positive: 'Positive', negative: 'Negative', neutral: 'Neutral',
  suppressed: 'Suppressed (fewer than 5)', byService: 'By service', byBranch: 'By branch', topNegative: 'Top negative topics',
  group: 'Group', n: 'Count (n)', topic: 'Topic', count: 'Negative texts', share: "Of the group's texts", examples: 'Examples',
  feedback: 'Complaints and comments', search: 'Search', allTopics: 'All topics', allSentiments: 'All sentiments', text: 'Text', kind: 'Kind',
  sentiment: 'Sentiment', topics: 'Topics', date: 'Date', service: 'Service', branch: 'Branch', none: 'No texts in this period.',
  discovery: 'Discover new topics', discoveryHint: 'Groups of negative texts that no current topic covers.', phrases: 'Top phrases',
  size: 'Texts', makeTopic: 'Make topic', topicCode: 'Topic code', topicNameAr: 'Arabic name', topicNameEn: 'English name',
  created: 'Topic created; texts will be re-analysed.', pending: 'Being analysed',
  complaint: 'Complaint', comment: 'Comment', suggestion: 'Suggestion', survey_answer: 'Survey answer',
};
export type TextKey = keyof typeof ar;
export const TEXT_MESSAGES = { ar, en };
