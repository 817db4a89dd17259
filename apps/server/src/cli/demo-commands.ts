import type { Command } from 'commander';
import { AppError } from '../http/errors.ts';
import { DEMO_SLUG } from '../domains/demo/demo-catalog.ts';
import { DEFAULT_DEMO_SEED, describeDemoSummary, ensureDemoAgency, rebuildDemoAgency } from '../domains/demo/demo.service.ts';
import { reportCliError, withServices } from './cli-context.ts';

/** `tajriba demo [--days 90] [--seed 42] [--reset]`: builds the demo agency (or rebuilds it). */
export function registerDemoCommands(program: Command) {
  program
    .command('demo')
    .description('create the demo agency "demo" with generated data / إنشاء الجهة التجريبية ببيانات مولّدة')
    .option('--days <n>', 'days of interactions ending today (1–730)', '90')
    .option('--seed <n>', 'random seed: the same seed gives the same data', String(DEFAULT_DEMO_SEED))
    .option('--reset', 'delete the demo agency and all its data first')
    .action(async (o: { days: string; seed: string; reset?: boolean }) => {
      try {
        const days = integerOption('--days', o.days, 1, 730);
        const seed = integerOption('--seed', o.seed, 0, 2 ** 31 - 1);
        await withServices(async (s) => {
          const summary = o.reset ? await rebuildDemoAgency(s, { days, seed }) : await ensureDemoAgency(s, { days, seed });
          if (o.reset && summary) console.log(describeDemoSummary(summary));
          if (!summary) {
            console.log(`الجهة التجريبية "${DEMO_SLUG}" موجودة؛ استخدم --reset لإعادة إنشائها.\nThe demo agency "${DEMO_SLUG}" already exists; use --reset to rebuild it.`);
          }
        });
      } catch (e) {
        reportCliError(e);
      }
    });
}

function integerOption(name: string, raw: string, min: number, max: number) {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new AppError('validation_failed', 400, 'validation_failed', { field: name, params: { field: name, detail: `${min}–${max}` } });
  }
  return n;
}
