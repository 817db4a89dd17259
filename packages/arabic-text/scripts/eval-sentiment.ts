// Scores the shipped model on ArSarcasm-v2 test.csv and on the held-out 20% of the
// hand-written service comments (neither used in training or for any choice), next to a
// baseline trained in this run: TF-IDF character 2–5-grams + linear softmax.
//   npm run eval:sentiment
import { loadSplits, loadServiceComments, type Example } from './dataset.ts';
import { analyzeSentiment } from '../src/sentiment.ts';
import { trainSoftmax, predictClass, type SoftmaxModel } from './softmax.ts';
import { scorePredictions, formatReport, CLASSES, type Report } from './metrics.ts';
import type { SparseVector } from '../src/features.ts';
import type { Label } from './dataset.ts';

// Baseline = scikit-learn's TfidfVectorizer(analyzer='char_wb', ngram_range=(2, 5),
// lowercase=True) with smooth idf and L2 rows, then an L2 logistic regression (C=1,
// no class weights). Exact vocabulary, no Arabic normalization: the point is to show
// what the normalization, word/negation features and lexicon add.
class CharTfidf {
  private vocab = new Map<string, number>();
  private idf: Float64Array = new Float64Array(0);

  private grams(text: string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const word of text.toLowerCase().split(/\s+/)) {
      if (!word) continue;
      const padded = ` ${word} `;
      for (let n = 2; n <= 5; n++) {
        for (let i = 0; i + n <= padded.length; i++) {
          const g = padded.slice(i, i + n);
          counts.set(g, (counts.get(g) ?? 0) + 1);
        }
      }
    }
    return counts;
  }

  fit(texts: string[]): void {
    const df = new Map<string, number>();
    for (const t of texts) for (const g of this.grams(t).keys()) df.set(g, (df.get(g) ?? 0) + 1);
    this.idf = new Float64Array(df.size);
    let i = 0;
    for (const [g, d] of df) {
      this.vocab.set(g, i);
      this.idf[i++] = Math.log((1 + texts.length) / (1 + d)) + 1;
    }
  }

  get size(): number {
    return this.vocab.size;
  }

  transform(text: string): SparseVector {
    const entries: [number, number][] = [];
    for (const [g, c] of this.grams(text)) {
      const id = this.vocab.get(g);
      if (id !== undefined) entries.push([id, c * this.idf[id]]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    const norm = Math.sqrt(entries.reduce((s, [, v]) => s + v * v, 0)) || 1;
    return { indices: Int32Array.from(entries, (e) => e[0]), values: Float32Array.from(entries, (e) => e[1] / norm) };
  }
}

function trainBaseline(train: Example[]): { tfidf: CharTfidf; model: SoftmaxModel } {
  const tfidf = new CharTfidf();
  tfidf.fit(train.map((e) => e.text));
  const ys = train.map((e) => CLASSES.indexOf(e.label));
  const model = trainSoftmax(
    train.map((e) => tfidf.transform(e.text)),
    ys,
    // λ = 1/(C·n) with C = 1 matches scikit-learn's default regularization strength.
    { dim: tfidf.size, classes: CLASSES.length, lambda: 1 / train.length, epochs: 10, eta0: 0.5, decay: 0.5, classWeights: [1, 1, 1], seed: 1 },
  );
  return { tfidf, model };
}

function main(): void {
  const { train, test, report } = loadSplits();
  const service = loadServiceComments();
  console.log(`${report}; service comments held out: ${service.heldOut.length}`);
  const baseline = trainBaseline(train);
  const predictBaseline = (e: Example) => CLASSES[predictClass(baseline.model, baseline.tfidf.transform(e.text))];

  const started = performance.now();
  const ours: Label[] = test.map((e) => analyzeSentiment(e.text).label);
  const oursMs = performance.now() - started;
  const gold = test.map((e) => e.label);
  const oursReport = scorePredictions(gold, ours);
  const baseReport = scorePredictions(gold, test.map(predictBaseline));
  console.log(formatReport('\nshipped model (test.csv)', oursReport));
  console.log(formatReport('\nbaseline: TF-IDF char 2-5 + softmax (test.csv)', baseReport));
  console.log(`\ntest.csv macro-F1 ${oursReport.macroF1.toFixed(3)} vs baseline ${baseReport.macroF1.toFixed(3)} (Δ ${(oursReport.macroF1 - baseReport.macroF1).toFixed(3)})`);
  console.log(`scored ${test.length} test texts in ${oursMs.toFixed(0)} ms`);

  // Sarcastic tweets are the known-hard slice: report them apart so nobody mistakes them for a bug.
  const slice = (pred: (e: Example) => boolean): Report => {
    const idx = test.map((e, i) => (pred(e) ? i : -1)).filter((i) => i >= 0);
    return scorePredictions(idx.map((i) => gold[i]), idx.map((i) => ours[i]));
  };
  console.log(`shipped model macro-F1 on sarcastic tweets ${slice((e) => e.sarcasm).macroF1.toFixed(3)}, non-sarcastic ${slice((e) => !e.sarcasm).macroF1.toFixed(3)}, gulf dialect ${slice((e) => e.dialect === 'gulf').macroF1.toFixed(3)}`);

  // Same author as the training part, so this measures the service domain, not other writers.
  const serviceGold = service.heldOut.map((e) => e.label);
  const oursService = scorePredictions(serviceGold, service.heldOut.map((e) => analyzeSentiment(e.text).label));
  const baseService = scorePredictions(serviceGold, service.heldOut.map(predictBaseline));
  console.log(formatReport('\nshipped model (service comments, held-out 20%)', oursService));
  console.log(formatReport('\nbaseline (service comments, held-out 20%)', baseService));
  console.log(`\nservice held-out macro-F1 ${oursService.macroF1.toFixed(3)} vs baseline ${baseService.macroF1.toFixed(3)} (Δ ${(oursService.macroF1 - baseService.macroF1).toFixed(3)})`);
  if (oursReport.macroF1 <= baseReport.macroF1) process.exitCode = 1;
}

main();
