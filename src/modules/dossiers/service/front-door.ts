/**
 * The port to the national-portal module (which uses this module, so it plugs itself in): for a
 * dossier that came through the National Public Service Portal, the portal's dossier code and
 * what the portal's payment record did to the fee, for the officer's screen and API answer.
 */
import type { Ctx } from '../../../platform/context';

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
}

export type FrontDoorLookup = (ctx: Ctx, dossierId: string) => Promise<FrontDoorInfo | null>;

let lookup: FrontDoorLookup | null = null;

export function setFrontDoorLookup(f: FrontDoorLookup | null) {
  lookup = f;
}

/** Null for a dossier that did not come through the portal (or when the portal module is not plugged in). */
export async function frontDoorOf(ctx: Ctx, dossierId: string): Promise<FrontDoorInfo | null> {
  return lookup ? lookup(ctx, dossierId) : null;
}
