import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { api } from '../../platform/http/api';
import { civilDate } from '../../platform/http/validate';
import { requireCitizen, requireOfficer } from '../../platform/auth';
import { t } from '../../platform/i18n';
import { confirmIdentity, prefillFor } from './service';

const personalId = z.string().regex(/^\d{12}$/);
const VerifyBody = z.object({ personalId, name: z.string().trim().min(1).max(200), birthDate: civilDate });
const VerifyAnswer = z.object({
  found: z.boolean().describe('the population database knows the personal id'),
  match: z.boolean().describe('name and birth date both match'),
  mismatches: z.array(z.enum(['name', 'birthDate'])),
  message: z.string(),
});
const PrefillAnswer = z.object({
  data: z
    .object({
      personalId: z.string(),
      name: z.string(),
      birthDate: z.string().describe('as the population database gives it (YYYY-MM-DD)'),
      gender: z.string().nullable(),
      address: z.string().nullable().describe('permanent residence'),
      phone: z.string().nullable(),
      email: z.string().nullable(),
    })
    .nullable()
    .describe('null: the citizen has no personal id or the database does not know it'),
});
const RECEPTION_ROLES = ['reception', 'digital_team', 'postal', 'specialist'] as const;

export function populationRoutes(app: FastifyInstance) {
  api(app, {
    method: 'POST',
    url: '/api/v1/population/verify',
    summary: 'Confirm an applicant identity data against the national population database (officers at reception)',
    tags: ['population'],
    body: VerifyBody,
    response: VerifyAnswer,
    handler: async ({ req, body }) => {
      const actor = requireOfficer(req, RECEPTION_ROLES);
      const a = await confirmIdentity(app.ctx, body, actor);
      const key = !a.found ? 'population.verify.not_found' : a.match ? 'population.verify.match' : 'population.verify.mismatch';
      return { ...a, message: t(req.lang, key, { fields: a.mismatches.map((m) => t(req.lang, `population.field.${m}`)).join(', ') }) };
    },
  });
  api(app, {
    method: 'GET',
    url: '/api/v1/population/prefill',
    summary: "The logged-in citizen's data from the population database, to prefill an e-form",
    tags: ['population'],
    response: PrefillAnswer,
    handler: async ({ req }) => {
      const actor = requireCitizen(req);
      return { data: actor.personalId ? await prefillFor(app.ctx, actor.personalId, actor) : null };
    },
  });
}
