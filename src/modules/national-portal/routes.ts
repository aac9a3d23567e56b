import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { api } from '../../platform/http/api';
import { requireOfficer } from '../../platform/auth';
import { requireProvinceRole } from '../identity/service';
import { AppError, notFound } from '../../platform/errors';
import { retryFailed, syncStatus } from './service';
import { listInbound, pullOnce } from './intake';
import { canSeeDossier, getDossier } from '../dossiers/service';
import { billsOf } from './bills';

export function nationalPortalRoutes(app: FastifyInstance) {
  api(app, {
    method: 'POST',
    url: '/api/v1/national-portal/inbound/pull',
    summary: 'Pulls now the dossiers citizens submitted on the National Public Service Portal (monitors, admin); each arrives once',
    tags: ['national-portal'],
    handler: async ({ req }) => {
      requireOfficer(req, ['monitor', 'admin']);
      try {
        return await pullOnce(app.ctx);
      } catch (err) {
        throw new AppError(502, 'national_portal.inbound.pull_failed', { reason: String((err as Error).message ?? err) });
      }
    },
  });
  api(app, {
    method: 'GET',
    url: '/api/v1/national-portal/inbound',
    summary: 'Dossiers received from (or refused to) the National Public Service Portal, newest first (monitors, admin)',
    tags: ['national-portal'],
    handler: async ({ req }) => {
      requireOfficer(req, ['monitor', 'admin']);
      return { dossiers: await listInbound(app.ctx) };
    },
  });
  api(app, {
    method: 'GET',
    url: '/api/v1/national-portal/dossiers/:id/bills',
    summary:
      "The bills sent to the national portal's payment platform for a dossier's fee requests, and whether they are paid (officers who may see the dossier)",
    tags: ['national-portal'],
    params: z.object({ id: z.string().min(1).max(100) }),
    handler: async ({ req, params }) => {
      const actor = requireOfficer(req);
      const d = await getDossier(app.ctx, params.id);
      if (!d || !(await canSeeDossier(app.ctx, actor, d))) throw notFound('national_portal.bill.dossier_not_found');
      return { bills: await billsOf(app.ctx, d.id) };
    },
  });
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
