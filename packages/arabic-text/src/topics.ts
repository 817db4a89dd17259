import { tokenize, removeStopWords } from './tokenize.ts';
import { stemArabic } from './stem.ts';
import { seededRandom } from './random.ts';

// Topic tagging against a fixed taxonomy, and topic discovery for comments the
// taxonomy does not cover yet.

export interface Topic {
  code: string;
  name_ar: string;
  name_en: string;
  /** Words or phrases; matched after normalization and light stemming, so inflections match. */
  keywords: string[];
}

export { DEFAULT_TOPICS } from './topics-default.ts';
import { DEFAULT_TOPICS } from './topics-default.ts';

type CompiledTaxonomy = { code: string; phrases: string[][] }[];

// Compiled keyword lists are cached per taxonomy object: classifying thousands of
// comments against the same taxonomy should not re-stem its keywords every time.
const compiledCache = new WeakMap<readonly Topic[], CompiledTaxonomy>();

function stemmedTokens(text: string): string[] {
  return tokenize(text).map(stemArabic);
}

function compile(taxonomy: readonly Topic[]): CompiledTaxonomy {
  let compiled = compiledCache.get(taxonomy);
  if (!compiled) {
    compiled = taxonomy.map((t) => ({ code: t.code, phrases: t.keywords.map(stemmedTokens).filter((p) => p.length > 0) }));
    compiledCache.set(taxonomy, compiled);
  }
  return compiled;
}

function containsPhrase(tokens: readonly string[], phrase: readonly string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (tokens[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

/** Codes of every taxonomy topic the text mentions, in taxonomy order (multi-label). */
export function classifyTopics(text: string, taxonomy: readonly Topic[] = DEFAULT_TOPICS): string[] {
  if (typeof text !== 'string') return [];
  // Stop words are kept: phrases such as "ما احد رد" are made of them.
  const tokens = stemmedTokens(text);
  if (tokens.length === 0) return [];
  return compile(taxonomy)
    .filter((t) => t.phrases.some((p) => containsPhrase(tokens, p)))
    .map((t) => t.code);
}

// ---------------------------------------------------------------------------------
// Discovery: TF-IDF over stemmed uni+bigrams, then spherical k-means.

export interface DiscoveredCluster {
  size: number;
  /** Highest-weight terms of the centroid, shown in their most common written form. */
  topPhrases: string[];
  /** Indexes into the input of the members closest to the centroid. */
  exampleIndexes: number[];
}

export interface DiscoverOptions {
  k: number;
  seed?: number;
  maxIterations?: number;
  topPhrases?: number;
  examples?: number;
}

export interface DiscoveryResult {
  clusters: DiscoveredCluster[];
  /** Texts with no usable term (empty, only stop words); they belong to no cluster. */
  unassigned: number[];
}

interface SparseDoc {
  terms: Int32Array;
  weights: Float64Array;
}

/** Stemmed terms (unigrams and adjacent bigrams) plus the surface form each came from. */
function termsOf(text: string): { term: string; surface: string }[] {
  const tokens = removeStopWords(tokenize(text));
  const stems = tokens.map(stemArabic);
  const out: { term: string; surface: string }[] = [];
  for (let i = 0; i < stems.length; i++) {
    out.push({ term: stems[i], surface: tokens[i] });
    if (i > 0) out.push({ term: `${stems[i - 1]} ${stems[i]}`, surface: `${tokens[i - 1]} ${tokens[i]}` });
  }
  return out;
}

function cosine(doc: SparseDoc, centroid: Float64Array): number {
  let s = 0;
  for (let i = 0; i < doc.terms.length; i++) s += doc.weights[i] * centroid[doc.terms[i]];
  return s;
}

/** Groups texts into k clusters of similar wording. Deterministic for a given seed. */
export function discoverTopics(texts: readonly string[], options: DiscoverOptions): DiscoveryResult {
  const { seed = 42, maxIterations = 50, topPhrases = 8, examples = 5 } = options;

  // Vocabulary and document frequency; a term seen in one text only cannot describe a group.
  const perText = texts.map((t) => (typeof t === 'string' ? termsOf(t) : []));
  const df = new Map<string, number>();
  for (const terms of perText) for (const term of new Set(terms.map((t) => t.term))) df.set(term, (df.get(term) ?? 0) + 1);
  const minDf = texts.length >= 50 ? 2 : 1;
  const vocab: string[] = [];
  const index = new Map<string, number>();
  for (const [term, n] of df) if (n >= minDf) index.set(term, vocab.push(term) - 1);

  // Most frequent surface form per term, so "الموظفين" is shown instead of the stem "موظف".
  const surfaces = new Map<string, Map<string, number>>();
  const docs: (SparseDoc | null)[] = perText.map((terms) => {
    const tf = new Map<number, number>();
    for (const { term, surface } of terms) {
      const id = index.get(term);
      if (id === undefined) continue;
      tf.set(id, (tf.get(id) ?? 0) + 1);
      const forms = surfaces.get(term) ?? new Map<string, number>();
      forms.set(surface, (forms.get(surface) ?? 0) + 1);
      surfaces.set(term, forms);
    }
    if (tf.size === 0) return null;
    const terms2 = Int32Array.from(tf.keys()).sort();
    const weights = Float64Array.from(terms2, (id) => (1 + Math.log(tf.get(id)!)) * (Math.log((1 + texts.length) / (1 + df.get(vocab[id])!)) + 1));
    const norm = l2(weights);
    for (let i = 0; i < weights.length; i++) weights[i] /= norm;
    return { terms: terms2, weights };
  });

  const live = docs.map((d, i) => (d ? i : -1)).filter((i) => i >= 0);
  const unassigned = docs.map((d, i) => (d ? -1 : i)).filter((i) => i >= 0);
  const k = Math.max(0, Math.min(Math.floor(options.k), live.length));
  if (k === 0) return { clusters: [], unassigned };

  const centroids = seedCentroids(live.map((i) => docs[i]!), k, vocab.length, seededRandom(seed));
  const assignment = new Int32Array(live.length).fill(-1);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let changed = 0;
    live.forEach((docIndex, n) => {
      const best = nearest(docs[docIndex]!, centroids);
      if (best !== assignment[n]) changed++;
      assignment[n] = best;
    });
    updateCentroids(live.map((i) => docs[i]!), assignment, centroids);
    if (changed === 0) break;
  }

  const clusters: DiscoveredCluster[] = centroids.map((centroid, c) => {
    const members = live.filter((_, n) => assignment[n] === c);
    const ranked = members
      .map((i) => ({ i, sim: cosine(docs[i]!, centroid) }))
      .sort((a, b) => b.sim - a.sim || a.i - b.i)
      .slice(0, examples)
      .map((m) => m.i);
    const top = Array.from(centroid.keys())
      .filter((id) => centroid[id] > 0)
      .sort((a, b) => centroid[b] - centroid[a] || a - b)
      .slice(0, topPhrases)
      .map((id) => mostCommon(surfaces.get(vocab[id])!));
    return { size: members.length, topPhrases: top, exampleIndexes: ranked };
  });
  // Largest first: the biggest theme is what people look at.
  clusters.sort((a, b) => b.size - a.size);
  return { clusters: clusters.filter((c) => c.size > 0), unassigned };
}

// A loop, not Math.hypot(...v): spreading a vocabulary-sized array overflows the stack.
function l2(v: Float64Array): number {
  let s = 0;
  for (const x of v) s += x * x;
  return Math.sqrt(s);
}

function mostCommon(forms: Map<string, number>): string {
  let best = '';
  let bestCount = -1;
  for (const [form, n] of forms) if (n > bestCount || (n === bestCount && form < best)) [best, bestCount] = [form, n];
  return best;
}

function nearest(doc: SparseDoc, centroids: Float64Array[]): number {
  let best = 0;
  let bestSim = -Infinity;
  for (let c = 0; c < centroids.length; c++) {
    const sim = cosine(doc, centroids[c]);
    if (sim > bestSim) [best, bestSim] = [c, sim];
  }
  return best;
}

function toDense(doc: SparseDoc, dim: number): Float64Array {
  const v = new Float64Array(dim);
  for (let i = 0; i < doc.terms.length; i++) v[doc.terms[i]] = doc.weights[i];
  return v;
}

/** k-means++ on cosine distance (1 - cos): spread-out seeds make results stable and good. */
function seedCentroids(docs: SparseDoc[], k: number, dim: number, random: () => number): Float64Array[] {
  const centroids = [toDense(docs[Math.floor(random() * docs.length)], dim)];
  const distance = docs.map((d) => 1 - cosine(d, centroids[0]));
  while (centroids.length < k) {
    const total = distance.reduce((a, b) => a + b * b, 0);
    let pick = 0;
    if (total > 0) {
      let r = random() * total;
      for (pick = 0; pick < docs.length - 1; pick++) {
        r -= distance[pick] * distance[pick];
        if (r <= 0) break;
      }
    } else pick = centroids.length; // all documents identical to a seed: take the next one
    const next = toDense(docs[pick], dim);
    centroids.push(next);
    docs.forEach((d, i) => (distance[i] = Math.min(distance[i], 1 - cosine(d, next))));
  }
  return centroids;
}

/** Centroid = normalized mean of members (spherical k-means); an empty cluster keeps its old centroid. */
function updateCentroids(docs: SparseDoc[], assignment: Int32Array, centroids: Float64Array[]): void {
  const sums = centroids.map((c) => new Float64Array(c.length));
  const counts = new Array(centroids.length).fill(0);
  docs.forEach((d, n) => {
    const sum = sums[assignment[n]];
    counts[assignment[n]]++;
    for (let i = 0; i < d.terms.length; i++) sum[d.terms[i]] += d.weights[i];
  });
  sums.forEach((sum, c) => {
    if (counts[c] === 0) return;
    const norm = l2(sum) || 1;
    for (let i = 0; i < sum.length; i++) centroids[c][i] = sum[i] / norm;
  });
}
