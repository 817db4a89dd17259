import type { Actor } from './context.ts';

export const ROLES = ['admin', 'analyst', 'supervisor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

// Named permission predicates (STYLE.md): handlers ask one of these, never compare roles.
export function roleIn(actor: Actor | null, agencyId: number): Role | null {
  if (!actor) return null;
  if (actor.type === 'api_key') return actor.agencyId === agencyId ? actor.role : null;
  if (actor.isSuperadmin) return 'admin';
  return actor.roles.get(agencyId) ?? null;
}

const has = (actor: Actor | null, agencyId: number, allowed: readonly Role[]) => {
  const r = roleIn(actor, agencyId);
  return r !== null && allowed.includes(r);
};

export const canViewAgency = (a: Actor | null, agencyId: number) => has(a, agencyId, ROLES);
export const canEditCatalog = (a: Actor | null, agencyId: number) => has(a, agencyId, ['admin']);
export const canIngest = (a: Actor | null, agencyId: number) => has(a, agencyId, ['admin', 'analyst', 'supervisor']);
export const canAnalyze = (a: Actor | null, agencyId: number) => has(a, agencyId, ['admin', 'analyst', 'supervisor', 'viewer']);
export const canManageSurveys = (a: Actor | null, agencyId: number) => has(a, agencyId, ['admin', 'analyst']);
export const canManageAccess = (a: Actor | null, agencyId: number) => has(a, agencyId, ['admin']);
export const canManageTargets = (a: Actor | null, agencyId: number) => has(a, agencyId, ['admin', 'analyst']);
export const canManageTopics = (a: Actor | null, agencyId: number) => has(a, agencyId, ['admin', 'analyst']);
export const canCreateAgency = (a: Actor | null) => a?.type === 'user' && a.isSuperadmin;
