import { registerMessages } from '../../http/messages.ts';

// Row error codes of the ingestion pipeline (file-level ones live in lib/csv-input.ts).
export const ROW_ERROR_CODES = [
  'missing_field', 'invalid_value', 'invalid_timestamp', 'ended_before_started', 'invalid_outcome',
  'invalid_wait_seconds', 'invalid_attributes', 'unknown_service', 'unknown_channel', 'unknown_branch',
  'unknown_provider', 'unknown_stage', 'unknown_reason', 'duplicate_in_batch', 'field_too_long',
] as const;
export type RowErrorCode = (typeof ROW_ERROR_CODES)[number];
export const messageKeyOf = (code: string) => `ingest_${code}`;

// Keys are prefixed (ingest_<code>) because the message registry is shared by every domain;
// the error code itself stays unprefixed.
registerMessages({
  ingest_missing_field: { ar: 'الحقل الإلزامي {field} فارغ أو مفقود.', en: 'Required field {field} is empty or missing.' },
  ingest_invalid_value: { ar: 'قيمة الحقل {field} يجب أن تكون نصاً أو رقماً.', en: 'Field {field} must be text or a number.' },
  ingest_invalid_timestamp: {
    ar: 'الوقت في {field} غير صالح: "{value}". استخدم صيغة ISO 8601 مثل 2024-05-01T09:30:00+03:00.',
    en: 'Invalid time in {field}: "{value}". Use ISO 8601, e.g. 2024-05-01T09:30:00+03:00.',
  },
  ingest_ended_before_started: { ar: 'وقت الانتهاء يسبق وقت البدء.', en: 'ended_at is before started_at.' },
  ingest_invalid_outcome: {
    ar: 'النتيجة "{value}" غير معروفة. القيم المسموحة: completed أو failed أو abandoned أو transferred.',
    en: 'Unknown outcome "{value}". Allowed: completed, failed, abandoned, transferred.',
  },
  ingest_invalid_wait_seconds: {
    ar: 'مدة الانتظار "{value}" يجب أن تكون عدداً صحيحاً من الثواني بين 0 و{max}.',
    en: 'wait_seconds "{value}" must be a whole number of seconds from 0 to {max}.',
  },
  ingest_invalid_attributes: { ar: 'الحقل attributes يجب أن يكون كائن JSON مثل {"key":"value"}.', en: 'attributes must be a JSON object such as {"key":"value"}.' },
  ingest_unknown_service: { ar: 'رمز الخدمة "{value}" غير موجود في دليل الجهة.', en: 'Service code "{value}" is not in the agency catalog.' },
  ingest_unknown_channel: { ar: 'رمز القناة "{value}" غير موجود في دليل الجهة.', en: 'Channel code "{value}" is not in the agency catalog.' },
  ingest_unknown_branch: { ar: 'رمز الفرع "{value}" غير موجود في دليل الجهة.', en: 'Branch code "{value}" is not in the agency catalog.' },
  ingest_unknown_provider: { ar: 'رمز مقدّم الخدمة "{value}" غير موجود في دليل الجهة.', en: 'Provider code "{value}" is not in the agency catalog.' },
  ingest_unknown_stage: { ar: 'المرحلة "{value}" غير معرّفة لهذه الخدمة.', en: 'Stage "{value}" is not defined for this service.' },
  ingest_unknown_reason: { ar: 'سبب الزيارة "{value}" غير معرّف لهذه الخدمة.', en: 'Visit reason "{value}" is not defined for this service.' },
  ingest_duplicate_in_batch: {
    ar: 'المعرّف external_id "{value}" مكرر في الدفعة نفسها (أول ظهور في الصف {first}).',
    en: 'external_id "{value}" appears twice in the same batch (first at row {first}).',
  },
  ingest_field_too_long: { ar: 'الحقل {field} أطول من {max} حرفاً.', en: 'Field {field} is longer than {max} characters.' },
  ingest_batch_too_large: {
    ar: 'الدفعة تحتوي {count} عنصراً والحد الأقصى {max}. قسّمها إلى دفعات أصغر.',
    en: 'The batch has {count} items; the maximum is {max}. Split it into smaller batches.',
  },
  ingest_import_not_found: { ar: 'عملية الاستيراد غير موجودة.', en: 'Import not found.' },
  ingest_upload_content_type: {
    ar: 'أرسل ملف CSV كنص الطلب بنوع text/csv أو application/octet-stream.',
    en: 'Send the CSV file as the request body with content type text/csv or application/octet-stream.',
  },
});
