import { describe, it, expect } from 'vitest';
import { tokenize, removeStopWords, isStopWord, NEGATION_WORDS } from './tokenize.ts';
import { stemArabic } from './stem.ts';

describe('tokenize', () => {
  it('splits emoji from words and keeps numbers whole', () => {
    expect(tokenize('ممتاز👍 الرسوم 2.5 ريال')).toEqual(['ممتاز', '👍', 'الرسوم', '2.5', 'ريال']);
  });
  it('returns no tokens for punctuation only', () => {
    expect(tokenize(' ، ؟ ! ')).toEqual([]);
  });
});

describe('stop words', () => {
  it('removes function words but never negations', () => {
    expect(removeStopWords(tokenize('يعني الموظف ما رد علي في الموعد'))).toEqual(['الموظف', 'ما', 'رد', 'الموعد']);
    for (const w of ['ما', 'مو', 'مب', 'لا', 'ليس', 'غير', 'بدون', 'مافي', 'ماني']) {
      expect(NEGATION_WORDS.has(w)).toBe(true);
      expect(isStopWord(w)).toBe(false);
    }
  });
});

describe('stemArabic', () => {
  it('strips article prefixes', () => {
    expect(stemArabic('الموقع')).toBe('موقع');
    expect(stemArabic('والموظف')).toBe('موظف');
    expect(stemArabic('بالنظام')).toBe('نظام');
    expect(stemArabic('للمراجع')).toBe('مراجع');
  });
  it('strips suffixes so inflections meet', () => {
    expect(stemArabic('الموظفين')).toBe('موظف');
    expect(stemArabic('موظفون')).toBe('موظف');
    expect(stemArabic('تطبيقات')).toBe('تطبيق');
    expect(stemArabic('معاملاتها')).toBe('معامل');
    expect(stemArabic('انتظرنا')).toBe('انتظر');
  });
  it('respects the minimum stem length', () => {
    // Removing ي would leave two letters.
    expect(stemArabic('ابي')).toBe('ابي');
    expect(stemArabic('الله')).toBe('الله');
    expect(stemArabic('رد')).toBe('رد');
  });
  it('reduces و+negation to the negation and leaves other tokens alone', () => {
    expect(stemArabic('وما')).toBe('ما');
    // The leading و of وزاره is part of the word and stays; only the final ه goes.
    expect(stemArabic('وزاره')).toBe('وزار');
    expect(stemArabic('absher')).toBe('absher');
    expect(stemArabic('2024')).toBe('2024');
  });
});
