import type { Command } from 'commander';
import { AgencyCreate } from '@tajriba/contracts';
import { fromZod } from '../http/error-handler.ts';
import { createAgency } from '../domains/access/access.service.ts';
import { reportCliError, withServices } from './cli-context.ts';

export function registerCoreCommands(program: Command) {
  program
    .command('start')
    .description('start the server (embedded PGlite unless DATABASE_URL is set)')
    .action(async () => {
      const { startServer } = await import('../main.ts');
      await startServer();
    });

  program
    .command('migrate')
    .description('apply pending SQL migrations')
    .action(() => withServices(async () => console.log('migrations up to date / قاعدة البيانات محدّثة')).catch(reportCliError));

  const agency = program.command('agency').description('manage agencies (tenants)');
  agency
    .command('add <slug>')
    .requiredOption('--name-ar <name>', 'Arabic name')
    .requiredOption('--name-en <name>', 'English name')
    .option('--timezone <tz>', 'IANA time zone', 'Asia/Riyadh')
    .action(async (slug: string, o: { nameAr: string; nameEn: string; timezone: string }) => {
      const parsed = AgencyCreate.safeParse({ slug, name_ar: o.nameAr, name_en: o.nameEn, timezone: o.timezone });
      if (!parsed.success) return reportCliError(fromZod(parsed.error));
      await withServices(async (s) => {
        const a = await createAgency(s.db, null, parsed.data);
        console.log(JSON.stringify(a));
      }).catch(reportCliError);
    });
}
