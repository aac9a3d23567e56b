/** The warehouse module's manifest (platform/module.ts): what it adds to the running system, and the port it offers the dossiers module. */
import type { StoredDocumentsPort } from '../dossiers/ports';
import type { ModuleManifest } from '../../platform/module';
import { messages } from './messages';
import { warehousePages } from './pages';
import { warehouseRoutes } from './routes';
import { findStoredDocument, resolveStoredDocument } from './service/documents';
import { onDossierEvent } from './service/ingest';

/** The e-data store as the dossier submission sees it: documents named by the applicant, and a component's data source. */
export const storedDocuments: StoredDocumentsPort = { resolve: resolveStoredDocument, find: findStoredDocument };

export const warehouseModule: ModuleManifest = {
  name: 'warehouse',
  messages,
  routes: warehouseRoutes,
  pages: warehousePages,
  // Digitized documents of a dossier go into the citizen's store (subscriber 'warehouse' of the fan-out).
  jobs: (jobs) => jobs.subscribe('dossier.event', 'warehouse', onDossierEvent),
};
