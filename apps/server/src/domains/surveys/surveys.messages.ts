import { registerMessages } from '../../http/messages.ts';

// Keys carry the surveys_ prefix so other domains' keys cannot override them.
registerMessages({
  surveys_not_found: { ar: 'الاستبيان غير موجود.', en: 'Survey not found.' },
  surveys_code_taken: { ar: 'يوجد استبيان بالرمز {code} مسبقاً.', en: 'A survey with code {code} already exists.' },
  surveys_duplicate_key: { ar: 'مفتاح السؤال {key} مكرر.', en: 'Question key {key} is used twice.' },
  surveys_options_required: { ar: 'السؤال {key} يحتاج خيارات (اثنان على الأقل).', en: 'Question {key} needs at least two options.' },
  surveys_show_if_invalid: {
    ar: 'شرط الظهور في السؤال {key} يجب أن يشير إلى سؤال تقييم سابق.',
    en: 'The condition of question {key} must refer to an earlier scored question.',
  },
  surveys_unknown_service: { ar: 'رمز الخدمة "{code}" غير موجود في الدليل.', en: 'Unknown service code "{code}".' },
  surveys_unknown_channel: { ar: 'رمز القناة "{code}" غير موجود في الدليل.', en: 'Unknown channel code "{code}".' },
  surveys_unknown_branch: { ar: 'رمز الفرع "{code}" غير موجود في الدليل.', en: 'Unknown branch code "{code}".' },
  surveys_not_active: { ar: 'الاستبيان غير مفعّل.', en: 'The survey is not active.' },
  surveys_contact_required: {
    ar: 'أرسل رقم الجوال أو البريد الإلكتروني أو معرّف المستفيد.',
    en: 'Send a phone number, an email or a beneficiary id.',
  },
  surveys_campaign_not_found: { ar: 'الحملة غير موجودة.', en: 'Campaign not found.' },
  surveys_poster_not_found: { ar: 'الملصق غير موجود.', en: 'Poster not found.' },
  surveys_webhook_not_found: { ar: 'الإشعار الآلي (Webhook) غير موجود.', en: 'Webhook not found.' },
  surveys_invalid_answer: { ar: 'إجابة غير صالحة للسؤال {key}.', en: 'Invalid answer for question {key}.' },
});
