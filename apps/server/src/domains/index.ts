import type { Api } from '../http/api.ts';
import type { Services } from '../http/context.ts';
import { registerAccessRoutes } from './access/access.routes.ts';
import { registerCatalogRoutes } from './catalog/catalog.routes.ts';
import { registerInteractionRoutes } from './interactions/interactions.routes.ts';
import { registerContactCentreRoutes } from './contact-centre/contact-centre.routes.ts';
import { registerDashboardRoutes } from './dashboards/dashboards.routes.ts';
import { registerSurveyRoutes } from './surveys/surveys.routes.ts';
import { registerTextRoutes } from './text/text.routes.ts';

/** Every domain's routes, mounted under /api/v1. */
export function registerDomainRoutes(api: Api, _services: Services) {
  registerAccessRoutes(api);
  registerCatalogRoutes(api);
  registerInteractionRoutes(api);
  registerContactCentreRoutes(api);
  registerDashboardRoutes(api);
  registerSurveyRoutes(api, _services);
  registerTextRoutes(api);
}
