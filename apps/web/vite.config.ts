import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Root is apps/web so `npm run build:web` works from the repo root; the server serves
// dist/index.html for every non-API path and dist/assets/* (fonts included) as files.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    // echarts is loaded lazily into its own chunk; only chart screens fetch it.
    chunkSizeWarningLimit: 1200,
    // The plugin-timing report is noise on a 2-core machine shared with other builds.
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
