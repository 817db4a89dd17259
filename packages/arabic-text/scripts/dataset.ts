import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { normalizeArabic } from '../src/normalize.ts';
import { seededRandom } from '../src/random.ts';

export { seededRandom };

// Loads ArSarcasm-v2 with the clean-up described in data/arsarcasm-v2/DATA.md.

export type Label = 'positive' | 'negative' | 'neutral';
export interface Example {
  text: string;
  label: Label;
  sarcasm: boolean;
  dialect: string;
}

const DATA_DIR = fileURLToPath(new URL('../data/arsarcasm-v2/', import.meta.url));
const LABELS: Record<string, Label> = { POS: 'positive', NEG: 'negative', NEU: 'neutral' };

/** Rows written as """…""" keep one literal quote at each end after CSV parsing. */
export function stripTripledQuotes(text: string): string {
  return text.length >= 2 && text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1) : text;
}

function readSplit(name: 'train' | 'test'): Example[] {
  const rows: Record<string, string>[] = parse(readFileSync(`${DATA_DIR}${name}.csv`, 'utf8'), { columns: true, skip_empty_lines: true });
  return rows.map((r) => {
    const label = LABELS[r.sentiment];
    if (!label) throw new Error(`${name}.csv: unknown sentiment ${r.sentiment}`);
    return { text: stripTripledQuotes(r.tweet), label, sarcasm: r.sarcasm === 'TRUE', dialect: r.dialect };
  });
}

/** Keeps the first of each normalized text: duplicates would count twice in training or scoring. */
function dedupe(examples: Example[], exclude: ReadonlySet<string> = new Set()): { kept: Example[]; dropped: number } {
  const seen = new Set(exclude);
  const kept: Example[] = [];
  for (const e of examples) {
    const key = normalizeArabic(e.text);
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(e);
  }
  return { kept, dropped: examples.length - kept.length };
}

export interface Splits {
  train: Example[];
  test: Example[];
  report: string;
}

/** Test is deduped; train is deduped and loses every text that also appears in test. */
export function loadSplits(): Splits {
  const rawTest = readSplit('test');
  const rawTrain = readSplit('train');
  const test = dedupe(rawTest);
  const testKeys = new Set(test.kept.map((e) => normalizeArabic(e.text)));
  const trainSelf = dedupe(rawTrain);
  const train = dedupe(trainSelf.kept, testKeys);
  const report =
    `train: ${rawTrain.length} rows, ${trainSelf.dropped} duplicates, ${train.dropped} also in test → ${train.kept.length}; ` +
    `test: ${rawTest.length} rows, ${test.dropped} duplicates → ${test.kept.length}`;
  return { train: train.kept, test: test.kept, report };
}

const SERVICE_CSV = fileURLToPath(new URL('../data/service-comments/comments.csv', import.meta.url));

/** FNV-1a of the normalized text: a split that stays put when rows are added or reordered. */
export function stableTextHash(text: string): number {
  const key = normalizeArabic(text);
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export interface ServiceSplits {
  /** ~80%: may be used for training and (in folds) for validation. */
  fit: Example[];
  /** ~20% (hash % 5 === 0): never trained on, reported next to test.csv. */
  heldOut: Example[];
}

/** The hand-written service comments (data/service-comments), split by text hash. */
export function loadServiceComments(): ServiceSplits {
  const rows: Record<string, string>[] = parse(readFileSync(SERVICE_CSV, 'utf8'), { columns: true, skip_empty_lines: true });
  const out: ServiceSplits = { fit: [], heldOut: [] };
  for (const r of rows) {
    if (r.label !== 'positive' && r.label !== 'negative' && r.label !== 'neutral') throw new Error(`service comments: unknown label ${r.label}`);
    const example: Example = { text: r.text, label: r.label, sarcasm: false, dialect: 'service' };
    (stableTextHash(r.text) % 5 === 0 ? out.heldOut : out.fit).push(example);
  }
  return out;
}

/** Only the test texts, for benchmarks. */
export function loadTestTexts(): string[] {
  return readSplit('test').map((e) => e.text);
}

/** Stratified split: the same share of each class goes to validation. */
export function stratifiedSplit<T extends { label: string }>(items: T[], share: number, seed: number): { fit: T[]; validation: T[] } {
  const random = seededRandom(seed);
  const fit: T[] = [];
  const validation: T[] = [];
  const byLabel = new Map<string, T[]>();
  for (const item of items) byLabel.set(item.label, [...(byLabel.get(item.label) ?? []), item]);
  for (const group of byLabel.values()) {
    const shuffled = shuffle(group, random);
    const cut = Math.round(shuffled.length * share);
    validation.push(...shuffled.slice(0, cut));
    fit.push(...shuffled.slice(cut));
  }
  return { fit, validation };
}

export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
