/**
 * Assisted submission (issue 17 item 3): the citizen's consent, recorded before an officer,
 * postal worker or digital-team member submits a dossier on the citizen's behalf.
 *   1. startConsent: the helper enters the citizen's ID number, name and phone; a 6-digit code
 *      goes to that phone by SMS (the notifications module's SMS path); only its hash is kept.
 *   2. confirmConsent: the helper enters the code the citizen reads back (5 minutes, 5 attempts).
 *   3. submitDossier (channel 'assisted') takes the confirmed consent and closes it, in the
 *      dossier's transaction (useConsent): one consent, one dossier.
 * Every step is audited with the helper as the actor. Rules: model/consent.ts.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../platform/auth';
import { appendAudit } from '../../../platform/audit';
import type { Ctx } from '../../../platform/context';
import { badRequest, conflict, forbidden, notFound, type AppError } from '../../../platform/errors';
import { t, type Lang } from '../../../platform/i18n';
import * as deps from '../deps';
import {
  CONSENT_CODE_TTL_MS,
  CONSENT_MAX_ATTEMPTS,
  CONSENT_MAX_SENDS,
  CONSENT_SEND_WINDOW_MS,
  HELPER_ROLES,
  codeMatches,
  consentRecordOf,
  decideConfirm,
  hashConsentCode,
  maskPhone,
  newConsentCode,
  normalisePhone,
  type HelperRole,
} from '../model';
import * as store from '../store';
import type { AssistedConsent } from '../store';
import { procedureSnapshotAt } from './snapshot-cache';

export interface ConsentView {
  id: string;
  state: AssistedConsent['state'];
  method: 'sms_code';
  citizen: { idNumber: string; name: string };
  procedureCode: string;
  /** The phone the code went to, masked (0912***678). */
  phone: string;
  helper: { id: string; name: string; role: HelperRole };
  consentText: string;
  createdAt: string;
  codeExpiresAt: string;
  attemptsLeft: number;
  confirmedAt: string | null;
  usedAt: string | null;
  dossierId: string | null;
}

export function consentView(c: AssistedConsent): ConsentView {
  return {
    id: c.id,
    state: c.state,
    method: c.method,
    citizen: { idNumber: c.citizen_id_number, name: c.citizen_name },
    procedureCode: c.procedure_code,
    phone: maskPhone(c.phone),
    helper: { id: c.helper_id, name: c.helper_name, role: c.helper_role },
    consentText: c.consent_text,
    createdAt: c.created_at.toISOString(),
    codeExpiresAt: c.code_expires_at.toISOString(),
    attemptsLeft: Math.max(0, CONSENT_MAX_ATTEMPTS - (c.attempts ?? 0)),
    confirmedAt: c.confirmed_at ? c.confirmed_at.toISOString() : null,
    usedAt: c.used_at ? c.used_at.toISOString() : null,
    dossierId: c.dossier_id ?? null,
  };
}

const record = consentRecordOf;

/** The helper role the actor acts in (the first of reception, postal, digital team they hold). */
export function helperRoleOf(actor: Actor): HelperRole | null {
  if (actor.kind !== 'officer') return null;
  return HELPER_ROLES.find((r) => actor.roles.some((g) => g.role === r)) ?? null;
}

export interface StartConsentInput {
  procedureCode: string;
  idNumber: string;
  name: string;
  phone: string;
  lang?: Lang;
  ip?: string | null;
}

export async function startConsent(ctx: Ctx, actor: Actor, input: StartConsentInput): Promise<ConsentView> {
  const role = helperRoleOf(actor);
  if (!role) throw forbidden('dossier.assisted.not_helper');
  const lang: Lang = input.lang === 'en' ? 'en' : 'vi';
  const fields = [];
  const idNumber = (input.idNumber ?? '').trim();
  const name = (input.name ?? '').trim().replace(/\s+/g, ' ');
  const phone = normalisePhone(input.phone ?? '');
  if (!/^\d{12}$/.test(idNumber)) fields.push({ field: 'idNumber', message: t(lang, 'dossier.assisted.field.idNumber') });
  if (!name) fields.push({ field: 'name', message: t(lang, 'dossier.assisted.field.name') });
  if (!phone) fields.push({ field: 'phone', message: t(lang, 'dossier.assisted.field.phone') });
  if (fields.length) throw badRequest(!phone && fields.length === 1 ? 'dossier.assisted.phone_invalid' : 'dossier.assisted.citizen_fields', undefined, fields);
  const now = ctx.clock.now();
  const snap = await procedureSnapshotAt(ctx, input.procedureCode, now);
  if (!snap) throw notFound('dossier.procedure_unknown', { code: input.procedureCode });
  if (snap.onlineLevel === 'none') throw conflict('dossier.not_online');
  if ((await store.countConsentsToPhone(ctx.db, phone!, new Date(now.getTime() - CONSENT_SEND_WINDOW_MS))) >= CONSENT_MAX_SENDS)
    throw conflict('dossier.assisted.too_many_codes', { max: CONSENT_MAX_SENDS });
  const id = randomUUID();
  const code = newConsentCode();
  const minutes = CONSENT_CODE_TTL_MS / 60_000;
  const roleName = t(lang, `dossier.assisted.role.${role}`);
  const consentText = t(lang, 'dossier.assisted.consent_text', { name, idNumber, helper: actor.name, role: roleName, procedure: snap.name });
  await ctx.db.transaction().execute(async (trx) => {
    await store.insertConsent(trx, {
      id,
      helper_id: actor.id,
      helper_name: actor.name,
      helper_role: role,
      citizen_id_number: idNumber,
      citizen_name: name,
      procedure_code: snap.code,
      phone: phone!,
      method: 'sms_code',
      code_hash: hashConsentCode(id, code),
      consent_text: consentText,
      lang,
      state: 'pending',
      attempts: 0,
      created_at: now,
      code_expires_at: new Date(now.getTime() + CONSENT_CODE_TTL_MS),
    });
    await deps.enqueueDirectSms(trx, {
      id: `assisted-consent:${id}`,
      to: phone!,
      body: t(lang, 'dossier.assisted.sms', { code, helper: actor.name, procedure: snap.name, minutes }),
      templateId: 'assisted_consent_code',
      params: { code, minutes: String(minutes) },
    });
    await appendAudit(trx, {
      actorKind: 'officer',
      actorId: actor.id,
      action: 'dossier.assisted_consent.requested',
      entity: 'assisted_consent',
      entityId: id,
      ip: input.ip ?? null,
      details: { citizen: idNumber, procedure: snap.code, role, phone: maskPhone(phone!) },
      at: now,
    });
  });
  return consentView((await store.getConsent(ctx.db, id))!);
}

/** A consent of this helper (another helper's answers 404: no oracle). */
export async function getConsentFor(ctx: Ctx, actor: Actor, id: string): Promise<ConsentView> {
  const c = await store.getConsent(ctx.db, id);
  if (!c || actor.kind !== 'officer' || c.helper_id !== actor.id) throw notFound('dossier.assisted.consent_not_found');
  return consentView(c);
}

export async function confirmConsent(ctx: Ctx, actor: Actor, id: string, input: { code: string; ip?: string | null; lang?: Lang }): Promise<ConsentView> {
  const lang: Lang = input.lang === 'en' ? 'en' : 'vi';
  if (!helperRoleOf(actor)) throw forbidden('dossier.assisted.not_helper');
  const c = await store.getConsent(ctx.db, id);
  if (!c || c.helper_id !== actor.id) throw notFound('dossier.assisted.consent_not_found');
  const now = ctx.clock.now();
  const code = String(input.code ?? '').replace(/\s/g, '');
  const out = decideConfirm(record(c), now, code, (x) => codeMatches(c.id, x, c.code_hash));
  if (out.ok) {
    let updated = 0;
    await ctx.db.transaction().execute(async (trx) => {
      updated = await store.updateConsent(trx, id, { state: 'confirmed', confirmed_at: now }, 'pending');
      if (updated)
        await appendAudit(trx, {
          actorKind: 'officer',
          actorId: actor.id,
          action: 'dossier.assisted_consent.confirmed',
          entity: 'assisted_consent',
          entityId: id,
          ip: input.ip ?? null,
          details: { citizen: c.citizen_id_number, method: c.method },
          at: now,
        });
    });
    if (!updated) throw conflict('dossier.assisted.already_confirmed');
    return consentView((await store.getConsent(ctx.db, id))!);
  }
  if (out.reason === 'wrong') {
    // The attempt counts (and the last one locks) even though the answer is a refusal.
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('assisted_consents')
        .set((eb) => ({ attempts: eb('attempts', '+', 1), ...(out.lock ? { state: 'locked' as const } : {}) }))
        .where('id', '=', id)
        .where('state', '=', 'pending')
        .execute();
      await appendAudit(trx, {
        actorKind: 'officer',
        actorId: actor.id,
        action: out.lock ? 'dossier.assisted_consent.locked' : 'dossier.assisted_consent.wrong_code',
        entity: 'assisted_consent',
        entityId: id,
        ip: input.ip ?? null,
        details: { attemptsLeft: out.attemptsLeft },
        at: now,
      });
    });
    throw out.lock
      ? conflict('dossier.assisted.code_locked', { max: CONSENT_MAX_ATTEMPTS })
      : badRequest('dossier.assisted.code_wrong', { left: out.attemptsLeft }, [{ field: 'code', message: t(lang, 'dossier.assisted.field.codeWrong') }]);
  }
  throw confirmError(out.reason, lang);
}

function confirmError(reason: 'expired' | 'locked' | 'already_confirmed' | 'used' | 'bad_format', lang: Lang): AppError {
  switch (reason) {
    case 'expired':
      return conflict('dossier.assisted.code_expired', { minutes: CONSENT_CODE_TTL_MS / 60_000 });
    case 'locked':
      return conflict('dossier.assisted.code_locked', { max: CONSENT_MAX_ATTEMPTS });
    case 'already_confirmed':
      return conflict('dossier.assisted.already_confirmed');
    case 'used':
      return conflict('dossier.assisted.consent_used');
    case 'bad_format':
      return badRequest('dossier.assisted.code_format', undefined, [{ field: 'code', message: t(lang, 'dossier.assisted.field.codeFormat') }]);
  }
}

/** Before any work: the consent may carry this helper's submission for this citizen and procedure. */
/** The consent behind an assisted dossier (for its pages and API), or null. */
export async function assistedConsentOf(ctx: Ctx, dossierId: string): Promise<ConsentView | null> {
  const c = await store.consentOfDossier(ctx.db, dossierId);
  return c ? consentView(c) : null;
}
