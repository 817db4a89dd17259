import { registerMessages } from '../../http/messages.ts';
import { messageKeyOf } from '../interactions/interactions.messages.ts';

// Row errors of call-record imports beyond the ones interactions already define (missing_field,
// invalid_timestamp, unknown_service, duplicate_in_batch, field_too_long): keyed like theirs,
// so the shared IngestTally finds them.
const ROW_ERRORS = {
  invalid_call_outcome: {
    ar: 'نتيجة المكالمة "{value}" غير معروفة. القيم المسموحة: answered أو abandoned أو ivr.',
    en: 'Unknown call outcome "{value}". Allowed: answered, abandoned, ivr.',
  },
  answered_at_required: { ar: 'المكالمة المُجابة تحتاج وقت الرد answered_at.', en: 'An answered call needs answered_at.' },
  answered_at_not_allowed: {
    ar: 'مكالمة بنتيجة {value} لا يكون لها وقت رد answered_at.',
    en: 'A call with outcome {value} cannot have answered_at.',
  },
  answered_before_arrived: { ar: 'وقت الرد يسبق وقت وصول المكالمة.', en: 'answered_at is before arrived_at.' },
  ended_before_arrived: { ar: 'وقت انتهاء المكالمة يسبق وقت وصولها.', en: 'ended_at is before arrived_at.' },
  ended_before_answered: { ar: 'وقت انتهاء المكالمة يسبق وقت الرد.', en: 'ended_at is before answered_at.' },
  ended_at_required: {
    ar: 'المكالمة المُجابة تحتاج وقت الانتهاء ended_at لحساب متوسط مدة المعالجة.',
    en: 'An answered call needs ended_at (for the average handle time).',
  },
  queue_required: { ar: 'المكالمة المعروضة على الموظفين تحتاج اسم الطابور queue.', en: 'A call offered to agents needs a queue.' },
};
registerMessages(Object.fromEntries(Object.entries(ROW_ERRORS).map(([code, m]) => [messageKeyOf(code), m])));

// Other contact-centre messages, prefixed cc_ in the shared registry.
registerMessages({
  cc_invalid_schedule_row: {
    ar: 'سطر الجدول {row} غير صالح: {detail}',
    en: 'Schedule row {row} is invalid: {detail}',
  },
  cc_invalid_period: { ar: 'الفترة غير صالحة: تاريخ البداية بعد تاريخ النهاية.', en: 'Invalid period: from is after to.' },
  cc_no_call_history: {
    ar: 'لا توجد مكالمات سابقة كافية للتنبؤ بهذا اليوم.',
    en: 'There is no call history to forecast this day from.',
  },
});
