/**
 * Use cases of the personal / organisational e-data store (kho dữ liệu điện tử, TT 01/2023).
 * Other modules and the screens use these; see docs/decisions-warehouse.md.
 */
import { subscribe } from '../../platform/events';
import * as deps from './deps';
import { findStoredDocument, resolveStoredDocument } from './service/documents';
import { onDossierEvent } from './service/ingest';

export {
  listMyDocuments,
  getMyDocument,
  myDocumentFile,
  documentsForComponent,
  resolveStoredDocument,
  createShare,
  listShares,
  revokeShare,
  openShare,
  documentsOfDossier,
  dossierDocumentFile,
  type ShareView,
} from './service/documents';
export { syncDossier, recordReuses, storeDocument, onDossierEvent, type NewDocument } from './service/ingest';
export { dossierDigitization, reuseFacts, digitizationFacts, digitizationFactsMany, certifiedCopyFacts, type ReuseFact, type DigitizationFact, type FactsQuery } from './service/facts';
export { issueElectronicCopy, certifyingUnits, type CertifyInput } from './service/copies';
export { storedDocumentsFromFields, StoredDocumentPicker } from './picker';
export { ownersOf } from './model';
export type { StoredDocument, Owner, DossierDigitization, ComponentDigitization } from './model';

let registered = false;
/** Subscribes to 'dossier.event' (subscriber 'warehouse') and plugs the store into the dossier submission. */
export function registerWarehouseHandlers(): void {
  if (registered) return;
  registered = true;
  subscribe('dossier.event', 'warehouse', onDossierEvent);
  deps.plugStoredDocumentResolver(resolveStoredDocument);
  deps.plugStoredDocumentFinder(findStoredDocument);
}
