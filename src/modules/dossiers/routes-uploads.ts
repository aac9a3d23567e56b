/**
 * HTTP of drafts and resumable uploads. The uploads speak tus 1.0.0 (https://tus.io/protocols/resumable-upload):
 * core (HEAD, PATCH), creation (POST) and termination (DELETE), at /api/v1/uploads. The logged-in
 * citizen or officer owns the uploads they create (another's answers 404); the project's CSRF
 * rule applies (a browser sends x-csrf-token); a file is at most 20 MB, a chunk at most 5 MB.
 * Each finished upload has a receipt at /api/v1/uploads/:id/receipt.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireActor, requireCitizen } from '../../platform/auth';
import { AppError, badRequest } from '../../platform/errors';
import { api } from '../../platform/http/api';
import { discardDraft, getDraftFor, listDraftsFor, saveDraft, type DraftView } from './service/drafts';
import {
  appendChunk,
  CHUNK_MAX_BYTES,
  createUpload,
  discardUpload,
  draftUploads,
  getUploadFor,
  receiptOf,
  uploadStatus,
  UPLOAD_MAX_BYTES,
} from './service/uploads';
import type { Upload } from './drafts-store';

export const TUS_VERSION = '1.0.0';
export const TUS_CONTENT_TYPE = 'application/offset+octet-stream';
const TUS_EXTENSIONS = 'creation,termination,expiration';

const ReceiptSchema = z.object({
  id: z.string(),
  state: z.enum(['receiving', 'stored', 'refused', 'discarded']),
  name: z.string(),
  length: z.number().int(),
  offset: z.number().int(),
  procedureCode: z.string().nullable(),
  componentKey: z.string().nullable(),
  size: z.number().int().nullable(),
  pages: z.number().int().nullable(),
  sha256: z.string().nullable(),
  mime: z.string().nullable(),
  receivedAt: z.string().nullable().describe('ISO time the whole file was acknowledged'),
  expiresAt: z.string(),
  refusal: z.string().nullable(),
});

const DraftSchema = z.object({
  id: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  step: z.enum(['form', 'review']),
  receivingUnitId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  idempotencyKey: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  uploads: z.array(ReceiptSchema),
});

const tusHeaders = { 'tus-resumable': TUS_VERSION, 'cache-control': 'no-store' };

/** tus requires Tus-Resumable on every request but OPTIONS (412 otherwise). */
function requireTus(req: FastifyRequest, reply: FastifyReply): void {
  if (req.headers['tus-resumable'] !== TUS_VERSION) {
    void reply.header('tus-version', TUS_VERSION);
    throw new AppError(412, 'upload.tus_version');
  }
}

/** Upload-Metadata: comma-separated "key base64value" pairs. */
export function parseMetadata(raw: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!raw) return out;
  for (const pair of raw.split(',')) {
    const [key, value, extra] = pair.trim().split(' ');
    if (!key || extra !== undefined || !/^[A-Za-z0-9_.-]+$/.test(key)) throw badRequest('upload.bad_metadata');
    if (value && !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) throw badRequest('upload.bad_metadata');
    out[key] = value ? Buffer.from(value, 'base64').toString('utf8') : '';
  }
  return out;
}

function offsetHeader(req: FastifyRequest): number {
  const raw = req.headers['upload-offset'];
  if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw)) throw badRequest('upload.bad_offset');
  return Number(raw);
}

const location = (u: Upload) => `/api/v1/uploads/${encodeURIComponent(u.id)}`;

export function draftsUploadsRoutes(app: FastifyInstance) {
  const ctx = app.ctx;
  // tus chunks arrive as raw bytes (limited per chunk, not by the 2 MB JSON limit).
  app.addContentTypeParser(TUS_CONTENT_TYPE, { parseAs: 'buffer', bodyLimit: CHUNK_MAX_BYTES }, (_req, body, done) => done(null, body));

  api(app, {
    method: 'OPTIONS',
    url: '/api/v1/uploads',
    summary: 'tus discovery: the protocol version, extensions and the largest file',
    tags: ['uploads'],
    status: 204,
    handler: async ({ reply }) => {
      reply
        .code(204)
        .headers({ 'tus-resumable': TUS_VERSION, 'tus-version': TUS_VERSION, 'tus-extension': TUS_EXTENSIONS, 'tus-max-size': String(UPLOAD_MAX_BYTES) });
      return reply.send();
    },
  });

  api(app, {
    method: 'POST',
    url: '/api/v1/uploads',
    summary: 'tus creation: announce a file (Upload-Length; Upload-Metadata filename, filetype, procedure, component); 201 with its Location',
    tags: ['uploads'],
    status: 201,
    response: ReceiptSchema,
    handler: async ({ req, reply }) => {
      const actor = requireActor(req);
      requireTus(req, reply);
      const rawLength = req.headers['upload-length'];
      if (typeof rawLength !== 'string' || !/^\d{1,15}$/.test(rawLength)) throw badRequest('upload.length_required');
      const meta = parseMetadata(req.headers['upload-metadata'] as string | undefined);
      const u = await createUpload(ctx, actor, {
        length: Number(rawLength),
        fileName: meta.filename ?? meta.name ?? '',
        fileType: meta.filetype ?? meta.type ?? null,
        procedureCode: meta.procedure ?? null,
        componentKey: meta.component ?? null,
        ip: req.ip,
      });
      reply.headers({ ...tusHeaders, location: location(u), 'upload-offset': '0', 'upload-expires': new Date(u.expires_at).toUTCString() });
      return receiptOf(u, req.lang);
    },
  });

  api(app, {
    method: 'HEAD',
    url: '/api/v1/uploads/:id',
    summary: 'tus: how much of the upload the server holds (Upload-Offset, Upload-Length), to resume',
    tags: ['uploads'],
    params: z.object({ id: z.string().max(100) }),
    handler: async ({ req, reply, params }) => {
      const actor = requireActor(req);
      requireTus(req, reply);
      const u = await uploadStatus(ctx, actor, params.id);
      reply.code(200).headers({
        ...tusHeaders,
        'upload-offset': String(u.received),
        'upload-length': String(u.length),
        ...(u.state === 'receiving' ? { 'upload-expires': new Date(u.expires_at).toUTCString() } : {}),
      });
      return reply.send();
    },
  });

  api(app, {
    method: 'PATCH',
    url: '/api/v1/uploads/:id',
    summary: 'tus: bytes at Upload-Offset (409 when the server holds another offset: nothing written); the last chunk checks and stores the file',
    tags: ['uploads'],
    params: z.object({ id: z.string().max(100) }),
    bodyType: TUS_CONTENT_TYPE,
    body: z.string().describe('the bytes of the chunk'),
    status: 204,
    handler: async ({ req, reply, params }) => {
      const actor = requireActor(req);
      requireTus(req, reply);
      if ((req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() !== TUS_CONTENT_TYPE) throw new AppError(415, 'upload.content_type');
      const offset = offsetHeader(req);
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const u = await appendChunk(ctx, actor, params.id, offset, bytes, req.ip);
      reply.code(204).headers({
        ...tusHeaders,
        'upload-offset': String(u.received),
        ...(u.state === 'receiving' ? { 'upload-expires': new Date(u.expires_at).toUTCString() } : {}),
      });
      return reply.send();
    },
  });

  api(app, {
    method: 'DELETE',
    url: '/api/v1/uploads/:id',
    summary: 'tus termination: discard an upload not in a dossier',
    tags: ['uploads'],
    params: z.object({ id: z.string().max(100) }),
    status: 204,
    handler: async ({ req, reply, params }) => {
      const actor = requireActor(req);
      requireTus(req, reply);
      await discardUpload(ctx, actor, params.id, req.ip);
      reply.code(204).headers(tusHeaders);
      return reply.send();
    },
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/uploads/:id/receipt',
    summary: 'The receipt of an upload: name, size, pages, SHA-256 and time once stored; the refusal otherwise',
    tags: ['uploads'],
    params: z.object({ id: z.string().max(100) }),
    response: ReceiptSchema,
    handler: async ({ req, params }) => receiptOf(await getUploadFor(ctx, requireActor(req), params.id), req.lang),
  });

  const withUploads = async (req: FastifyRequest, d: DraftView) => {
    const ups = await draftUploads(ctx, requireCitizen(req), d.procedureCode);
    return { ...d, uploads: Object.values(ups).map((u) => receiptOf(u, req.lang)) };
  };

  api(app, {
    method: 'GET',
    url: '/api/v1/me/drafts',
    summary: 'The citizen’s drafts of online applications ("Hồ sơ đang soạn"), newest first',
    tags: ['drafts'],
    response: z.object({ drafts: z.array(DraftSchema) }),
    handler: async ({ req }) => {
      const drafts = await listDraftsFor(ctx, requireCitizen(req));
      return { drafts: await Promise.all(drafts.map((d) => withUploads(req, d))) };
    },
  });

  const Code = z.object({ code: z.string().min(1).max(50) });

  api(app, {
    method: 'GET',
    url: '/api/v1/me/drafts/:code',
    summary: 'The citizen’s draft of a procedure, with the receipts of its uploads',
    tags: ['drafts'],
    params: Code,
    response: DraftSchema,
    handler: async ({ req, params }) => {
      const d = await getDraftFor(ctx, requireCitizen(req), params.code);
      if (!d) throw new AppError(404, 'draft.not_found');
      return withUploads(req, d);
    },
  });

  api(app, {
    method: 'PUT',
    url: '/api/v1/me/drafts/:code',
    summary: 'Saves the citizen’s draft of a procedure (the answers so far, not validated; at most 64 KB)',
    tags: ['drafts'],
    params: Code,
    body: z.object({
      step: z.enum(['form', 'review']).default('form'),
      receivingUnitId: z.string().max(100).nullable().optional(),
      data: z.record(z.string(), z.unknown()),
    }),
    response: DraftSchema,
    handler: async ({ req, params, body }) =>
      withUploads(
        req,
        await saveDraft(ctx, requireCitizen(req), {
          procedureCode: params.code,
          step: body.step,
          receivingUnitId: body.receivingUnitId ?? null,
          data: body.data,
          ip: req.ip,
        }),
      ),
  });

  api(app, {
    method: 'DELETE',
    url: '/api/v1/me/drafts/:code',
    summary: 'Discards the citizen’s draft of a procedure and its uploads not in a dossier',
    tags: ['drafts'],
    params: Code,
    status: 204,
    handler: async ({ req, reply, params }) => {
      await discardDraft(ctx, requireCitizen(req), params.code, req.ip);
      reply.code(204);
      return reply.send();
    },
  });
}
