import { tokenize } from './tokenize.ts';
import { stemTokens } from './stem.ts';

// A small hand-written polarity lexicon for Saudi/Gulf service comments. The training
// tweets (ArSarcasm-v2) are mostly politics and sport, so without these the model would
// know little about "ماحد رد" or "الله يعطيكم العافيه"; as features the model still
// learns how much to trust them. Entries are matched on normalized, stemmed tokens.

export type Polarity = 'pos' | 'neg';

const POSITIVE = [
  'ممتاز', 'ممتازه', 'رائع', 'رائعه', 'روعه', 'شكرا', 'اشكركم', 'مشكورين', 'مشكور', 'الله يعطيكم العافيه', 'يعطيكم العافيه',
  'جزاكم الله خير', 'بارك الله فيكم', 'الله يوفقكم', 'ما قصرتوا', 'ما قصرتو', 'ماقصرتوا', 'ماقصرتو', 'سريع', 'سريعه', 'بسرعه',
  'سهل', 'سهله', 'سهوله', 'متعاون', 'متعاونين', 'محترم', 'محترمين', 'احترام', 'راقي', 'رقي', 'خدمه ممتازه', 'مبدع', 'مبدعين',
  'ابداع', 'افضل', 'احسن', 'حلو', 'جميل', 'جميله', 'زين', 'كفو', 'كفو والله', 'تم الحل', 'انحلت', 'تميز', 'متميز', 'منظم',
  'واضح', 'سلس', 'يستاهلون', 'احب', 'سعيد', 'سعيده', 'فرحان', 'الحمد لله', 'شاكر', 'ممنون', 'تجربه رائعه', 'خدمه سريعه',
  'اسرع', 'اهتمام', 'لطيف', 'بشوش', 'تعاون', 'انجاز', 'ناجح', 'نجاح', 'مفيد', 'مريح', 'رهيب', 'فخر', 'ابدعتوا', 'الله يجزاكم خير',
];

const NEGATIVE = [
  'سيء', 'سيئ', 'سيئه', 'زفت', 'تاخير', 'متاخر', 'تاخر', 'انتظار', 'انتظرت', 'انتظرنا', 'ماحد رد', 'ما احد رد', 'محد رد',
  'ما حد رد', 'مافي تجاوب', 'ما في تجاوب', 'لا حياه لمن تنادي', 'خدمه سيئه', 'تعبنا', 'تعب', 'ازعاج', 'مزعج', 'فاشل', 'فشل',
  'مهزله', 'للاسف', 'مع الاسف', 'اسوا', 'ظلم', 'مظلوم', 'مشكله', 'مشاكل', 'عطل', 'معطل', 'خربان', 'ما يفتح', 'ما يشتغل',
  'لا يعمل', 'تعقيد', 'معقد', 'روتين', 'بطء', 'بطيء', 'بطي', 'غلط', 'خطا', 'اهمال', 'تجاهل', 'استهتار', 'قهر', 'حسبي الله',
  'حسبنا الله', 'ملل', 'كارثه', 'فوضى', 'زحمه', 'رفض', 'مرفوض', 'زعلان', 'غاضب', 'مقرف', 'وقح', 'قليل ادب', 'شكوى', 'اشتكي',
  'ابطا', 'تعطل', 'تعليق', 'يعلق', 'معلق', 'ماحد يرد', 'محد يرد', 'ما يردون', 'مايردون', 'لا يردون', 'ضعيف', 'ضعف', 'سوء',
  'غالي', 'غاليه', 'مكلف', 'حرام', 'عيب', 'مخزي', 'خايس', 'تعبان', 'ما فيه فايده', 'بلا فايده', 'ماله داعي', 'تلاعب', 'فساد', 'كذب', 'كذابين',
];

// Emoji carry much of the polarity in short comments. 😂 is left out: in this data it
// marks sarcasm as often as joy.
const POSITIVE_EMOJI = ['👍', '😍', '❤', '♥', '😊', '🙏', '👌', '💯', '🌹', '😁', '😀', '☺', '🥰', '😘', '👏', '🤩', '💚', '💙', '🌷', '💐', '✅', '😃', '😄', '💪', '🤍', '💜', '🎉', '⭐', '🌟'];
const NEGATIVE_EMOJI = ['😡', '😠', '🤬', '👎', '😤', '😞', '😔', '😢', '😭', '💔', '😒', '🙄', '😑', '😩', '😫', '🤦', '😖', '❌', '😕', '🤮', '🤢', '😣', '😓', '😰', '😱'];

export interface LexiconEntry {
  stems: string[];
  polarity: Polarity;
  /** The phrase starts with a negation word, so a preceding negation must not flip it again. */
  selfNegated: boolean;
}

function buildEntries(): Map<string, LexiconEntry[]> {
  // Indexed by first stem so matching is one map lookup per token.
  const byFirst = new Map<string, LexiconEntry[]>();
  const add = (phrase: string, polarity: Polarity) => {
    const stems = stemTokens(tokenize(phrase));
    if (stems.length === 0) return;
    const entry: LexiconEntry = { stems, polarity, selfNegated: ['ما', 'ماحد', 'محد', 'مافي', 'لا', 'بلا'].includes(stems[0]) };
    const list = byFirst.get(stems[0]) ?? [];
    // Longest phrase first so "خدمه سيئه" wins over "سيئه" at the same position.
    list.push(entry);
    list.sort((a, b) => b.stems.length - a.stems.length);
    byFirst.set(stems[0], list);
  };
  for (const p of [...POSITIVE, ...POSITIVE_EMOJI]) add(p, 'pos');
  for (const p of [...NEGATIVE, ...NEGATIVE_EMOJI]) add(p, 'neg');
  return byFirst;
}

const ENTRIES = buildEntries();

export interface LexiconHit {
  start: number;
  length: number;
  polarity: Polarity;
  selfNegated: boolean;
}

/** Finds lexicon phrases in a stemmed token sequence, longest match first, non-overlapping. */
export function findLexiconHits(stems: readonly string[]): LexiconHit[] {
  const hits: LexiconHit[] = [];
  for (let i = 0; i < stems.length; ) {
    const candidates = ENTRIES.get(stems[i]);
    let matched: LexiconEntry | undefined;
    if (candidates) {
      for (const entry of candidates) {
        let ok = entry.stems.length <= stems.length - i;
        for (let j = 1; ok && j < entry.stems.length; j++) ok = stems[i + j] === entry.stems[j];
        if (ok) {
          matched = entry;
          break;
        }
      }
    }
    if (matched) {
      hits.push({ start: i, length: matched.stems.length, polarity: matched.polarity, selfNegated: matched.selfNegated });
      i += matched.stems.length;
    } else {
      i++;
    }
  }
  return hits;
}
