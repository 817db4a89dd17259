import { registerMessages } from '../../http/messages.ts';

registerMessages({
  unknown_service: { ar: 'رمز الخدمة غير معروف: {code}', en: 'Unknown service code: {code}' },
  target_not_found: { ar: 'المستهدف غير موجود.', en: 'Target not found.' },
  unknown_export_table: { ar: 'جدول التصدير غير معروف: {table}', en: 'Unknown export table: {table}' },
});
