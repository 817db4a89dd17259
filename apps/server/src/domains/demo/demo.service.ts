import type { Services } from '../../http/context.ts';

export async function ensureDemoAgency(_s: Services, _o: { days: number }) {}
