import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { Secrets } from '../http/context.ts';

/**
 * The pseudonym key comes from config; the embedded default generates one on first run and
 * keeps it in the data dir (mode 0600). Losing it breaks linkage of new data to old pseudonyms.
 */
export function loadSecrets(config: Config): Secrets & { generated: boolean } {
  if (config.TAJRIBA_PSEUDONYM_KEY) return { pseudonymKey: config.TAJRIBA_PSEUDONYM_KEY, generated: false };
  const file = join(config.TAJRIBA_DATA_DIR, 'secrets.json');
  if (existsSync(file)) {
    const s = JSON.parse(readFileSync(file, 'utf8')) as { pseudonymKey: string };
    return { pseudonymKey: s.pseudonymKey, generated: false };
  }
  mkdirSync(config.TAJRIBA_DATA_DIR, { recursive: true });
  const pseudonymKey = randomBytes(32).toString('hex');
  writeFileSync(file, JSON.stringify({ pseudonymKey }, null, 2), { mode: 0o600 });
  return { pseudonymKey, generated: true };
}
