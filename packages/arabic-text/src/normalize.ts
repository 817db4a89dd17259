// Arabic text normalization shared by search, analytics, topics and sentiment.
// Search and analytics must use the same function, otherwise a query written
// "الإستعلام" would not find a comment written "الاستعلام".

// Arabic presentation forms (e.g. the ﻻ ligature) come from old keyboards and PDFs;
// NFKC maps them back to base letters. Applied only to these blocks because NFKC
// elsewhere would also rewrite things we keep (emoji sequences, full-width text).
const PRESENTATION_FORMS = /[\uFB50-\uFDFF\uFE70-\uFEFC]/g;

// Zero-width and bidi control characters are invisible but break token matching.
const INVISIBLES = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\u061C\uFEFF\u00AD]/g;

// Tashkeel (fathatan..sukun, maddah/hamza marks), superscript alef, Quranic annotation
// marks, and tatweel: none of them changes the word being written.
const DIACRITICS_AND_TATWEEL = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640]/g;

// Emoji presentation selector and skin-tone modifiers: 👍🏽 and 👍 mean the same thing.
const EMOJI_MODIFIERS = /[\uFE0E\uFE0F]|\uD83C[\uDFFB-\uDFFF]/g;

// One letter per entry; the replacement is what people type when they do not bother
// with the exact form, so mapping to it makes both spellings meet.
const LETTER_MAP: Record<string, string> = {
  'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا', 'ٲ': 'ا', 'ٳ': 'ا',
  'ى': 'ي', 'ی': 'ي', 'ې': 'ي', // Persian/Urdu yeh appear in pasted text
  'ة': 'ه', 'ۀ': 'ه', 'ھ': 'ه',
  'ؤ': 'و',
  'ئ': 'ي',
  'ک': 'ك', 'ڪ': 'ك',
  // Standalone hamza is usually omitted in informal writing (شيء/شي، مساء/مسا),
  // so dropping it lets both spellings match.
  'ء': '',
  // Arabic-Indic and Persian digits.
  '٠': '0', '١': '1', '٢': '2', '٣': '3', '٤': '4', '٥': '5', '٦': '6', '٧': '7', '٨': '8', '٩': '9',
  '۰': '0', '۱': '1', '۲': '2', '۳': '3', '۴': '4', '۵': '5', '۶': '6', '۷': '7', '۸': '8', '۹': '9',
};
const LETTERS = new RegExp(`[${Object.keys(LETTER_MAP).join('')}]`, 'g');

// A word-final hamza after yeh is written both on the line and on a seat (سيء/سيئ,
// شيء/شيئ, بطيء/بطيئ). The seat form would become يي while the standalone one is dropped,
// so final ئ after ي (or ى) is dropped too: both spellings then normalize to سي.
const FINAL_HAMZA_ON_YEH = /(?<=[يى])ئ(?![\p{L}\p{M}])/gu;

// Lowercasing happens before this, so "HTTPS://" is caught too.
const URLS = /(?:https?:\/\/|www\.)\S+/g;
const MENTIONS = /@[\p{L}\p{N}_]+/gu;
// Hashtags carry topic words (#تأخير_المواعيد); keep the words, drop the sign.
const HASHTAGS = /#([\p{L}\p{N}_]+)/gu;

// Punctuation (incl. ، ؛ ؟ and "_") and math/modifier symbols become spaces. Currency
// signs and emoji (\p{Sc}, \p{So}) are kept: emoji carry sentiment.
const PUNCTUATION = /[\p{P}\p{Sm}\p{Sk}]/gu;

// A letter or emoji repeated three or more times is emphasis (جمييييل، 😡😡😡);
// doubled letters are left alone because they occur in real words.
const ELONGATION = /(\p{L}|\p{Extended_Pictographic})\1{2,}/gu;

const WHITESPACE = /\s+/g;

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

/** Normalizes Arabic (and mixed Arabic/Latin) text for matching, search and models. */
export function normalizeArabic(text: string): string {
  if (typeof text !== 'string' || text.length === 0) return '';
  let s = text
    .replace(PRESENTATION_FORMS, (c) => c.normalize('NFKC'))
    .replace(INVISIBLES, '')
    // Characters are cleaned before URLs are looked for, so a diacritic inside a URL
    // cannot hide it on the first pass and reveal it on the second (idempotence).
    .replace(DIACRITICS_AND_TATWEEL, '')
    .replace(EMOJI_MODIFIERS, '')
    .replace(FINAL_HAMZA_ON_YEH, '')
    .replace(LETTERS, (c) => LETTER_MAP[c])
    .toLowerCase()
    .replace(URLS, ' ')
    .replace(MENTIONS, ' ')
    .replace(HASHTAGS, (_m, word: string) => ` ${word} `);
  // A decimal point between digits is kept so "2.5" stays one number.
  s = s.replace(PUNCTUATION, (ch, offset: number, whole: string) =>
    (ch === '.' || ch === '٫') && isDigit(whole[offset - 1]) && isDigit(whole[offset + 1]) ? '.' : ' ',
  );
  return s.replace(ELONGATION, '$1').replace(WHITESPACE, ' ').trim();
}

/**
 * The normalization used for search keys. Deliberately the same function as
 * normalizeArabic: search results and analytics counts must agree on what matches.
 */
export const normalizeForSearch = normalizeArabic;
