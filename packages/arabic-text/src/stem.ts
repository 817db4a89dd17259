// A small light stemmer in the spirit of Larkey's Light10: strip a few frequent
// prefixes and suffixes with length guards. It is not a morphological analyser; its
// only job is to make inflections meet (الموظفين / موظف) for topic matching and
// clustering. Written here instead of pulling a dependency: ~40 lines, no I/O, and
// it runs on normalized text (ة→ه, ى→ي) so its rules can stay short.

// Longest first so "وال" wins over "ال".
const PREFIXES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال'];

// Checked in this order, each at most once (Light10 style): "معاملاتها" → "معاملات" → "معامل".
// "نا"/"كم"/"هم" are added to Light10's list because complaints are written in the
// first person plural ("انتظرنا") and address the agency ("موظفينكم").
const SUFFIXES = ['ها', 'كم', 'هم', 'نا', 'ان', 'ات', 'ون', 'ين', 'يه', 'ه', 'ي'];

// A prefix may leave two letters (الحج → حج); a suffix must leave three, because
// two-letter remainders after suffix stripping are mostly wrong (ابي → اب).
const MIN_AFTER_PREFIX = 2;
const MIN_AFTER_SUFFIX = 3;

// Words whose "prefix" is part of the word. الله matters for sentiment (الله يعطيكم العافيه).
const PROTECTED = new Set(['الله', 'والله', 'بالله', 'لله', 'الا', 'الي', 'التي', 'الذي', 'اللي', 'الان']);

const ARABIC_LETTER = /^[\u0621-\u064A]+$/;

// و+negation ("وما", "ومافي") stems to the bare negation so phrases like "ما احد رد"
// match after a conjunction. Other و-words are left alone: وزاره is not و+زاره.
const CONJOINED_NEGATION = new Set(['وما', 'ومو', 'ومب', 'ولا', 'ولم', 'ولن', 'وليس', 'وغير', 'وبدون', 'ومافي', 'ومحد', 'وماحد', 'ومافيه']);

/** Light-stems one normalized token. Non-Arabic tokens (numbers, Latin, emoji) pass through. */
export function stemArabic(token: string): string {
  if (CONJOINED_NEGATION.has(token)) return token.slice(1);
  if (token.length < 3 || PROTECTED.has(token) || !ARABIC_LETTER.test(token)) return token;
  let word = token;
  for (const prefix of PREFIXES) {
    if (word.startsWith(prefix) && word.length - prefix.length >= MIN_AFTER_PREFIX) {
      word = word.slice(prefix.length);
      break;
    }
  }
  for (const suffix of SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= MIN_AFTER_SUFFIX) {
      word = word.slice(0, -suffix.length);
    }
  }
  return word;
}

export function stemTokens(tokens: readonly string[]): string[] {
  return tokens.map(stemArabic);
}
