#!/usr/bin/env node
// `npm start` runs this first: it builds the web app when apps/web/dist is missing or older
// than its sources, so a fresh clone needs only `npm install && npm start`.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const web = resolve(import.meta.dirname, '../apps/web');
const builtIndex = join(web, 'dist/index.html');

/** Newest modification time (ms) of a file or of any file below a directory (tests excluded). */
function newestMtime(path) {
  if (!existsSync(path) || /\.test\.tsx?$/.test(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** 'missing' | 'stale' | 'fresh' */
export function webBuildState() {
  if (!existsSync(builtIndex)) return 'missing';
  const sources = Math.max(...['src', 'index.html', 'vite.config.ts'].map((p) => newestMtime(join(web, p))));
  return statSync(builtIndex).mtimeMs >= sources ? 'fresh' : 'stale';
}

export async function buildWeb() {
  const { build } = await import('vite');
  await build({ configFile: join(web, 'vite.config.ts'), logLevel: 'warn' });
}

/** Builds unless the dist is newer than every source; returns whether it built. */
export async function buildWebIfNeeded() {
  const state = webBuildState();
  if (state === 'fresh') return false;
  console.log(state === 'missing' ? 'Building the web app… / بناء واجهة الويب…' : 'Web app sources changed: rebuilding… / إعادة بناء واجهة الويب…');
  await buildWeb();
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildWebIfNeeded();
