/** The public lookup of a dossier by its code and secret (service/read.ts), counted against guessing. */
import type { Ctx } from '../../../platform/context';
import { AppError, notFound } from '../../../platform/errors';
import { countAndLock, lockedUntil, type LimitRule } from '../../../platform/limits';
import { NATIONAL_STATUS, secretMatches, type DossierState } from '../model';
import * as store from '../store';
import { dossierIdByPortalCode, frontDoorOf } from './front-door';
import { iso } from './view';

// Public lookup (issue 14 item 3), counted in PostgreSQL: 10 tries per minute per client address,
// and 20 failures per hour per (dossier code, client) - never per code alone, so that someone
// else's failures cannot lock the applicant out of their own dossier.
const LOOKUP_PER_CLIENT: LimitRule = { max: 10, windowMs: 60_000, lockMs: 60_000, maxLockMs: 3_600_000 };
// (`max` failures pass; the 20th locks.)
const LOOKUP_FAILURES_PER_CODE_CLIENT: LimitRule = { max: 19, windowMs: 3_600_000, lockMs: 3_600_000 };

export interface PublicStatus {
  code: string;
  /** Its code on the National Public Service Portal, for a dossier that came through it (the citizen may look it up by either). */
  portalCode: string | null;
  procedure: string;
  state: DossierState;
  nationalStatus: number;
  submittedAt: string;
  receivedAt: string | null;
  appointmentAt: string | null;
  resultReadyAt: string | null;
  returnedAt: string | null;
  history: { at: string; action: string; to: string }[];
}

export async function lookupPublic(ctx: Ctx, input: { code: string; secret: string; client: string }): Promise<PublicStatus> {
  const now = ctx.clock.now();
  const code = input.code.trim().toUpperCase().slice(0, 40);
  const codeKey = `lookup:code:${code}|${input.client}`;
  const lockAudit = { ip: input.client, entity: 'dossier_lookup' };
  if ((await countAndLock(ctx.db, `lookup:client:${input.client}`, LOOKUP_PER_CLIENT, now, lockAudit)).locked || (await lockedUntil(ctx.db, codeKey, now))) {
    throw new AppError(429, 'error.rate_limited');
  }
  // Our code, or the portal's for a dossier that came through the National Public Service Portal (issue 11).
  let d = await store.getDossierByCode(ctx.db, code);
  let byPortal = false;
  if (!d) {
    const id = await dossierIdByPortalCode(ctx, code);
    d = id ? await store.getDossier(ctx.db, id) : undefined;
    byPortal = !!d;
  }
  if (!d || !secretMatches(input.secret, { idNumber: d.applicant_id_number, phone: d.applicant_phone, pin: d.lookup_pin })) {
    await countAndLock(ctx.db, codeKey, LOOKUP_FAILURES_PER_CODE_CLIENT, now, { ...lockAudit, details: { code } });
    throw notFound('dossier.lookup_failed');
  }
  const events = await store.listEvents(ctx.db, d.id);
  return {
    code: d.code,
    portalCode: byPortal ? code : ((await frontDoorOf(ctx, d.id))?.code ?? null),
    procedure: d.procedure_name,
    state: d.state as DossierState,
    nationalStatus: NATIONAL_STATUS[d.state as DossierState],
    submittedAt: d.submitted_at.toISOString(),
    receivedAt: iso(d.received_at),
    appointmentAt: iso(d.appointment_at),
    resultReadyAt: iso(d.result_ready_at),
    returnedAt: iso(d.returned_at),
    history: events.filter((e) => e.from_state !== e.to_state).map((e) => ({ at: e.at.toISOString(), action: e.action, to: e.to_state })),
  };
}
