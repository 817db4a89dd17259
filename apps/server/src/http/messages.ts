export interface Message {
  ar: string;
  en: string;
}

// Every user-facing error message, in Arabic (default) and English. Domains add theirs
// with registerMessages() beside the code that raises them.
const MESSAGES: Record<string, Message> = {
  internal: { ar: 'حدث خطأ غير متوقع. رقم الطلب: {requestId}', en: 'An unexpected error occurred. Request id: {requestId}' },
  not_found: { ar: 'العنصر المطلوب غير موجود.', en: 'The requested item was not found.' },
  route_not_found: { ar: 'المسار غير موجود.', en: 'No such endpoint.' },
  agency_not_found: { ar: 'الجهة غير موجودة أو لا تملك صلاحية الوصول إليها.', en: 'Agency not found or not accessible to you.' },
  agency_required: { ar: 'حدد الجهة (agency) للطلب.', en: 'Specify the agency for this request.' },
  unauthenticated: { ar: 'يجب تسجيل الدخول أولاً.', en: 'You must sign in first.' },
  forbidden: { ar: 'ليست لديك صلاحية لهذا الإجراء.', en: 'You are not allowed to do this.' },
  csrf: { ar: 'طلب مرفوض: ترويسة الحماية مفقودة.', en: 'Request refused: missing CSRF header.' },
  invalid_credentials: { ar: 'البريد الإلكتروني أو كلمة المرور غير صحيحة.', en: 'Incorrect email or password.' },
  too_many_requests: { ar: 'طلبات كثيرة جداً. حاول بعد قليل.', en: 'Too many requests. Try again shortly.' },
  body_too_large: { ar: 'حجم الطلب يتجاوز الحد المسموح ({limit}).', en: 'Request body exceeds the limit ({limit}).' },
  invalid_json: { ar: 'نص الطلب ليس JSON صالحاً.', en: 'Request body is not valid JSON.' },
  validation_failed: { ar: 'قيمة غير صالحة في الحقل {field}: {detail}', en: 'Invalid value in field {field}: {detail}' },
  conflict: { ar: 'يوجد عنصر بنفس المعرّف مسبقاً.', en: 'An item with the same identifier already exists.' },
  reference_missing: { ar: 'العنصر مرتبط بعنصر غير موجود أو ما زال مستخدماً.', en: 'The item refers to a missing item or is still in use.' },
  invalid_value: { ar: 'قيمة غير صالحة.', en: 'Invalid value.' },
  unsupported_media_type: { ar: 'نوع المحتوى غير مدعوم.', en: 'Unsupported content type.' },
};

export function registerMessages(extra: Record<string, Message>) {
  Object.assign(MESSAGES, extra);
}

export function messageFor(key: string, params: Record<string, string | number> = {}): Message {
  const m = MESSAGES[key] ?? { ar: key, en: key };
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
  return { ar: fill(m.ar), en: fill(m.en) };
}

export function hasMessage(key: string) {
  return key in MESSAGES;
}
