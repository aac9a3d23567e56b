/**
 * What the dossiers module needs from modules that depend on it (they import its service, so it
 * cannot import theirs): given to its manifest, `dossiersModule({ storedDocuments })`, by the
 * composition root (src/manifests.ts), instead of being plugged in at run time by the other module.
 */
import type { StoredDocumentResolver } from './service/submit';
import type { StoredDocumentFinder } from './service/sources';

/** The personal e-data store (module warehouse): a document the applicant named, or the owner's valid document of a type. */
export interface StoredDocumentsPort {
  resolve: StoredDocumentResolver;
  find: StoredDocumentFinder;
}

export interface DossiersPorts {
  storedDocuments: StoredDocumentsPort;
}

let bound: DossiersPorts | null = null;

/** Only the manifest factory (index.ts) binds the ports. */
export function bindPorts(ports: DossiersPorts): void {
  bound = ports;
}

/** The e-data store, or null in a process that installed no manifests (a script): a named document is then not found. */
export function storedDocumentsPort(): StoredDocumentsPort | null {
  return bound?.storedDocuments ?? null;
}
