/**
 * The only place this module binds to other modules (through their service.ts) and to the
 * platform services it needs. Everything else imports from here.
 */
import type { Actor } from '../../platform/auth';
import type { Ctx } from '../../platform/context';
import { blobStore } from '../../platform/blobs';
import { fold } from '../../platform/text';
import {
  componentIsElectronic,
  dossierViewsForSystem,
  getDossier,
  getDossierFor,
  getDossierViewForSystem,
  readFile,
  type Dossier,
  type DossierView,
} from '../dossiers/service';
import { issueCertifiedCopy, type CertifiedCopy, type OfficerSigner } from '../signing/service';
import { ancestorIds, getUnit, issuerNormaliser } from '../units/service';
export { issuerNormaliser };

export type { Dossier, DossierView, OfficerSigner, CertifiedCopy };
/** The one rule of what is an electronic (digitized, DuocSoHoa) component: the dossiers module's. */
export { componentIsElectronic };

/** Reads dossiers with oversight rights, as the store's own bookkeeping needs (never shown to a user). */

export async function dossierRow(ctx: Ctx, id: string): Promise<Dossier | null> {
  return getDossier(ctx, id);
}
export async function dossierViewsForSystemMany(ctx: Ctx, ids: string[]): Promise<DossierView[]> {
  return dossierViewsForSystem(ctx, ids);
}
export async function dossierViewForSystem(ctx: Ctx, id: string): Promise<DossierView> {
  return getDossierViewForSystem(ctx, id);
}
/** The dossier as `actor` may see it (404 otherwise): the access check for officers. */
export async function dossierViewFor(ctx: Ctx, actor: Actor, id: string): Promise<DossierView> {
  return getDossierFor(ctx, actor, id);
}
/** A dossier file's row (sha256, name, type) - the bytes are read too, by the dossiers service. */
export async function dossierFile(ctx: Ctx, dossierId: string, fileId: string) {
  return (await readFile(ctx, dossierId, fileId)).file;
}

export async function unitOf(ctx: Ctx, id: string) {
  const u = await getUnit(ctx, id);
  return u ? { id: u.id, name: u.name, level: u.level, agencyType: u.agencyType, foldedName: fold(u.name) } : null;
}
/** The agency identifier of a unit, or its nearest ancestor's. */
export async function agencyCodeOf(ctx: Ctx, unitId: string): Promise<string | null> {
  const u = await getUnit(ctx, unitId);
  if (u?.agencyCode) return u.agencyCode;
  for (const id of await ancestorIds(ctx, unitId)) {
    const a = await getUnit(ctx, id);
    if (a?.agencyCode) return a.agencyCode;
  }
  return null;
}

export async function putBlob(ctx: Ctx, bytes: Buffer, mime: string) {
  return blobStore(ctx).put(bytes, { mime });
}
export async function getBlob(ctx: Ctx, sha256: string): Promise<Buffer | null> {
  return blobStore(ctx).get(sha256);
}

export async function certifyCopy(ctx: Ctx, input: { originalScan: { bytes: Buffer; fileName?: string }; officer: OfficerSigner }): Promise<CertifiedCopy> {
  return issueCertifiedCopy(ctx, input);
}
