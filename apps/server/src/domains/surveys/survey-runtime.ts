import type { Config } from '../../config.ts';
import type { Services } from '../../http/context.ts';
import { contactKey } from './contact-vault.ts';
import { surveyTokenKey } from './tokens.ts';

// Ingest hooks receive only the transaction, so the keys and public URL they need are bound
// once when the process builds its app (domains/index.ts passes Services) or runs a job.

export interface SurveyRuntime {
  config: Config;
  tokenKey: Buffer;
  contactKey: Buffer;
}

let current: SurveyRuntime | undefined;
const byServices = new WeakMap<Services, SurveyRuntime>();

export function surveyRuntime(services: Services): SurveyRuntime {
  let r = byServices.get(services);
  if (!r) {
    r = {
      config: services.config,
      tokenKey: surveyTokenKey(services.secrets.pseudonymKey, services.config.TAJRIBA_SURVEY_TOKEN_SECRET),
      contactKey: contactKey(services.secrets.pseudonymKey),
    };
    byServices.set(services, r);
  }
  current = r;
  return r;
}

/** The runtime of the last configured app or job (undefined in a bare CLI import: contacts are then dropped). */
export const currentSurveyRuntime = () => current;

export const surveyLink = (config: Config, token: string) => `${config.publicUrl.replace(/\/$/, '')}/s/${token}`;
