/**
 * What the dossiers module needs from modules that depend on it (they import its service, so it
 * cannot import theirs): given to its manifest, `dossiersModule({ storedDocuments })`, by the
 * composition root (src/manifests.ts), instead of being plugged in at run time by the other module.
 */
import type { FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import type { Ctx } from '../../platform/context';
import type { StoredDocumentRef, StoredDocumentResolver } from './service/submit';
import type { StoredDocumentFinder } from './service/sources';
import type { FrontDoorCodeLookup, FrontDoorLookup } from './service/front-door';

/** A document the e-form offers for a component (what the dossiers module reads of it). */
export interface StoredDocumentChoice {
  id: string;
  name: string;
}

/** The personal e-data store (module warehouse): at submission, and on the e-form's review step. */
export interface StoredDocumentsPort {
  /** A document the applicant named (null when not theirs, unknown or no longer valid). */
  resolve: StoredDocumentResolver;
  /** The owner's valid document of a type: a component's data source. */
  find: StoredDocumentFinder;
  /** The citizen's own valid documents of a type, offered for a component. */
  offeredTo(ctx: Ctx, citizen: { personalId: string }, documentType: string): Promise<StoredDocumentChoice[]>;
  /** The component's choice among them (method syntax: it is given back the very documents offeredTo answered). */
  Picker(props: { req: FastifyRequest; componentKey: string; documents: StoredDocumentChoice[]; selected?: string | null }): VNode | null;
  /** The documents picked, from the posted form fields (SubmitInput.storedDocuments). */
  fromFields(fields: Record<string, unknown>): Record<string, StoredDocumentRef>;
}

export interface DossiersPorts {
  storedDocuments: StoredDocumentsPort;
  /** The National Public Service Portal (module national-portal): a pulled dossier's portal code and payment. */
  frontDoor: FrontDoorLookup;
  /** The same module: the dossier received under a portal dossier code (public lookup, /tra-cuu). */
  frontDoorCode: FrontDoorCodeLookup;
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

/** The portal's view of a dossier, or null in a process that installed no manifests. */
export function frontDoorPort(): FrontDoorLookup | null {
  return bound?.frontDoor ?? null;
}

/** The dossier of a portal code, or null in a process that installed no manifests. */
export function frontDoorCodePort(): FrontDoorCodeLookup | null {
  return bound?.frontDoorCode ?? null;
}
