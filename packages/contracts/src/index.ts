export * from './common.ts';
export * from './access.ts';
export * from './catalog.ts';
export * from './interactions.ts';
export * from './contact-centre.ts';
export * from './dashboards.ts';
export * from './surveys.ts';
export * from './text.ts';
