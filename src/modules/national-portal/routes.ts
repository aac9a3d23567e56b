import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { api } from '../../platform/http/api';
import { requireOfficer } from '../../platform/auth';
import { requireProvinceRole } from '../identity/service';
import { notFound } from '../../platform/errors';
import { registerNationalPortalHandlers, retryFailed, syncStatus } from './service';

export function nationalPortalRoutes(app: FastifyInstance) {
  registerNationalPortalHandlers();
  api(app, {
    method: 'GET',
    url: '/api/v1/national-portal/status',
    summary: 'Sync to the National Public Service Portal: what has not synced and why (monitors)',
    tags: ['national-portal'],
    handler: async ({ req }) => {
      await requireProvinceRole(app.ctx, requireOfficer(req, ['monitor', 'admin']), ['monitor', 'admin']);
      return syncStatus(app.ctx);
    },
  });
  api(app, {
    method: 'POST',
    url: '/api/v1/national-portal/failed/:id/retry',
    summary: 'Tries a failed sync message again (admin), after its cause is fixed',
    tags: ['national-portal'],
    params: z.object({ id: z.string().min(1).max(200) }),
    handler: async ({ req, params }) => {
      await requireProvinceRole(app.ctx, requireOfficer(req, ['admin']), ['admin']);
      if (!(await retryFailed(app.ctx, params.id))) throw notFound('national_portal.not_failed');
      return { ok: true };
    },
  });
}
