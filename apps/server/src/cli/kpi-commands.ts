import type { Command } from 'commander';
import { KPI_DEFINITIONS, PeriodQuery } from '@tajriba/contracts';
import { fromZod } from '../http/error-handler.ts';
import { AppError } from '../http/errors.ts';
import type { Services } from '../http/context.ts';
import { getOverview } from '../domains/dashboards/overview.service.ts';
import { rebuildJourneysAndRollups } from '../domains/journeys/journeys.service.ts';
import { agencyOrFail, reportCliError, sharedCommand, withServices } from './cli-context.ts';

type KpiOptions = { agency?: string; from?: string; to?: string; service?: string; json?: boolean };

/** What `tajriba kpi` prints: with --json exactly the overview endpoint's body. */
export async function kpiCommandOutput(s: Services, o: KpiOptions): Promise<string> {
  if (!o.agency) throw new AppError('validation_failed', 400, 'validation_failed', { field: 'agency', params: { field: '--agency', detail: 'required' } });
  const parsed = PeriodQuery.safeParse({ from: o.from, to: o.to, service: o.service });
  if (!parsed.success) throw fromZod(parsed.error);
  const overview = await getOverview(s.db, await agencyOrFail(s, o.agency), parsed.data);
  return o.json ? JSON.stringify(overview) : formatOverviewText(overview);
}

/** The overview's figures as printed by `tajriba kpi`: the JSON is the endpoint's body. */
export function formatOverviewText(o: Awaited<ReturnType<typeof getOverview>>) {
  const fmt = (kpi: keyof typeof KPI_DEFINITIONS, v: number | null) =>
    v === null ? '—' : KPI_DEFINITIONS[kpi].kind === 'rate' ? `${(v * 100).toFixed(1)}%` : v.toFixed(2);
  const lines = [`${o.agency.name_ar} / ${o.agency.name_en}  ${o.period.from} → ${o.period.to}${o.service ? `  service ${o.service}` : ''}`];
  lines.push(`contacts / التواصلات: ${o.volumes.contacts}  journeys / الرحلات: ${o.volumes.journeys}  completed: ${o.volumes.completed}  dropped: ${o.volumes.dropped}  open: ${o.volumes.open}`);
  for (const k of o.kpis) {
    const flag = k.suppressed ? ' [suppressed <5 / محجوب]' : k.low_n ? ` [n < ${o.min_n}]` : '';
    const target = k.target ? `  target ${k.target.comparator} ${fmt(k.kpi, k.target.target)} → ${k.status}` : '';
    lines.push(`${KPI_DEFINITIONS[k.kpi].en.padEnd(30)} ${fmt(k.kpi, k.value).padStart(9)}  n=${k.n}${flag}${target}`);
  }
  return lines.join('\n');
}

export function registerKpiCommands(program: Command) {
  sharedCommand(program, 'kpi', 'key performance indicators / مؤشرات الأداء')
    // Not requiredOption: commander checks a parent's mandatory options for `kpi calls` too.
    .option('--agency <slug>', 'agency slug (required)')
    .option('--from <date>', 'first day, YYYY-MM-DD (agency time zone; required)')
    .option('--to <date>', 'last day (inclusive), YYYY-MM-DD (required)')
    .option('--service <code>', 'one service only')
    .option('--json', 'print the executive overview as JSON (the same body as GET /api/v1/dashboards/overview)')
    .action(async (o: KpiOptions) => {
      await withServices(async (s) => console.log(await kpiCommandOutput(s, o))).catch(reportCliError);
    });

  sharedCommand(program, 'rollups', 'journeys and dashboard rollups / الرحلات وجداول التجميع')
    .command('rebuild')
    .description('re-assemble journeys and rebuild the daily rollups from raw interactions (all, or people active in --from…--to)')
    .requiredOption('--agency <slug>', 'agency slug')
    .option('--from <date>', 'first day, YYYY-MM-DD')
    .option('--to <date>', 'last day (inclusive), YYYY-MM-DD')
    .action(async (o: { agency: string; from?: string; to?: string }) => {
      if ((o.from === undefined) !== (o.to === undefined)) return reportCliError(new Error('--from and --to go together / يلزم --from و --to معاً'));
      if (o.from && o.to) {
        const parsed = PeriodQuery.safeParse({ from: o.from, to: o.to });
        if (!parsed.success) return reportCliError(fromZod(parsed.error));
      }
      await withServices(async (s) => {
        const agency = await agencyOrFail(s, o.agency);
        const t0 = performance.now();
        const r = await rebuildJourneysAndRollups(s.db, agency, { from: o.from, to: o.to });
        console.log(JSON.stringify({ ...r, seconds: +((performance.now() - t0) / 1000).toFixed(1) }));
      }).catch(reportCliError);
    });
}
