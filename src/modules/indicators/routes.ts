import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { api } from '../../platform/http/api';
import { civilDate, yearMonth } from '../../platform/http/validate';
import { requireOfficer } from '../../platform/auth';
import { watchedUnit, WATCHERS } from './access';
import { requireProvinceRole } from './deps';
import { saveSetting } from './config';
import { unitIndex } from './deps';
import { defaultConfig, INDICATORS } from './model/defaults';
import { presentIndex, presentMethod } from './present';
import { METHODS, READING_2022_ID } from './model/methods';
import { scoreFigures } from './scoring';
import { ledgerRoutes } from './routes-ledger';
import { civilDateVN } from '../../platform/calendar/types';
import { costRecords } from './records';
import { channelFigures, computeIndex, loadIndexConfig, provinceOf, rankings } from './service';
import { quarterlyStatistics, targetProgress } from './targets';
import { quarterlyWorkbook, quarterlyPdf } from './export';
import { snapshot } from './snapshot';
import { costText, groupName, indicatorName, reasonText } from './labels';
import { methodSchema, methodsAnswer, okAnswer, quarterlyAnswer, rankingsAnswer, recordsAnswer, settingsAnswer, targetsAnswer } from './schemas';

export { WATCHERS } from './access';

const periodQ = z.string().describe('YYYY-MM | YYYY-Qn | YYYY; the current period is measured to date');
const indicatorSchema = z.object({
  key: z.string(),
  code: z.string(),
  name: z.string(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  value: z.number().nullable().describe('ratio 0..1 (2.2: days); null = no data'),
  points: z.number().nullable(),
  maxPoints: z.number(),
  noData: z.string().optional(),
});
const indexSchema = z.object({
  method: methodSchema.describe('the rule set the points follow (GET /api/v1/indicators/methods)'),
  unit: z.object({ id: z.string(), code: z.string().nullable(), name: z.string() }),
  period: z.string(),
  asOf: z.string(),
  total: z.number(),
  band: z.string().nullable(),
  groups: z.array(z.object({ key: z.string(), name: z.string(), points: z.number(), maxPoints: z.number(), indicators: z.array(indicatorSchema) })),
});

export function indicatorsRoutes(app: FastifyInstance) {
  ledgerRoutes(app);
  api(app, {
    method: 'GET',
    url: '/api/v1/indicators/channels',
    summary:
      'Dossiers received by submission channel: the citizen’s own online submission (self-service), assisted submission (a helper with the citizen’s consent), in person, by post. 3.3 counts assisted dossiers as online (national method, KenhThucHien = 2); here they count as assisted, never as self-service.',
    tags: ['indicators'],
    query: z.object({ unit: z.string().min(1).optional().describe('unit id or code; the province by default'), period: periodQ }),
    response: z.object({
      unitId: z.string(),
      period: z.string(),
      received: z.number(),
      selfService: z.number(),
      assisted: z.number(),
      inPerson: z.number(),
      post: z.number(),
      selfServiceShare: z.number().nullable(),
      assistedShare: z.number().nullable(),
      assistedOfOnline: z.number().nullable(),
    }),
    handler: async ({ query }) => {
      const ctx = app.ctx;
      return channelFigures(ctx, { unitId: query.unit ?? provinceOf(await unitIndex(ctx)).id, period: query.period });
    },
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/indicators',
    summary: 'Decision 766 index of a unit (and the units below it) for a period',
    tags: ['indicators'],
    query: z.object({
      unit: z.string().min(1).optional().describe('unit id or code; the province by default'),
      period: periodQ,
      method: z.string().min(1).optional().describe('rule set id; by default the one in force on the first day of the period'),
    }),
    response: indexSchema,
    handler: async ({ req, query }) => {
      const ctx = app.ctx;
      // Public figures, the same for every reader: from the snapshot the outbox keeps current (snapshot.ts).
      const r = await snapshot(ctx, `index|${query.unit ?? ''}|${query.period}|${query.method ?? ''}`, async () =>
        computeIndex(ctx, { unitId: query.unit ?? provinceOf(await unitIndex(ctx)).id, period: query.period, method: query.method }),
      );
      return presentIndex(req.lang, r.unit, r.period, r.result);
    },
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/indicators/methods',
    summary: 'The scoring methods (rule sets) with their effective periods and every row: numerator, denominator, population, scale, empty case, scope, source',
    tags: ['indicators'],
    response: methodsAnswer,
    handler: async ({ req }) => ({
      methods: METHODS.map((m) => ({
        ...presentMethod(req.lang, m.id),
        blocks: m.blocks.map((b) => ({ ...b, name: groupName(req.lang, b.code) })),
        metrics: m.metrics.map((x) => ({
          ...x,
          name: indicatorName(req.lang, x.key2022 && m.id === READING_2022_ID ? x.key2022 : x.code),
        })),
      })),
    }),
  });

  const figureSchema = z.object({ numerator: z.number().nullable(), denominator: z.number().nullable() });
  api(app, {
    method: 'POST',
    url: '/api/v1/indicators/score',
    summary: 'Points from figures ("what if"): the same rules as the live index, rounded to two decimals as the national portal shows them (public)',
    tags: ['indicators'],
    body: z.object({
      at: civilDate.optional().describe('YYYY-MM-DD; picks the method in force (today by default)'),
      method: z.string().min(1).optional().describe('rule set id (qd766-2022, dvcqg-2026)'),
      unitKind: z.enum(['agency', 'commune', 'province']).optional().describe('echoed; scoring from given figures does not depend on it'),
      figures: z.record(z.string(), figureSchema).describe('by code of the method: {"TDGQ": {"numerator": 653, "denominator": 654}}'),
    }),
    response: z.object({
      method: z.string(),
      at: z.string(),
      unitKind: z.string().nullable(),
      metrics: z.record(z.string(), z.object({ points: z.number().nullable(), maxPoints: z.number(), value: z.number().nullable() })),
      groups: z.record(z.string(), z.object({ points: z.number(), maxPoints: z.number() })),
      total: z.number(),
    }),
    handler: async ({ req, body }) => scoreFigures(app.ctx, req.lang, body, civilDateVN(app.ctx.clock.now())),
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/indicators/:key/records',
    summary: 'Drill-down: the dossiers, procedures, units or petitions that cost an indicator points',
    tags: ['indicators'],
    params: z.object({ key: z.string() }),
    query: z.object({ unit: z.string().min(1).optional(), period: periodQ, limit: z.coerce.number().int().min(1).max(2000).optional() }),
    response: recordsAnswer,
    handler: async ({ req, params, query }) => {
      const ctx = app.ctx;
      const unit = (await watchedUnit(ctx, requireOfficer(req, WATCHERS), query.unit)).id;
      const r = await costRecords(ctx, { key: params.key, unit, period: query.period, limit: query.limit });
      return {
        key: params.key,
        name: indicatorName(req.lang, params.key),
        truncated: r.truncated,
        noData: r.noData ? reasonText(req.lang, r.noData) : undefined,
        records: r.records.map((x) => ({ ...x, reasonText: (x.reasons ?? [x.reason]).map((k) => costText(req.lang, k)).join('; ') })),
      };
    },
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/indicators/rankings',
    summary: 'Units of the same level ranked for a month, with the change since the month before',
    tags: ['indicators'],
    query: z.object({ month: yearMonth, group: z.enum(['department', 'district', 'commune']) }),
    response: rankingsAnswer,
    handler: async ({ query }) => rankings(app.ctx, { month: query.month, group: query.group }),
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/indicators/targets',
    summary: 'Progress against the plan targets of a year, units below target first',
    tags: ['indicators'],
    query: z.object({ year: z.coerce.number().int().min(2000).max(2100), period: z.string().optional(), unit: z.string().optional() }),
    response: targetsAnswer,
    handler: async ({ req, query }) => {
      const unit = await watchedUnit(app.ctx, requireOfficer(req, WATCHERS), query.unit);
      return { year: query.year, rows: await targetProgress(app.ctx, { ...query, unit: query.unit || !unit.isProvince ? unit.id : undefined }) };
    },
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/indicators/targets/quarterly',
    summary: 'Quarterly statistics of every target for a unit',
    tags: ['indicators'],
    query: z.object({ year: z.coerce.number().int().min(2000).max(2100), unit: z.string().optional() }),
    response: quarterlyAnswer,
    handler: async ({ req, query }) => {
      const unit = (await watchedUnit(app.ctx, requireOfficer(req, WATCHERS), query.unit)).id;
      const r = await quarterlyStatistics(app.ctx, { year: query.year, unit });
      return { year: query.year, unit: { id: r.unit.id, name: r.unit.name }, rows: r.rows, totals: r.indexByQuarter.map((x) => x?.total ?? null) };
    },
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/indicators/report',
    summary: 'Quarterly report of targets and indicators (xlsx or pdf)',
    tags: ['indicators'],
    query: z.object({
      year: z.coerce.number().int().min(2000).max(2100),
      quarter: z.coerce.number().int().min(1).max(4),
      unit: z.string().optional(),
      format: z.enum(['xlsx', 'pdf']).default('xlsx'),
    }),
    produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    handler: async ({ req, reply, query }) => {
      const unit = (await watchedUnit(app.ctx, requireOfficer(req, WATCHERS), query.unit)).id;
      const input = { year: query.year, quarter: query.quarter, unit, lang: req.lang };
      const name = `bao-cao-chi-so-${query.year}-Q${query.quarter}`;
      if (query.format === 'pdf') {
        const buf = await quarterlyPdf(app.ctx, input);
        reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}.pdf"`);
        return reply.send(buf);
      }
      const buf = await quarterlyWorkbook(app.ctx, input);
      reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename="${name}.xlsx"`);
      return reply.send(buf);
    },
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/indicators/settings',
    summary: 'Points, thresholds and bands in force (defaults: Decision 766)',
    tags: ['indicators'],
    response: settingsAnswer,
    handler: async ({ req }) => {
      requireOfficer(req, WATCHERS);
      const cfg = await loadIndexConfig(app.ctx);
      const def = defaultConfig();
      return {
        settings: INDICATORS.map((i) => ({ ...cfg.settings[i.key], code: i.code, group: i.group, default: def.settings[i.key] })),
        bands: cfg.bands,
        onTimeCompare: cfg.onTimeCompare,
      };
    },
  });

  api(app, {
    method: 'PUT',
    url: '/api/v1/indicators/settings/:key',
    summary: 'Change the points or threshold of an indicator (administrator)',
    tags: ['indicators'],
    params: z.object({ key: z.enum(INDICATORS.map((i) => i.key) as [string, ...string[]]) }),
    body: z.object({ maxPoints: z.number().min(0).max(100), threshold: z.number().gt(0).max(1).nullable(), enabled: z.boolean() }),
    response: okAnswer,
    handler: async ({ req, params, body }) => {
      const actor = requireOfficer(req, ['admin']);
      await requireProvinceRole(app.ctx, actor, ['admin']);
      await saveSetting(app.ctx, actor.id, { key: params.key, ...body });
      return { ok: true };
    },
  });
}
