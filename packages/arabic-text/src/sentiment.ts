import modelJson from './model/sentiment-model.json' with { type: 'json' };
import { extractBlocks, vectorizeBlocks, type FeatureConfig } from './features.ts';
import { blendMemberLogits, type MemberBlend } from './ensemble.ts';
import { normalizeArabic } from './normalize.ts';

// Runtime for the shipped sentiment model (trained by scripts/train-sentiment.ts): an
// ensemble of hashed linear models sharing one feature extraction, so scoring stays a
// few sparse dot products and runs well above 5,000 comments/s on one core.

export type SentimentLabel = 'positive' | 'negative' | 'neutral';

export interface SentimentResult {
  label: SentimentLabel;
  /** Class probabilities; they sum to 1. */
  scores: Record<SentimentLabel, number>;
  /** Set when the text had nothing to score (empty, whitespace, only punctuation). */
  empty?: true;
}

export interface SentimentMemberFile extends MemberBlend {
  name: string;
  config: FeatureConfig;
  bias: number[];
  /** Weights are stored as little-endian int16; real weight = int16 * scale. */
  scale: number;
  weights: string;
  /** Per-bucket idf for word and char features, one byte each: idf = min + byte * step. */
  idf?: { min: number; step: number; base64: string };
}

export interface SentimentModelFile {
  format: string;
  classes: SentimentLabel[];
  members: SentimentMemberFile[];
  /** Log-probability offsets per class, chosen on validation for macro-F1. */
  classOffsets: number[];
  training: Record<string, unknown>;
}

interface LoadedMember extends MemberBlend {
  config: FeatureConfig;
  bias: number[];
  weights: Float32Array;
  idf: Float32Array | undefined;
}

interface LoadedModel {
  classes: SentimentLabel[];
  /** Union of the members' blocks: what one extraction must compute for all of them. */
  extraction: FeatureConfig;
  members: LoadedMember[];
  offsets: number[];
}

function decodeIdf(q: { min: number; step: number; base64: string } | undefined): Float32Array | undefined {
  if (!q) return undefined;
  const binary = atob(q.base64);
  const idf = new Float32Array(binary.length);
  for (let i = 0; i < binary.length; i++) idf[i] = q.min + binary.charCodeAt(i) * q.step;
  return idf;
}

/** Decodes base64 int16 weights; atob keeps this browser-safe. */
function decodeWeights(base64: string, scale: number): Float32Array {
  const binary = atob(base64);
  const weights = new Float32Array(binary.length / 2);
  for (let i = 0; i < weights.length; i++) {
    let v = binary.charCodeAt(2 * i) | (binary.charCodeAt(2 * i + 1) << 8);
    if (v >= 0x8000) v -= 0x10000;
    weights[i] = v * scale;
  }
  return weights;
}

function loadMember(m: SentimentMemberFile, classes: number): LoadedMember {
  const weights = decodeWeights(m.weights, m.scale);
  if (weights.length !== m.config.buckets * classes) throw new Error(`sentiment model ${m.name}: weight count does not match its config`);
  const idf = decodeIdf(m.idf);
  if (idf && idf.length !== m.config.buckets) throw new Error(`sentiment model ${m.name}: idf length does not match its config`);
  return { config: m.config, bias: m.bias, weights, idf, temperature: m.temperature, weight: m.weight };
}

/** Members share one hash space and tokenization, so one extraction serves them all. */
function unionConfig(configs: FeatureConfig[]): FeatureConfig {
  const [first] = configs;
  for (const c of configs) {
    if (c.buckets !== first.buckets || c.negationScope !== first.negationScope || (c.charMaxN ?? 5) !== (first.charMaxN ?? 5)) {
      throw new Error('sentiment model: members must share buckets, negation scope and char n-gram length');
    }
  }
  const any = (pick: (c: FeatureConfig) => number) => (configs.some((c) => pick(c) !== 0) ? 1 : 0);
  return { ...first, wordWeight: any((c) => c.wordWeight), charWeight: any((c) => c.charWeight), lexiconWeight: any((c) => c.lexiconWeight), styleWeight: any((c) => c.styleWeight) };
}

let loaded: LoadedModel | undefined;

function getModel(): LoadedModel {
  if (loaded) return loaded;
  const file = modelJson as SentimentModelFile;
  const members = file.members.map((m) => loadMember(m, file.classes.length));
  loaded = { classes: file.classes, extraction: unionConfig(members.map((m) => m.config)), members, offsets: file.classOffsets };
  return loaded;
}

const EMPTY_RESULT_SCORES = { positive: 0, negative: 0, neutral: 1 } as const;

function emptyResult(): SentimentResult {
  return { label: 'neutral', scores: { ...EMPTY_RESULT_SCORES }, empty: true };
}

function memberLogits(member: LoadedMember, blocks: ReturnType<typeof extractBlocks>, k: number): number[] {
  const { indices, values } = vectorizeBlocks(blocks, member.config, member.idf);
  const logits = member.bias.slice();
  for (let i = 0; i < indices.length; i++) {
    const base = indices[i] * k;
    for (let c = 0; c < k; c++) logits[c] += member.weights[base + c] * values[i];
  }
  return logits;
}

/** Classifies one comment. Never throws: anything unscorable is neutral with empty: true. */
export function analyzeSentiment(text: string): SentimentResult {
  if (typeof text !== 'string') return emptyResult();
  const normalized = normalizeArabic(text);
  if (normalized === '') return emptyResult();
  const model = getModel();
  const k = model.classes.length;
  const blocks = extractBlocks(text, model.extraction, normalized);
  const probabilities = blendMemberLogits(
    model.members.map((m) => memberLogits(m, blocks, k)),
    model.members,
    model.offsets,
  );
  const scores = { positive: 0, negative: 0, neutral: 0 };
  let best = 0;
  for (let c = 0; c < k; c++) {
    scores[model.classes[c]] = probabilities[c];
    if (probabilities[c] > probabilities[best]) best = c;
  }
  return { label: model.classes[best], scores };
}

export function analyzeSentimentBatch(texts: readonly string[]): SentimentResult[] {
  return texts.map(analyzeSentiment);
}

/** What the shipped model was trained on and how it scored on validation. */
export function getSentimentModelInfo(): { format: string; members: { name: string; config: FeatureConfig; weight: number }[]; training: Record<string, unknown> } {
  const file = modelJson as SentimentModelFile;
  return { format: file.format, members: file.members.map((m) => ({ name: m.name, config: m.config, weight: m.weight })), training: file.training };
}
