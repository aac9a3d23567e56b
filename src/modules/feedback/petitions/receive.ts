/** A petition received: checked, routed to the responsible unit, its deadline set (settings, working days). */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Ctx } from '../../../platform/context';
import type { Actor } from '../../../platform/auth';
import { appendAudit } from '../../../platform/audit';
import { enqueue } from '../../../platform/outbox';
import { blobStore, checkUpload } from '../../../platform/blobs';
import { badRequest } from '../../../platform/errors';
import { fold } from '../../../platform/text';
import { getWorkCalendar } from '../../../platform/calendar/service';
import { getUnit, listAgencies } from '../../units/service';
import { getProcedureSnapshot } from '../../catalogue/service';
import { getDossier } from '../../dossiers/service';
import { categoryOf, wd } from '../model';
import { getSettings } from '../settings';
import { addEvent, newCode, type SubmitPetitionInput, type UploadIn } from './common';

/** The responsible unit: the one chosen, else the dossier's deciding unit, else the procedure's, else the provincial office. */
async function routeTo(ctx: Ctx, input: SubmitPetitionInput): Promise<string> {
  if (input.unitId) {
    if (!(await getUnit(ctx, input.unitId))) throw badRequest('feedback.error.unknown_unit', { id: input.unitId });
    return input.unitId;
  }
  const ref = input.subjectRef?.trim();
  if (ref && input.subjectKind === 'dossier') {
    const d = await getDossier(ctx, ref);
    if (d) return d.deciding_unit_id;
  }
  if (ref && input.subjectKind === 'procedure') {
    const p = await getProcedureSnapshot(ctx, ref, ctx.clock.now());
    if (p?.agencies[0]) return p.agencies[0].decidingUnitId;
  }
  const offices = await listAgencies(ctx, { kind: 'office', level: 'province' });
  const any = offices[0] ?? (await listAgencies(ctx, { level: 'province' }))[0];
  if (!any) throw badRequest('feedback.error.unknown_unit', { id: '-' });
  return any.id;
}

export async function submitPetition(
  ctx: Ctx,
  actor: Actor | null,
  input: SubmitPetitionInput,
  uploads: UploadIn[] = [],
  ip?: string,
): Promise<{ id: string; code: string; pin: string; dueAt: string }> {
  if (!input.contactPhone?.trim() && !input.contactEmail?.trim())
    throw badRequest('feedback.error.contact_required', undefined, [{ field: 'contactPhone', message: '' }]);
  const now = ctx.clock.now();
  const checked = uploads
    .filter((u) => u.bytes.length > 0)
    .map((u) => ({ u, c: checkUpload(u.bytes, u.name, u.type, { maxBytes: ctx.config.UPLOAD_MAX_BYTES, allowed: ['pdf', 'png', 'jpeg', 'docx'] }) }));
  const unitId = await routeTo(ctx, input);
  let parentId: string | null = null;
  if (input.parentCode?.trim()) {
    const p = await ctx.db.selectFrom('petitions').select(['id']).where('code', '=', input.parentCode.trim().toUpperCase()).executeTakeFirst();
    if (!p) throw badRequest('feedback.error.not_found');
    parentId = p.id;
  }
  const s = await getSettings(ctx);
  const cal = await getWorkCalendar(ctx);
  const id = randomUUID();
  const code = newCode(now);
  const pin = randomBytes(4).toString('hex');
  const dueAt = cal.dueAt(now, wd(s.answerDays));
  const stored: { c: (typeof checked)[number]['c']; blob: { sha256: string } }[] = [];
  for (const { u, c } of checked) stored.push({ c, blob: await blobStore(ctx).put(u.bytes, { mime: c.mime }) });
  const citizen = actor?.kind === 'citizen' ? actor : null;
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('petitions')
      .values({
        id,
        code,
        pin,
        subject_kind: input.subjectKind,
        subject_ref: input.subjectRef?.trim() || null,
        category: categoryOf(input.subjectKind),
        unit_id: unitId,
        parent_id: parentId,
        title: input.title.trim(),
        content: input.content.trim(),
        submitter_kind: citizen ? 'citizen' : 'anonymous',
        submitter_id: citizen?.id ?? null,
        contact_name: input.contactName.trim(),
        contact_phone: input.contactPhone?.trim() || null,
        contact_email: input.contactEmail?.trim() || null,
        contact_address: input.contactAddress?.trim() || null,
        consent_publish: !!input.consentPublish,
        state: 'received',
        received_at: now,
        due_at: dueAt,
        folded: fold(`${input.title} ${input.content}`),
      })
      .execute();
    for (const { c, blob } of stored) {
      await trx
        .insertInto('petition_files')
        .values({ id: randomUUID(), petition_id: id, sha256: blob.sha256, file_name: c.name, mime: c.mime, size: c.size, uploaded_at: now })
        .execute();
    }
    if (parentId) await trx.updateTable('petitions').set({ reraised: true }).where('id', '=', parentId).execute();
    await addEvent(trx, id, now, { kind: citizen ? 'citizen' : 'anonymous', id: citizen?.id ?? null }, 'submit');
    await enqueue(trx, { topic: 'notify.petition_received', key: id, payload: { petitionId: id, code, unitId } });
    // A petition about a dossier costs 5.4 points: the indicators' facts listen (ref = the dossier's id or code).
    const ref = input.subjectRef?.trim();
    if (input.subjectKind === 'dossier' && ref)
      await enqueue(trx, { topic: 'feedback.dossier_petitioned', key: ref, payload: { dossierRef: ref, petitionId: id } });
    await appendAudit(trx, {
      actorKind: citizen ? 'citizen' : 'anonymous',
      actorId: citizen?.id ?? null,
      action: 'petition.submit',
      entity: 'petition',
      entityId: id,
      ip,
      details: { code, unitId, files: stored.length },
      at: now,
    });
  });
  return { id, code, pin, dueAt: dueAt.toISOString() };
}
