import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { MessageKey } from './i18n/index.tsx';
import { pathMatches } from './router.tsx';
import type { Role } from './session.tsx';

export interface NavItem {
  /** URL path; the page also receives every path below it (/catalog/services/X). */
  path: string;
  /** Dictionary key of the menu label (add it to i18n/ar.ts and i18n/en.ts). */
  labelKey: MessageKey;
  /** Menu group heading; items without one sit at the top. */
  groupKey?: MessageKey;
  /** Roles in the selected agency that see it; absent = everyone. Superadmins act as admin. */
  roles?: Role[];
  /** Only superadmins (e.g. creating agencies). */
  superadminOnly?: boolean;
  /** Hidden from the menu but still routable (detail pages, the component gallery). */
  hidden?: boolean;
  component: LazyExoticComponent<ComponentType>;
}

const ANALYSTS: Role[] = ['admin', 'analyst', 'supervisor'];

// The one list of screens. Later screens (surveys, journeys, contact centre, text) add an
// entry here; the shell builds the menu and the routes from it.
export const nav: NavItem[] = [
  { path: '/', labelKey: 'nav.home', component: lazy(() => import('./pages/HomePage.tsx')) },
  { path: '/overview', labelKey: 'nav.overview', groupKey: 'nav.group.insight', component: lazy(() => import('./pages/overview/OverviewPage.tsx')) },
  { path: '/service', labelKey: 'nav.serviceJourney', groupKey: 'nav.group.insight', component: lazy(() => import('./pages/service/ServiceJourneyPage.tsx')) },
  { path: '/compare', labelKey: 'nav.compare', groupKey: 'nav.group.insight', component: lazy(() => import('./pages/compare/ComparePage.tsx')) },
  { path: '/contact-centre', labelKey: 'nav.contactCentre', groupKey: 'nav.group.insight', component: lazy(() => import('./pages/contact-centre/ContactCentrePage.tsx')) },
  { path: '/surveys', labelKey: 'nav.surveys', groupKey: 'nav.group.insight', component: lazy(() => import('./pages/surveys/SurveysPage.tsx')) },
  { path: '/text', labelKey: 'nav.text', groupKey: 'nav.group.insight', component: lazy(() => import('./pages/text/TextPage.tsx')) },
  { path: '/catalog', labelKey: 'nav.catalog', groupKey: 'nav.group.data', component: lazy(() => import('./pages/catalog/CatalogPage.tsx')) },
  { path: '/imports', labelKey: 'nav.imports', groupKey: 'nav.group.data', roles: ANALYSTS, component: lazy(() => import('./pages/ImportPage.tsx')) },
  { path: '/access/members', labelKey: 'nav.members', groupKey: 'nav.group.access', roles: ['admin'], component: lazy(() => import('./pages/access/MembersPage.tsx')) },
  { path: '/access/api-keys', labelKey: 'nav.apiKeys', groupKey: 'nav.group.access', roles: ['admin'], component: lazy(() => import('./pages/access/ApiKeysPage.tsx')) },
  { path: '/access/audit', labelKey: 'nav.audit', groupKey: 'nav.group.access', roles: ['admin'], component: lazy(() => import('./pages/access/AuditPage.tsx')) },
  { path: '/agencies', labelKey: 'nav.agencies', groupKey: 'nav.group.access', superadminOnly: true, component: lazy(() => import('./pages/AgenciesPage.tsx')) },
  { path: '/dev/components', labelKey: 'nav.gallery', hidden: true, component: lazy(() => import('./pages/GalleryPage.tsx')) },
];

/** Whether a user with `role` (superadmin flag) may open the item. */
export function canOpen(item: NavItem, role: Role | null, superadmin: boolean) {
  if (item.superadminOnly) return superadmin;
  if (!item.roles) return true;
  return role !== null && item.roles.includes(role);
}

/** The item whose path is the longest prefix of `path`. */
export function matchNav(path: string): NavItem | undefined {
  return nav
    .filter((n) => pathMatches(path, n.path))
    .sort((a, b) => b.path.length - a.path.length)[0];
}
