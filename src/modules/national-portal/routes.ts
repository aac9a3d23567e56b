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

const instant = z.string().describe('ISO instant');
const Ok = z.object({ ok: z.literal(true) });
const InboundPaymentSchema = z
  .object({ paid: z.boolean(), amount: z.number().describe('đồng'), transactionId: z.string().nullable(), paidAt: z.string().nullable() })
  .describe('what the portal said of the payment made there');
const IntakeResultSchema = z.object({
  outcome: z.enum(['received', 'duplicate', 'refused']),
  portalCode: z.string().nullable().describe('MaHoSo on the portal (null when unreadable)'),
  dossierId: z.string().optional().describe('received and duplicate only'),
  code: z.string().optional().describe('our dossier code; received and duplicate only'),
  key: z.string().optional().describe('message key of the refusal; refused only'),
  message: z.string().describe('in Vietnamese, as told to the portal'),
});
const PortalPaymentOutcomeSchema = z
  .object({
    outcome: z.enum(['paid', 'duplicate', 'amount_mismatch', 'nothing_owed', 'transaction_elsewhere', 'dossier_not_found']),
    paymentId: z.string().optional(),
    owed: z.number().optional().describe('đồng'),
    amount: z.number().optional().describe('đồng'),
    feeWait: z.enum(['confirmed', 'not_waiting', 'already_confirmed', 'not_found']).optional().describe('what became of the dossier’s fee wait'),
  })
  .describe('how the payment was applied to the dossier');
const RecordReportSchema = z.object({
  offered: z.number().int(),
  received: z.number().int(),
  duplicates: z.number().int(),
  refused: z.number().int(),
  failed: z.array(z.object({ code: z.string(), error: z.string() })),
  results: z.array(
    z.object({
      kind: z.enum(['payment', 'supplement']),
      outcome: z.enum(['received', 'duplicate', 'refused']),
      code: z.string().nullable().describe('the portal’s code of the record (MaGiaoDich, MaBoSung) when readable'),
      portalCode: z.string().nullable(),
      dossierId: z.string().nullable(),
      message: z.string(),
      payment: PortalPaymentOutcomeSchema.nullable().optional(),
    }),
  ),
});
const PullReportSchema = z.object({
  offered: z.number().int(),
  received: z.number().int(),
  duplicates: z.number().int(),
  refused: z.number().int(),
  failed: z.array(z.object({ portalCode: z.string(), error: z.string() })).describe('left for the next pull, with the reason'),
  results: z.array(IntakeResultSchema),
  payments: RecordReportSchema.describe('payment records handed over in the same pull'),
  supplements: RecordReportSchema.describe('supplement answers handed over in the same pull'),
});
const InboundRowSchema = z.object({
  portalCode: z.string(),
  state: z.enum(['received', 'refused']),
  dossierId: z.string().nullable(),
  procedureCode: z.string().nullable(),
  reason: z.string().nullable().describe('why it was refused'),
  payment: InboundPaymentSchema.nullable(),
  deliveries: z.number().int().describe('times the portal offered it'),
  firstSeenAt: instant,
  acknowledgedAt: instant.nullable(),
});
const BillSchema = z.object({
  billCode: z.string(),
  dossierId: z.string(),
  portalCode: z.string(),
  amount: z.number().describe('đồng'),
  dueAt: instant,
  state: z.enum(['pending', 'sent', 'paid']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  sentAt: instant.nullable(),
  paidTransaction: z.string().nullable(),
  paidAt: instant.nullable(),
});
const SyncStatusSchema = z.object({
  dossiers: z.object({ synced: z.number().int(), withResult: z.number().int(), linked: z.number().int(), failing: z.number().int() }),
  outbox: z.object({ pending: z.number().int(), delivered: z.number().int(), failed: z.number().int(), oldestPendingAt: instant.nullable() }),
  failing: z
    .array(
      z.object({
        dossierId: z.string(),
        code: z.string(),
        lastError: z.string().nullable(),
        lastErrorAt: instant.nullable(),
        failures: z.number().int(),
        lastSyncedStatus: z.number().int().nullable(),
      }),
    )
    .describe('dossiers whose last push failed and is being retried, with the portal’s reason'),
  failed: z
    .array(z.object({ messageId: z.string(), dossierId: z.string(), attempts: z.number().int(), lastError: z.string().nullable(), createdAt: instant }))
    .describe('events that ran out of attempts: fix the cause, then retry them'),
});

export function nationalPortalRoutes(app: FastifyInstance) {
  api(app, {
    method: 'POST',
    url: '/api/v1/national-portal/inbound/pull',
    summary: 'Pulls now the dossiers citizens submitted on the National Public Service Portal (monitors, admin); each arrives once',
    tags: ['national-portal'],
    response: PullReportSchema,
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
    response: z.object({ dossiers: z.array(InboundRowSchema) }),
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
    response: z.object({ bills: z.array(BillSchema).describe('oldest first') }),
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
    response: SyncStatusSchema,
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
    response: Ok,
    handler: async ({ req, params }) => {
      await requireProvinceRole(app.ctx, requireOfficer(req, ['admin']), ['admin']);
      if (!(await retryFailed(app.ctx, params.id))) throw notFound('national_portal.not_failed');
      return { ok: true };
    },
  });
}
