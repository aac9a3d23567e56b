/**
 * Notifications: tells applicants what they should know, on email, SMS, Zalo and the portal
 * inbox, following their preferences, from templates kept as data (vi + en).
 *
 * Topics this module listens to (its jobs, handlers.ts, declared by its manifest index.ts):
 *  - 'dossier.event' (subscriber 'notifications'): submitted online, received, supplement
 *    needed, fee requested, result ready, late with a new date (apology), refused.
 *  - 'notify.payment_paid'      {dossierId, amount (VND), receiptUrl?, paymentId?}  (payments)
 *  - 'notify.feedback_answered' {personId? | personalId?, title, link?, feedbackId}  (feedback)
 *  - 'notify.message'           {kind, personId? | personalId? | dossierId?, params?}   (anything else)
 * Other modules enqueue these in their own transaction (enqueue(trx, {topic, key, payload})).
 *
 * Each (message x channel) is its own outbox message ('deliver.email' | 'deliver.sms' |
 * 'deliver.zalo', key = the recipient, id = `<notification id>:<channel>`), so a failing
 * channel retries alone. The inbox row is written with the notification itself.
 *
 * Once-only sending: a delivery records a `notification_deliveries` row keyed by the outbox id
 * ('sending' before the call, 'sent' after) and is skipped once 'sent'. SMS and Zalo send the
 * outbox id as the gateway's idempotency key, so a worker killed between the gateway's answer
 * and our 'sent' mark (or mid-call) leads to a repeat that the gateway absorbs: sent once.
 * Email has no such key in SMTP: the message carries a Message-ID derived from the outbox id;
 * a worker that dies after the SMTP server accepted the message and before 'sent' is recorded
 * resends it with the same Message-ID (mail clients and most providers collapse it). That
 * window - between the server's 250 answer and one UPDATE - is the remaining duplicate risk.
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../platform/auth';
import type { Ctx } from '../../platform/context';
import { enqueue } from '../../platform/outbox';
import { badRequest, notFound } from '../../platform/errors';
import { getPerson, getPersonByPersonalId, updateNotificationPrefs } from '../identity/service';
import { appendAudit } from '../../platform/audit';
import { CHANNELS, KINDS, channelsFor, render, smsText, type Channel, type Kind, type Lang, type Recipient } from './model';
import { defaultTemplate, type TemplateText } from './templates';

export const DELIVERY_TOPICS = { email: 'deliver.email', sms: 'deliver.sms', zalo: 'deliver.zalo' } as const;

export interface Prefs {
  email: boolean;
  sms: boolean;
  zalo: boolean;
  inbox: boolean;
  lang: Lang;
}

export async function getPrefs(ctx: Ctx, personId: string): Promise<Prefs | null> {
  const p = await getPerson(ctx, personId);
  if (!p) return null;
  const row = await ctx.db.selectFrom('notification_prefs').selectAll().where('person_id', '=', personId).executeTakeFirst();
  return { email: p.notifyEmail, sms: p.notifySms, zalo: row?.zalo ?? true, inbox: row?.inbox ?? true, lang: (row?.lang as Lang) ?? 'vi' };
}

/** Email and SMS choices live on the person (identity); Zalo, inbox and language here. */
export async function savePrefs(ctx: Ctx, actor: Actor, prefs: Prefs): Promise<void> {
  await updateNotificationPrefs(ctx, actor, { email: prefs.email, sms: prefs.sms });
  await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    await trx
      .insertInto('notification_prefs')
      .values({ person_id: actor.id, zalo: prefs.zalo, inbox: prefs.inbox, lang: prefs.lang, updated_at: now })
      .onConflict((oc) => oc.column('person_id').doUpdateSet({ zalo: prefs.zalo, inbox: prefs.inbox, lang: prefs.lang, updated_at: now }))
      .execute();
    await appendAudit(trx, {
      actorKind: 'citizen',
      actorId: actor.id,
      action: 'notifications.preferences',
      entity: 'person',
      entityId: actor.id,
      details: { zalo: prefs.zalo, inbox: prefs.inbox, lang: prefs.lang },
    });
  });
}

export async function recipientForPerson(ctx: Ctx, personId: string): Promise<Recipient | null> {
  const p = await getPerson(ctx, personId);
  const prefs = p && (await getPrefs(ctx, personId));
  if (!p || !prefs) return null;
  return {
    personId: p.id,
    name: p.name,
    email: p.email,
    phone: p.phone,
    lang: prefs.lang,
    wants: { email: prefs.email, sms: prefs.sms, zalo: prefs.zalo, inbox: prefs.inbox },
  };
}

export async function recipientForPersonalId(ctx: Ctx, personalId: string): Promise<Recipient | null> {
  const p = await getPersonByPersonalId(ctx, personalId);
  return p ? recipientForPerson(ctx, p.id) : null;
}

// ---- templates ----

export async function templateFor(ctx: Ctx, kind: Kind, channel: Channel, lang: Lang): Promise<TemplateText> {
  const row = await ctx.db
    .selectFrom('notification_templates')
    .select(['subject', 'body'])
    .where('key', '=', kind)
    .where('channel', '=', channel)
    .where('lang', '=', lang)
    .executeTakeFirst();
  return row ?? defaultTemplate(kind, channel, lang);
}

export async function listTemplates(ctx: Ctx) {
  const rows = await ctx.db.selectFrom('notification_templates').selectAll().execute();
  const out = [];
  for (const key of KINDS)
    for (const channel of CHANNELS)
      for (const lang of ['vi', 'en'] as const) {
        const r = rows.find((x) => x.key === key && x.channel === channel && x.lang === lang);
        out.push({
          key,
          channel,
          lang,
          ...(r ? { subject: r.subject, body: r.body, custom: true } : { ...defaultTemplate(key, channel, lang), custom: false }),
        });
      }
  return out;
}

export async function saveTemplate(ctx: Ctx, actor: Actor, t: { key: string; channel: string; lang: string; subject: string; body: string }): Promise<void> {
  if (!(KINDS as readonly string[]).includes(t.key)) throw notFound('notifications.template.unknown');
  if (!(CHANNELS as readonly string[]).includes(t.channel) || (t.lang !== 'vi' && t.lang !== 'en')) throw notFound('notifications.template.unknown');
  if (!t.body.trim()) throw badRequest('notifications.template.body_required');
  await ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    await trx
      .insertInto('notification_templates')
      .values({ key: t.key, channel: t.channel, lang: t.lang, subject: t.subject, body: t.body, updated_at: now, updated_by: actor.id })
      .onConflict((oc) => oc.columns(['key', 'channel', 'lang']).doUpdateSet({ subject: t.subject, body: t.body, updated_at: now, updated_by: actor.id }))
      .execute();
    await appendAudit(trx, {
      actorKind: actor.kind,
      actorId: actor.id,
      action: 'notifications.template.saved',
      entity: 'notification_template',
      entityId: `${t.key}/${t.channel}/${t.lang}`,
      details: { subject: t.subject },
    });
  });
}

// ---- sending ----

export interface NotifyInput {
  /** Idempotency: the same source (e.g. the outbox message that triggered it) notifies once. */
  sourceId: string;
  kind: Kind;
  recipient: Recipient;
  params: Record<string, string>;
  dossierId?: string | null;
}

/** Stores the notification (and its inbox entry) and enqueues one delivery per channel, in one transaction. */
export async function notify(ctx: Ctx, input: NotifyInput): Promise<{ id: string; channels: Channel[] } | null> {
  const r = input.recipient;
  const channels = channelsFor(r);
  const params = { name: r.name, ...input.params };
  const inbox = await templateFor(ctx, input.kind, 'inbox', r.lang);
  const rendered: Partial<Record<Channel, TemplateText>> = {};
  for (const c of channels) {
    const tpl = await templateFor(ctx, input.kind, c, r.lang);
    rendered[c] = { subject: render(tpl.subject, params), body: c === 'sms' ? smsText(render(tpl.body, params)) : render(tpl.body, params) };
  }
  return ctx.db.transaction().execute(async (trx) => {
    const id = randomUUID();
    const inserted = await trx
      .insertInto('notifications')
      .values({
        id,
        source_id: input.sourceId,
        person_id: r.personId,
        dossier_id: input.dossierId ?? null,
        kind: input.kind,
        lang: r.lang,
        title: render(inbox.subject, params),
        body: render(inbox.body, params),
        channels: JSON.stringify(channels),
        in_inbox: channels.includes('inbox'),
        created_at: ctx.clock.now(),
      })
      .onConflict((oc) => oc.column('source_id').doNothing())
      .returning('id')
      .execute();
    if (inserted.length === 0) return null;
    for (const c of channels) {
      if (c === 'inbox') continue;
      const text = rendered[c]!;
      const to = c === 'email' ? r.email! : r.phone!;
      const tpl = c === 'zalo' ? text.subject : `${input.kind}`;
      await enqueue(trx, {
        id: `${id}:${c}`,
        topic: DELIVERY_TOPICS[c],
        key: to,
        payload: { notificationId: id, channel: c, to, subject: text.subject, body: text.body, templateId: tpl, params },
      });
    }
    return { id, channels };
  });
}

// ---- inbox ----

export async function listInbox(ctx: Ctx, personId: string, page: { limit: number; offset: number; unreadOnly?: boolean }) {
  let q = ctx.db
    .selectFrom('notifications')
    .select(['id', 'kind', 'title', 'body', 'dossier_id', 'created_at', 'read_at'])
    .where('person_id', '=', personId)
    .where('in_inbox', '=', true);
  if (page.unreadOnly) q = q.where('read_at', 'is', null);
  const rows = await q.orderBy('created_at', 'desc').orderBy('id').limit(page.limit).offset(page.offset).execute();
  const unread = await ctx.db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('person_id', '=', personId)
    .where('in_inbox', '=', true)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    unread: Number(unread.n),
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      body: r.body,
      dossierId: r.dossier_id,
      createdAt: r.created_at.toISOString(),
      readAt: r.read_at ? r.read_at.toISOString() : null,
    })),
  };
}

export async function markRead(ctx: Ctx, personId: string, id: string): Promise<void> {
  const r = await ctx.db
    .updateTable('notifications')
    .set({ read_at: ctx.clock.now() })
    .where('id', '=', id)
    .where('person_id', '=', personId)
    .where('in_inbox', '=', true)
    .returning('id')
    .execute();
  if (r.length === 0) {
    const exists = await ctx.db.selectFrom('notifications').select('id').where('id', '=', id).where('person_id', '=', personId).executeTakeFirst();
    if (!exists) throw notFound('notifications.not_found');
  }
}

/** What went out for a dossier (officers' and tests' view). */
export async function deliveriesOf(ctx: Ctx, dossierId: string) {
  return ctx.db
    .selectFrom('notifications as n')
    .leftJoin('notification_deliveries as d', 'd.notification_id', 'n.id')
    .select(['n.id', 'n.kind', 'n.channels', 'd.channel', 'd.status', 'd.recipient', 'd.attempts', 'd.sent_at'])
    .where('n.dossier_id', '=', dossierId)
    .orderBy('n.created_at')
    .execute();
}

/**
 * An SMS to a phone that need not belong to an account yet (a one-time code, e.g. the citizen's
 * consent to an assisted submission): one 'deliver.sms' message through the same gateway path,
 * no inbox entry. Enqueued in the caller's transaction.
 */
export async function enqueueDirectSms(
  trx: Parameters<typeof enqueue>[0],
  m: { id: string; to: string; body: string; templateId: string; params?: Record<string, string> },
): Promise<void> {
  await enqueue(trx, {
    id: `${m.id}:sms`,
    topic: DELIVERY_TOPICS.sms,
    key: m.to,
    payload: { notificationId: m.id, channel: 'sms', to: m.to, subject: '', body: smsText(m.body), templateId: m.templateId, params: m.params ?? {} },
  });
}
