// Sentiment throughput: comments/s of analyzeSentiment on real tweets (ArSarcasm-v2
// test.csv, cycled to 20k), next to a plain normalizeArabic pass over the same texts
// as the baseline. Target: ≥ 5,000 comments/s on one core.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { analyzeSentiment, normalizeArabic } from '../packages/arabic-text/src/index.ts';

const TEST_CSV = fileURLToPath(new URL('../packages/arabic-text/data/arsarcasm-v2/test.csv', import.meta.url));
const TARGET = 20_000;

function loadTexts(): string[] {
  const rows: { tweet: string }[] = parse(readFileSync(TEST_CSV, 'utf8'), { columns: true, skip_empty_lines: true });
  const base = rows.map((r) => r.tweet);
  return Array.from({ length: TARGET }, (_, i) => base[i % base.length]);
}

function perSecond(texts: string[], fn: (t: string) => unknown): number {
  let sink = 0;
  const start = process.hrtime.bigint();
  for (const t of texts) sink += fn(t) ? 1 : 0;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (sink < 0) console.log(sink); // keeps the calls from being optimized away
  return texts.length / seconds;
}

export async function run(): Promise<void> {
  const texts = loadTexts();
  // Warm-up: JIT, and the model's one-time weight decoding.
  perSecond(texts.slice(0, 2000), analyzeSentiment);
  perSecond(texts.slice(0, 2000), normalizeArabic);
  const normalize = perSecond(texts, normalizeArabic);
  const sentiment = perSecond(texts, analyzeSentiment);
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(`sentiment: ${texts.length} real comments, one core`);
  console.log(`  baseline normalizeArabic  ${fmt(normalize)} comments/s`);
  console.log(`  analyzeSentiment          ${fmt(sentiment)} comments/s  (${(sentiment / normalize).toFixed(2)}× baseline; target ≥ 5,000/s ${sentiment >= 5000 ? 'met' : 'NOT met'})`);
}
