// Strings of the text-analytics screen, [ar, en]. Kept beside the page (not in the shared
// dictionaries) because no other screen uses them.
export const TEXT_STRINGS = {
  title: ['تحليل النصوص: الشكاوى والملاحظات', 'Text analytics: complaints and comments'],
  description: ['مشاعر المستفيدين في الشكاوى والملاحظات وإجابات الاستبيانات النصية، وأكثر المواضيع السلبية لكل خدمة وفرع، واكتشاف مواضيع جديدة.', 'Beneficiary sentiment in complaints, comments and free-text survey answers, the top negative topics per service and branch, and discovery of new topics.'],
  period: ['الفترة', 'Period'], total: ['النصوص المحللة', 'Texts analysed'], negativeShare: ['نسبة السلبية', 'Negative share'],
  positiveShare: ['نسبة الإيجابية', 'Positive share'], neutralShare: ['نسبة المحايدة', 'Neutral share'],
  trend: ['اتجاه المشاعر أسبوعياً', 'Weekly sentiment trend'], trendChart: ['رسم بياني لنسب المشاعر أسبوعياً', 'Chart of weekly sentiment shares'],
  positive: ['إيجابي', 'Positive'], negative: ['سلبي', 'Negative'], neutral: ['محايد', 'Neutral'],
  suppressed: ['محجوب (أقل من 5)', 'Suppressed (fewer than 5)'], byService: ['حسب الخدمة', 'By service'], byBranch: ['حسب الفرع', 'By branch'],
  topNegative: ['أكثر المواضيع السلبية', 'Top negative topics'], group: ['المجموعة', 'Group'], n: ['العدد (n)', 'Count (n)'],
  topic: ['الموضوع', 'Topic'], count: ['نصوص سلبية', 'Negative texts'], share: ['من نصوص المجموعة', "Of the group's texts"],
  examples: ['أمثلة', 'Examples'], feedback: ['الشكاوى والملاحظات', 'Complaints and comments'], search: ['بحث', 'Search'],
  allTopics: ['كل المواضيع', 'All topics'], allSentiments: ['كل المشاعر', 'All sentiments'], text: ['النص', 'Text'], kind: ['النوع', 'Kind'],
  sentiment: ['المشاعر', 'Sentiment'], topics: ['المواضيع', 'Topics'], date: ['التاريخ', 'Date'], service: ['الخدمة', 'Service'],
  branch: ['الفرع', 'Branch'], none: ['لا توجد نصوص في هذه الفترة.', 'No texts in this period.'],
  discovery: ['اكتشاف مواضيع جديدة', 'Discover new topics'],
  discoveryHint: ['مجموعات من النصوص السلبية التي لا يغطيها أي موضوع حالي.', 'Groups of negative texts that no current topic covers.'],
  phrases: ['العبارات الأبرز', 'Top phrases'], size: ['عدد النصوص', 'Texts'], makeTopic: ['إنشاء موضوع', 'Make topic'],
  topicCode: ['رمز الموضوع', 'Topic code'], topicNameAr: ['الاسم بالعربية', 'Arabic name'], topicNameEn: ['الاسم بالإنجليزية', 'English name'],
  created: ['تم إنشاء الموضوع وستُعاد معالجة النصوص.', 'Topic created; texts will be re-analysed.'], pending: ['قيد التحليل', 'Being analysed'],
  complaint: ['شكوى', 'Complaint'], comment: ['ملاحظة', 'Comment'], suggestion: ['اقتراح', 'Suggestion'],
  survey_answer: ['إجابة استبيان', 'Survey answer'],
} as const;
export type TextKey = keyof typeof TEXT_STRINGS;
