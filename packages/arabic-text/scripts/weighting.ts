import type { SparseVector } from '../src/features.ts';

// Feature weightings learned from the training texts. Both are computed on the fit set of
// each validation split, so validation never sees statistics of its own texts.

/** Smoothed idf per hash bucket, as scikit-learn's TfidfVectorizer: ln((1+n)/(1+df)) + 1. */
export function idfPerBucket(xs: readonly SparseVector[], buckets: number): Float32Array {
  const df = new Float32Array(buckets);
  for (const x of xs) for (const i of x.indices) df[i]++;
  const idf = new Float32Array(buckets);
  for (let i = 0; i < buckets; i++) idf[i] = Math.log((1 + xs.length) / (1 + df[i])) + 1;
  return idf;
}

/**
 * Naive-Bayes log-count ratios per class, one-vs-rest (Wang & Manning 2012, NB-SVM/NB-LR):
 * r[i, c] = log(p_c[i] / |p_c|) − log(q_c[i] / |q_c|) over binarized presence, smoothed by
 * alpha. Raised to `power` (sign kept) so 0 turns the scaling off and 1 is classic NB-LR.
 */
export function naiveBayesRatios(xs: readonly SparseVector[], ys: readonly number[], buckets: number, classes: number, power: number, alpha = 1): Float32Array {
  const out = new Float32Array(buckets * classes);
  if (power === 0) return out.fill(1);
  const counts = new Float64Array(buckets * classes);
  xs.forEach((x, n) => {
    for (let i = 0; i < x.indices.length; i++) if (x.values[i] > 0) counts[x.indices[i] * classes + ys[n]]++;
  });
  for (let c = 0; c < classes; c++) {
    let pTotal = 0;
    let qTotal = 0;
    for (let i = 0; i < buckets; i++) {
      const all = rowSum(counts, i, classes);
      pTotal += alpha + counts[i * classes + c];
      qTotal += alpha + all - counts[i * classes + c];
    }
    for (let i = 0; i < buckets; i++) {
      const p = alpha + counts[i * classes + c];
      const q = alpha + rowSum(counts, i, classes) - counts[i * classes + c];
      const r = Math.log(p / pTotal) - Math.log(q / qTotal);
      out[i * classes + c] = Math.sign(r) * Math.abs(r) ** power;
    }
  }
  return out;
}

function rowSum(counts: Float64Array, i: number, classes: number): number {
  let s = 0;
  for (let c = 0; c < classes; c++) s += counts[i * classes + c];
  return s;
}

/** Quantizes idf (≥ 1) to one byte per bucket: ~0.04 steps, an eighth of float32's size. */
export function quantizeIdf(idf: Float32Array): { min: number; step: number; base64: string } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of idf) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const step = (max - min) / 255 || 1;
  const bytes = Buffer.alloc(idf.length);
  for (let i = 0; i < idf.length; i++) bytes[i] = Math.round((idf[i] - min) / step);
  return { min, step, base64: bytes.toString('base64') };
}
