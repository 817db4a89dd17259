import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { ImportRunRow } from '../domains/interactions/interactions.queries.ts';
import { describeImportRun, importInteractionsFile } from '../domains/interactions/interactions.service.ts';
import { AppError } from '../http/errors.ts';
import { agencyOrFail, reportCliError, withServices } from './cli-context.ts';

/** The shared `tajriba import …` group (other importers add their subcommands to it). */
export function importCommandGroup(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'import') ??
    program.command('import').description('import data files / استيراد ملفات البيانات')
  );
}

const EXIT_HELP = `
Exit codes / رموز الخروج:
  0  the file was imported and every row was accepted or a duplicate
  2  the file was imported but some rows were rejected (see the errors)
  1  the file could not be imported (encoding, missing column, empty file, database)

A rerun of the same file resumes an interrupted import, or counts every row as a duplicate
if it had finished. Rows are numbered from 1 = the first row after the header.`;

export function registerImportCommands(program: Command) {
  importCommandGroup(program)
    .command('interactions <file>')
    .description('import interactions from a UTF-8 CSV file (header row = field names; attributes.* columns allowed)')
    .requiredOption('--agency <slug>', 'agency slug')
    .option('--create-missing', 'create unknown service/channel/branch/provider/stage/reason codes instead of rejecting the rows')
    .option('--source <name>', 'source system of the rows (external_id is unique per source)', 'csv')
    .option('--json', 'print {accepted, duplicates, rejected, errors, drop_reasons} as JSON')
    .addHelpText('after', EXIT_HELP)
    .action(async (file: string, o: { agency: string; createMissing?: boolean; source: string; json?: boolean }) => {
      await withServices(async (s) => {
        const agency = await agencyOrFail(s, o.agency);
        await runFileImportCommand(o.json ?? false, (onProgress) =>
          importInteractionsFile(s, agency, file, { source: o.source, createMissing: o.createMissing ?? false, onProgress }),
        );
      }).catch(reportCliError);
    });
}

/** Runs one file import with a progress bar on a TTY, prints its summary and sets the exit code. */
export async function runFileImportCommand(json: boolean, importFile: (onProgress: (done: number, total: number) => void) => Promise<ImportRunRow>) {
  const bar = !json && process.stderr.isTTY
    ? new cliProgress.SingleBar({ format: ' {bar} {percentage}% | {value}/{total} rows', stream: process.stderr }, cliProgress.Presets.shades_classic)
    : null;
  bar?.start(1, 0);
  try {
    const run = await importFile((done, total) => {
      bar?.setTotal(total);
      bar?.update(done);
    });
    bar?.stop();
    printRun(describeImportRun(run), json);
    process.exitCode = run.rejected > 0 ? 2 : 0;
  } catch (err) {
    bar?.stop();
    if (json && err instanceof AppError) console.log(JSON.stringify(err.toBody()));
    throw err;
  }
}

function printRun(run: ReturnType<typeof describeImportRun>, asJson: boolean) {
  if (asJson) {
    const { accepted, duplicates, rejected, errors, drop_reasons, import_id, rows_committed } = run;
    return console.log(JSON.stringify({ accepted, duplicates, rejected, errors, drop_reasons, import_id, rows: rows_committed }));
  }
  for (const e of run.errors.slice(0, 20)) {
    console.error(`row ${e.row}${e.field ? `, ${e.field}` : ''} [${e.code}]\n  ${e.message_ar}\n  ${e.message_en}`);
  }
  if (run.errors.length > 20) console.error(`… ${run.errors.length - 20} more / أخطاء أخرى`);
  console.log(
    `مقبول ${run.accepted} · مكرر ${run.duplicates} · مرفوض ${run.rejected}\n` +
      `accepted ${run.accepted} · duplicates ${run.duplicates} · rejected ${run.rejected}  (import #${run.import_id})`,
  );
}
