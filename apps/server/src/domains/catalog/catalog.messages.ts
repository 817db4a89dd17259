import { registerMessages } from '../../http/messages.ts';

// Errors raised by the catalog domain, REST and file import alike. Keys carry the catalog_
// prefix because the message table is shared by all domains; error codes stay short.
registerMessages({
  catalog_code_exists: { ar: 'يوجد عنصر بالرمز {code} مسبقاً.', en: 'An item with code {code} already exists.' },
  catalog_not_found: { ar: 'لا يوجد عنصر بالرمز {code}.', en: 'No item with code {code}.' },
  catalog_in_use: {
    ar: 'لا يمكن حذف {code} لأنه ما زال مستخدماً في {used_ar}.',
    en: 'Cannot delete {code}: it is still referenced by {used_en}.',
  },
  catalog_unknown_provider: { ar: 'مقدّم الخدمة {code} غير موجود.', en: 'Unknown provider {code}.' },
  catalog_unknown_service: { ar: 'الخدمة {code} غير موجودة.', en: 'Unknown service {code}.' },
  catalog_unknown_channel: { ar: 'القناة {code} غير موجودة.', en: 'Unknown channel {code}.' },
  catalog_import_rejected: {
    ar: 'لم يُستورد أي صف: صحّح الأخطاء ({count}) ثم أعد المحاولة.',
    en: 'Nothing was imported: fix the {count} error(s) and try again.',
  },
  // Row errors of a catalog file (CSV line or JSON path).
  catalog_csv_malformed: { ar: 'ملف CSV غير سليم: {detail}', en: 'Malformed CSV: {detail}' },
  catalog_not_utf8: { ar: 'الملف ليس بترميز UTF-8. احفظه بصيغة «CSV UTF-8».', en: 'The file is not UTF-8. Save it as "CSV UTF-8".' },
  catalog_empty_file: { ar: 'الملف فارغ.', en: 'The file is empty.' },
  catalog_missing_column: { ar: 'العمود {field} مفقود من السطر الأول.', en: 'Column {field} is missing from the header.' },
  catalog_unknown_column: { ar: 'عمود غير معروف: {field}.', en: 'Unknown column: {field}.' },
  catalog_unknown_type: {
    ar: 'نوع غير معروف «{value}»؛ المسموح: provider, branch, channel, service, stage, reason.',
    en: 'Unknown type "{value}"; allowed: provider, branch, channel, service, stage, reason.',
  },
  catalog_required: { ar: 'الحقل {field} مطلوب.', en: 'Field {field} is required.' },
  catalog_invalid_code: { ar: 'رمز غير صالح «{value}»: أحرف لاتينية وأرقام و _ . - فقط.', en: 'Invalid code "{value}": letters, digits, _ . - only.' },
  catalog_invalid_category: {
    ar: 'فئة القناة «{value}» غير صالحة؛ المسموح: traditional, voice, digital.',
    en: 'Invalid channel category "{value}"; allowed: traditional, voice, digital.',
  },
  catalog_invalid_kind: {
    ar: 'نوع المقدّم «{value}» غير صالح؛ المسموح: in_house, third_party.',
    en: 'Invalid provider kind "{value}"; allowed: in_house, third_party.',
  },
  catalog_invalid_position: { ar: 'الترتيب «{value}» يجب أن يكون عدداً صحيحاً موجباً.', en: 'Position "{value}" must be a positive whole number.' },
  catalog_invalid_field: { ar: 'قيمة غير صالحة في الحقل {field}: {detail}', en: 'Invalid value in field {field}: {detail}' },
  catalog_duplicate_code: { ar: 'الرمز {code} مكرر في الملف (السطر {first}).', en: 'Code {code} appears twice in the file (line {first}).' },
  catalog_duplicate_position: {
    ar: 'الترتيب {value} مكرر لمراحل الخدمة {code} في الملف.',
    en: 'Position {value} is used twice for the stages of service {code} in the file.',
  },
});

/** Arabic and English names of what still references a catalog item. */
export const USED_BY_LABELS = {
  interactions: { ar: 'التفاعلات', en: 'interactions' },
  services: { ar: 'الخدمات', en: 'services' },
} as const;
