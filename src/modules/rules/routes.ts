import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { api } from '../../platform/http/api';
import { badRequest } from '../../platform/errors';
import { t } from '../../platform/i18n';
import { assertRuleSets, civilDate, isCivilDate, lawOfTheDay, type CivilDate } from './service';

const RuleValueSchema: z.ZodType = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string()), z.record(z.string(), RuleValueSchema)]),
);
const LawResponse = z.object({
  at: z.string(),
  ruleSets: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      legalBasis: z.array(z.string()),
      validFrom: z.string(),
      validTo: z.string().nullable(),
      rules: z.array(z.object({ key: z.string(), value: RuleValueSchema, clause: z.string() })),
    }),
  ),
  forms: z.array(z.object({ number: z.string(), title: z.string(), legalBasis: z.string() })),
});

/** The date asked for (today in Vietnam when absent); a bad one is a 400 naming the field. */
export function dateParam(req: FastifyRequest, value: string | undefined, field: string): CivilDate {
  if (value == null || value === '') return civilDate(req.server.ctx.clock.now());
  if (!isCivilDate(value)) {
    const key = field === 'at' ? 'rules.at_invalid' : 'rules.ngay_invalid';
    throw badRequest(key, undefined, [{ field, message: t(req.lang, key) }]);
  }
  return value;
}

export function rulesRoutes(app: FastifyInstance) {
  assertRuleSets();
  api(app, {
    method: 'GET',
    url: '/api/v1/rules',
    summary: 'The rule sets (one-stop decree, forms, paper channel, online levels) and forms in force on a date (Vietnam time; today when absent)',
    tags: ['rules'],
    query: z.object({ at: z.string().max(20).optional().describe('YYYY-MM-DD') }),
    response: LawResponse,
    handler: async ({ req, query }) => lawOfTheDay(dateParam(req, query.at, 'at')),
  });
}
