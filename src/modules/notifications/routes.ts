import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { api } from '../../platform/http/api';
import { requireCitizen, requireOfficer } from '../../platform/auth';
import { requireProvinceRole } from '../identity/service';
import { CHANNELS, KINDS } from './model';
import { getPrefs, listInbox, listTemplates, markRead, savePrefs, saveTemplate } from './service';

const Page = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
  unread: z.enum(['true', 'false']).optional(),
});
const PrefsBody = z.object({ email: z.boolean(), sms: z.boolean(), zalo: z.boolean(), inbox: z.boolean(), lang: z.enum(['vi', 'en']) });
const TemplateBody = z.object({ subject: z.string().max(500).default(''), body: z.string().min(1).max(5000) });
const Ok = z.object({ ok: z.literal(true) });
const Inbox = z.object({
  unread: z.number().int().describe('unread notifications in the inbox (all of them, not only this page)'),
  items: z
    .array(
      z.object({
        id: z.string(),
        kind: z.enum(KINDS).describe('the dossier event it tells of'),
        title: z.string(),
        body: z.string(),
        dossierId: z.string().nullable(),
        createdAt: z.string().describe('ISO instant'),
        readAt: z.string().nullable().describe('ISO instant; null while unread'),
      }),
    )
    .describe('newest first'),
});
const Prefs = z.object({
  preferences: z
    .object({ email: z.boolean(), sms: z.boolean(), zalo: z.boolean(), inbox: z.boolean(), lang: z.enum(['vi', 'en']) })
    .nullable()
    .describe('null when the person is not known'),
});
const Templates = z.object({
  templates: z.array(
    z.object({
      key: z.enum(KINDS),
      channel: z.enum(CHANNELS),
      lang: z.enum(['vi', 'en']),
      subject: z.string().describe('email subject or inbox title; the ZNS template id for zalo; empty for sms'),
      body: z.string(),
      custom: z.boolean().describe('edited by an administrator (otherwise the built-in text)'),
    }),
  ),
});

export function notificationsRoutes(app: FastifyInstance) {
  api(app, {
    method: 'GET',
    url: '/api/v1/me/notifications',
    summary: "The citizen's portal inbox (newest first) and the unread count",
    tags: ['notifications'],
    query: Page,
    response: Inbox,
    handler: async ({ req, query }) =>
      listInbox(app.ctx, requireCitizen(req).id, { limit: query.limit, offset: query.offset, unreadOnly: query.unread === 'true' }),
  });
  api(app, {
    method: 'POST',
    url: '/api/v1/me/notifications/:id/read',
    summary: 'Marks an inbox notification read',
    tags: ['notifications'],
    params: z.object({ id: z.string().min(1).max(100) }),
    response: Ok,
    handler: async ({ req, params }) => {
      await markRead(app.ctx, requireCitizen(req).id, params.id);
      return { ok: true };
    },
  });
  api(app, {
    method: 'GET',
    url: '/api/v1/me/notification-preferences',
    summary: 'Channels and language the citizen receives notifications on',
    tags: ['notifications'],
    response: Prefs,
    handler: async ({ req }) => ({ preferences: await getPrefs(app.ctx, requireCitizen(req).id) }),
  });
  api(app, {
    method: 'PUT',
    url: '/api/v1/me/notification-preferences',
    summary: 'Sets the notification channels and language',
    tags: ['notifications'],
    body: PrefsBody,
    response: Prefs,
    handler: async ({ req, body }) => {
      const actor = requireCitizen(req);
      await savePrefs(app.ctx, actor, body);
      return { preferences: await getPrefs(app.ctx, actor.id) };
    },
  });
  api(app, {
    method: 'GET',
    url: '/api/v1/notifications/templates',
    summary: 'Notification templates (vi, en) for every event and channel (admin)',
    tags: ['notifications'],
    response: Templates,
    handler: async ({ req }) => {
      await requireProvinceRole(app.ctx, requireOfficer(req, ['admin']), ['admin']);
      return { templates: await listTemplates(app.ctx) };
    },
  });
  api(app, {
    method: 'PUT',
    url: '/api/v1/notifications/templates/:key/:channel/:lang',
    summary: 'Edits a notification template (admin)',
    tags: ['notifications'],
    params: z.object({ key: z.string(), channel: z.string(), lang: z.string() }),
    body: TemplateBody,
    response: Ok,
    handler: async ({ req, params, body }) => {
      const actor = requireOfficer(req, ['admin']);
      await requireProvinceRole(app.ctx, actor, ['admin']);
      await saveTemplate(app.ctx, actor, { ...params, subject: body.subject, body: body.body });
      return { ok: true };
    },
  });
}
