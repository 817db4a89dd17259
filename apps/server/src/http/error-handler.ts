import type { Context } from 'hono';
import { ZodError } from 'zod';
import { AppError } from './errors.ts';
import type { AppEnv } from './context.ts';

// PostgreSQL SQLSTATEs that mean "the client asked for something impossible", not a bug.
const SQLSTATE: Record<string, () => AppError> = {
  '23505': () => new AppError('conflict', 409),
  '23503': () => new AppError('reference_missing', 409),
  '23514': () => new AppError('invalid_value', 400),
  '23502': () => new AppError('invalid_value', 400),
  '22P02': () => new AppError('invalid_value', 400),
  '22007': () => new AppError('invalid_value', 400),
  '22008': () => new AppError('invalid_value', 400),
};

export function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) return fromZod(err);
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string' && SQLSTATE[code]) return SQLSTATE[code]();
  return undefined;
}

export function fromZod(err: ZodError, row?: number): AppError {
  const issue = err.issues[0];
  const field = issue?.path.join('.') || 'body';
  return new AppError('validation_failed', 400, 'validation_failed', {
    field,
    row,
    params: { field, detail: issue?.message ?? '' },
  });
}

export function handleError(err: unknown, c: Context<AppEnv>) {
  const known = toAppError(err);
  if (known) {
    if (known.status >= 500) c.var.log?.error({ err }, 'server error');
    return c.json(known.toBody(), known.status);
  }
  const requestId = c.var.requestId ?? '';
  c.var.log?.error({ err, requestId }, 'unhandled error');
  return c.json(new AppError('internal', 500, 'internal', { params: { requestId } }).toBody(), 500);
}
