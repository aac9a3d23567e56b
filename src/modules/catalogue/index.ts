/** The catalogue module's manifest (platform/module.ts): what it adds to the running system. */
import type { ModuleManifest } from '../../platform/module';
import { messages } from './messages';
import { homePages } from './home';
import { cataloguePages } from './pages';
import { catalogueRoutes } from './routes';
import { loadCatalogueReadModel } from './service';

export const catalogueModule: ModuleManifest = {
  name: 'catalogue',
  messages,
  routes: catalogueRoutes,
  pages: (app) => {
    homePages(app);
    cataloguePages(app);
  },
  startup: [{ name: 'catalogue.read-model', run: loadCatalogueReadModel }],
};
