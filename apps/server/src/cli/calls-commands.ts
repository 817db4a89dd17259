import type { Command } from 'commander';
import { importCallsFile } from '../domains/contact-centre/call-import.ts';
import { getCallKpis, plainCallKpis } from '../domains/contact-centre/contact-centre.service.ts';
import { agencyOrFail, reportCliError, sharedCommand, withServices } from './cli-context.ts';
import { importCommandGroup, runFileImportCommand } from './import-commands.ts';

export function registerCallsCommands(program: Command) {
  importCommandGroup(program)
    .command('calls <file>')
    .description('import call records from a UTF-8 CSV: call_id,caller,queue,arrived_at,answered_at,ended_at,outcome[,agent_id,service]')
    .requiredOption('--agency <slug>', 'agency slug')
    .option('--json', 'print {accepted, duplicates, rejected, errors, drop_reasons} as JSON')
    .action(async (file: string, o: { agency: string; json?: boolean }) => {
      await withServices(async (s) => {
        const agency = await agencyOrFail(s, o.agency);
        await runFileImportCommand(o.json ?? false, (onProgress) => importCallsFile(s, agency, file, { onProgress }));
      }).catch(reportCliError);
    });

  sharedCommand(program, 'kpi', 'key performance indicators / مؤشرات الأداء')
    .command('calls')
    .description('contact-centre KPIs for a period (dates inclusive, agency time zone)')
    .requiredOption('--agency <slug>', 'agency slug')
    .requiredOption('--from <date>', 'first day, YYYY-MM-DD')
    .requiredOption('--to <date>', 'last day (inclusive), YYYY-MM-DD')
    .option('--queue <queue>', 'one queue only')
    .option('--sl-seconds <t>', 'service-level threshold T in seconds (default: the agency setting, 20)')
    .option('--json', 'print the KPIs as JSON')
    .action(async (o: { agency: string; from: string; to: string; queue?: string; slSeconds?: string; json?: boolean }) => {
      await withServices(async (s) => {
        const agency = await agencyOrFail(s, o.agency);
        const sl = o.slSeconds === undefined ? undefined : Number(o.slSeconds);
        if (sl !== undefined && !(Number.isInteger(sl) && sl >= 1 && sl <= 3600)) throw new Error('--sl-seconds: a whole number 1–3600');
        const report = await getCallKpis(s.db, agency, { from: o.from, to: o.to, queue: o.queue, slSeconds: sl });
        const k = plainCallKpis(report.totals);
        if (o.json) return console.log(JSON.stringify(k));
        const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
        const sec = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)} s`);
        console.log(
          [
            `offered / المعروضة: ${k.offered}  answered / المُجابة: ${k.answered}  abandoned / المتروكة: ${k.abandoned}  ivr: ${k.ivrOnly}`,
            `answer rate / نسبة الرد: ${pct(k.answerRate)}  abandonment / نسبة الترك: ${pct(k.abandonmentRate)}`,
            `service level (${report.totals.serviceLevelSeconds} s) / مستوى الخدمة: ${pct(k.serviceLevel)}  ASA: ${sec(k.asaSeconds)}  AHT: ${sec(k.ahtSeconds)}`,
            `repeat calls 7d / تكرار الاتصال: ${pct(k.repeatCallRate7d)}`,
          ].join('\n'),
        );
      }).catch(reportCliError);
    });
}
