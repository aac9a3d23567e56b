/**
 * Offline intake sync (issue 17 item 6): a dossier received on the offline reception page
 * (/can-bo/tiep-nhan-ngoai-tuyen) while the network was down reaches the server here, once per
 * client-generated key, through the desk reception use case (submitDossier in person, then
 * receive when the officer received it at the desk). See model/offline-intake.ts for the
 * provisional receipt number and docs/decisions-offline-intake.md for the choices.
 *
 * Exactly once: the offline key is the submission's idempotency key (so a crash between the
 * dossier and the mapping row below creates no second dossier), and the mapping row
 * (offline_intakes, key unique) is written with the SMS's outbox message and the audit entry in
 * one transaction: a replay finds the row and answers the same dossier code, nothing else.
 */
import type { Actor } from '../../../platform/auth';
import { appendAudit } from '../../../platform/audit';
import type { Ctx } from '../../../platform/context';
import { AppError, conflict, forbidden } from '../../../platform/errors';
import { enqueue } from '../../../platform/outbox';
import { civilDateVN } from '../../../platform/calendar/types';
import type { Lang, MessageKey } from '../../../platform/i18n';
import { getProcedureSnapshot, searchProcedures, unitNames } from '../../catalogue/service';
import * as deps from '../deps';
import { openDuplicates, submissionKeyOf } from '../model';
import * as store from '../store';
import * as offline from '../offline-store';
import { performAction } from './transition';
import type { UploadedFile } from './files';
import { procedureSnapshotAt } from './snapshot-cache';
import { submitDossier, type ApplicantInput } from './submit';

export interface OfflineIntakeInput {
  /** Client-generated (crypto.randomUUID()) when the dossier was queued. */
  key: string;
  provisionalCode: string;
  deviceId: string;
  /** When the officer queued it (the device's clock). */
  capturedAt: Date;
  procedureCode: string;
  /** The procedure version the device had cached: a different version in force now is a conflict. */
  procedureVersionId: string;
  receivingUnitId?: string;
  applicant: ApplicantInput;
  /** The officer received it at the desk (checked the papers): receive it now. */
  receiveNow: boolean;
  /** The officer saw the duplicate conflict and confirms a distinct matter. */
  allowDuplicate?: boolean;
  files: UploadedFile[];
  lang?: Lang;
  ip?: string | null;
}

export interface OfflineIntakeResult {
  key: string;
  provisionalCode: string;
  dossierId: string;
  dossierCode: string;
  state: string;
  received: boolean;
  replayed: boolean;
  /** Why the dossier could not be received at once (it stays "submitted"; the workspace shows what is missing). */
  receiveError: MessageKey | null;
}

function requireReception(actor: Actor) {
  if (actor.kind !== 'officer' || !actor.roles.some((g) => g.role === 'reception')) throw forbidden('offline.not_reception');
}

export async function syncOfflineIntake(ctx: Ctx, actor: Actor, input: OfflineIntakeInput): Promise<OfflineIntakeResult> {
  requireReception(actor);
  const key = input.key.toLowerCase();
  const prior = await offline.findOfflineIntake(ctx.db, key);
  if (prior) {
    if (prior.officer_id !== actor.id) throw conflict('offline.key_taken');
    if (prior.procedure_code !== input.procedureCode || prior.provisional_code !== input.provisionalCode)
      throw conflict('offline.key_mismatch', { provisional: prior.provisional_code });
    const cur = await store.getDossier(ctx.db, prior.dossier_id);
    return {
      key,
      provisionalCode: prior.provisional_code,
      dossierId: prior.dossier_id,
      dossierCode: prior.dossier_code,
      state: cur?.state ?? 'submitted',
      received: prior.received,
      replayed: true,
      receiveError: null,
    };
  }
  const submitterId = `${actor.kind}:${actor.id}`;
  // A dossier of this key already made (the answer was lost after submitDossier): not a duplicate of itself.
  const own = await store.findByIdempotencyKey(ctx.db, submitterId, submissionKeyOf(key));
  const now = ctx.clock.now();
  if (!own) {
    const snap = await procedureSnapshotAt(ctx, input.procedureCode, now);
    if (!snap) throw conflict('offline.procedure_gone', { code: input.procedureCode });
    if (snap.versionId !== input.procedureVersionId) throw conflict('offline.procedure_changed', { procedure: snap.name });
    if (!input.allowDuplicate) {
      // (a dossier of this very key, made by a concurrent sync of it, is no duplicate either)
      const open = (await offline.openDossiersOf(ctx.db, { idNumber: input.applicant.idNumber, procedureCode: input.procedureCode })).filter(
        (x) => !(x.submitter_id === submitterId && x.idempotency_key === submissionKeyOf(key)),
      );
      const dup = openDuplicates(open, { idNumber: input.applicant.idNumber, procedureCode: input.procedureCode })[0];
      if (dup) throw conflict('offline.duplicate', { code: dup.code, procedure: snap.name, provisional: input.provisionalCode });
    }
  }
  const r = await submitDossier(ctx, actor, {
    procedureCode: input.procedureCode,
    channel: 'in_person',
    receivingUnitId: input.receivingUnitId,
    applicant: input.applicant,
    files: input.files,
    idempotencyKey: submissionKeyOf(key),
    lang: input.lang,
    ip: input.ip,
  });
  let d = r.dossier;
  let receiveError: MessageKey | null = null;
  if (input.receiveNow && d.state === 'submitted') {
    try {
      // The provisional number rides on the event: the notifications module then leaves this
      // reception to the offline SMS below (one SMS, with both numbers).
      d = await performAction(ctx, actor, d.id, 'receive', { version: d.version, ip: input.ip, eventData: { offlineReceipt: input.provisionalCode } });
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      receiveError = err.key;
    }
  }
  const received = d.state !== 'submitted';
  const won = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await offline.insertOfflineIntake(trx, {
      idempotency_key: key,
      provisional_code: input.provisionalCode,
      device_id: input.deviceId,
      officer_id: actor.id,
      dossier_id: d.id,
      dossier_code: d.code,
      procedure_code: d.procedure_code,
      received,
      captured_at: input.capturedAt,
      synced_at: now,
    });
    if (!inserted) return false; // a concurrent replay wrote it (and its SMS)
    await enqueue(trx, {
      id: `offline-intake:${key}:sms`,
      topic: 'notify.message',
      key: d.id,
      payload: { kind: 'offline_synced', dossierId: d.id, params: { provisional: input.provisionalCode } },
    });
    await appendAudit(trx, {
      actorKind: actor.kind,
      actorId: actor.id,
      action: 'dossier.offline_synced',
      entity: 'dossier',
      entityId: d.id,
      ip: input.ip ?? null,
      details: { key, provisional: input.provisionalCode, device: input.deviceId, capturedAt: input.capturedAt.toISOString(), received },
    });
    return true;
  });
  if (!won) {
    // The same key synced at the same moment (two tabs, a retry racing its original): answer what that one recorded.
    const row = (await offline.findOfflineIntake(ctx.db, key))!;
    const cur = await store.getDossier(ctx.db, row.dossier_id);
    return {
      key,
      provisionalCode: row.provisional_code,
      dossierId: row.dossier_id,
      dossierCode: row.dossier_code,
      state: cur?.state ?? d.state,
      received: row.received,
      replayed: true,
      receiveError: null,
    };
  }
  return { key, provisionalCode: input.provisionalCode, dossierId: d.id, dossierCode: d.code, state: d.state, received, replayed: r.replayed, receiveError };
}

export interface OfflineCatalogueEntry {
  code: string;
  name: string;
  nameEn: string;
  versionId: string;
  receivingUnitIds: string[];
  components: { key: string; name: string; optional: boolean }[];
}

/**
 * What the offline page caches: the procedures the officer's desks receive today (paper taken:
 * the essential services that take no paper from 1/10/2025 are left out), each with its version
 * and components - no e-form, fees or process, to keep it light.
 */
export async function offlineCatalogue(
  ctx: Ctx,
  actor: Actor,
): Promise<{ generatedAt: string; day: string; units: { id: string; name: string }[]; procedures: OfflineCatalogueEntry[] }> {
  requireReception(actor);
  const now = ctx.clock.now();
  const desks = [...new Set(actor.roles.filter((g) => g.role === 'reception').map((g) => g.unitId))];
  const codes = new Set<string>();
  for (const agency of desks) {
    for (let page = 1; page <= 20; page++) {
      const res = await searchProcedures(ctx, { agency, pageSize: 100, page });
      for (const h of res.items) codes.add(h.code);
      if (res.items.length < 100) break;
    }
  }
  const out: OfflineCatalogueEntry[] = [];
  for (const code of codes) {
    const snap = await getProcedureSnapshot(ctx, code, now);
    if (!snap || deps.paperRefusedFor(snap.essential, now)) continue;
    const receivingUnitIds = [...new Set(snap.agencies.map((a) => a.receivingUnitId))].filter((u) => desks.includes(u));
    if (receivingUnitIds.length === 0) continue;
    out.push({
      code: snap.code,
      name: snap.name,
      nameEn: snap.nameEn,
      versionId: snap.versionId,
      receivingUnitIds,
      components: snap.components.map((c) => ({ key: c.key, name: c.name, optional: !!c.optional })),
    });
  }
  out.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  const names = await unitNames(ctx, desks);
  return { generatedAt: now.toISOString(), day: civilDateVN(now), units: desks.map((id) => ({ id, name: names[id] ?? id })), procedures: out };
}
