import type { AgencyRef, Services } from '../../http/context.ts';
import type { Rng } from '../../lib/random.ts';

export interface DemoContext {
  /** This extension's own generator: forked from the demo seed by its name, so output does not depend on other extensions. */
  rng: Rng;
  seed: number;
  days: number;
  /** The generated period (interactions fall in [from, to]). */
  from: Date;
  to: Date;
}

/**
 * Adds one domain's demo data (survey answers, call records, comments…) to the demo agency.
 * `services.db` is the demo's transaction: use it for every query so a failure leaves no half demo.
 */
export type DemoExtension = (services: Services, agency: AgencyRef, ctx: DemoContext) => Promise<void>;

const EXTENSIONS = new Map<string, DemoExtension>();

/** Runs after the demo interactions are stored, in registration order. Re-registering a name replaces it in place. */
export function registerDemoExtension(name: string, fn: DemoExtension) {
  EXTENSIONS.set(name, fn);
}

export function listDemoExtensions(): string[] {
  return [...EXTENSIONS.keys()];
}

/** Runs every extension; returns the seconds each took (the demo's start-up budget is shared). */
export async function runDemoExtensions(services: Services, agency: AgencyRef, ctx: DemoContext) {
  const seconds: Record<string, number> = {};
  for (const [name, fn] of EXTENSIONS) {
    const t0 = performance.now();
    await fn(services, agency, { ...ctx, rng: ctx.rng.fork(name) });
    seconds[name] = (performance.now() - t0) / 1000;
  }
  return seconds;
}
