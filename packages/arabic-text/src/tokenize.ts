import { normalizeArabic } from './normalize.ts';

// A token is a run of letters/marks/digits (a decimal point between digits stays
// inside the number) or a single emoji, so "ممتاز👍" gives two tokens.
const TOKEN = /[\p{L}\p{M}\p{N}]+(?:\.\p{N}+)*|\p{Extended_Pictographic}/gu;

/**
 * Negation words. They are never stop words: "مافي تجاوب" and "في تجاوب" mean
 * opposite things, and sentiment/topics rely on seeing them. Stored normalized.
 */
const BASE_NEGATIONS = ['ما', 'مو', 'مب', 'مش', 'لا', 'لم', 'لن', 'ليس', 'ليست', 'غير', 'بدون', 'مافي', 'ماني', 'ماهو', 'ماهي', 'مافيه', 'محد', 'ماحد', 'بلا', 'دون'];
// "وما احد رد": the conjunction و is written attached, so و+negation is a negation too.
export const NEGATION_WORDS: ReadonlySet<string> = new Set(
  BASE_NEGATIONS.flatMap((w) => [w, `و${w}`]).map(normalizeArabic),
);

// MSA function words plus common Gulf/Saudi fillers. Kept short on purpose: words that
// carry service meaning (وقت، موعد، رد) or any negation must never appear here.
const STOP_WORD_LIST = [
  // MSA prepositions, conjunctions, particles
  'في', 'من', 'الى', 'إلى', 'على', 'عن', 'مع', 'و', 'ف', 'ثم', 'او', 'أو', 'أم', 'ام', 'بل', 'حتى', 'اذا', 'إذا', 'إن', 'أن', 'ان', 'إنه', 'انه', 'انها', 'لكن', 'لكنه', 'قد', 'لقد', 'كان', 'كانت', 'يكون', 'تكون', 'كل', 'بعض', 'عند', 'عندما', 'منذ', 'بين', 'خلال', 'حيث', 'كما', 'لان', 'لأن', 'ايضا', 'أيضا', 'فقط', 'ذلك', 'هذا', 'هذه', 'هذي', 'هاذا', 'تلك', 'ذاك', 'الذي', 'التي', 'الذين', 'اللي', 'هو', 'هي', 'هم', 'هن', 'انا', 'أنا', 'نحن', 'انت', 'أنت', 'انتم', 'أنتم', 'له', 'لها', 'لهم', 'لي', 'لنا', 'لك', 'لكم', 'به', 'بها', 'فيه', 'فيها', 'منه', 'منها', 'عليه', 'عليها', 'الي', 'يا', 'أي', 'اي', 'كذلك', 'هناك', 'هنا', 'ثم', 'قبل', 'بعد', 'تم', 'يتم', 'وقد', 'وهو', 'وهي', 'وفي', 'ومن', 'وعلى', 'الا', 'إلا',
  // Gulf / Saudi fillers
  'يعني', 'ترى', 'كذا', 'كيذا', 'ذي', 'هذولا', 'هذولي', 'اللي', 'عشان', 'علشان', 'حق', 'حقت', 'حقي', 'وش', 'ايش', 'شو', 'بس', 'الحين', 'توه', 'واجد', 'مره', 'مرة', 'كمان', 'برضو', 'زي', 'مثل',
];

export const STOP_WORDS: ReadonlySet<string> = new Set(
  STOP_WORD_LIST.map(normalizeArabic).filter((w) => !NEGATION_WORDS.has(w)),
);

export function isStopWord(token: string): boolean {
  return STOP_WORDS.has(token);
}

export function isNegation(token: string): boolean {
  return NEGATION_WORDS.has(token);
}

/** Splits already-normalized text into tokens. */
export function tokenizeNormalized(normalized: string): string[] {
  return normalized.match(TOKEN) ?? [];
}

/** Normalizes then tokenizes. */
export function tokenize(text: string): string[] {
  return tokenizeNormalized(normalizeArabic(text));
}

/** Drops stop words; negation words always survive. */
export function removeStopWords(tokens: readonly string[]): string[] {
  return tokens.filter((t) => !STOP_WORDS.has(t));
}
