import { defineConfig } from 'vitest/config';

// The server suite runs once per database: embedded PGlite always, real PostgreSQL
// when TEST_DATABASE_URL is set (.ci/run sets it). Pure packages run once.
const postgresUrl = process.env.TEST_DATABASE_URL;
const serverTests = ['apps/server/**/*.test.ts'];
const dbProject = (name: 'pglite' | 'postgres') => ({
  extends: true as const,
  test: {
    name,
    include: serverTests,
    env: { TAJRIBA_TEST_DB: name },
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['packages/**/*.test.ts'], testTimeout: 60_000 } },
      dbProject('pglite'),
      ...(postgresUrl ? [dbProject('postgres')] : []),
      {
        extends: true,
        test: { name: 'browser', include: ['apps/web/**/*.browser.test.ts'], globalSetup: ['test/global-setup.ts'], testTimeout: 120_000, hookTimeout: 240_000, fileParallelism: false },
      },
    ],
  },
});
