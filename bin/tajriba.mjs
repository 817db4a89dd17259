#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx tajriba …` and `npm start` need no build step.
import { register } from 'tsx/esm/api';

register();
await import('../apps/server/src/cli/main.ts');
