export * from './common.ts';
export * from './access.ts';
