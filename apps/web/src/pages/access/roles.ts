import type { MessageKey } from '../../i18n/index.tsx';
import type { Role } from '../../session.tsx';

export const ROLES: Role[] = ['admin', 'analyst', 'supervisor', 'viewer'];
export const roleKey = (r: string) => (ROLES.includes(r as Role) ? (`role.${r}` as MessageKey) : null);
