/** JSON API of the e-data store under /api/v1 (listed in the OpenAPI document). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireActor, requireCitizen, requireOfficer } from '../../platform/auth';
import { AppError, badRequest } from '../../platform/errors';
import { api } from '../../platform/http/api';
import { validate } from '../../platform/http/validate';
import type { DocumentSource, OwnerKind, ShareStatus, StoredDocument } from './model';
import {
  createShare,
  documentsOfDossier,
  dossierDigitization,
  dossierDocumentFile,
  issueElectronicCopy,
  listMyDocuments,
  listShares,
  myDocumentFile,
  openShare,
  revokeShare,
} from './service';

const TAG = ['Kho dữ liệu / Data store'];
const idParams = z.object({ id: z.string().min(1).max(100) });

/** What clients see of a stored document (no internal ids of other modules beyond the dossier). */
export function documentView(d: StoredDocument) {
  return {
    id: d.id,
    owner: d.owner,
    documentType: d.documentType,
    name: d.name,
    code: d.code,
    issuingBody: d.issuingBody,
    issuingBodyToday: d.issuingBodyToday ?? null,
    issuedOn: d.issuedOn,
    validFrom: d.validFrom,
    validTo: d.validTo,
    sha256: d.sha256,
    fileName: d.fileName,
    contentType: d.contentType,
    size: d.size,
    source: d.source,
    sourceDossierId: d.sourceDossierId,
    sourceComponentKey: d.sourceComponentKey,
    digitized: d.digitized,
    fromNationalStore: d.fromNationalStore,
    signed: d.signed,
    createdAt: d.createdAt,
  };
}

/** Sends a stored file as a download (RFC 6266 name; no sniffing). */
export function sendDocument(reply: FastifyReply, doc: StoredDocument, bytes: Buffer) {
  const ascii = doc.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .header('content-type', doc.contentType)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(bytes);
}

export async function readCopyForm(req: FastifyRequest) {
  const fields: Record<string, string> = {};
  let scan: { bytes: Buffer; fileName: string; contentType: string } | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.fieldname === 'file' && bytes.length) scan = { bytes, fileName: part.filename || 'ban-chinh', contentType: part.mimetype };
      } else fields[part.fieldname] = String(part.value);
    }
  } catch (err) {
    if (err instanceof AppError) throw err; // e.g. 403 error.csrf from the first field's check
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw err;
    throw badRequest('warehouse.bad_multipart');
  }
  return { fields, scan };
}

const OWNER_KINDS = ['citizen', 'organisation'] as const satisfies readonly OwnerKind[];
const SOURCES = ['component', 'result', 'certified_copy', 'seed'] as const satisfies readonly DocumentSource[];
const SHARE_STATUSES = ['active', 'expired', 'revoked'] as const satisfies readonly ShareStatus[];
const civilDay = z.string().describe('Civil date YYYY-MM-DD');

/** A stored document as documentView sends it. */
const documentSchema = z.object({
  id: z.string(),
  owner: z.object({ kind: z.enum(OWNER_KINDS), id: z.string().describe('Personal identification number (12 digits) or the organisation’s tax code') }),
  documentType: z.string(),
  name: z.string(),
  code: z.string().describe('Result / document code, e.g. KQ.<agency code>.<document type>.000001'),
  issuingBody: z.string().nullable(),
  issuingBodyToday: z.string().nullable().describe('The issuing body in today’s unit names when it names former units'),
  issuedOn: civilDay.nullable(),
  validFrom: civilDay.nullable(),
  validTo: civilDay.nullable(),
  sha256: z.string().describe('SHA-256 of the file, hex'),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int().describe('bytes'),
  source: z.enum(SOURCES).describe('component: a digitized part of a dossier; result: a dossier’s result; certified_copy: an electronic certified copy'),
  sourceDossierId: z.string().nullable(),
  sourceComponentKey: z.string().nullable(),
  digitized: z.boolean().describe('DuocSoHoa: a paper document digitized by an officer (or a born-digital result)'),
  fromNationalStore: z.boolean().describe('DuocLayTuKhoDMQG: came from the national portal’s store'),
  signed: z.boolean(),
  createdAt: z.string().describe('ISO instant'),
});
const documentList = z.object({ documents: z.array(documentSchema) });
const shareSchema = z.object({
  id: z.string(),
  createdAt: z.string().describe('ISO instant'),
  expiresAt: z.string().describe('ISO instant'),
  revokedAt: z.string().nullable().describe('ISO instant'),
  status: z.enum(SHARE_STATUSES),
});
const digitizationSchema = z.object({
  dossierId: z.string(),
  code: z.string().describe('Dossier code'),
  components: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      optional: z.boolean(),
      digitized: z.boolean().describe('Has an electronic file: a desk scan, an online upload or a document from the store'),
      reused: z.boolean().describe('A stored document stands for it (DuocTaiSuDung = 1)'),
      applicable: z.boolean().describe('False for an optional component not given: it does not count'),
    }),
  ),
  digitized: z.boolean().describe('Every applicable component is digitized (and there is at least one)'),
  eResult: z.boolean().describe('An electronic result is attached'),
});
const FILE = 'application/octet-stream';

export const copyFields = z.object({
  requesterKind: z.enum(['citizen', 'organisation']).default('citizen'),
  requesterId: z.string().min(1).max(20),
  documentType: z.string().min(2).max(60),
  name: z.string().min(1).max(200),
  unitId: z.string().max(100).optional(),
});

export function warehouseRoutes(app: FastifyInstance) {
  const ctx = app.ctx;

  api(app, {
    method: 'GET',
    url: '/api/v1/me/documents',
    summary: 'The signed-in citizen’s documents in their e-data store (and their organisation’s), optionally of one type',
    tags: TAG,
    query: z.object({ documentType: z.string().max(60).optional() }),
    response: documentList,
    handler: async ({ req, query }) => ({ documents: (await listMyDocuments(ctx, requireCitizen(req), query.documentType)).map(documentView) }),
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/me/documents/:id/file',
    summary: 'Download one of my stored documents (sent in its own media type, contentType)',
    tags: TAG,
    params: idParams,
    produces: FILE,
    handler: async ({ req, reply, params }) => {
      const { doc, bytes } = await myDocumentFile(ctx, requireCitizen(req), params.id);
      return sendDocument(reply, doc, bytes);
    },
  });

  api(app, {
    method: 'POST',
    url: '/api/v1/me/documents/:id/shares',
    summary: 'Create a share link for one of my documents (expires after `hours`, default 72, at most 30 days; revocable)',
    tags: TAG,
    params: idParams,
    body: z.object({ hours: z.number().int().min(1).max(720).optional() }),
    status: 201,
    response: z.object({ share: shareSchema, url: z.string().describe('The share link, shown only now') }),
    handler: async ({ req, params, body }) => {
      const r = await createShare(ctx, requireCitizen(req), params.id, { hours: body.hours });
      return { share: r.share, url: r.url };
    },
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/me/documents/:id/shares',
    summary: 'The share links of one of my documents (the links themselves are shown once, at creation)',
    tags: TAG,
    params: idParams,
    response: z.object({ shares: z.array(shareSchema) }),
    handler: async ({ req, params }) => ({ shares: await listShares(ctx, requireCitizen(req), params.id) }),
  });

  api(app, {
    method: 'DELETE',
    url: '/api/v1/me/documents/:id/shares/:shareId',
    summary: 'Revoke a share link',
    tags: TAG,
    params: z.object({ id: z.string().min(1).max(100), shareId: z.string().min(1).max(100) }),
    response: z.object({ revoked: z.literal(true) }),
    handler: async ({ req, params }) => {
      await revokeShare(ctx, requireCitizen(req), params.id, params.shareId);
      return { revoked: true };
    },
  });

  app.get('/chia-se/:token', async (req, reply) => {
    const { doc, bytes } = await openShare(ctx, String((req.params as { token: string }).token));
    return sendDocument(reply, doc, bytes);
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/dossiers/:id/documents',
    summary: 'Stored documents a dossier uses or produced (officers who may see the dossier, and its applicant)',
    tags: TAG,
    params: idParams,
    response: documentList,
    handler: async ({ req, params }) => ({ documents: (await documentsOfDossier(ctx, requireActor(req), params.id)).map(documentView) }),
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/dossiers/:id/documents/:documentId/file',
    summary: 'Download a stored document a dossier uses (sent in its own media type, contentType)',
    tags: TAG,
    params: z.object({ id: z.string().min(1).max(100), documentId: z.string().min(1).max(100) }),
    produces: FILE,
    handler: async ({ req, reply, params }) => {
      const { doc, bytes } = await dossierDocumentFile(ctx, requireActor(req), params.id, params.documentId);
      return sendDocument(reply, doc, bytes);
    },
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/dossiers/:id/digitization',
    summary: 'Digitization status: per component digitized yes/no; the dossier is digitized when every component is',
    tags: TAG,
    params: idParams,
    response: digitizationSchema,
    handler: async ({ req, params }) => dossierDigitization(ctx, params.id, requireActor(req)),
  });

  api(app, {
    method: 'POST',
    url: '/api/v1/certified-copies',
    summary:
      'Electronic certified copy from an original (commune officers, justice offices): multipart with "file" (scan of the original) and the fields requesterKind, requesterId, documentType, name, unitId',
    tags: TAG,
    body: copyFields,
    multipart: true,
    status: 201,
    response: z.object({ document: documentSchema }),
    handler: async ({ req }) => {
      const actor = requireOfficer(req, ['specialist', 'leader']);
      if (!req.isMultipart()) throw badRequest('warehouse.bad_multipart');
      const { fields, scan } = await readCopyForm(req);
      const f = validate(copyFields, fields, req.lang);
      if (!scan) throw badRequest('warehouse.scan_required', undefined, [{ field: 'file', message: 'required' }]);
      const doc = await issueElectronicCopy(ctx, actor, {
        requester: { kind: f.requesterKind, id: f.requesterId },
        documentType: f.documentType,
        name: f.name,
        scan,
        unitId: f.unitId,
      });
      return { document: documentView(doc) };
    },
  });
}
