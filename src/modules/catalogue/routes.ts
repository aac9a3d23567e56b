/** JSON API of the catalogue under /api/v1 (documented in /api/openapi.json). */
import { provinceLevelOfficer } from '../identity/service';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { notFound } from '../../platform/errors';
import { api } from '../../platform/http/api';
import { sendSharedJson } from '../../platform/http/page-cache';
import { civilDate } from '../../platform/http/validate';
import { t } from '../../platform/i18n';
import { exportExcel, exportNationalJson, importFile, importNationalJson } from './import-export';
import { procedureRecordSchema } from './record-schema';
import { importAnswer, importError, importRefusal, nationalExport, publicationFiguresAnswer } from './schemas';
import { formDownloads, uploadFormTemplate } from './forms';
import {
  boundaryFreeCodes,
  cataloguePageMemo,
  discloseVersions,
  getDraft,
  getProcedure,
  getVersion,
  listFields,
  procedureVersions,
  quoteProcedureFees,
  publicationFigures,
  publishDrafts,
  recordOf,
  retireProcedure,
  saveDraft,
  searchProcedures,
  setBoundaryFree,
  today,
  type ImportOutcome,
  type ProcedureVersion,
} from './service';

const TAG = ['Thủ tục hành chính (catalogue)'];
const CONTROLLER = ['controller'] as const;
const date = civilDate;
const level = z.enum(['province', 'district', 'commune']);
const online = z.enum(['full', 'partial', 'none']);

const hit = z.object({
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  fieldCode: z.string(),
  fieldName: z.string(),
  levels: z.array(level),
  onlineLevel: online,
  essential: z.boolean(),
});
/** The search answer (exported for bench/serialize.ts). */
export const searchResponse = z.object({ total: z.number(), page: z.number(), pageSize: z.number(), items: z.array(hit) });
const decision = z.object({ id: z.string(), number: z.string(), signedDate: z.string(), effectiveDate: z.string(), signer: z.string().nullable() });
const versionSummary = z.object({
  versionId: z.string(),
  seq: z.number(),
  status: z.enum(['draft', 'published']),
  effectiveFrom: z.string().nullable(),
  disclosedOn: z.string().nullable(),
  decision: decision.nullable(),
});
const boundaryFreePeriod = z.object({
  validFrom: date,
  validTo: date.nullable().describe('Inclusive; null while listed without an end'),
  decision: z.string().min(1).max(300).describe('The provincial Chair\'s decision publishing the list, e.g. "1579/QĐ-UBND ngày 30/6/2025"'),
});
const detailResponse = z.object({
  procedure: procedureRecordSchema.describe(
    'Every component part (Decree 63/2010 art. 8(2)), plus field, levels, online level, fees, forms, legal basis, e-form and internal process',
  ),
  version: versionSummary,
  agencies: z.array(z.object({ receivingUnitId: z.string(), decidingUnitId: z.string() })),
  boundaryFree: z
    .array(boundaryFreePeriod)
    .describe(
      "Periods during which this version is on the province's list of procedures received regardless of administrative boundary (Decree 118/2025/NĐ-CP Art. 14(2)): any desk of the province receives it and routes it to the deciding agency",
    ),
});
const formDownload = z.object({
  name: z.string(),
  code: z.string().optional(),
  url: z.string().describe('Download: the official file a controller uploaded, else a PDF printed from the e-form'),
  format: z.enum(['PDF', 'DOCX']),
  size: z.number().describe('Bytes'),
  official: z.boolean(),
});
const retirement = z
  .object({ from: z.string(), decision })
  .nullable()
  .describe('Bãi bỏ: the decision that repeals the procedure and the date from which it is repealed');
const publicDetailResponse = detailResponse.extend({
  retirement,
  procedure: procedureRecordSchema
    .extend({ forms: z.array(formDownload) })
    .describe('Every component part (Decree 63/2010 art. 8(2)); forms with their download URL'),
});

export function detailOf(v: ProcedureVersion) {
  return {
    procedure: recordOf(v),
    version: { versionId: v.versionId, seq: v.seq, status: v.status, effectiveFrom: v.effectiveFrom, disclosedOn: v.disclosedOn, decision: v.decision },
    agencies: v.agencies,
    boundaryFree: v.boundaryFree,
  };
}

export function sendImportOutcome(req: FastifyRequest, reply: FastifyReply, out: ImportOutcome) {
  if (out.ok) return reply.send({ imported: out.count, codes: out.codes });
  return reply.code(400).send({
    error: 'catalogue.import.invalid',
    message: t(req.lang, 'catalogue.import.invalid'),
    errors: out.errors,
    fields: out.errors.map((e) => ({ field: `${t(req.lang, 'catalogue.import.row')} ${e.row}: ${e.field}`, message: e.message })),
  });
}

/** The validated search query in a fixed order: `?q=a&page=1` and `?page=1&q=a` share one kept answer. */
function searchKey(q: { q?: string; field?: string; agency?: string; level?: string; online?: string; essential?: string; page?: number; pageSize?: number }) {
  return JSON.stringify(['search', q.q, q.field, q.agency, q.level, q.online, q.essential, q.page, q.pageSize]);
}

export function catalogueRoutes(app: FastifyInstance) {
  api(app, {
    method: 'GET',
    url: '/api/v1/procedures',
    summary: 'Search procedures (diacritics- and case-insensitive), filter by field, agency, level, online level; essential services first',
    tags: TAG,
    query: z.object({
      q: z.string().max(500).optional().describe('Search text, with or without diacritics, e.g. "khai sinh"'),
      field: z.string().max(50).optional().describe('Field code (lĩnh vực)'),
      agency: z.string().max(100).optional().describe('Unit id that receives or decides'),
      level: level.optional(),
      online: online.optional(),
      essential: z.enum(['true', 'false']).optional(),
      page: z.coerce.number().int().min(1).max(1000).optional(),
      pageSize: z.coerce.number().int().min(1).max(100).optional(),
    }),
    response: searchResponse,
    // Anonymous searches: serialised once per validated query, language and catalogue state (page-cache.ts), not per request.
    handler: async ({ req, reply, query }) =>
      sendSharedJson(req, reply, cataloguePageMemo(req.server.ctx, 'api'), searchKey(query), () =>
        searchProcedures(req.server.ctx, { ...query, essential: query.essential === 'true' }),
      ),
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/procedures/boundary-free',
    summary:
      "The province's list of procedures received regardless of administrative boundary on a date (default today): codes of the procedures whose version in force is listed that day (Decree 118/2025/NĐ-CP Art. 14(2))",
    tags: TAG,
    query: z.object({ at: date.optional() }),
    response: z.object({ at: z.string(), codes: z.array(z.string()) }),
    handler: async ({ req, query }) => {
      const at = query.at ?? today(req.server.ctx);
      return { at, codes: await boundaryFreeCodes(req.server.ctx, at) };
    },
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/procedures/:code',
    summary: 'A procedure with every component part: the version in force (or on ?at=, or a given ?version=)',
    tags: TAG,
    params: z.object({ code: z.string().max(20) }),
    query: z.object({ at: date.optional(), version: z.string().uuid().optional() }),
    response: publicDetailResponse,
    handler: async ({ req, params, query }) => {
      const v = query.version ? await getVersion(req.server.ctx, query.version) : await getProcedure(req.server.ctx, params.code, query.at);
      if (!v || v.code !== params.code || v.status !== 'published') throw notFound('catalogue.not_found', { code: params.code });
      const d = detailOf(v);
      const inForce = !query.version && !query.at;
      const forms = (await formDownloads(req.server.ctx, v)).slice(0, v.content.forms.length).map((f) => ({
        name: f.name,
        ...(f.code ? { code: f.code } : {}),
        url: inForce ? f.url : `${f.url}?phien-ban=${v.versionId}`,
        format: f.format,
        size: f.size,
        official: f.official,
      }));
      return { ...d, procedure: { ...d.procedure, forms }, retirement: v.retirement };
    },
  });

  api(app, {
    method: 'POST',
    url: '/api/v1/procedures/:code/fee-quote',
    summary: "The fees (phí, lệ phí) of a procedure in force for the applicant's e-form answers (partial allowed): the same amounts the payment charges",
    tags: TAG,
    params: z.object({ code: z.string().max(20) }),
    body: z.object({
      answers: z.record(z.string().max(100), z.unknown()).describe('e-form answers, e.g. {"late": false, "copies": 0}'),
      channel: z.enum(['online', 'in_person', 'post']).optional().describe('how the dossier is submitted (default online)'),
    }),
    response: z.object({
      items: z.array(z.object({ key: z.string(), name: z.string(), amount: z.number(), quantity: z.number(), exempt: z.boolean() })),
      total: z.number(),
    }),
    handler: async ({ req, params, body }) => {
      const q = await quoteProcedureFees(req.server.ctx, params.code, body.answers, body.channel ?? 'online');
      if (!q) throw notFound('catalogue.not_found', { code: params.code });
      return { items: q.lines.map((l) => ({ key: l.key, name: l.name, amount: l.amount, quantity: l.quantity, exempt: l.exempt })), total: q.total };
    },
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/procedures/:code/versions',
    summary: 'Published versions of a procedure, newest first, with their publication decisions',
    tags: TAG,
    params: z.object({ code: z.string().max(20) }),
    response: z.array(versionSummary.extend({ procedureId: z.string(), code: z.string() })),
    handler: async ({ req, params }) => {
      const all = (await procedureVersions(req.server.ctx, params.code)).filter((v) => v.status === 'published');
      if (all.length === 0) throw notFound('catalogue.not_found', { code: params.code });
      return all;
    },
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/fields',
    summary: 'Fields (lĩnh vực) of the catalogue',
    tags: TAG,
    response: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string() })),
    handler: async ({ req }) => listFields(req.server.ctx),
  });

  // ---- procedure controllers (cán bộ kiểm soát TTHC)

  api(app, {
    method: 'GET',
    url: '/api/v1/admin/procedures/:code/draft',
    summary: 'The draft of a procedure (controller)',
    tags: TAG,
    params: z.object({ code: z.string().max(20) }),
    response: detailResponse,
    handler: async ({ req, params }) => {
      await provinceLevelOfficer(req, CONTROLLER);
      const v = await getDraft(req.server.ctx, params.code);
      if (!v) throw notFound('catalogue.not_found', { code: params.code });
      return detailOf(v);
    },
  });

  api(app, {
    method: 'PUT',
    url: '/api/v1/admin/procedures/:code/draft',
    summary: 'Create or replace the draft of a procedure (controller); the body is a full record',
    tags: TAG,
    params: z.object({ code: z.string().max(20) }),
    body: z.record(z.string(), z.unknown()),
    response: detailResponse,
    handler: async ({ req, params, body }) => {
      const actor = await provinceLevelOfficer(req, CONTROLLER);
      return detailOf(await saveDraft(req.server.ctx, actor, { ...body, code: params.code }, req.lang));
    },
  });

  api(app, {
    method: 'POST',
    url: '/api/v1/admin/procedures/publish',
    summary: 'Publish drafts by a publication decision (controller)',
    tags: TAG,
    body: z.object({
      codes: z.array(z.string()).min(1),
      decision: z.object({ number: z.string().min(1), signedDate: date, effectiveDate: date, signer: z.string().optional() }),
      disclosedOn: date.optional(),
    }),
    response: z.object({ decisionId: z.string(), versionIds: z.array(z.string()) }),
    handler: async ({ req, body }) => publishDrafts(req.server.ctx, await provinceLevelOfficer(req, CONTROLLER), body),
  });

  api(app, {
    method: 'POST',
    url: '/api/v1/admin/procedures/:code/retire',
    summary:
      'Repeal (bãi bỏ) a published procedure by a publication decision; from its effective date the procedure leaves search and online application, dossiers keep their version (controller)',
    tags: TAG,
    params: z.object({ code: z.string().max(20) }),
    body: z.object({ decision: z.object({ number: z.string().min(1), signedDate: date, effectiveDate: date, signer: z.string().optional() }) }),
    response: z.object({ decisionId: z.string(), from: z.string() }),
    handler: async ({ req, params, body }) => retireProcedure(req.server.ctx, await provinceLevelOfficer(req, CONTROLLER), params.code, body),
  });

  api(app, {
    method: 'POST',
    url: '/api/v1/admin/procedure-versions/:id/disclose',
    summary: 'Record that a published version was disclosed on the portal (controller)',
    tags: TAG,
    params: z.object({ id: z.string().uuid() }),
    body: z.object({ on: date.optional() }),
    status: 204,
    handler: async ({ req, params, body }) => {
      await discloseVersions(req.server.ctx, await provinceLevelOfficer(req, CONTROLLER), [params.id], body.on);
      return null;
    },
  });

  api(app, {
    method: 'PUT',
    url: '/api/v1/admin/procedure-versions/:id/boundary-free',
    summary:
      "Set the periods during which a procedure version is on the province's list of procedures received regardless of administrative boundary (controller); replaces the version's periods; overlapping or bad periods change nothing",
    tags: TAG,
    params: z.object({ id: z.string().uuid() }),
    body: z.object({
      periods: z.array(z.object({ validFrom: z.string().max(10), validTo: z.string().max(10).nullable().optional(), decision: z.string().max(300) })).max(50),
    }),
    response: detailResponse,
    handler: async ({ req, params, body }) =>
      detailOf(await setBoundaryFree(req.server.ctx, await provinceLevelOfficer(req, CONTROLLER), params.id, body.periods)),
  });

  api(app, {
    method: 'POST',
    url: '/api/v1/admin/procedures/:code/forms/:index/template',
    summary:
      'Upload the official template (PDF or DOCX, multipart field "file") of form number `index` (from 1) of the procedure\'s draft or version in force; it then takes precedence for download (controller)',
    tags: TAG,
    multipart: true,
    params: z.object({ code: z.string().max(20), index: z.coerce.number().int().min(1).max(100) }),
    body: z.object({ file: z.any() }),
    response: z.object({ fileName: z.string(), size: z.number() }),
    handler: async ({ req, params }) => {
      const actor = await provinceLevelOfficer(req, CONTROLLER);
      const file = req.isMultipart() ? await req.file() : undefined;
      const bytes = file ? await file.toBuffer() : Buffer.alloc(0);
      return uploadFormTemplate(req.server.ctx, actor, params.code, params.index, { bytes, name: file?.filename ?? '', type: file?.mimetype });
    },
  });

  api(app, {
    method: 'POST',
    url: '/api/v1/admin/procedures/import',
    summary: 'Import procedures as drafts from national-database JSON ({ DanhSachTTHC: [...] }); nothing is imported when any row has an error',
    tags: TAG,
    body: z.union([z.array(z.unknown()), z.object({ DanhSachTTHC: z.array(z.unknown()) })]),
    response: z.object({ imported: z.number(), codes: z.array(z.string()) }).or(z.object({ error: z.string(), errors: z.array(importError) })),
    handler: async ({ req, reply, body }) => {
      const actor = await provinceLevelOfficer(req, CONTROLLER);
      return sendImportOutcome(req, reply, await importNationalJson(req.server.ctx, actor, body, req.lang));
    },
  });

  api(app, {
    method: 'POST',
    url: '/api/v1/admin/procedures/import-file',
    summary: 'Import an Excel workbook (.xlsx) or a JSON file (multipart field "file"); nothing is imported when any row has an error',
    tags: TAG,
    multipart: true,
    body: z.object({ file: z.any() }),
    response: importAnswer,
    answers: { 400: { description: 'Nothing imported: the errors of every row', schema: importRefusal } },
    handler: async ({ req, reply }) => {
      const actor = await provinceLevelOfficer(req, CONTROLLER);
      const file = await req.file();
      const buf = file ? await file.toBuffer() : Buffer.alloc(0);
      return sendImportOutcome(req, reply, await importFile(req.server.ctx, actor, buf, req.lang));
    },
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/admin/procedures/export',
    summary: 'Export the catalogue (versions in force, plus drafts with drafts=true) as national-database JSON or an Excel workbook',
    tags: TAG,
    query: z.object({ format: z.enum(['json', 'xlsx']).default('json'), drafts: z.enum(['true', 'false']).optional() }),
    response: nationalExport,
    handler: async ({ req, reply, query }) => {
      await provinceLevelOfficer(req, CONTROLLER);
      const opts = { drafts: query.drafts === 'true' };
      if (query.format === 'xlsx') {
        const buf = await exportExcel(req.server.ctx, opts);
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', 'attachment; filename="danh-muc-tthc.xlsx"')
          .send(buf);
      }
      return reply.header('content-disposition', 'attachment; filename="danh-muc-tthc.json"').send(await exportNationalJson(req.server.ctx, opts));
    },
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/admin/publication-figures',
    summary:
      'Indicators 1.1 (published on time), 1.2 (disclosed within 5 working days) and 1.3 (all parts filled), per procedure and in total (controller, monitor)',
    tags: TAG,
    query: z.object({ from: date, to: date, unitId: z.string().optional() }),
    response: publicationFiguresAnswer,
    handler: async ({ req, query }) => {
      await provinceLevelOfficer(req, ['controller', 'monitor', 'admin']);
      return publicationFigures(req.server.ctx, query);
    },
  });
}
