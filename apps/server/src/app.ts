import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { HTTPException } from 'hono/http-exception';
import { newApi, type Api } from './http/api.ts';
import { authenticate } from './http/auth.ts';
import type { AppEnv, Services } from './http/context.ts';
import { AppError } from './http/errors.ts';
import { handleError } from './http/error-handler.ts';
import { registerDomainRoutes } from './domains/index.ts';
import { serveWebApp } from './http/static.ts';
import { registerSurveyPublicRoutes } from './domains/surveys/public-page.routes.ts';
import type { Context } from 'hono';

export function buildApp(services: Services): Api {
  const app = newApi();

  app.use('*', requestId());
  app.use('*', async (c, next) => {
    c.set('services', services);
    c.set('log', services.log.child({ reqId: c.var.requestId }));
    c.set('actor', null);
    const t0 = performance.now();
    await next();
    c.var.log.info(
      { method: c.req.method, path: c.req.path, status: c.res.status, ms: +(performance.now() - t0).toFixed(1) },
      'request',
    );
  });
  app.use('*', secureHeaders({ contentSecurityPolicy: undefined, crossOriginEmbedderPolicy: false }));
  const limit = (mb: number) =>
    bodyLimit({
      maxSize: mb * 1024 * 1024,
      onError: () => {
        throw new AppError('body_too_large', 413, 'body_too_large', { params: { limit: `${mb} MB` } });
      },
    });
  const uploadLimit = limit(services.config.TAJRIBA_UPLOAD_LIMIT_MB);
  const apiLimit = limit(services.config.TAJRIBA_BODY_LIMIT_MB);
  app.use('/api/*', (c, next) => (c.req.path.startsWith('/api/v1/imports/') ? uploadLimit(c, next) : apiLimit(c, next)));
  app.use('/api/*', authenticate);

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    await services.db.query('SELECT 1');
    return c.json({ status: 'ready', database: services.db.kind });
  });

  const api = newApi();
  registerDomainRoutes(api, services);
  app.route('/api/v1', api);
  app.doc31('/api/v1/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Tajriba API', version: '1.0.0', description: 'Beneficiary-experience platform / منصة تجربة المستفيد' },
    servers: [{ url: '/' }],
  });

  app.all('/api/*', () => {
    throw new AppError('route_not_found', 404);
  });
  registerSurveyPublicRoutes(app, services); // public survey page: /s/<token>, /q/<poster>
  serveWebApp(app, services);

  app.onError((err, c) => handleError(mapHttpException(err), c as Context<AppEnv>));
  app.notFound((c) => c.json(new AppError('route_not_found', 404).toBody(), 404));
  return app;
}

function mapHttpException(err: unknown): unknown {
  if (!(err instanceof HTTPException)) return err;
  if (err.status === 400) return new AppError('invalid_json', 400, 'invalid_json', { field: 'body' });
  if (err.status === 413) return new AppError('body_too_large', 413, 'body_too_large', { params: { limit: '' } });
  if (err.status === 415) return new AppError('unsupported_media_type', 415);
  return new AppError('internal', 500, 'internal', { params: { requestId: '' } });
}
