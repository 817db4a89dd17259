import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './context.ts';
import { fromZod } from './error-handler.ts';

export type Api = OpenAPIHono<AppEnv>;

/** A router whose request validation failures become the one AppError shape. */
export function newApi(): Api {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw fromZod(result.error);
    },
  });
}

/** Standard error response entry for OpenAPI route definitions. */
export const errorResponses = {
  400: { description: 'Invalid input / مدخلات غير صالحة' },
  401: { description: 'Not signed in' },
  403: { description: 'Forbidden' },
  404: { description: 'Not found' },
} as const;
