import { createInterface } from 'node:readline';
import { once } from 'node:events';
import type { Command } from 'commander';
import { analyzeSentiment } from '@tajriba/arabic-text';

// `tajriba sentiment`: a pure filter over stdin, one text per line → one JSON object per line,
// in order. It never opens the database, so it works anywhere the CLI is installed.

const round = (x: number) => Math.round(x * 1e4) / 1e4;

/** The JSON line written for one input line (a trailing \r from Windows files is dropped). */
export function sentimentLine(line: string): string {
  const r = analyzeSentiment(line.endsWith('\r') ? line.slice(0, -1) : line);
  const scores = { positive: round(r.scores.positive), negative: round(r.scores.negative), neutral: round(r.scores.neutral) };
  return JSON.stringify(r.empty ? { label: r.label, scores, empty: true } : { label: r.label, scores });
}

/** Streams input to output line by line, waiting on back-pressure so large inputs stay in flat memory. */
export async function streamSentiment(input: NodeJS.ReadableStream, output: NodeJS.WritableStream) {
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    if (!output.write(`${sentimentLine(line)}\n`)) await once(output, 'drain');
  }
}

export function registerTextCommands(program: Command) {
  program
    .command('sentiment')
    .description('sentiment of UTF-8 stdin, one text per line → one JSON object per line / تحليل المشاعر لكل سطر')
    .option('--json', 'JSON lines (the only output format; accepted for scripts that pass it)')
    .action(async () => {
      process.stdin.setEncoding('utf8');
      await streamSentiment(process.stdin, process.stdout);
    });
}
