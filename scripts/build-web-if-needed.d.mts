export function webBuildState(): 'missing' | 'stale' | 'fresh';
export function buildWeb(): Promise<void>;
export function buildWebIfNeeded(): Promise<boolean>;
