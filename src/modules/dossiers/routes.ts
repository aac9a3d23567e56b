/** JSON API of the dossier lifecycle under /api/v1 (listed in the OpenAPI document). */
import type { FastifyInstance } from 'fastify';
import { draftsUploadsRoutes } from './routes-uploads';
import { readMultipart, readPayloadAndFiles } from './multipart';
import { z } from 'zod';
import { requireActor, requireOfficer, ROLES } from '../../platform/auth';
import { badRequest, conflict } from '../../platform/errors';
import { api, errorBody } from '../../platform/http/api';
import { validate } from '../../platform/http/validate';
import { ACTIONS, CHANNELS, CSV_OUTCOMES, DEFECTS, RETURN_METHODS, type DossierAction } from './model';
import {
  addFile,
  eventView,
  getDossierFor,
  listDossierEvents,
  listMyDossiers,
  lookupPublic,
  performAction,
  QUEUES,
  readFile,
  retryResultSigning,
  slipPdf,
  registerPdf,
  SLIP_KINDS,
  submitDossier,
  startConsent,
  confirmConsent,
  getConsentFor,
  assistedConsentOf,
  workQueue,
  getDossier,
  viewOfInserted,
  listSupplementRequests,
  requestSupplementItems,
  decideSupplementRequest,
  answerSupplement,
  bulkAction,
  bulkSlips,
  importResultsCsv,
  BULK_ACTIONS,
  BULK_MAX,
  frontDoorOf,
  rerouteRetiredDossiers,
} from './service';
import { resultsCsvTemplate } from './model';
import * as deps from './deps';
import { offlineIntakeRoutes } from './offline-routes';
import {
  consentAnswer,
  dossierAnswer,
  dossierAndRequests,
  dossierEventSchema,
  dossierList,
  dossierOnly,
  dossierViewSchema,
  fileAnswer,
  publicStatusSchema,
  rerouteAnswer,
  submitAnswer,
  supplementRequestSchema,
} from './schemas';

const TAG = ['Hồ sơ / Dossiers'];

const applicant = z.object({
  kind: z.enum(['citizen', 'organisation']).optional(),
  idNumber: z.string().min(1).max(20),
  name: z.string().min(1).max(200),
  phone: z.string().max(20).nullish(),
  email: z.string().email().max(200).nullish(),
  address: z.string().max(500).nullish(),
});

const submitBody = z.object({
  procedureCode: z.string().min(1).max(20).describe('National procedure code, e.g. 1.001193'),
  channel: z.enum(CHANNELS).optional().describe('Defaults from the actor: citizen online, reception in_person, postal post, digital_team assisted'),
  receivingUnitId: z.string().max(100).optional(),
  decidingUnitId: z
    .string()
    .max(100)
    .optional()
    .describe(
      "The competent agency when the procedure has several; at a desk outside the procedure's area (boundary-free list, Decree 118/2025 Art. 14(2)) the commune or agency the dossier goes to",
    ),
  asOrganisation: z.boolean().optional(),
  applicant: applicant.optional(),
  data: z.record(z.string(), z.unknown()).optional().describe('E-form data, validated with the procedure version schema'),
  summary: z.string().max(1000).optional(),
  storedDocuments: z
    .record(z.string().max(100), z.object({ storedDocumentId: z.string().min(1).max(100) }))
    .optional()
    .describe('Components satisfied by a document of the applicant’s e-data store (GET /api/v1/me/documents) instead of an upload'),
  consentId: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('Channel assisted: the citizen’s confirmed consent (POST /api/v1/assisted-consents, then …/confirm); one consent serves one dossier'),
});

const consentBody = z.object({
  procedureCode: z.string().min(1).max(20).describe('The procedure the citizen consents to be submitted for them'),
  idNumber: z.string().max(20).describe('The citizen’s personal ID number (12 digits): the dossier will be theirs'),
  name: z.string().max(200),
  phone: z.string().max(20).describe('The citizen’s mobile number: the one-time code is sent there by SMS'),
});
const confirmBody = z.object({ code: z.string().max(12).describe('The 6-digit code the citizen received by SMS') });

const idParams = z.object({ id: z.string().min(1).max(100) });

/** The results import's report (service/bulk.ts CsvReport). */
const csvReport = z.object({
  applied: z.boolean().describe('false when the file was refused as a whole (nothing applied)'),
  batchId: z.string().nullable(),
  fileError: z.string().nullable().describe('a problem of the file itself (encoding, columns), before any row'),
  done: z.number(),
  rows: z.array(
    z.object({
      line: z.number(),
      code: z.string(),
      outcome: z.enum(CSV_OUTCOMES).nullable(),
      result: z.enum(['done', 'already_done', 'valid', 'invalid', 'refused']),
      messages: z.array(z.string()),
      state: z.string().nullable(),
    }),
  ),
});

const actionBody = z.object({
  version: z.number().int().min(1).describe('The dossier version the client saw (optimistic concurrency)'),
  comment: z.string().max(4000).nullish(),
  missing: z
    .array(z.string().min(1).max(500))
    .max(50)
    .optional()
    .describe('request_supplement: a plain list of what is missing (each an item with defect "missing"); prefer POST /supplement-requests with items'),
  assigneeId: z.string().max(100).optional(),
  consultUnitId: z.string().max(100).optional(),
  consultDays: z.number().int().min(1).max(30).optional(),
  newAppointmentAt: z.iso.datetime({ offset: true }).optional(),
  returnMethod: z.enum(RETURN_METHODS).optional(),
});

const supplementItem = z.object({
  componentKey: z.string().min(1).max(100).nullish().describe('A component of the procedure (its key); omit for a free item'),
  label: z.string().min(1).max(500).nullish().describe('A free item (what is not a component), or a component’s name'),
  defect: z.enum(DEFECTS).describe('missing | unreadable | expired | wrong_form | data_mismatch'),
  provide: z.string().max(1000).nullish().describe('What to provide (defaults to the component’s name)'),
});
const supplementBody = z.object({
  version: z.number().int().min(1),
  comment: z.string().min(1).max(4000).describe('The reason of the request (Mẫu 02)'),
  items: z.array(supplementItem).min(1).max(50),
});
const decisionBody = z.object({
  version: z.number().int().min(1),
  approve: z.boolean(),
  reason: z.string().min(1).max(4000).describe('The leader’s written reason'),
});
const answerPayload = z.object({
  version: z.number().int().min(1),
  answers: z.array(z.object({ itemId: z.string().min(1).max(100), note: z.string().max(2000).nullish() })).max(50),
});

const page = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) });

/** "Giấy khai sinh - <code>.pdf": the result's name (up to its first bracket or comma) and the dossier code. */
function resultFileName(d: { code: string; snapshot: unknown }): string {
  const snap = (typeof d.snapshot === 'string' ? JSON.parse(d.snapshot) : d.snapshot) as { result?: string } | null;
  const title =
    (snap?.result ?? 'Kết quả')
      .split(/[(,;]/)[0]!
      .replace(/[\\/:*?"<>|]/g, ' ')
      .trim() || 'Kết quả';
  return `${title} - ${d.code}.pdf`;
}

export function dossiersRoutes(app: FastifyInstance) {
  const ctx = app.ctx;
  offlineIntakeRoutes(app);
  draftsUploadsRoutes(app);

  api(app, {
    method: 'POST',
    url: '/api/v1/dossiers',
    summary:
      'Submit a dossier (online, in person, by post, assisted). JSON, or multipart with a "payload" JSON field and files named "file:<componentKey>". Send Idempotency-Key to retry safely.',
    tags: TAG,
    response: submitAnswer,
    body: submitBody,
    multipart: true,
    status: 201,
    handler: async ({ req, reply }) => {
      const actor = requireActor(req);
      const { raw, files } = await readPayloadAndFiles(req);
      const body = validate(submitBody, raw, req.lang);
      const key = req.headers['idempotency-key'];
      const idempotencyKey = typeof key === 'string' && key.length > 0 ? key.slice(0, 200) : undefined;
      const r = await submitDossier(ctx, actor, { ...body, files, idempotencyKey, lang: req.lang, ip: req.ip });
      // A new dossier is answered from the rows its transaction returned (no read after the commit); a replay is read.
      const view = await (r.files ? viewOfInserted(ctx, actor, r.dossier, r.files) : getDossierFor(ctx, actor, r.dossier.id)).catch(() => null);
      const dossier = view ?? { id: r.dossier.id, code: r.dossier.code, state: r.dossier.state, channel: r.dossier.channel, version: r.dossier.version };
      return reply.code(r.replayed ? 200 : 201).send({ dossier, lookupPin: r.lookupPin, replayed: r.replayed });
    },
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/dossiers/lookup',
    summary:
      'Public status lookup by dossier code plus a second factor: the last 4 digits of the applicant’s ID number or phone, or the 6-digit PIN on the receipt. Rate limited.',
    tags: TAG,
    response: publicStatusSchema,
    query: z.object({ code: z.string().min(5).max(60), secret: z.string().min(4).max(12) }),
    handler: async ({ req, query }) => lookupPublic(ctx, { code: query.code, secret: query.secret, client: req.ip }),
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/dossiers/:id',
    summary: 'A dossier with its full history (the applicant, or officers of the units involved)',
    tags: TAG,
    response: dossierAnswer,
    params: idParams,
    handler: async ({ req, params }) => {
      const actor = requireActor(req);
      const dossier = await getDossierFor(ctx, actor, params.id);
      const events = (await listDossierEvents(ctx, params.id)).map(eventView);
      const c = dossier.channel === 'assisted' ? await assistedConsentOf(ctx, params.id) : null;
      // Assisted submission: who helped and when the citizen consented (the code never leaves the server).
      const assisted = c ? { helper: c.helper, method: c.method, consentedAt: c.confirmedAt, consentText: c.consentText } : null;
      // A dossier that came through the National Public Service Portal: its code there and the portal's payment, for officers.
      const nationalPortal = actor.kind === 'officer' ? await frontDoorOf(ctx, params.id) : null;
      return { dossier, events, assisted, nationalPortal };
    },
  });

  const CONSENT_TAG = ['Hồ sơ / Dossiers', 'Hỗ trợ nộp / Assisted submission'];
  api(app, {
    method: 'POST',
    url: '/api/v1/assisted-consents',
    summary:
      'Assisted submission, step 1: a reception officer, postal worker or digital-team member asks the citizen’s consent; a 6-digit code is sent to the citizen’s phone by SMS (valid 5 minutes, 5 attempts, at most 3 codes per phone per hour).',
    tags: CONSENT_TAG,
    response: consentAnswer,
    body: consentBody,
    status: 201,
    handler: async ({ req, body, reply }) =>
      reply.code(201).send({ consent: await startConsent(ctx, requireActor(req), { ...body, lang: req.lang, ip: req.ip }) }),
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/assisted-consents/:id',
    summary: 'A consent request of the calling helper (state, masked phone, expiry, attempts left)',
    tags: CONSENT_TAG,
    response: consentAnswer,
    params: idParams,
    handler: async ({ req, params }) => ({ consent: await getConsentFor(ctx, requireActor(req), params.id) }),
  });

  api(app, {
    method: 'POST',
    url: '/api/v1/assisted-consents/:id/confirm',
    summary:
      'Assisted submission, step 2: the helper enters the code the citizen read back; the consent is then usable for one dossier (POST /api/v1/dossiers with channel assisted and consentId) within 30 minutes.',
    tags: CONSENT_TAG,
    response: consentAnswer,
    params: idParams,
    body: confirmBody,
    handler: async ({ req, params, body }) => ({
      consent: await confirmConsent(ctx, requireActor(req), params.id, { code: body.code, ip: req.ip, lang: req.lang }),
    }),
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/dossiers/:id/events',
    summary: 'The history of a dossier (one event per change)',
    tags: TAG,
    response: z.object({ events: z.array(dossierEventSchema) }),
    params: idParams,
    handler: async ({ req, params }) => {
      await getDossierFor(ctx, requireActor(req), params.id);
      return { events: (await listDossierEvents(ctx, params.id)).map(eventView) };
    },
  });

  api(app, {
    method: 'POST',
    url: '/api/v1/dossiers/:id/actions/:action',
    summary: `Take an action on a dossier: ${ACTIONS.filter((a) => a !== 'attach_result').join(', ')}. 409 "dossier.changed" when the version is stale; send Idempotency-Key to repeat safely (a repeat of the same action by the same officer with the same key answers the dossier as the first left it).`,
    tags: TAG,
    response: dossierOnly,
    params: z.object({ id: z.string().min(1).max(100), action: z.enum(ACTIONS) }),
    body: actionBody,
    handler: async ({ req, params, body }) => {
      const actor = requireActor(req);
      await getDossierFor(ctx, actor, params.id);
      const key = req.headers['idempotency-key'];
      await performAction(ctx, actor, params.id, params.action as DossierAction, {
        ...body,
        newAppointmentAt: body.newAppointmentAt ? new Date(body.newAppointmentAt) : undefined,
        ip: req.ip,
        idempotencyKey: typeof key === 'string' && key.length > 0 ? key.slice(0, 200) : undefined,
      });
      return { dossier: await getDossierFor(ctx, actor, params.id) };
    },
  });

  api(app, {
    method: 'POST',
    url: '/api/v1/dossiers/:id/files',
    summary:
      'Add a file (multipart: fields "kind" = component | supplement | result, "componentKey"; one file). Scans at the desk are marked digitized; the result must be a PDF.',
    tags: TAG,
    response: fileAnswer,
    params: idParams,
    body: z.object({
      kind: z.enum(['component', 'supplement', 'result']),
      componentKey: z.string().optional(),
      purpose: z
        .enum(['new_result', 'paper_digitized'])
        .optional()
        .describe('after approval: the digitized copy of a paper result signed by hand, or a new result (a leader of the deciding unit only)'),
      file: z.any(),
    }),
    multipart: true,
    status: 201,
    handler: async ({ req, params }) => {
      const actor = requireActor(req);
      await getDossierFor(ctx, actor, params.id);
      if (!req.isMultipart()) throw badRequest('dossier.bad_multipart');
      const mp = await readMultipart(req);
      const f = validate(
        z.object({
          kind: z.enum(['component', 'supplement', 'result']),
          componentKey: z.string().max(100).optional(),
          purpose: z.enum(['new_result', 'paper_digitized']).optional(),
        }),
        mp.fields,
        req.lang,
      );
      const file = mp.files[0];
      if (!file) throw badRequest('error.validation', undefined, [{ field: 'file', message: 'required' }]);
      const saved = await addFile(ctx, actor, params.id, f.kind, { ...file, componentKey: f.componentKey ?? null }, req.ip, { purpose: f.purpose });
      return {
        file: {
          id: saved.id,
          kind: saved.kind,
          componentKey: saved.component_key,
          fileName: saved.file_name,
          contentType: saved.content_type,
          size: saved.size,
          digitized: saved.digitized,
        },
        dossier: await getDossierFor(ctx, actor, params.id),
      };
    },
  });

  api(app, {
    method: 'POST',
    url: '/api/v1/dossiers/:id/files/:fileId/sign-retry',
    summary: 'Retry signing a result whose signing failed or stopped (officer of the deciding unit or the receiving desk)',
    tags: TAG,
    response: dossierOnly,
    params: z.object({ id: z.string().min(1).max(100), fileId: z.string().min(1).max(100) }),
    handler: async ({ req, params }) => {
      const actor = requireActor(req);
      await getDossierFor(ctx, actor, params.id);
      await retryResultSigning(ctx, actor, params.id, params.fileId);
      return { dossier: await getDossierFor(ctx, actor, params.id) };
    },
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/dossiers/:id/files/:fileId',
    summary: 'Download a file of a dossier',
    tags: TAG,
    produces: 'application/octet-stream',
    params: z.object({ id: z.string().min(1).max(100), fileId: z.string().min(1).max(100) }),
    handler: async ({ req, reply, params }) => {
      const actor = requireActor(req);
      await getDossierFor(ctx, actor, params.id);
      const { file, bytes } = await readFile(ctx, params.id, params.fileId);
      let name = file.file_name;
      if (file.kind === 'result') {
        // The citizen gets the signed result only, named after it ("Giấy khai sinh - <code>.pdf"), never the raw upload.
        if (actor.kind !== 'officer' && file.sign_state && file.sign_state !== 'signed') throw conflict('dossier.result.notSigned');
        const d = (await getDossier(ctx, params.id))!;
        if (file.sign_state === 'signed') name = resultFileName(d);
      }
      reply.header('content-type', file.content_type).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
      return reply.send(bytes);
    },
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/dossiers/:id/slips/:kind.pdf',
    summary: 'A slip of Circular 01/2018 as PDF: receipt (Mẫu 01), supplement (02), refusal (03), apology (04), control (05)',
    tags: TAG,
    produces: 'application/pdf',
    params: z.object({ id: z.string().min(1).max(100), kind: z.enum(SLIP_KINDS) }),
    handler: async ({ req, reply, params }) => {
      await getDossierFor(ctx, requireActor(req), params.id);
      const d = (await getDossier(ctx, params.id))!;
      const pdf = await slipPdf(ctx, d, params.kind);
      reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${d.code}-${params.kind}.pdf"`);
      return reply.send(pdf);
    },
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/units/:unitId/dossier-register.pdf',
    summary:
      'The register of dossiers received by a unit in a period (Sổ theo dõi hồ sơ: Mẫu 07 of TT 03/2025, Mẫu 06 of TT 01/2018), for officers of that unit',
    tags: TAG,
    produces: 'application/pdf',
    params: z.object({ unitId: z.string().min(1).max(100) }),
    query: z.object({ from: z.string().max(10), to: z.string().max(10) }),
    handler: async ({ req, reply, params, query }) => {
      await deps.requireRoleAt(ctx, requireOfficer(req), ROLES, params.unitId);
      const okDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
      if (!okDate(query.from) || !okDate(query.to) || query.from > query.to || Date.parse(query.to) - Date.parse(query.from) > 366 * 86_400_000)
        throw badRequest('dossier.register_period_invalid');
      const pdf = await registerPdf(ctx, params.unitId, query.from, query.to);
      reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="so-theo-doi-${query.from}-${query.to}.pdf"`);
      return reply.send(pdf);
    },
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/dossiers/:id/supplement-requests',
    summary:
      'The supplement requests of a dossier (numbered; pending a leader’s approval, refused, issued or answered), each with its deficient items and the applicant’s answer per item',
    tags: TAG,
    response: z.object({ requests: z.array(supplementRequestSchema) }),
    params: idParams,
    handler: async ({ req, params }) => {
      await getDossierFor(ctx, requireActor(req), params.id);
      return { requests: await listSupplementRequests(ctx, params.id) };
    },
  });

  api(app, {
    method: 'POST',
    url: '/api/v1/dossiers/:id/supplement-requests',
    summary:
      'Request a supplement with every deficient item against the checklist (component, defect, what to provide), in one go (Mẫu 02). The first request is issued at once (the dossier waits, the clock stops); a second or later one is pending a leader’s approval. 409 dossier.supplement_from_source for a component the state holds without a recorded failed fetch.',
    tags: TAG,
    response: z.object({
      pending: z.boolean().describe('true: a second or later request, waiting for a leader’s approval'),
      requestId: z.string().nullable(),
      dossier: dossierViewSchema,
    }),
    params: idParams,
    body: supplementBody,
    status: 201,
    handler: async ({ req, reply, params, body }) => {
      const actor = requireActor(req);
      await getDossierFor(ctx, actor, params.id);
      const r = await requestSupplementItems(ctx, actor, params.id, { ...body, ip: req.ip });
      return reply.code(201).send({ pending: r.pending, requestId: r.requestId, dossier: await getDossierFor(ctx, actor, params.id) });
    },
  });

  api(app, {
    method: 'POST',
    url: '/api/v1/dossiers/:id/supplement-requests/:requestId/decision',
    summary:
      'A leader of the dossier’s units approves (the request is issued, the dossier waits) or refuses a pending second (or later) supplement request, with a written reason',
    tags: TAG,
    response: dossierAndRequests,
    params: z.object({ id: z.string().min(1).max(100), requestId: z.string().min(1).max(100) }),
    body: decisionBody,
    handler: async ({ req, params, body }) => {
      const actor = requireActor(req);
      await getDossierFor(ctx, actor, params.id);
      await decideSupplementRequest(ctx, actor, params.id, params.requestId, { ...body, ip: req.ip });
      return { dossier: await getDossierFor(ctx, actor, params.id), requests: await listSupplementRequests(ctx, params.id) };
    },
  });

  api(app, {
    method: 'POST',
    url: '/api/v1/dossiers/:id/supplement-answer',
    summary:
      'The applicant’s answer to the open supplement request, item by item (online by the applicant, or recorded at the desk): multipart with a "payload" JSON field {version, answers: [{itemId, note}]} and files named "file:<itemId>"; every item needs a note or a file. The dossier goes back and the clock resumes.',
    tags: TAG,
    response: dossierAndRequests,
    params: idParams,
    body: answerPayload,
    multipart: true,
    handler: async ({ req, params }) => {
      const actor = requireActor(req);
      await getDossierFor(ctx, actor, params.id);
      const { raw, files } = await readPayloadAndFiles(req);
      const body = validate(answerPayload, raw, req.lang);
      const byItem = new Map(files.map((f) => [f.componentKey ?? '', f]));
      const ids = new Set([...body.answers.map((a) => a.itemId), ...byItem.keys()]);
      const answers = [...ids]
        .filter(Boolean)
        .map((itemId) => ({ itemId, note: body.answers.find((a) => a.itemId === itemId)?.note ?? null, file: byItem.get(itemId) ?? null }));
      await answerSupplement(ctx, actor, params.id, { version: body.version, answers, ip: req.ip });
      return { dossier: await getDossierFor(ctx, actor, params.id), requests: await listSupplementRequests(ctx, params.id) };
    },
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/me/dossiers',
    summary: 'The logged-in citizen’s (or business’s) dossiers, newest first',
    tags: TAG,
    response: dossierList,
    query: page,
    handler: async ({ req, query }) => ({ dossiers: await listMyDossiers(ctx, requireActor(req), query) }),
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/queues/:queue',
    summary: 'An officer’s work queue (to-receive, to-process, due-soon, late), filtered to the units and roles they hold',
    tags: TAG,
    response: dossierList,
    params: z.object({ queue: z.enum(QUEUES) }),
    query: page,
    handler: async ({ req, params, query }) => ({ dossiers: await workQueue(ctx, requireOfficer(req), params.queue, query) }),
  });

  // Bulk work (issue 17 item 5): each dossier on its own through the transition use case.
  const outcome = z.object({
    id: z.string(),
    code: z.string().nullable().describe('null when the officer may not see the dossier'),
    outcome: z.enum(['done', 'already_done', 'refused']),
    status: z.number().int().describe('the status the same action on this dossier alone would have had'),
    key: z.string().nullable(),
    message: z.string().nullable().describe('why it was refused, in the language of Accept-Language'),
    state: z.string().nullable(),
    version: z.number().int().nullable(),
  });

  api(app, {
    method: 'POST',
    url: '/api/v1/dossiers/bulk',
    summary: `One action on many dossiers (${BULK_ACTIONS.join(', ')}), at most ${BULK_MAX} per request. Each dossier is checked, changed and audited in its own transaction; the answer has one outcome per dossier (done, already_done for a repeated batch, refused with the reason). A refused dossier does not stop the others.`,
    tags: TAG,
    body: z.object({
      action: z.enum(BULK_ACTIONS),
      items: z
        .array(z.object({ id: z.string().min(1).max(100), version: z.number().int().min(1).describe('the version the client saw') }))
        .min(1)
        .max(BULK_MAX),
      comment: z.string().max(4000).nullish(),
      assigneeId: z.string().max(100).optional().describe('assign: the officer to assign'),
      returnMethod: z.enum(RETURN_METHODS).optional().describe('return_result: how the result goes back'),
    }),
    response: z.object({ batchId: z.string(), action: z.string(), done: z.number().int(), refused: z.number().int(), outcomes: z.array(outcome) }),
    handler: async ({ req, body }) => bulkAction(ctx, requireOfficer(req), { ...body, ip: req.ip }, req.lang),
  });

  api(app, {
    method: 'POST',
    url: '/api/v1/dossiers/bulk/slips.pdf',
    summary: `The slips of many dossiers (at most ${BULK_MAX}) as one PDF: a first page lists every dossier asked for with "printed" or why not, then the slips in the order asked. Header x-bulk-printed: how many slips.`,
    tags: TAG,
    produces: 'application/pdf',
    body: z.object({ kind: z.enum(SLIP_KINDS), ids: z.array(z.string().min(1).max(100)).min(1).max(BULK_MAX) }),
    handler: async ({ req, reply, body }) => {
      const r = await bulkSlips(ctx, requireOfficer(req), body.ids, body.kind, req.lang);
      reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="phieu-${body.kind}.pdf"`)
        .header('x-bulk-printed', String(r.printed));
      return reply.send(r.pdf);
    },
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/dossiers/results-import/template.csv',
    summary: 'The template of the result-status CSV (UTF-8 with BOM): Mã hồ sơ, Kết quả (Có kết quả | Đã trả), Ngày (dd/mm/yyyy), Ghi chú',
    tags: TAG,
    produces: 'text/csv',
    handler: async ({ req, reply }) => {
      requireOfficer(req);
      reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="mau-nhap-ket-qua.csv"');
      return reply.send(resultsCsvTemplate());
    },
  });

  api(app, {
    method: 'POST',
    url: '/api/v1/dossiers/results-import',
    summary: `Upload the result-status CSV (multipart, field "file"; UTF-8, comma, semicolon or tab separated; at most ${BULK_MAX} rows). Every row is checked first; a file with any invalid row is refused as a whole (422, nothing applied, one report line per row). Otherwise each row is applied through the transition use case on its own and reported.`,
    tags: TAG,
    body: z.object({ file: z.any() }),
    multipart: true,
    response: csvReport,
    answers: {
      400: { description: 'The file itself is refused (fileError), or the request is invalid (the Error object)', schema: z.union([csvReport, errorBody]) },
      422: { description: 'A row is invalid: nothing applied, one report line per row', schema: csvReport },
    },
    handler: async ({ req, reply }) => {
      const actor = requireOfficer(req);
      if (!req.isMultipart()) throw badRequest('dossier.bad_multipart');
      const mp = await readMultipart(req);
      const file = mp.files[0];
      if (!file) throw badRequest('pages.bulk.csvFileRequired');
      const r = await importResultsCsv(ctx, actor, file.bytes, req.lang, req.ip);
      return reply.code(r.fileError ? 400 : r.applied ? 200 : 422).send(r);
    },
  });

  api(app, {
    method: 'POST',
    url: '/api/v1/admin/dossiers/reroute-retired',
    summary:
      'Province administrators (the scheduled job dossiers.reroute-retired does the same every day): every dossier not yet closed whose desk or deciding agency has ended by a merger or retirement effective on or before today goes to the unit holding that unit’s business: for a retired district the commune of the applicant’s address among its heirs (its desk and agency for the procedure’s version in force today), else the recorded successor. A unit ended without successor is not touched and is listed in withoutSuccessor. Answers each dossier moved, or left with the reason. Running it again moves nothing more.',
    tags: TAG,
    response: rerouteAnswer,
    handler: async ({ req }) => {
      const run = await rerouteRetiredDossiers(ctx, requireOfficer(req), { ip: req.ip });
      return { rerouted: run.outcomes.filter((o) => o.to), kept: run.outcomes.filter((o) => !o.to), withoutSuccessor: run.withoutSuccessor };
    },
  });
}
