import { normalizeArabic } from './normalize.ts';
import { tokenizeNormalized, isNegation } from './tokenize.ts';
import { stemArabic } from './stem.ts';
import { findLexiconHits } from './lexicon.ts';

// Hashed sparse features for the sentiment model. Shared by the training script and
// the runtime so both see exactly the same features. Hashing keeps the model a fixed
// size with no vocabulary to ship.

export interface FeatureConfig {
  /** Number of hash buckets; a power of two. */
  buckets: number;
  /** Weight of each feature block after its own L2 normalization. */
  wordWeight: number;
  charWeight: number;
  lexiconWeight: number;
  /** Surface cues read from the raw text before normalization removes them. */
  styleWeight: number;
  /** How many tokens after a negation word get the NEG_ mark. */
  negationScope: number;
}

export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

export interface Features extends SparseVector {
  /** Lexicon hits after negation flipping, for the runtime's domain prior. */
  lexiconPositive: number;
  lexiconNegative: number;
}

// Namespaces keep word, char and lexicon features apart in the hash space.
const NS_WORD = 0x811c9dc5;
const NS_BIGRAM = 0x2f1e3d5b;
const NS_CHAR = 0x5bd1e995;
const NS_LEX = 0x1b873593;
const NS_STYLE = 0x27d4eb2f;

// Cues that normalization deliberately erases but that carry tone: laughter and
// scare quotes often mark sarcasm, "؟!" and elongation mark complaint or emphasis.
const STYLE_CUES: [string, RegExp][] = [
  ['laugh', /ه{3,}|خخخ|😂|🤣/u],
  ['question', /[?؟]/u],
  ['exclaim', /!/u],
  ['quote', /[“”«»"]/u],
  ['elongated', /(\p{L})\1{2,}/u],
  ['hashtag', /#/u],
  ['mention', /@\w/u],
  ['url', /https?:\/\//u],
  ['latin', /[A-Za-z]{2,}/u],
];

function fnvStep(h: number, code: number): number {
  return Math.imul(h ^ code, 0x01000193);
}

function hashString(seed: number, s: string): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = fnvStep(h, s.charCodeAt(i));
  return h;
}

// FNV's low bits are weak; a final avalanche (murmur3 fmix) spreads them before masking.
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Collects one block (word, char, lexicon or style) of hashed features. Buckets are
 * pushed to a plain array and counted by sorting: several times faster than a Map for
 * the few hundred features a comment has.
 */
class Block {
  private keys: number[] = [];
  add(bucket: number): void {
    this.keys.push(bucket);
  }
  /**
   * log(1+count) damps repeated words (sublinear tf), idf (when given) damps buckets seen
   * in most texts; L2 makes long and short texts comparable.
   */
  emit(weight: number, outIndices: number[], outValues: number[], idf?: ArrayLike<number>): void {
    if (weight === 0 || this.keys.length === 0) return;
    const sorted = Int32Array.from(this.keys).sort();
    const start = outIndices.length;
    let norm = 0;
    for (let i = 0; i < sorted.length; ) {
      let j = i + 1;
      while (j < sorted.length && sorted[j] === sorted[i]) j++;
      const v = idf ? Math.log1p(j - i) * idf[sorted[i]] : Math.log1p(j - i);
      outIndices.push(sorted[i]);
      outValues.push(v);
      norm += v * v;
      i = j;
    }
    const scale = weight / Math.sqrt(norm);
    for (let i = start; i < outValues.length; i++) outValues[i] *= scale;
  }
}

/** Sorts (index, value) pairs by index and sums the rare cross-block hash collisions. */
function toSparse(indices: number[], values: number[]): { indices: Int32Array; values: Float32Array } {
  const order = Array.from(indices.keys()).sort((a, b) => indices[a] - indices[b]);
  const outIdx: number[] = [];
  const outVal: number[] = [];
  for (const o of order) {
    if (outIdx.length > 0 && outIdx[outIdx.length - 1] === indices[o]) outVal[outVal.length - 1] += values[o];
    else {
      outIdx.push(indices[o]);
      outVal.push(values[o]);
    }
  }
  return { indices: Int32Array.from(outIdx), values: Float32Array.from(outVal) };
}

/** Turns a text into the model's sparse feature vector (indices sorted ascending). */
export function extractFeatures(text: string, config: FeatureConfig, normalized = normalizeArabic(text), idf?: ArrayLike<number>): Features {
  const mask = config.buckets - 1;
  const tokens = tokenizeNormalized(normalized);
  const stems = tokens.map(stemArabic);

  // Negation scope: the next few tokens after ما/مو/ليس… are marked, so "ما عجبني"
  // does not look like "عجبني" to the model.
  const negated = new Uint8Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    if (!isNegation(tokens[i])) continue;
    for (let j = i + 1; j <= i + config.negationScope && j < tokens.length; j++) negated[j] = 1;
  }

  const words = new Block();
  for (let i = 0; i < stems.length; i++) {
    const unigram = negated[i] ? `NEG_${stems[i]}` : stems[i];
    words.add(mix(hashString(NS_WORD, unigram)) & mask);
    if (i > 0) words.add(mix(hashString(NS_BIGRAM, `${stems[i - 1]} ${stems[i]}`)) & mask);
  }

  // Character n-grams (2–5) inside each token padded with spaces, like char_wb: they
  // catch spelling variants and dialect affixes the stemmer does not know.
  const chars = new Block();
  for (const token of tokens) {
    const padded = ` ${token} `;
    for (let i = 0; i < padded.length - 1; i++) {
      let h = NS_CHAR;
      for (let n = 0; n < 5 && i + n < padded.length; n++) {
        h = fnvStep(h, padded.charCodeAt(i + n));
        if (n >= 1) chars.add(mix(h) & mask);
      }
    }
  }

  const lexicon = new Block();
  let lexiconPositive = 0;
  let lexiconNegative = 0;
  for (const hit of findLexiconHits(stems)) {
    let flipped = false;
    if (!hit.selfNegated) {
      for (let j = Math.max(0, hit.start - config.negationScope); j < hit.start; j++) {
        if (isNegation(tokens[j])) flipped = true;
      }
    }
    const polarity = flipped ? (hit.polarity === 'pos' ? 'neg' : 'pos') : hit.polarity;
    if (polarity === 'pos') lexiconPositive++;
    else lexiconNegative++;
    lexicon.add(mix(hashString(NS_LEX, `LEX_${polarity}`)) & mask);
    lexicon.add(mix(hashString(NS_LEX, `LEX_${hit.polarity}${flipped ? '_negated' : ''}`)) & mask);
  }
  if (tokens.length === 0) lexicon.add(mix(hashString(NS_LEX, 'EMPTY')) & mask);

  const style = new Block();
  if (config.styleWeight > 0) {
    for (const [name, cue] of STYLE_CUES) if (cue.test(text)) style.add(mix(hashString(NS_STYLE, name)) & mask);
  }

  const allIndices: number[] = [];
  const allValues: number[] = [];
  words.emit(config.wordWeight, allIndices, allValues, idf);
  chars.emit(config.charWeight, allIndices, allValues, idf);
  lexicon.emit(config.lexiconWeight, allIndices, allValues);
  style.emit(config.styleWeight, allIndices, allValues);
  const { indices, values } = toSparse(allIndices, allValues);
  return { indices, values, lexiconPositive, lexiconNegative };
}

/** At most this many hits per polarity count, so a long rant does not saturate. */
export const LEXICON_PRIOR_CAP = 2;

export function addLexiconPrior(logits: number[], model: { classes: readonly string[]; lexiconPrior: number }, f: Features): void {
  if (model.lexiconPrior === 0) return;
  logits[model.classes.indexOf('positive')] += model.lexiconPrior * Math.min(f.lexiconPositive, LEXICON_PRIOR_CAP);
  logits[model.classes.indexOf('negative')] += model.lexiconPrior * Math.min(f.lexiconNegative, LEXICON_PRIOR_CAP);
}
