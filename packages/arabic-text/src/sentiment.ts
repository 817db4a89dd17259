import modelJson from './model/sentiment-model.json' with { type: 'json' };
import { extractFeatures, addLexiconPrior, type FeatureConfig } from './features.ts';
import { normalizeArabic } from './normalize.ts';

// Runtime for the shipped sentiment model (trained by scripts/train-sentiment.ts).
// Scoring is a sparse dot product over hashed features, so it needs no vocabulary
// and runs well above 5,000 comments/s on one core.

export type SentimentLabel = 'positive' | 'negative' | 'neutral';

export interface SentimentResult {
  label: SentimentLabel;
  /** Class probabilities; they sum to 1. */
  scores: Record<SentimentLabel, number>;
  /** Set when the text had nothing to score (empty, whitespace, only punctuation). */
  empty?: true;
}

export interface SentimentModelFile {
  format: string;
  classes: SentimentLabel[];
  config: FeatureConfig;
  bias: number[];
  /** Weights are stored as little-endian int16; real weight = int16 * scale. */
  scale: number;
  weights: string;
  /** Per-bucket idf for word and char features, one byte each: idf = min + byte * step. */
  idf?: { min: number; step: number; base64: string };
  /**
   * Logit added per lexicon hit (capped), a domain prior: the training tweets rarely talk
   * about services, so the learned lexicon weights alone under-react to "ماحد رد".
   */
  lexiconPrior: number;
  training: Record<string, unknown>;
}

interface LoadedModel {
  classes: SentimentLabel[];
  config: FeatureConfig;
  bias: number[];
  weights: Float32Array;
  idf: Float32Array | undefined;
  lexiconPrior: number;
}

function decodeIdf(q: { min: number; step: number; base64: string } | undefined): Float32Array | undefined {
  if (!q) return undefined;
  const binary = atob(q.base64);
  const idf = new Float32Array(binary.length);
  for (let i = 0; i < binary.length; i++) idf[i] = q.min + binary.charCodeAt(i) * q.step;
  return idf;
}

let loaded: LoadedModel | undefined;

/** Decodes the base64 int16 weights once, on first use. atob keeps this browser-safe. */
function getModel(): LoadedModel {
  if (loaded) return loaded;
  const file = modelJson as SentimentModelFile;
  const binary = atob(file.weights);
  const count = binary.length / 2;
  const weights = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    let v = binary.charCodeAt(2 * i) | (binary.charCodeAt(2 * i + 1) << 8);
    if (v >= 0x8000) v -= 0x10000;
    weights[i] = v * file.scale;
  }
  if (count !== file.config.buckets * file.classes.length) throw new Error('sentiment model: weight count does not match its config');
  const idf = decodeIdf(file.idf);
  if (idf && idf.length !== file.config.buckets) throw new Error('sentiment model: idf length does not match its config');
  loaded = { classes: file.classes, config: file.config, bias: file.bias, weights, idf, lexiconPrior: file.lexiconPrior ?? 0 };
  return loaded;
}

const EMPTY_RESULT_SCORES = { positive: 0, negative: 0, neutral: 1 } as const;

function emptyResult(): SentimentResult {
  return { label: 'neutral', scores: { ...EMPTY_RESULT_SCORES }, empty: true };
}

/** Classifies one comment. Never throws: anything unscorable is neutral with empty: true. */
export function analyzeSentiment(text: string): SentimentResult {
  if (typeof text !== 'string') return emptyResult();
  const normalized = normalizeArabic(text);
  if (normalized === '') return emptyResult();
  const model = getModel();
  const k = model.classes.length;
  const features = extractFeatures(text, model.config, normalized, model.idf);
  const logits = model.bias.slice();
  const { indices, values } = features;
  for (let i = 0; i < indices.length; i++) {
    const base = indices[i] * k;
    for (let c = 0; c < k; c++) logits[c] += model.weights[base + c] * values[i];
  }
  addLexiconPrior(logits, model, features);
  const max = Math.max(...logits);
  let sum = 0;
  for (let c = 0; c < k; c++) {
    logits[c] = Math.exp(logits[c] - max);
    sum += logits[c];
  }
  const scores = { positive: 0, negative: 0, neutral: 0 };
  let best = 0;
  for (let c = 0; c < k; c++) {
    scores[model.classes[c]] = logits[c] / sum;
    if (logits[c] > logits[best]) best = c;
  }
  return { label: model.classes[best], scores };
}

export function analyzeSentimentBatch(texts: readonly string[]): SentimentResult[] {
  return texts.map(analyzeSentiment);
}

/** What the shipped model was trained on and how it scored on validation. */
export function getSentimentModelInfo(): { format: string; config: FeatureConfig; training: Record<string, unknown> } {
  const file = modelJson as SentimentModelFile;
  return { format: file.format, config: file.config, training: file.training };
}
