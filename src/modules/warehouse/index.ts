/** The warehouse module's manifest (platform/module.ts): what it adds to the running system, and the port it offers the dossiers module. */
import type { StoredDocumentsPort } from '../dossiers/ports';
import type { ModuleManifest } from '../../platform/module';
import { messages } from './messages';
import { warehousePages } from './pages';
import { warehouseRoutes } from './routes';
import { documentsForComponent, findStoredDocument, resolveStoredDocument } from './service/documents';
import { ownersOf } from './model';
import { StoredDocumentPicker, storedDocumentsFromFields } from './picker';
import { onDossierEvent } from './service/ingest';

/** The e-data store as the dossiers module sees it (dossiers/ports.ts): at submission, and on the e-form. */
export const storedDocuments: StoredDocumentsPort = {
  resolve: resolveStoredDocument,
  find: findStoredDocument,
  offeredTo: (ctx, citizen, documentType) => documentsForComponent(ctx, ownersOf(citizen), documentType),
  Picker: StoredDocumentPicker,
  fromFields: storedDocumentsFromFields,
};

export const warehouseModule: ModuleManifest = {
  name: 'warehouse',
  messages,
  routes: warehouseRoutes,
  pages: warehousePages,
  // Digitized documents of a dossier go into the citizen's store (subscriber 'warehouse' of the fan-out).
  jobs: (jobs) => jobs.subscribe('dossier.event', 'warehouse', onDossierEvent),
};
