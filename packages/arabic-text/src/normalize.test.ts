import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { normalizeArabic, normalizeForSearch } from './normalize.ts';

describe('normalizeArabic', () => {
  it('unifies alef forms', () => {
    expect(normalizeArabic('أحمد إبراهيم آمال ٱلله')).toBe('احمد ابراهيم امال الله');
  });
  it('maps alef maqsura to yeh and taa marbuta to heh', () => {
    expect(normalizeArabic('مستشفى')).toBe('مستشفي');
    expect(normalizeArabic('الخدمة')).toBe('الخدمه');
  });
  it('maps hamza seats and drops standalone hamza', () => {
    expect(normalizeArabic('مسؤول')).toBe('مسوول');
    expect(normalizeArabic('سيئة')).toBe('سييه');
    expect(normalizeArabic('شيء')).toBe('شي');
    expect(normalizeArabic('العملاء')).toBe('العملا');
  });
  it('normalizes a final hamza after yeh the same on the line or on its seat', () => {
    expect(normalizeArabic('سيء')).toBe('سي');
    expect(normalizeArabic('سيئ')).toBe('سي');
    expect(normalizeArabic('شيئ')).toBe(normalizeArabic('شيء'));
    expect(normalizeArabic('بطيئ جدا')).toBe('بطي جدا');
    // Inside a word the seat stays a letter: سيئة keeps its yeh-hamza as ي.
    expect(normalizeArabic('سيئة')).toBe('سييه');
  });
  it('removes tashkeel, superscript alef and tatweel', () => {
    expect(normalizeArabic('مُمْتَازٌ')).toBe('ممتاز');
    expect(normalizeArabic('هٰذا')).toBe('هذا');
    expect(normalizeArabic('جمـــيل')).toBe('جميل');
  });
  it('squeezes letters repeated three or more times but keeps doubled ones', () => {
    expect(normalizeArabic('جمييييل')).toBe('جميل');
    expect(normalizeArabic('شكرااااا')).toBe('شكرا');
    expect(normalizeArabic('ممتاز')).toBe('ممتاز');
    expect(normalizeArabic('مدد')).toBe('مدد');
    expect(normalizeArabic('😡😡😡')).toBe('😡');
  });
  it('converts Arabic-Indic and Persian digits to ASCII', () => {
    expect(normalizeArabic('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
    expect(normalizeArabic('۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789');
    expect(normalizeArabic('انتظرت ٣ ساعات')).toBe('انتظرت 3 ساعات');
  });
  it('turns Arabic punctuation into spaces', () => {
    expect(normalizeArabic('ممتاز،شكرا؛ليش؟')).toBe('ممتاز شكرا ليش');
  });
  it('keeps a decimal point between digits', () => {
    expect(normalizeArabic('رسوم 2.5 ريال.')).toBe('رسوم 2.5 ريال');
  });
  it('removes URLs and mentions, keeps hashtag words', () => {
    expect(normalizeArabic('@absher_sa شوفوا https://t.co/abc www.moi.gov.sa')).toBe('شوفوا');
    expect(normalizeArabic('#تأخير_المواعيد مرة ثانية')).toBe('تاخير المواعيد مره ثانيه');
  });
  it('lowercases Latin and collapses whitespace', () => {
    expect(normalizeArabic('  تطبيق   Absher \n  APP ')).toBe('تطبيق absher app');
  });
  it('keeps negation words', () => {
    expect(normalizeArabic('ما مو مب لا ليس غير بدون مافي ماني')).toBe('ما مو مب لا ليس غير بدون مافي ماني');
  });
  it('maps presentation-form ligatures to letters', () => {
    expect(normalizeArabic('\uFEFB')).toBe('لا');
  });
  it('returns an empty string for empty or whitespace input', () => {
    expect(normalizeArabic('')).toBe('');
    expect(normalizeArabic(' \t\n ')).toBe('');
  });
});

describe('normalizeForSearch', () => {
  it('makes hamza spelling variants equal', () => {
    expect(normalizeForSearch('الإستعلام')).toBe(normalizeForSearch('الاستعلام'));
    expect(normalizeForSearch('مسئول')).toBe(normalizeForSearch('مسيول'));
    expect(normalizeForSearch('الاستعلام عن المخالفات')).toContain(normalizeForSearch('الإستعلام'));
  });
  it('is the same function analytics uses', () => {
    expect(normalizeForSearch).toBe(normalizeArabic);
  });
});

// Strings built mostly from Arabic letters, marks, tatweel, digits, punctuation and
// emoji, so the generator actually exercises the rules.
const arabicish = fc
  .array(
    fc.constantFrom(
      'ا', 'أ', 'إ', 'آ', 'ى', 'ي', 'ة', 'ه', 'ؤ', 'ئ', 'ء', 'ل', 'م', 'ن', 'و', 'ب', 'ت', 'س',
      '\u064B', '\u064E', '\u0650', '\u0651', '\u0652', '\u0670', 'ـ', '٣', '۵', '1', '.', '،', '؟', '#', '_', '@',
      ' ', '\n', 'h', 'T', 'p', 's', ':', '/', 'w', '😡', '👍', '\uFE0F', '\u200F', 'ﻻ',
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

describe('normalizeArabic properties', () => {
  it('is idempotent', () => {
    fc.assert(fc.property(fc.oneof(arabicish, fc.string()), (s) => normalizeArabic(normalizeArabic(s)) === normalizeArabic(s)), { numRuns: 2000 });
  });
  it('never leaves diacritics, tatweel or runs of three equal letters', () => {
    fc.assert(
      fc.property(arabicish, (s) => {
        const out = normalizeArabic(s);
        return !/[\u064B-\u065F\u0670\u0640]/.test(out) && !/(\p{L})\1\1/u.test(out) && out === out.trim() && !/\s\s/.test(out);
      }),
      { numRuns: 2000 },
    );
  });
});
