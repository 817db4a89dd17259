import { createServices } from '../bootstrap.ts';
import { loadConfig } from '../config.ts';
import { getAgencyBySlug } from '../http/agency-scope.ts';
import type { AgencyRef, Services } from '../http/context.ts';
import { AppError } from '../http/errors.ts';

/** Opens the configured database (migrating it) for one CLI command, and always closes it. */
export async function withServices<T>(fn: (s: Services) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const services = await createServices({ ...config, LOG_LEVEL: config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL });
  try {
    return await fn(services);
  } finally {
    await services.db.close();
  }
}

export async function agencyOrFail(s: Services, slug: string): Promise<AgencyRef> {
  const a = await getAgencyBySlug(s.db, slug);
  if (!a) throw new AppError('agency_not_found', 404);
  return a;
}

/** Prints an AppError in both languages and sets a failing exit code. */
export function reportCliError(err: unknown) {
  if (err instanceof AppError) {
    const m = err.localized;
    console.error(`${m.ar}\n${m.en}${err.details.field ? ` (field: ${err.details.field})` : ''}`);
  } else {
    console.error(err instanceof Error ? err.message : String(err));
  }
  process.exitCode = 1;
}

/**
 * A command several files extend (`kpi`: `kpi calls …` here, a default `kpi --agency …` action
 * elsewhere): found when another file created it, else created. Its own options are read only
 * before a subcommand name, so both forms parse whichever file registers first. That needs the
 * program's (help-only) options to be positional too, or it would hand `calls` over pre-split.
 */
export function sharedCommand(program: import('commander').Command, name: string, description: string) {
  program.enablePositionalOptions();
  return (
    program.commands.find((c) => c.name() === name) ??
    program.command(name).description(description).enablePositionalOptions()
  );
}
