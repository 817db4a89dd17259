import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Db } from '../db/db.ts';
import type { Role } from './permissions.ts';

export interface Secrets {
  pseudonymKey: string;
}

/** Long-lived dependencies handed to the app and to jobs. */
export interface Services {
  db: Db;
  config: Config;
  log: Logger;
  secrets: Secrets;
}

export interface AgencyRef {
  id: number;
  slug: string;
  timezone: string;
  name_ar: string;
  name_en: string;
  settings: Record<string, unknown>;
}

export type Actor =
  | { type: 'user'; userId: number; email: string; isSuperadmin: boolean; roles: Map<number, Role> }
  | { type: 'api_key'; keyId: number; agencyId: number; role: Role; label: string };

export interface AppEnv {
  Variables: {
    services: Services;
    log: Logger;
    requestId: string;
    actor: Actor | null;
  };
}
