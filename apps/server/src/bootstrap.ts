import { join } from 'node:path';
import pino from 'pino';
import type { Config } from './config.ts';
import { openDatabase, type Db } from './db/db.ts';
import { migrate } from './db/migrate.ts';
import type { Services } from './http/context.ts';
import { loadSecrets } from './lib/secrets.ts';

export function createLogger(config: Config) {
  return pino({ level: config.LOG_LEVEL, base: undefined });
}

/** config → db → migrate: what both the server and the CLI need. */
export async function createServices(config: Config, opts: { db?: Db } = {}): Promise<Services> {
  const log = createLogger(config);
  const db =
    opts.db ?? (await openDatabase({ url: config.DATABASE_URL, dataDir: join(config.TAJRIBA_DATA_DIR, 'pglite') }));
  await migrate(db, (m) => log.info(m));
  const secrets = loadSecrets(config);
  if (secrets.generated && config.DATABASE_URL) {
    log.warn('TAJRIBA_PSEUDONYM_KEY is not set: generated one in the data dir. Set it explicitly in production.');
  }
  return { db, config, log, secrets: { pseudonymKey: secrets.pseudonymKey } };
}
