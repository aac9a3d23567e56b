/**
 * The port to the national-portal module (which uses this module; given to the manifest, ports.ts): for a
 * dossier that came through the National Public Service Portal, the portal's dossier code and
 * what the portal's payment record did to the fee, for the officer's screen and API answer.
 */
import type { Ctx } from '../../../platform/context';
import { frontDoorCodePort, frontDoorPort } from '../ports';

export interface FrontDoorInfo {
  /** The dossier's code on the portal (Mã hồ sơ trên Cổng DVC quốc gia). */
  code: string;
  /** The portal's payment record, and the outcome of applying it to the fee owed. */
  payment: {
    paid: boolean;
    amount: number;
    transactionId: string | null;
    paidAt: string | null;
    outcome: 'paid' | 'duplicate' | 'amount_mismatch' | 'nothing_owed' | 'transaction_elsewhere' | 'dossier_not_found' | null;
    owed: number | null;
  } | null;
  /** The bills sent to the portal's payment platform for the officer's fee requests, oldest first. */
  bills: { code: string; amount: number; dueAt: string; state: 'pending' | 'sent' | 'paid'; transactionId: string | null }[];
}

export type FrontDoorLookup = (ctx: Ctx, dossierId: string) => Promise<FrontDoorInfo | null>;
/** The id of the dossier received here under a portal dossier code, or null. */
export type FrontDoorCodeLookup = (ctx: Ctx, portalCode: string) => Promise<string | null>;

/** Null for a dossier that did not come through the portal (or when the manifests were not installed: a script). */
export async function frontDoorOf(ctx: Ctx, dossierId: string): Promise<FrontDoorInfo | null> {
  const lookup = frontDoorPort();
  return lookup ? lookup(ctx, dossierId) : null;
}

/** The dossier received from the portal under `portalCode` (the citizen's code on dichvucong.gov.vn), or null. */
export async function dossierIdByPortalCode(ctx: Ctx, portalCode: string): Promise<string | null> {
  const lookup = frontDoorCodePort();
  return lookup ? lookup(ctx, portalCode) : null;
}
