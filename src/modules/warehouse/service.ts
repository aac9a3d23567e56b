/**
 * Use cases of the personal / organisational e-data store (kho dữ liệu điện tử, TT 01/2023).
 * Other modules and the screens use these; see docs/decisions-warehouse.md.
 */

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
export {
  dossierDigitization,
  reuseFacts,
  digitizationFacts,
  digitizationFactsMany,
  certifiedCopyFacts,
  type ReuseFact,
  type DigitizationFact,
  type FactsQuery,
} from './service/facts';
export { issueElectronicCopy, certifyingUnits, type CertifyInput } from './service/copies';
export { storedDocumentsFromFields, StoredDocumentPicker } from './picker';
export { ownersOf } from './model';
export type { StoredDocument, Owner, DossierDigitization, ComponentDigitization } from './model';
