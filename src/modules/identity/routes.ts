import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { api } from '../../platform/http/api';
import { requireOfficer, ROLES } from '../../platform/auth';
import { listOfficersFor } from './service';

const Me = z.object({
  actor: z
    .object({
      kind: z.enum(['citizen', 'officer']),
      id: z.string(),
      name: z.string(),
      personalId: z.string().optional(),
      orgTaxCode: z.string().optional(),
      roles: z.array(z.object({ role: z.string(), unitId: z.string() })),
    })
    .nullable(),
  csrfToken: z.string().describe('Send it as the x-csrf-token header on POST, PUT, PATCH and DELETE calls made with the session cookie'),
});

const OfficerSummary = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  disabled: z.boolean(),
  lockedOut: z.boolean().describe('locked after too many failed logins, until the lock expires'),
  roles: z.array(z.object({ role: z.enum(ROLES), unitId: z.string() })),
});

export function identityRoutes(app: FastifyInstance) {
  api(app, {
    method: 'GET',
    url: '/api/v1/me',
    summary: 'Who is logged in (null when anonymous) and the CSRF token of the session',
    tags: ['identity'],
    response: Me,
    handler: async ({ req }) => {
      const a = req.actor;
      return {
        actor: a ? { kind: a.kind, id: a.id, name: a.name, personalId: a.personalId, orgTaxCode: a.orgTaxCode, roles: a.roles } : null,
        csrfToken: req.csrfToken,
      };
    },
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/officers',
    summary: 'Officer accounts with their roles at units (administrators; only the accounts whose every grant lies in the units their admin role covers)',
    tags: ['identity'],
    response: z.array(OfficerSummary),
    handler: async ({ req }) => {
      const admin = requireOfficer(req, ['admin']);
      const now = app.ctx.clock.now().getTime();
      return (await listOfficersFor(app.ctx, admin)).map((o) => ({
        id: o.id,
        username: o.username,
        name: o.name,
        disabled: o.disabled,
        lockedOut: !!o.lockedUntil && o.lockedUntil.getTime() > now,
        roles: o.roles,
      }));
    },
  });
}
