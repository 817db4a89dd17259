#!/usr/bin/env node
// `npm start` runs this first: it builds the web app when apps/web/dist is missing or older
// than its sources, so a fresh clone needs only `npm install && npm start`.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const web = join(root, 'apps/web');
const builtIndex = join(web, 'dist/index.html');

/** Newest modification time (ms) among a file or every file below a directory. */
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

const sources = Math.max(...['src', 'index.html', 'vite.config.ts'].map((p) => newestMtime(join(web, p))));
const built = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0;

if (built >= sources) process.exit(0);
console.log(built ? 'Web app sources changed: rebuilding… / إعادة بناء واجهة الويب…' : 'Building the web app… / بناء واجهة الويب…');
const { build } = await import('vite');
await build({ configFile: join(web, 'vite.config.ts'), logLevel: 'warn' });
