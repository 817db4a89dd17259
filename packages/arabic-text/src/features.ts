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
  /** Longest character n-gram (inside word boundaries); 5 when absent. */
  charMaxN?: number;
}

export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

/** One block's distinct buckets (ascending) with sublinear counts log(1+count). */
export interface CountedBlock {
  buckets: Int32Array;
  tf: Float32Array;
}

/** A text's features before weighting, so ensemble members can share one extraction. */
export interface FeatureBlocks {
  word: CountedBlock;
  char: CountedBlock;
  lexicon: CountedBlock;
  style: CountedBlock;
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

const EMPTY_BLOCK: CountedBlock = { buckets: new Int32Array(0), tf: new Float32Array(0) };

/**
 * Counts one block's hashed buckets by sorting: several times faster than a Map for the
 * few hundred features a comment has. log(1+count) damps repeated words (sublinear tf).
 */
function countBuckets(keys: number[]): CountedBlock {
  if (keys.length === 0) return EMPTY_BLOCK;
  const sorted = Int32Array.from(keys).sort();
  const buckets: number[] = [];
  const tf: number[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[i]) j++;
    buckets.push(sorted[i]);
    tf.push(Math.log1p(j - i));
    i = j;
  }
  return { buckets: Int32Array.from(buckets), tf: Float32Array.from(tf) };
}

/**
 * Hashes a text's word, char, lexicon and style features. Blocks whose weight is 0 in
 * `config` are skipped, so a char-only model does not pay for stemming.
 */
export function extractBlocks(text: string, config: FeatureConfig, normalized = normalizeArabic(text)): FeatureBlocks {
  const mask = config.buckets - 1;
  const tokens = tokenizeNormalized(normalized);
  const needStems = config.wordWeight !== 0 || config.lexiconWeight !== 0;
  const stems = needStems ? tokens.map(stemArabic) : [];

  // Negation scope: the next few tokens after ما/مو/ليس… are marked, so "ما عجبني"
  // does not look like "عجبني" to the model.
  const negated = new Uint8Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    if (!isNegation(tokens[i])) continue;
    for (let j = i + 1; j <= i + config.negationScope && j < tokens.length; j++) negated[j] = 1;
  }

  const words: number[] = [];
  if (config.wordWeight !== 0) {
    for (let i = 0; i < stems.length; i++) {
      const unigram = negated[i] ? `NEG_${stems[i]}` : stems[i];
      words.push(mix(hashString(NS_WORD, unigram)) & mask);
      if (i > 0) words.push(mix(hashString(NS_BIGRAM, `${stems[i - 1]} ${stems[i]}`)) & mask);
    }
  }

  // Character n-grams (2..charMaxN) inside each token padded with spaces, like char_wb:
  // they catch spelling variants and dialect affixes the stemmer does not know.
  const chars: number[] = [];
  if (config.charWeight !== 0) {
    const maxN = config.charMaxN ?? 5;
    for (const token of tokens) {
      const padded = ` ${token} `;
      for (let i = 0; i < padded.length - 1; i++) {
        let h = NS_CHAR;
        for (let n = 0; n < maxN && i + n < padded.length; n++) {
          h = fnvStep(h, padded.charCodeAt(i + n));
          if (n >= 1) chars.push(mix(h) & mask);
        }
      }
    }
  }

  const lexicon: number[] = [];
  if (config.lexiconWeight !== 0) {
    for (const hit of findLexiconHits(stems)) {
      let flipped = false;
      if (!hit.selfNegated) {
        for (let j = Math.max(0, hit.start - config.negationScope); j < hit.start; j++) {
          if (isNegation(tokens[j])) flipped = true;
        }
      }
      const polarity = flipped ? (hit.polarity === 'pos' ? 'neg' : 'pos') : hit.polarity;
      lexicon.push(mix(hashString(NS_LEX, `LEX_${polarity}`)) & mask);
      lexicon.push(mix(hashString(NS_LEX, `LEX_${hit.polarity}${flipped ? '_negated' : ''}`)) & mask);
    }
    if (tokens.length === 0) lexicon.push(mix(hashString(NS_LEX, 'EMPTY')) & mask);
  }

  const style: number[] = [];
  if (config.styleWeight !== 0) {
    for (const [name, cue] of STYLE_CUES) if (cue.test(text)) style.push(mix(hashString(NS_STYLE, name)) & mask);
  }
  return { word: countBuckets(words), char: countBuckets(chars), lexicon: countBuckets(lexicon), style: countBuckets(style) };
}

/** Appends one block scaled by idf (when given) and L2-normalized to `weight`. */
function emitBlock(block: CountedBlock, weight: number, outIndices: number[], outValues: number[], idf?: ArrayLike<number>): void {
  if (weight === 0 || block.buckets.length === 0) return;
  const start = outIndices.length;
  let norm = 0;
  for (let i = 0; i < block.buckets.length; i++) {
    const v = idf ? block.tf[i] * idf[block.buckets[i]] : block.tf[i];
    outIndices.push(block.buckets[i]);
    outValues.push(v);
    norm += v * v;
  }
  const scale = weight / Math.sqrt(norm);
  for (let i = start; i < outValues.length; i++) outValues[i] *= scale;
}

/** Sorts (index, value) pairs by index and sums the rare cross-block hash collisions. */
function toSparse(indices: number[], values: number[]): SparseVector {
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

/** Weights extracted blocks into one model's sparse vector (indices ascending); idf applies to word and char blocks. */
export function vectorizeBlocks(blocks: FeatureBlocks, config: FeatureConfig, idf?: ArrayLike<number>): SparseVector {
  const indices: number[] = [];
  const values: number[] = [];
  emitBlock(blocks.word, config.wordWeight, indices, values, idf);
  emitBlock(blocks.char, config.charWeight, indices, values, idf);
  emitBlock(blocks.lexicon, config.lexiconWeight, indices, values);
  emitBlock(blocks.style, config.styleWeight, indices, values);
  return toSparse(indices, values);
}

/** Turns a text into one model's sparse feature vector (indices sorted ascending). */
export function extractFeatures(text: string, config: FeatureConfig, normalized = normalizeArabic(text), idf?: ArrayLike<number>): SparseVector {
  return vectorizeBlocks(extractBlocks(text, config, normalized), config, idf);
}
