// How the sentiment ensemble turns member logits into class scores. Shared by the
// runtime and the training script, so validation scores exactly what ships.

export interface MemberBlend {
  /** Logits are divided by this before softmax (temperature scaling, fitted on validation). */
  temperature: number;
  /** Share of this member in the probability average; shares sum to 1. */
  weight: number;
}

/**
 * Weighted mean of the members' calibrated probabilities, then per-class log offsets
 * (the decision rule tuned for macro-F1) and renormalization. Returns probabilities.
 */
export function blendMemberLogits(memberLogits: readonly ArrayLike<number>[], members: readonly MemberBlend[], offsets: readonly number[]): Float64Array {
  const k = offsets.length;
  const mean = new Float64Array(k);
  for (let m = 0; m < members.length; m++) {
    const z = memberLogits[m];
    const t = members[m].temperature;
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, z[c] / t);
    let sum = 0;
    const p = new Float64Array(k);
    for (let c = 0; c < k; c++) sum += p[c] = Math.exp(z[c] / t - max);
    for (let c = 0; c < k; c++) mean[c] += (members[m].weight * p[c]) / sum;
  }
  let total = 0;
  for (let c = 0; c < k; c++) total += mean[c] *= Math.exp(offsets[c]);
  for (let c = 0; c < k; c++) mean[c] /= total;
  return mean;
}
