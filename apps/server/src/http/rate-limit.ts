import { AppError } from './errors.ts';

/**
 * Fixed-window in-memory limiter. One process serves an agency deployment; behind several
 * replicas the limit is per replica, which still bounds brute force.
 */
export function rateLimit(opts: { windowMs: number; max: number }) {
  const hits = new Map<string, { count: number; resetAt: number }>();
  return {
    hit(key: string) {
      const now = Date.now();
      let e = hits.get(key);
      if (!e || e.resetAt <= now) {
        if (hits.size > 50_000) for (const [k, v] of hits) if (v.resetAt <= now) hits.delete(k);
        e = { count: 0, resetAt: now + opts.windowMs };
        hits.set(key, e);
      }
      e.count += 1;
      if (e.count > opts.max) throw new AppError('too_many_requests', 429);
    },
  };
}
