import { blendMemberLogits, type MemberBlend } from '../src/ensemble.ts';
import { argmax, softmaxInPlace } from './softmax.ts';
import { scorePredictions, CLASSES } from './metrics.ts';
import type { Label } from './dataset.ts';

// Choosing how the ensemble combines its members, on validation predictions only:
// a temperature per member (calibration), member shares, and per-class log offsets
// (the decision rule, tuned for macro-F1; it targets the low neutral recall).

/** Validation predictions of every member on one group of texts (a fold, or the service folds). */
export interface ScoredGroup {
  kind: 'random' | 'dialect' | 'service';
  gold: Label[];
  /** memberLogits[m][n] = logits of member m on text n. */
  memberLogits: number[][][];
}

const TEMPERATURES = [0.5, 0.75, 1, 1.5, 2, 3, 4];
const SHARE_STEP = 0.25;
const OFFSET_GRID = Array.from({ length: 21 }, (_, i) => Number((-1 + i * 0.1).toFixed(1)));

/** Temperature with the lowest mean negative log-likelihood over all groups. */
export function fitTemperature(groups: ScoredGroup[], member: number): number {
  let best = { t: 1, nll: Infinity };
  for (const t of TEMPERATURES) {
    let nll = 0;
    let n = 0;
    for (const g of groups) {
      g.memberLogits[member].forEach((z, i) => {
        const p = Float64Array.from(z, (v) => v / t);
        softmaxInPlace(p);
        nll -= Math.log(Math.max(p[CLASSES.indexOf(g.gold[i])], 1e-12));
        n++;
      });
    }
    if (nll / n < best.nll) best = { t, nll: nll / n };
  }
  return best.t;
}

export interface SelectionScore {
  random: number;
  dialect: number;
  service: number;
  /** Mean of the three: in-distribution, other-dialect transfer, service comments. */
  score: number;
}

function meanF1(groups: ScoredGroup[], kind: ScoredGroup['kind'], blend: MemberBlend[], offsets: number[]): number {
  const f1s = groups
    .filter((g) => g.kind === kind)
    .map((g) => scorePredictions(g.gold, g.gold.map((_, i) => CLASSES[argmax(blendMemberLogits(g.memberLogits.map((m) => m[i]), blend, offsets))])).macroF1);
  return f1s.reduce((a, b) => a + b, 0) / f1s.length;
}

export function selectionScore(groups: ScoredGroup[], blend: MemberBlend[], offsets: number[]): SelectionScore {
  const random = meanF1(groups, 'random', blend, offsets);
  const dialect = meanF1(groups, 'dialect', blend, offsets);
  const service = meanF1(groups, 'service', blend, offsets);
  return { random, dialect, service, score: (random + dialect + service) / 3 };
}

/** Offsets for positive and neutral (negative stays 0) by coordinate search, two rounds. */
export function searchOffsets(groups: ScoredGroup[], blend: MemberBlend[]): { offsets: number[]; result: SelectionScore } {
  let offsets = [0, 0, 0];
  let result = selectionScore(groups, blend, offsets);
  for (let round = 0; round < 2; round++) {
    for (const c of [CLASSES.indexOf('neutral'), CLASSES.indexOf('positive')]) {
      for (const v of OFFSET_GRID) {
        const trial = offsets.slice();
        trial[c] = v;
        const r = selectionScore(groups, blend, trial);
        if (r.score > result.score + 1e-9) [offsets, result] = [trial, r];
      }
    }
  }
  return { offsets, result };
}

/** Every split of 1 into `members` shares on a SHARE_STEP grid. */
export function shareGrid(members: number): number[][] {
  const steps = Math.round(1 / SHARE_STEP);
  const out: number[][] = [];
  const walk = (prefix: number[], left: number) => {
    if (prefix.length === members - 1) return void out.push([...prefix, left].map((s) => s / steps));
    for (let s = 0; s <= left; s++) walk([...prefix, s], left - s);
  };
  walk([], steps);
  return out;
}
