import { registerMessages } from '../../http/messages.ts';

// Keys are prefixed text_ (the registry is shared); feedback row errors reuse the ingestion
// pipeline's ingest_<code> messages, plus the one code only feedback has.
registerMessages({
  ingest_invalid_kind: { ar: 'نوع الملاحظة "{value}" غير معروف: complaint أو comment أو suggestion.', en: 'Unknown feedback kind "{value}": use complaint, comment or suggestion.' },
  text_batch_too_large: { ar: 'الدفعة تحتوي {count} عنصراً والحد الأقصى {max}.', en: 'The batch has {count} items; the maximum is {max}.' },
  text_topic_exists: { ar: 'يوجد موضوع بالرمز {code} مسبقاً.', en: 'A topic with code {code} already exists.' },
  text_unknown_filter: { ar: 'الرمز "{value}" غير موجود في دليل الجهة.', en: 'Code "{value}" is not in the agency catalog.' },
});
