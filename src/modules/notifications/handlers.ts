/** Outbox handlers of the notifications module: see the topics in service.ts. */
import type { Ctx } from '../../platform/context';
import type { Jobs } from '../../platform/module';
import { dossiersPort, type DossierForNotice } from './ports';

import { kindOfEvent, vnDateTime, zaloPhone, type Channel, type DossierEventPayload, type Kind, KINDS, type Recipient } from './model';
import { DELIVERY_TOPICS, notify, recipientForPerson, recipientForPersonalId } from './service';
import { sendEmail, sendSms, sendZalo, type OutgoingMessage } from './channels';

type Dossier = DossierForNotice;

async function recipientOfDossier(ctx: Ctx, d: Dossier): Promise<Recipient> {
  const byId = await recipientForPersonalId(ctx, d.applicant_id_number);
  if (byId) return byId;
  if (d.submitter_id.startsWith('citizen:')) {
    const bySubmitter = await recipientForPerson(ctx, d.submitter_id.slice('citizen:'.length));
    if (bySubmitter) return bySubmitter;
  }
  // No account: the contact details given on the application, email and SMS only.
  return {
    personId: null,
    name: d.applicant_name,
    email: d.applicant_email,
    phone: d.applicant_phone,
    lang: 'vi',
    wants: { email: true, sms: true, zalo: false, inbox: false },
  };
}

/**
 * Where a dossier message points: the applicant's own page when the recipient has an account
 * (they log in with VNeID and see everything), else the public lookup with the code filled in
 * (code + last 4 digits of the ID number or phone, or the receipt PIN).
 */
export function dossierLink(publicUrl: string, d: Pick<Dossier, 'id' | 'code'>, r: Pick<Recipient, 'personId'> | null): string {
  return r?.personId ? `${publicUrl}/ho-so-cua-toi/${encodeURIComponent(d.id)}` : `${publicUrl}/tra-cuu?ma=${encodeURIComponent(d.code)}`;
}

function dossierParams(ctx: Ctx, d: Dossier, r: Recipient | null): Record<string, string> {
  return {
    code: d.code,
    procedure: d.procedure_name,
    appointment: vnDateTime(d.appointment_at ?? d.due_at),
    link: dossierLink(ctx.config.publicUrl, d, r),
  };
}

const vnd = (n: unknown) => `${Number(n ?? 0).toLocaleString('vi-VN')} đồng`;

async function onDossierEvent(ctx: Ctx, msg: { id: string; payload: DossierEventPayload }) {
  const kind = kindOfEvent(msg.payload);
  if (!kind) return;
  const d = await dossiersPort().getDossier(ctx, msg.payload.dossierId);
  if (!d) return;
  const e = msg.payload;
  const recipient = await recipientOfDossier(ctx, d);
  const params: Record<string, string> = {
    ...dossierParams(ctx, d, recipient),
    reason: e.comment ?? '',
    missing: (e.missing ?? []).join('; '),
    newDate: vnDateTime(e.newAppointmentAt ?? null),
  };
  // Asked to pay: an account holder goes straight to the payment page of the dossier.
  if (kind === 'fee_requested' && recipient.personId) params.link = `${ctx.config.publicUrl}/thanh-toan/${encodeURIComponent(d.id)}`;
  await notify(ctx, { sourceId: msg.id, kind, recipient, params, dossierId: d.id });
}

async function recipientFromPayload(ctx: Ctx, p: any): Promise<{ r: Recipient | null; d: Dossier | null }> {
  const d = p.dossierId ? await dossiersPort().getDossier(ctx, String(p.dossierId)) : null;
  if (p.personId) return { r: await recipientForPerson(ctx, String(p.personId)), d };
  if (p.personalId) return { r: await recipientForPersonalId(ctx, String(p.personalId)), d };
  return { r: d ? await recipientOfDossier(ctx, d) : null, d };
}

/** The e-receipt: the URL the payload gives, else the payment's receipt for an account holder (it needs a login). */
function receiptLink(ctx: Ctx, p: any, r: Recipient): { link?: string } {
  if (p.receiptUrl) return { link: String(p.receiptUrl) };
  if (p.paymentId && r.personId) return { link: `${ctx.config.publicUrl}/api/v1/payments/${encodeURIComponent(String(p.paymentId))}/receipt.pdf` };
  return {};
}

async function onPaymentPaid(ctx: Ctx, msg: { id: string; payload: any }) {
  const { r, d } = await recipientFromPayload(ctx, msg.payload);
  if (!r || !d) return;
  await notify(ctx, {
    sourceId: msg.id,
    kind: 'paid',
    recipient: r,
    dossierId: d.id,
    params: { ...dossierParams(ctx, d, r), amount: vnd(msg.payload.amount), ...receiptLink(ctx, msg.payload, r) },
  });
}

async function onFeedbackAnswered(ctx: Ctx, msg: { id: string; payload: any }) {
  const { r } = await recipientFromPayload(ctx, msg.payload);
  if (!r) return;
  await notify(ctx, {
    sourceId: msg.id,
    kind: 'feedback_answered',
    recipient: r,
    params: { reason: String(msg.payload.title ?? ''), link: String(msg.payload.link ?? `${ctx.config.publicUrl}/phan-anh`) },
  });
}

async function onMessage(ctx: Ctx, msg: { id: string; payload: any }) {
  const kind = msg.payload.kind as Kind;
  if (!KINDS.includes(kind)) throw new Error(`notify.message: unknown kind ${String(kind)}`);
  const { r, d } = await recipientFromPayload(ctx, msg.payload);
  if (!r) return;
  await notify(ctx, {
    sourceId: msg.id,
    kind,
    recipient: r,
    dossierId: d?.id ?? null,
    params: { ...(d ? dossierParams(ctx, d, r) : {}), ...(msg.payload.params ?? {}) },
  });
}

const SENDERS = { email: sendEmail, sms: sendSms, zalo: sendZalo } as const;

/** Sends one (message x channel), once: see the once-only notes in service.ts. */
export async function deliver(ctx: Ctx, channel: Exclude<Channel, 'inbox'>, msg: { id: string; payload: any }): Promise<void> {
  const now = ctx.clock.now();
  const p = msg.payload;
  const existing = await ctx.db.selectFrom('notification_deliveries').select(['status']).where('outbox_id', '=', msg.id).executeTakeFirst();
  if (existing?.status === 'sent') return;
  if (existing)
    await ctx.db
      .updateTable('notification_deliveries')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), started_at: now }))
      .where('outbox_id', '=', msg.id)
      .execute();
  else
    await ctx.db
      .insertInto('notification_deliveries')
      .values({ outbox_id: msg.id, notification_id: p.notificationId, channel, recipient: p.to, status: 'sending', started_at: now })
      .onConflict((oc) => oc.column('outbox_id').doNothing())
      .execute();
  const out: OutgoingMessage = {
    key: msg.id,
    to: channel === 'zalo' ? zaloPhone(p.to) : p.to,
    subject: p.subject,
    body: p.body,
    templateId: p.templateId,
    params: p.params ?? {},
  };
  let providerId: string;
  try {
    providerId = await SENDERS[channel](ctx.config, out);
  } catch (e) {
    await ctx.db
      .updateTable('notification_deliveries')
      .set({ error: String((e as Error).message ?? e).slice(0, 1000) })
      .where('outbox_id', '=', msg.id)
      .execute();
    throw e;
  }
  await ctx.db
    .updateTable('notification_deliveries')
    .set({ status: 'sent', sent_at: ctx.clock.now(), provider_id: providerId, error: null })
    .where('outbox_id', '=', msg.id)
    .execute();
}

/** The delivery handlers only (a worker process that only sends: worker-process.ts). */
export function deliveryJobs(jobs: Jobs): void {
  for (const c of ['email', 'sms', 'zalo'] as const) jobs.handle(DELIVERY_TOPICS[c], (ctx, msg) => deliver(ctx, c, msg), { maxAttempts: 12 });
}

/** The module's jobs (declared by its manifest, index.ts). */
export function notificationJobs(jobs: Jobs): void {
  jobs.subscribe('dossier.event', 'notifications', onDossierEvent);
  jobs.handle('notify.payment_paid', onPaymentPaid);
  jobs.handle('notify.feedback_answered', onFeedbackAnswered);
  jobs.handle('notify.message', onMessage);
  deliveryJobs(jobs);
}
