/** JSON API of the offline intake (issue 17 item 6), listed in the OpenAPI document. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireActor } from '../../platform/auth';
import { api } from '../../platform/http/api';
import { validate } from '../../platform/http/validate';
import { t } from '../../platform/i18n';
import { readPayloadAndFiles } from './multipart';
import { DEVICE_ID_RE, OFFLINE_KEY_RE, PROVISIONAL_RE } from './model';
import { offlineCatalogue, syncOfflineIntake } from './service';

const TAG = ['Hồ sơ / Dossiers'];

export const offlineIntakeBody = z
  .object({
    key: z
      .string()
      .regex(OFFLINE_KEY_RE)
      .describe('Idempotency key made by the device when the dossier was queued (crypto.randomUUID()); a replay answers the same dossier'),
    provisionalCode: z.string().regex(PROVISIONAL_RE).describe('The provisional receipt number given to the citizen offline: TAM-<device>-<n>'),
    deviceId: z.string().regex(DEVICE_ID_RE),
    capturedAt: z.iso.datetime({ offset: true }).describe('When the officer queued it (device clock)'),
    procedureCode: z.string().min(1).max(20),
    procedureVersionId: z.string().min(1).max(100).describe('The procedure version the device had cached; another version in force now is a 409 conflict'),
    receivingUnitId: z.string().max(100).optional(),
    applicant: z.object({
      kind: z.enum(['citizen', 'organisation']).optional(),
      idNumber: z.string().min(1).max(20),
      name: z.string().min(1).max(200),
      phone: z.string().max(20).nullish(),
      email: z.string().email().max(200).nullish(),
      address: z.string().max(500).nullish(),
    }),
    receiveNow: z.boolean().default(true),
    allowDuplicate: z.boolean().optional().describe('The officer saw the "offline duplicate" conflict and confirms a distinct matter'),
  })
  .strict();

const result = z.object({
  key: z.string(),
  provisionalCode: z.string(),
  dossierId: z.string(),
  dossierCode: z.string(),
  state: z.string(),
  received: z.boolean(),
  replayed: z.boolean(),
  receiveError: z.string().nullable(),
  receiveMessage: z.string().nullable(),
});

const catalogueAnswer = z.object({
  generatedAt: z.string(),
  day: z.string(),
  units: z.array(z.object({ id: z.string(), name: z.string() })),
  procedures: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      nameEn: z.string(),
      versionId: z.string(),
      receivingUnitIds: z.array(z.string()),
      components: z.array(z.object({ key: z.string(), name: z.string(), optional: z.boolean() })),
    }),
  ),
});

export function offlineIntakeRoutes(app: FastifyInstance) {
  const ctx = app.ctx;

  api(app, {
    method: 'GET',
    url: '/api/v1/offline-intake/catalogue',
    summary:
      'Offline intake: the procedures the reception officer’s desks receive on paper today, each with its version and components (cached by the offline reception page)',
    tags: TAG,
    response: catalogueAnswer,
    handler: async ({ req, reply }) => {
      const out = await offlineCatalogue(ctx, requireActor(req));
      reply.header('cache-control', 'private, no-cache');
      return out;
    },
  });

  api(app, {
    method: 'POST',
    url: '/api/v1/offline-intake',
    summary:
      'Offline intake sync: a dossier received at the desk while offline becomes a real dossier, exactly once per key (a replay answers the same code with replayed=true). Multipart: a "payload" JSON field and files named "file:<componentKey>", or JSON without files. 409 answers a conflict the officer resolves: offline.duplicate (open dossier of the same applicant and procedure; resend with allowDuplicate), offline.procedure_changed or offline.procedure_gone. The citizen gets one SMS with the real code.',
    tags: TAG,
    body: offlineIntakeBody,
    response: result,
    multipart: true,
    status: 201,
    handler: async ({ req, reply }) => {
      const actor = requireActor(req);
      const { raw, files } = await readPayloadAndFiles(req);
      const body = validate(offlineIntakeBody, raw, req.lang);
      const r = await syncOfflineIntake(ctx, actor, { ...body, capturedAt: new Date(body.capturedAt), files, lang: req.lang, ip: req.ip });
      return reply.code(r.replayed ? 200 : 201).send({ ...r, receiveMessage: r.receiveError ? t(req.lang, r.receiveError) : null });
    },
  });
}
