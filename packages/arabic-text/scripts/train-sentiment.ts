// Trains the shipped sentiment model on ArSarcasm-v2 train.csv only.
//   npm run train:sentiment
// Settings are picked on validation splits carved from train: three stratified random
// 80/20 splits AND three leave-one-dialect-out splits (gulf, egypt, levant held out). The
// second kind measures transfer to text unlike the training text, which is what service
// comments are; the score is the mean of both kinds. test.csv is read only to drop train
// texts that also appear in it (so the eval is on unseen texts).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadSplits, stratifiedSplit, type Example } from './dataset.ts';
import { extractFeatures, addLexiconPrior, type FeatureConfig, type Features } from '../src/features.ts';
import { normalizeArabic } from '../src/normalize.ts';
import { trainSoftmax, balancedClassWeights, scoreLogits, argmax, type SoftmaxModel } from './softmax.ts';
import { idfPerBucket, naiveBayesRatios, quantizeIdf } from './weighting.ts';
import { scorePredictions, formatReport, CLASSES, type Report } from './metrics.ts';
import type { SentimentModelFile } from '../src/sentiment.ts';

const MODEL_PATH = fileURLToPath(new URL('../src/model/sentiment-model.json', import.meta.url));
const BUCKETS = 2 ** 17; // validation F1 was flat from 2^16 to 2^18; 2^17 keeps the file ~1 MB
const EPOCHS = 8;
const AVERAGE_FROM = 3; // tail-averaged SGD: validation F1 stopped jumping between epochs
const LAMBDA = 1e-5; // 3e-6 and 3e-5 were within ±0.002 in exploration
const FOLD_SEEDS = [11, 22, 33];
const HELD_OUT_DIALECTS = ['gulf', 'egypt', 'levant'];
const SEED = 20240501;
const CONFIG: FeatureConfig = { buckets: BUCKETS, wordWeight: 1, charWeight: 1, lexiconWeight: 1, styleWeight: 0.3, negationScope: 2 };
// Naive-Bayes scaling strength (0 = plain TF-IDF logistic regression, 1 = NB-LR).
const NB_POWERS = [0, 0.5, 1];
// Logit offsets for positive and neutral (negative fixed at 0): balanced class weights
// over-predict the small positive class when the text differs from the training text.
const OFFSETS = [-0.4, -0.2, 0, 0.2, 0.4];
// Runtime lexicon prior (logit per service-lexicon hit, capped): kept only while it costs
// at most PRIOR_TOLERANCE validation macro-F1; the largest such value is shipped.
const PRIORS = [0, 0.25, 0.5, 0.75, 1];
const PRIOR_TOLERANCE = 0.005;

interface Split {
  kind: 'random' | 'dialect';
  fit: Example[];
  validation: Example[];
}
interface Trained {
  model: SoftmaxModel;
  idf: Float32Array;
}

const labelIndex = (e: Example) => CLASSES.indexOf(e.label);

function featuresOf(examples: Example[], idf?: Float32Array): Features[] {
  return examples.map((e) => extractFeatures(e.text, CONFIG, normalizeArabic(e.text), idf));
}

/** TF-IDF (idf from these texts) → NB ratios → balanced softmax; NB scaling is folded into the weights. */
function fit(train: Example[], nbPower: number): Trained {
  const idf = idfPerBucket(featuresOf(train), BUCKETS);
  const xs = featuresOf(train, idf);
  const ys = train.map(labelIndex);
  const model = trainSoftmax(xs, ys, {
    dim: BUCKETS,
    classes: CLASSES.length,
    lambda: LAMBDA,
    epochs: EPOCHS,
    eta0: 0.2,
    decay: 0.5,
    averageFrom: AVERAGE_FROM,
    classWeights: balancedClassWeights(ys, CLASSES.length),
    seed: SEED,
    featureScale: nbPower === 0 ? undefined : naiveBayesRatios(xs, ys, BUCKETS, CLASSES.length, nbPower),
  });
  return { model, idf };
}

interface Scored {
  gold: Example['label'][];
  rows: { x: Features; logits: number[] }[];
}

function scoreSplit(split: Split, nbPower: number): Scored {
  const { model, idf } = fit(split.fit, nbPower);
  const xs = featuresOf(split.validation, idf);
  return { gold: split.validation.map((e) => e.label), rows: xs.map((x) => ({ x, logits: scoreLogits(model, x) })) };
}

function reportWith(s: Scored, offsets: number[], prior: number): Report {
  const predicted = s.rows.map(({ x, logits }) => {
    const z = logits.map((v, c) => v + offsets[c]);
    addLexiconPrior(z, { classes: CLASSES, lexiconPrior: prior }, x);
    return CLASSES[argmax(z)];
  });
  return scorePredictions(s.gold, predicted);
}

/** Mean over the random splits and over the dialect splits, then the mean of the two. */
function protocolF1(splits: Split[], scored: Scored[], offsets: number[], prior: number): { random: number; dialect: number; score: number } {
  const mean = (kind: Split['kind']) => {
    const f1s = scored.filter((_, i) => splits[i].kind === kind).map((s) => reportWith(s, offsets, prior).macroF1);
    return f1s.reduce((a, b) => a + b, 0) / f1s.length;
  };
  const random = mean('random');
  const dialect = mean('dialect');
  return { random, dialect, score: (random + dialect) / 2 };
}

/** int16 with one global scale: ~4 significant digits, a quarter of the float64 size. */
function quantize(weights: Float32Array): { scale: number; base64: string } {
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const scale = max / 32767 || 1;
  const bytes = Buffer.alloc(weights.length * 2);
  for (let i = 0; i < weights.length; i++) bytes.writeInt16LE(Math.round(weights[i] / scale), i * 2);
  return { scale, base64: bytes.toString('base64') };
}

const fmt = (r: { random: number; dialect: number; score: number }) =>
  `random ${r.random.toFixed(4)}, dialect-out ${r.dialect.toFixed(4)}, score ${r.score.toFixed(4)}`;

function main(): void {
  const data = loadSplits();
  console.log(data.report);
  const splits: Split[] = [
    ...FOLD_SEEDS.map((seed) => ({ kind: 'random' as const, ...stratifiedSplit(data.train, 0.2, seed) })),
    ...HELD_OUT_DIALECTS.map((d) => ({
      kind: 'dialect' as const,
      fit: data.train.filter((e) => e.dialect !== d),
      validation: data.train.filter((e) => e.dialect === d),
    })),
  ];

  let best = { nbPower: 0, scored: [] as Scored[], score: -1 };
  for (const nbPower of NB_POWERS) {
    const scored = splits.map((s) => scoreSplit(s, nbPower));
    const r = protocolF1(splits, scored, [0, 0, 0], 0);
    console.log(`NB power ${nbPower}: ${fmt(r)}`);
    if (r.score > best.score) best = { nbPower, scored, score: r.score };
  }

  let offsets = [0, 0, 0];
  let bestOffsetScore = -1;
  for (const pos of OFFSETS)
    for (const neu of OFFSETS) {
      const r = protocolF1(splits, best.scored, [pos, 0, neu], 0);
      if (r.score > bestOffsetScore + 1e-9) [offsets, bestOffsetScore] = [[pos, 0, neu], r.score];
    }
  const chosen = protocolF1(splits, best.scored, offsets, 0);
  console.log(`chosen: NB power ${best.nbPower}, offsets positive ${offsets[0]} neutral ${offsets[2]}: ${fmt(chosen)}`);

  const priorScores = PRIORS.map((p) => protocolF1(splits, best.scored, offsets, p).score);
  const lexiconPrior = PRIORS.filter((_, i) => priorScores[i] >= priorScores[0] - PRIOR_TOLERANCE).at(-1)!;
  console.log(`lexicon prior: ${PRIORS.map((p, i) => `${p}→${priorScores[i].toFixed(4)}`).join('  ')}; chosen ${lexiconPrior}`);
  console.log(formatReport('validation, first random split (chosen setting)', reportWith(best.scored[0], offsets, lexiconPrior)));

  const { model, idf } = fit(data.train, best.nbPower);
  const { scale, base64 } = quantize(model.weights);
  const file: SentimentModelFile = {
    format: 'tajriba-sentiment/hashed-softmax-v2',
    classes: CLASSES,
    config: CONFIG,
    bias: Array.from(model.bias, (b, c) => Number((b + offsets[c]).toFixed(6))),
    scale,
    weights: base64,
    idf: quantizeIdf(idf),
    lexiconPrior,
    training: {
      data: 'ArSarcasm-v2 train.csv (MIT, Abu Farha et al. 2021), deduped, test texts removed',
      examples: data.train.length,
      lambda: LAMBDA,
      classWeighting: 'balanced',
      naiveBayesPower: best.nbPower,
      classOffsets: offsets,
      epochs: EPOCHS,
      validationRandomMacroF1: Number(chosen.random.toFixed(4)),
      validationDialectOutMacroF1: Number(chosen.dialect.toFixed(4)),
    },
  };
  const json = `${JSON.stringify(file)}\n`;
  writeFileSync(MODEL_PATH, json);
  console.log(`wrote ${MODEL_PATH} (${(Buffer.byteLength(json) / 1e6).toFixed(2)} MB)`);
}

main();
