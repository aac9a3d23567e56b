import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { api } from '../../platform/http/api';
import { civilDate } from '../../platform/http/validate';
import { requireActor, requireCitizen, requireOfficer } from '../../platform/auth';
import { getDossierFor } from '../dossiers/service';
import { receiptPdf } from './receipt';
import { listReconciliations, reconcileDay, requireMonitor, type MismatchKind } from './reconcile';
import { getPayment, handleCallback, paymentStatus, refreshPayment, startPayment } from './service';

/** The payment platform's answer to its callback (service.ts CallbackAnswer). */
const callbackAnswer = z.object({ MaLoi: z.string(), MoTaLoi: z.string(), MaDoiTac: z.string(), MaThamChieu: z.string(), TrangThaiGD: z.string() });
const feeLine = z.object({
  key: z.string(),
  name: z.string(),
  kind: z.enum(['fee', 'charge']),
  baseAmount: z.number(),
  quantity: z.number().describe('units charged (1 unless per unit)'),
  amount: z.number(),
  exempt: z.boolean(),
});
const paymentView = z.object({
  id: z.string(),
  dossierId: z.string(),
  dossierCode: z.string(),
  orderRef: z.string().describe('MaThamChieu'),
  amount: z.number(),
  currency: z.string(),
  feeLines: z.array(feeLine),
  state: z.enum(['pending', 'paid', 'failed', 'cancelled']),
  payUrl: z.string().nullable().describe('UrlThanhToan: send the payer there while pending'),
  transactionId: z.string().nullable().describe('MaGiaoDich'),
  paidAt: z.string().nullable(),
  createdAt: z.string(),
});
const paymentStatusView = z.object({
  dossierId: z.string(),
  state: z
    .enum(['none', 'pending', 'paid', 'failed', 'cancelled'])
    .describe('paid once any payment is paid; otherwise the latest attempt’s state; none without payments'),
  amountPaid: z.number().describe('đồng, all paid payments'),
  paidAt: z.string().nullable().describe('ISO instant of the first paid payment'),
  payments: z.array(paymentView).describe('oldest first'),
});
const MISMATCH_KINDS = [
  'paid_there_not_here',
  'paid_here_not_there',
  'amount',
  'transaction_id',
  'second_transaction',
] as const satisfies readonly MismatchKind[];
const reconciliationView = z.object({
  id: z.string(),
  day: z.string().describe('Vietnam calendar day reconciled, YYYY-MM-DD'),
  ranAt: z.string().describe('ISO instant'),
  ours: z.number().int().describe('our paid payments of the day'),
  theirs: z.number().int().describe('paid transactions in the platform’s list'),
  matched: z.number().int(),
  items: z
    .array(
      z.object({
        kind: z.enum(MISMATCH_KINDS),
        orderRef: z.string().describe('MaThamChieu'),
        paymentId: z.string().nullable(),
        ours: z.unknown().describe('our side: { state, amount, transactionId }, or null'),
        theirs: z.unknown().describe('the platform’s transaction as listed (or the second transaction recorded), or null'),
      }),
    )
    .describe('flagged mismatches'),
});
const idParams = z.object({ id: z.string().min(1).max(100) });

export function paymentsRoutes(app: FastifyInstance) {
  api(app, {
    method: 'POST',
    url: '/api/v1/dossiers/:id/payments',
    summary: "The applicant starts paying the dossier's fees online (or resumes a recent attempt); answers the gateway URL to send the payer to",
    tags: ['payments'],
    params: idParams,
    body: z.object({ feeKeys: z.array(z.string().min(1).max(100)).max(50).optional().describe('fee lines that apply (default: all of the procedure)') }),
    response: paymentView,
    status: 201,
    handler: async ({ req, params, body }) => startPayment(req.server.ctx, requireCitizen(req), params.id, { feeKeys: body.feeKeys, ip: req.ip }),
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/dossiers/:id/payments',
    summary: 'Payment status of a dossier (applicant or officers who may see the dossier)',
    tags: ['payments'],
    params: idParams,
    response: paymentStatusView,
    handler: async ({ req, params }) => {
      await getDossierFor(req.server.ctx, requireActor(req), params.id);
      return paymentStatus(req.server.ctx, params.id);
    },
  });

  api(app, {
    method: 'POST',
    url: '/api/v1/payments/callback',
    summary: "The payment platform's signed callback (MaXacThuc); idempotent",
    tags: ['payments'],
    body: z.record(z.string(), z.unknown()),
    // The platform's protocol answers every outcome, refusals included, with MaLoi and MoTaLoi.
    response: callbackAnswer,
    refusal: callbackAnswer,
    handler: async ({ req, reply, body }) => {
      const r = await handleCallback(req.server.ctx, body);
      if (r.outcome === 'refused') req.log.warn({ reason: r.reason, ref: body.MaThamChieu, ip: req.ip }, 'payment callback refused');
      reply.code(r.outcome === 'refused' ? (r.reason === 'unknown_order' ? 404 : 400) : 200);
      return r.answer;
    },
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/payments/:id',
    summary: 'One payment (its payer or officers who may see the dossier)',
    tags: ['payments'],
    params: idParams,
    response: paymentView,
    handler: async ({ req, params }) => getPayment(req.server.ctx, requireActor(req), params.id),
  });

  api(app, {
    method: 'POST',
    url: '/api/v1/payments/:id/query',
    summary: 'Ask the payment platform about a payment (QUERY) and record the answer',
    tags: ['payments'],
    params: idParams,
    response: paymentView,
    handler: async ({ req, params }) => refreshPayment(req.server.ctx, requireActor(req), params.id),
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/payments/:id/receipt.pdf',
    summary: 'The electronic receipt (biên lai điện tử) of a paid payment, PDF',
    tags: ['payments'],
    params: idParams,
    produces: 'application/pdf',
    handler: async ({ req, reply, params }) => {
      const pdf = await receiptPdf(req.server.ctx, requireActor(req), params.id);
      return reply.type('application/pdf').header('content-disposition', `inline; filename="bien-lai-${params.id}.pdf"`).send(pdf);
    },
  });

  api(app, {
    method: 'POST',
    url: '/api/v1/payments/reconciliations',
    summary: "Reconcile a day's payments with the payment platform's list (monitors); flags mismatches",
    tags: ['payments'],
    body: z.object({ day: civilDate }),
    status: 201,
    response: reconciliationView,
    handler: async ({ req, body }) => {
      const actor = requireOfficer(req);
      await requireMonitor(req.server.ctx, actor);
      return reconcileDay(req.server.ctx, body.day, { kind: 'officer', id: actor.id });
    },
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/payments/reconciliations',
    summary: 'Recent reconciliations and their flagged mismatches (monitors)',
    tags: ['payments'],
    query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(30), mismatches: z.enum(['true', 'false']).optional() }),
    response: z.object({ reconciliations: z.array(reconciliationView).describe('newest first') }),
    handler: async ({ req, query }) => {
      await requireMonitor(req.server.ctx, requireOfficer(req));
      return { reconciliations: await listReconciliations(req.server.ctx, { limit: query.limit, onlyMismatches: query.mismatches === 'true' }) };
    },
  });
}
