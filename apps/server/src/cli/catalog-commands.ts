import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { ImportSummary } from '@tajriba/contracts';
import { catalogDocumentToRows, catalogToCsv, readCatalogFile } from '../domains/catalog/catalog-file.ts';
import { exportCatalog, importCatalog } from '../domains/catalog/catalog-transfer.service.ts';
import { agencyOrFail, reportCliError, withServices } from './cli-context.ts';

/** `tajriba catalog import|export FILE --agency SLUG`: the whole catalog as one CSV (or .json) file. */
export function registerCatalogCommands(program: Command) {
  const catalog = program.command('catalog').description('import or export the service catalog / استيراد أو تصدير دليل الخدمات');

  catalog
    .command('import <file>')
    .description('upsert providers, branches, channels, services, stages and reasons; all or nothing')
    .requiredOption('--agency <slug>', 'agency slug')
    .option('--json', 'print the import summary as JSON')
    .action(async (file: string, o: { agency: string; json?: boolean }) => {
      await withServices(async (s) => {
        const agency = await agencyOrFail(s, o.agency);
        const type = file.toLowerCase().endsWith('.json') ? 'application/json' : 'text/csv';
        const parsed = readCatalogFile(type, readFileSync(file));
        const summary = 'errors' in parsed ? parsed : await importCatalog(s.db, null, agency.id, parsed);
        printSummary(summary, o.json ?? false);
        if (summary.errors.length) process.exitCode = 1;
      }).catch(reportCliError);
    });

  catalog
    .command('export <file>')
    .description('write the catalog as CSV (UTF-8 with BOM, opens in Excel), or JSON when FILE ends in .json')
    .requiredOption('--agency <slug>', 'agency slug')
    .action(async (file: string, o: { agency: string }) => {
      await withServices(async (s) => {
        const agency = await agencyOrFail(s, o.agency);
        const doc = await exportCatalog(s.db, agency.id);
        writeFileSync(file, file.toLowerCase().endsWith('.json') ? `${JSON.stringify(doc, null, 2)}\n` : catalogToCsv(doc));
        const n = catalogDocumentToRows(doc).length;
        console.log(`تم تصدير ${n} صفاً إلى ${file}\nExported ${n} rows to ${file}`);
      }).catch(reportCliError);
    });
}

function printSummary(summary: ImportSummary, asJson: boolean) {
  if (asJson) return console.log(JSON.stringify(summary, null, 2));
  for (const e of summary.errors) {
    const where = `line ${e.row}${e.field ? `, ${e.field}` : ''}`;
    console.error(`${where} [${e.code}]\n  ${e.message_ar}\n  ${e.message_en}`);
  }
  if (summary.errors.length) {
    console.error(`لم يُستورد أي صف: ${summary.errors.length} خطأ.\nNothing imported: ${summary.errors.length} error(s).`);
    return;
  }
  console.log(
    `تم: ${summary.created} جديد، ${summary.updated} معدّل، ${summary.duplicates} دون تغيير.\n` +
      `Done: ${summary.created} created, ${summary.updated} updated, ${summary.duplicates} unchanged.`,
  );
}
