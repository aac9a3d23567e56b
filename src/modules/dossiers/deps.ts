/**
 * The only place this module binds to other modules and platform services it needs
 * (calendar, catalogue, units, blob store, PDF). Everything else imports from here.
 */
import type { Actor } from '../../platform/auth';
import type { Ctx } from '../../platform/context';
import type { WorkCalendar } from '../../platform/calendar/types';
import { getWorkCalendar } from '../../platform/calendar/service';
import { blobStore, checkUpload as platformCheckUpload } from '../../platform/blobs';
import { nationalHeader, paragraph, renderPdf, signatureBlocks, table, title } from '../../platform/pdf';
import type { FieldError } from '../../platform/errors';
import { t, type Lang } from '../../platform/i18n';
import { getOfficer } from '../identity/service';
import { assertSignablePdf, signResult, type OfficerSigner } from '../signing/service';
import { listOfficers, listOfficersAt } from '../identity/service';
export { requireProvinceRole, requireRoleAt, unitScope } from '../identity/service';
import { notify } from '../notifications/service';
export { enqueueDirectSms } from '../notifications/service';
import type { ProcedureSnapshot } from '../catalogue/model';
import { getProcedureSnapshot, getProcedureSnapshotByVersion, validateApplication } from '../catalogue/service';
export { boundaryFreeOn } from '../catalogue/service';
import { ancestorIds, getUnit, normaliseAddressNow, today, unitNameOrLast, unitNearest } from '../units/service';
export { normaliseAddressNow };
export { ancestorIds, communeHeirs, getUnit, successorOf, unitEnding, type UnitEnding } from '../units/service';
import { componentsFromSourceAt, formAt, formForDossier, paperRefusedFor, ruleInForce, stopAvailableFor, type FormDef, type FormKind } from '../rules/service';
import { prefillFor, vneidDocumentFor, type PrefillData, type VneidDocumentData } from '../population/service';

export { componentsFromSourceAt, paperRefusedFor };
/** The population database's record of a person (503 AppError when the service is down). */
export async function populationRecord(ctx: Ctx, personalId: string, actor: Actor | null): Promise<PrefillData | null> {
  return prefillFor(ctx, personalId, actor);
}
/** A document of the person integrated on VNeID (503 AppError when the service is down). */
export async function vneidDocument(ctx: Ctx, personalId: string, kind: string, actor: Actor | null): Promise<VneidDocumentData | null> {
  return vneidDocumentFor(ctx, personalId, kind, actor);
}

/** The form of a slip in the set in force on the dossier's reception date (rules module); the current set's when the old set has none. */
export function slipForm(d: { receivedAt: Date | null; submittedAt: Date }, kind: FormKind, now: Date): FormDef | null {
  return formForDossier(d, kind) ?? formAt(now, kind);
}
export { stopAvailableFor };
/** Rule `supplement.once` on the dossier's reception date (its submission before it is received): one complete request. */
export function supplementOnceFor(d: { received_at: Date | null; submitted_at: Date }): boolean | undefined {
  const v = ruleInForce(undefined, 'supplement.once', d.received_at ?? d.submitted_at);
  return typeof v === 'boolean' ? v : undefined;
}

export async function workCalendar(ctx: Ctx): Promise<WorkCalendar> {
  return getWorkCalendar(ctx);
}

export async function procedureSnapshot(ctx: Ctx, code: string, at: Date): Promise<ProcedureSnapshot | null> {
  return getProcedureSnapshot(ctx, code, at);
}
export async function procedureSnapshotByVersion(ctx: Ctx, versionId: string): Promise<ProcedureSnapshot | null> {
  return getProcedureSnapshotByVersion(ctx, versionId);
}
export function validateEForm(ctx: Ctx, s: ProcedureSnapshot, data: unknown, lang: Lang): { ok: true; data: unknown } | { ok: false; fields: FieldError[] } {
  return validateApplication(ctx, s, data, lang);
}

/** Today's name; for a unit that ended in a merger (a dossier keeps its original unit), its last name. */
export async function unitName(ctx: Ctx, id: string): Promise<string> {
  return (await unitNameOrLast(ctx, id)) ?? id;
}
/** The agency identifier used in dossier codes: the unit's own, else its nearest ancestor's. */
export async function agencyCodeOf(ctx: Ctx, unitId: string): Promise<string | null> {
  // A unit not in existence today (only the demo generator dates dossiers so) is read as it stood nearest.
  const near = await unitNearest(ctx, unitId);
  if (near?.unit.agencyCode) return near.unit.agencyCode;
  for (const id of await ancestorIds(ctx, unitId, near?.date)) {
    const a = await getUnit(ctx, id, near?.date);
    if (a?.agencyCode) return a.agencyCode;
  }
  return null;
}

/**
 * agencyCodeOf for the submission path, kept 5 seconds (per database, unit and civil day): the
 * units module has no change counter to check against, so a renamed agency code reaches new
 * dossier codes at most 5 s late (docs/decisions-dossiers.md, "Agency codes kept 5 seconds").
 */
const AGENCY_CODE_TTL_MS = 5000;
const agencyCodes = new WeakMap<object, Map<string, { code: string; until: number }>>();
export async function agencyCodeForSubmission(ctx: Ctx, unitId: string): Promise<string | null> {
  let kept = agencyCodes.get(ctx.db);
  if (!kept) agencyCodes.set(ctx.db, (kept = new Map()));
  const key = `${unitId}@${today(ctx)}`;
  const hit = kept.get(key);
  const t = performance.now();
  if (hit && hit.until > t) return hit.code;
  const code = await agencyCodeOf(ctx, unitId);
  if (kept.size >= 1000) kept.clear();
  if (code) kept.set(key, { code, until: t + AGENCY_CODE_TTL_MS });
  else kept.delete(key);
  return code;
}

export interface StoredBlob {
  key: string;
  sha256: string;
  size: number;
}
export async function putBlob(ctx: Ctx, bytes: Buffer, meta: { contentType: string }): Promise<StoredBlob> {
  const b = await blobStore(ctx).put(bytes, { mime: meta.contentType });
  return { key: b.sha256, sha256: b.sha256, size: b.size };
}
export async function getBlob(ctx: Ctx, key: string): Promise<Buffer | null> {
  return blobStore(ctx).get(key);
}
/** Checks an upload by its content (PDF, JPEG, PNG): the safe name and type, or a 400. */
export function checkUpload(bytes: Buffer, fileName: string, contentType: string, pdfOnly = false): { name: string; mime: string } {
  const c = platformCheckUpload(bytes, fileName, contentType, { allowed: pdfOnly ? ['pdf'] : ['pdf', 'jpeg', 'png'] });
  return { name: c.name, mime: c.mime };
}

export type PdfBlock =
  | { kind: 'header'; agency: string[]; number: string; placeDate: string }
  | { kind: 'title'; text: string }
  | { kind: 'text'; text: string; bold?: boolean; align?: 'left' | 'center' | 'right' | 'justify' }
  | { kind: 'signatures'; titles: string[]; note: string };

const SIGN_SPACE = 40;
/** Renders a slip on A5 with the platform's PDF helpers (DejaVu fonts, national header). */
export async function renderPdfBlocks(blocks: PdfBlock[], meta: { title: string; createdAt: Date }): Promise<Buffer> {
  return renderPdf(
    (doc) => {
      doc.fontSize(9);
      blocks.forEach((b, i) => {
        if (b.kind === 'header') nationalHeader(doc, { agency: b.agency, number: b.number, placeDate: b.placeDate });
        else if (b.kind === 'title') title(doc, b.text);
        else if (b.kind === 'text') {
          // Keep the signatures with the last paragraph: never a signature block alone on a new page (issue 13).
          const next = blocks[i + 1];
          if (next?.kind === 'signatures') {
            const w = doc.page.width - doc.page.margins.left - doc.page.margins.right;
            const need = doc.heightOfString(b.text, { width: w }) + SIGN_SPACE + 50;
            if (doc.y + need > doc.page.height - doc.page.margins.bottom) doc.addPage();
          }
          doc.fontSize(9);
          paragraph(doc, b.text, { bold: b.bold, align: b.align ?? 'left' });
        } else
          signatureBlocks(
            doc,
            b.titles.map((t) => ({ title: t, note: b.note })),
            { space: SIGN_SPACE },
          );
      });
    },
    { size: 'A5', info: { Title: meta.title }, createdAt: meta.createdAt },
  );
}

/** The approving leader's account (name on the signature). */
export async function officerAccount(ctx: Ctx, id: string): Promise<{ id: string; name: string } | null> {
  const o = await getOfficer(ctx, id);
  return o && !o.disabled ? { id: o.id, name: o.name } : null;
}
/** The signer's title printed in the signature: the role's name. */
export function leaderTitle(): string {
  return t('vi', 'identity.role.leader');
}
/** Signs a result PDF through the signing module (remote signing; the leader confirms). */
export async function signResultPdf(
  ctx: Ctx,
  input: { pdf: Buffer; dossierId: string; officer: OfficerSigner; reason?: string; kind?: 'result' | 'document' },
): Promise<{ pdf: Buffer; signatureId: string }> {
  return signResult(ctx, input);
}
/** A result PDF must be signable (not encrypted, not damaged): refused at upload, not at signing. */
export async function checkSignableResult(pdf: Buffer): Promise<void> {
  await assertSignablePdf(pdf);
}
/** The title printed on the signature of a digitized paper result: the desk that scanned it. */
export function digitizerTitle(): string {
  return t('vi', 'identity.role.reception');
}

/**
 * A signing job stopped: the officers of the deciding unit (leaders and specialists), the desk
 * of the receiving unit and every administrator get an inbox notification (once per stop).
 */
export async function alertSigningStopped(
  ctx: Ctx,
  input: { sourceId: string; dossierId: string; code: string; procedure: string; unitIds: string[]; reason: string },
): Promise<void> {
  const unitOfficers = await listOfficersAt(ctx, input.unitIds, ['leader', 'specialist', 'reception']);
  const admins = (await listOfficers(ctx)).filter((o) => !o.disabled && o.roles.some((r) => r.role === 'admin'));
  const seen = new Set<string>();
  for (const o of [...unitOfficers, ...admins]) {
    if (seen.has(o.id)) continue;
    seen.add(o.id);
    await notify(ctx, {
      sourceId: `${input.sourceId}:${o.id}`,
      kind: 'signing_stopped',
      dossierId: input.dossierId,
      recipient: { personId: o.id, name: o.name, email: o.email, phone: null, lang: 'vi', wants: { inbox: true, email: true, sms: false, zalo: false } },
      params: {
        code: input.code,
        procedure: input.procedure,
        reason: input.reason,
        link: `${ctx.config.publicUrl}/can-bo/ho-so/${encodeURIComponent(input.dossierId)}`,
      },
    });
  }
}

/**
 * A dossier moved to the successor of a unit that ended in a merger (service/reroute.ts): the
 * officers of its new units (desk, specialists, leaders) get an inbox notification, once per move
 * (the source id names the dossier's version after the move).
 */
export async function tellDossierTransferred(
  ctx: Ctx,
  input: { sourceId: string; dossierId: string; code: string; procedure: string; unitIds: string[]; unit: string; reason: string },
): Promise<number> {
  let told = 0;
  for (const o of await listOfficersAt(ctx, input.unitIds, ['leader', 'specialist', 'reception'])) {
    const sent = await notify(ctx, {
      sourceId: `${input.sourceId}:${o.id}`,
      kind: 'dossier_transferred',
      dossierId: input.dossierId,
      recipient: { personId: o.id, name: o.name, email: o.email, phone: null, lang: 'vi', wants: { inbox: true, email: false, sms: false, zalo: false } },
      params: {
        code: input.code,
        procedure: input.procedure,
        unit: input.unit,
        reason: input.reason,
        link: `${ctx.config.publicUrl}/can-bo/ho-so/${encodeURIComponent(input.dossierId)}`,
      },
    });
    if (sent) told++;
  }
  return told;
}

/** The register of a unit for a period (A4 landscape, one row per dossier). */
export async function renderRegisterPdf(input: {
  agency: string;
  placeDate: string;
  form: string;
  title: string;
  period: string;
  headers: string[];
  rows: string[][];
  createdAt: Date;
}): Promise<Buffer> {
  return renderPdf(
    (doc) => {
      nationalHeader(doc, { agency: [input.agency.toUpperCase()], placeDate: input.placeDate });
      paragraph(doc, input.form, { align: 'right' });
      title(doc, input.title, input.period);
      table(
        doc,
        input.headers.map((h, i) => ({ header: h, width: [0.4, 2.3, 1.3, 2, 1.1, 1.1, 1.1, 0.9][i] ?? 1 })),
        input.rows,
        { fontSize: 8 },
      );
    },
    { size: 'A4', landscape: true, info: { Title: input.title }, createdAt: input.createdAt },
  );
}

/** The units of `ids` that exist on `day` (a desk of a unit merged away on 1/7/2025 receives nothing new). */
export async function unitsExistingOn(ctx: Ctx, ids: readonly string[], day: string): Promise<string[]> {
  const out: string[] = [];
  for (const id of ids) if (await getUnit(ctx, id, day)) out.push(id);
  return out;
}
