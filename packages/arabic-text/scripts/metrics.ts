import type { Label } from './dataset.ts';

export const CLASSES: Label[] = ['positive', 'negative', 'neutral'];

export interface ClassReport {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}
export interface Report {
  macroF1: number;
  accuracy: number;
  perClass: Record<Label, ClassReport>;
}

export function scorePredictions(gold: readonly Label[], predicted: readonly Label[]): Report {
  const perClass = {} as Record<Label, ClassReport>;
  let correct = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === predicted[i]) correct++;
  for (const c of CLASSES) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < gold.length; i++) {
      if (predicted[i] === c && gold[i] === c) tp++;
      else if (predicted[i] === c) fp++;
      else if (gold[i] === c) fn++;
    }
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perClass[c] = { precision, recall, f1, support: tp + fn };
  }
  const macroF1 = CLASSES.reduce((s, c) => s + perClass[c].f1, 0) / CLASSES.length;
  return { macroF1, accuracy: gold.length ? correct / gold.length : 0, perClass };
}

export function formatReport(name: string, r: Report): string {
  const pct = (x: number) => x.toFixed(3);
  const lines = [`${name}: macro-F1 ${pct(r.macroF1)}  accuracy ${pct(r.accuracy)}`];
  for (const c of CLASSES) {
    const p = r.perClass[c];
    lines.push(`  ${c.padEnd(8)}  P ${pct(p.precision)}  R ${pct(p.recall)}  F1 ${pct(p.f1)}  (n=${p.support})`);
  }
  return lines.join('\n');
}
