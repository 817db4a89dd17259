import type { SparseVector } from '../src/features.ts';
import { seededRandom, shuffle } from './dataset.ts';

// Multinomial logistic regression trained by per-example SGD with L2. The L2 shrink is
// applied through one shared scale factor (Bottou's trick) so each step only touches
// the example's non-zero features, which keeps 2^18-wide training to seconds.

export interface SoftmaxOptions {
  dim: number;
  classes: number;
  lambda: number;
  epochs: number;
  /** Initial learning rate; decays as eta0 / (1 + decay * epoch). */
  eta0: number;
  decay: number;
  /** Per-class loss weight, e.g. inverse frequency so minority classes count. */
  classWeights: number[];
  /** Per-example loss weight (e.g. up-weighting a small in-domain set); 1 when absent. */
  sampleWeights?: readonly number[];
  seed: number;
  /** Average the end-of-epoch weights from this epoch on (tail averaging damps SGD noise). */
  averageFrom?: number;
  /**
   * Per-class feature scales (dim * classes), e.g. naive-Bayes log-count ratios (NB-LR):
   * class c sees x_i * scale[i, c]. The returned weights have the scale folded in, so
   * scoring is unchanged.
   */
  featureScale?: Float32Array;
  /** Called after each epoch with the (averaged) weights, for picking the epoch count. */
  onEpoch?: (epoch: number, model: SoftmaxModel) => void;
}

export interface SoftmaxModel {
  classes: number;
  weights: Float32Array; // dim * classes, layout feature * classes + class
  bias: Float64Array;
}

export function scoreLogits(model: SoftmaxModel, x: SparseVector): number[] {
  const K = model.classes;
  const z = Array.from(model.bias);
  for (let i = 0; i < x.indices.length; i++) {
    const base = x.indices[i] * K;
    for (let c = 0; c < K; c++) z[c] += model.weights[base + c] * x.values[i];
  }
  return z;
}

/** Class probabilities for one example. */
export function predictProba(model: SoftmaxModel, x: SparseVector): Float64Array {
  const z = Float64Array.from(scoreLogits(model, x));
  softmaxInPlace(z);
  return z;
}

export function softmaxInPlace(z: Float64Array): void {
  let m = -Infinity;
  for (const v of z) m = Math.max(m, v);
  let s = 0;
  for (let c = 0; c < z.length; c++) {
    z[c] = Math.exp(z[c] - m);
    s += z[c];
  }
  for (let c = 0; c < z.length; c++) z[c] /= s;
}

export function argmax(z: ArrayLike<number>): number {
  let best = 0;
  for (let c = 1; c < z.length; c++) if (z[c] > z[best]) best = c;
  return best;
}

export function predictClass(model: SoftmaxModel, x: SparseVector): number {
  return argmax(predictProba(model, x));
}

export function trainSoftmax(xs: SparseVector[], ys: number[], o: SoftmaxOptions): SoftmaxModel {
  const K = o.classes;
  const v = new Float64Array(o.dim * K);
  const bias = new Float64Array(K);
  let wscale = 1;
  const random = seededRandom(o.seed);
  const order = xs.map((_, i) => i);
  const z = new Float64Array(K);
  const fs = o.featureScale;
  const snapshot = (): SoftmaxModel => {
    const weights = new Float32Array(v.length);
    for (let i = 0; i < v.length; i++) weights[i] = v[i] * wscale * (fs ? fs[i] : 1);
    return { classes: K, weights, bias: bias.slice() };
  };
  let averaged: SoftmaxModel | undefined;
  let averagedCount = 0;
  let last: SoftmaxModel | undefined;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const eta = o.eta0 / (1 + o.decay * epoch);
    for (const n of shuffle(order, random)) {
      const x = xs[n];
      const y = ys[n];
      for (let c = 0; c < K; c++) z[c] = bias[c];
      for (let i = 0; i < x.indices.length; i++) {
        const base = x.indices[i] * K;
        for (let c = 0; c < K; c++) z[c] += v[base + c] * wscale * x.values[i] * (fs ? fs[base + c] : 1);
      }
      softmaxInPlace(z);
      const cw = o.classWeights[y] * (o.sampleWeights?.[n] ?? 1);
      wscale *= 1 - eta * o.lambda;
      if (wscale < 1e-6) {
        for (let i = 0; i < v.length; i++) v[i] *= wscale;
        wscale = 1;
      }
      for (let c = 0; c < K; c++) {
        const g = (z[c] - (c === y ? 1 : 0)) * cw;
        if (g === 0) continue;
        const step = (eta * g) / wscale;
        for (let i = 0; i < x.indices.length; i++) {
          const at = x.indices[i] * K + c;
          v[at] -= step * x.values[i] * (fs ? fs[at] : 1);
        }
        bias[c] -= eta * g * 0.1;
      }
    }
    const current = snapshot();
    if (o.averageFrom !== undefined && epoch + 1 >= o.averageFrom) {
      averaged = averaged ? blend(averaged, current, 1 / ++averagedCount) : ((averagedCount = 1), current);
    }
    last = averaged ?? current;
    o.onEpoch?.(epoch + 1, last);
  }
  return last ?? snapshot();
}

/** Inverse-frequency weights normalized to mean 1 (scikit-learn's "balanced"). */
export function balancedClassWeights(ys: number[], K: number): number[] {
  const counts = new Array(K).fill(0);
  for (const y of ys) counts[y]++;
  return counts.map((n) => (n === 0 ? 0 : ys.length / (K * n)));
}

/** Running mean: returns a new model = avg + (next - avg) * rate. */
function blend(avg: SoftmaxModel, next: SoftmaxModel, rate: number): SoftmaxModel {
  const weights = new Float32Array(avg.weights.length);
  for (let i = 0; i < weights.length; i++) weights[i] = avg.weights[i] + (next.weights[i] - avg.weights[i]) * rate;
  const bias = avg.bias.map((b, c) => b + (next.bias[c] - b) * rate);
  return { classes: avg.classes, weights, bias };
}
