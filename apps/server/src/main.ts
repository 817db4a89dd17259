import { serve } from '@hono/node-server';
import { buildApp } from './app.ts';
import { createServices } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { ensureBootstrapAdmin } from './domains/access/access.service.ts';
import { ensureDemoAgency } from './domains/demo/demo.service.ts';
import { startWorker } from './jobs/jobs.ts';
import './jobs/registry.ts';

/** Process start: config → db → migrate → demo data → http → jobs. */
export async function startServer() {
  const config = loadConfig();
  const t0 = Date.now();
  const services = await createServices(config);
  const admin = await ensureBootstrapAdmin(services.db);
  if (config.TAJRIBA_DEMO === 'auto') await ensureDemoAgency(services, { days: config.TAJRIBA_DEMO_DAYS });
  const app = buildApp(services);
  const worker = startWorker(services);
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => {
    const lines = [
      '',
      `  Tajriba | تجربة  →  ${config.publicUrl}   (${services.db.kind}, ready in ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
    ];
    if (admin) {
      lines.push(`  One-time admin login / دخول المدير لمرة واحدة:  ${admin.email}  /  ${admin.password}`);
      lines.push('  (change the password after signing in / غيّر كلمة المرور بعد الدخول)');
    }
    console.log(lines.join('\n') + '\n');
  });
  const shutdown = async () => {
    worker.stop();
    server.close();
    await services.db.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return { server, services };
}
