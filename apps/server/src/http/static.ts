import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Api } from './api.ts';
import type { Services } from './context.ts';

export const WEB_DIST = resolve(import.meta.dirname, '../../../web/dist');

/** Serves the built React app; unknown non-API paths get index.html (client routing). */
export function serveWebApp(app: Api, _services: Services) {
  app.use('/assets/*', serveStatic({ root: WEB_DIST }));
  app.use('/fonts/*', serveStatic({ root: WEB_DIST }));
  app.get('*', (c) => {
    const index = join(WEB_DIST, 'index.html');
    if (!existsSync(index)) {
      return c.text('Web app not built: run `npm run build:web` / واجهة الويب غير مبنية', 503);
    }
    return c.html(readFileSync(index, 'utf8'));
  });
}
