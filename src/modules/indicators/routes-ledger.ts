/** API of the breach alerts, points at stake, forecast, overdue-cause ledger and reconciliation (issue 12 items 3-4). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { api } from '../../platform/http/api';
import { requireOfficer, type Actor } from '../../platform/auth';
import { t, type Lang } from '../../platform/i18n';
import { alertsOf, runBreachAlerts } from './alerts';
import { pointsAtStake } from './at-stake';
import { unitIndex } from './deps';
import { overdueLedger, reconcileUnit, type Ledger } from './ledger';
import { causeText, flagsText, ledgerPdf, ledgerWorkbook } from './ledger-export';
import { resolveUnit } from './service';
import { assertCanWatch, defaultWatchUnit } from './scope';
import { currentMonthKey } from './model/period';
import type { Ctx } from '../../platform/context';
import { forbidden } from '../../platform/errors';
import { alertsRunAnswer, atStakeAnswer, ledgerAnswer, myStakeAnswer, reconciliationAnswer } from './schemas';

export const LEDGER_WATCHERS = ['monitor', 'leader', 'admin'] as const;

const unitQ = z.string().min(1).optional().describe('unit id or code; default: the first unit the officer watches');
const periodQ = z.string().optional().describe('YYYY-MM | YYYY-Qn | YYYY; default: the current month');

/** The at-stake view for a unit the actor watches (API and page). */
export async function stakeFor(ctx: Ctx, actor: Actor, q: { unit?: string; hours?: number; officer?: string }) {
  const idx = await unitIndex(ctx);
  const unit = q.unit ? resolveUnit(idx, q.unit) : defaultWatchUnit(actor, idx);
  if (!unit) throw forbidden();
  assertCanWatch(actor, idx, unit);
  const r = await pointsAtStake(ctx, { unit: unit.id, hours: q.hours, officer: q.officer, idx });
  const sent = await alertsOf(
    ctx,
    r.dossiers.map((d) => d.dossierId),
  );
  return {
    ...r,
    dossiers: r.dossiers.map((d) => ({
      ...d,
      alerted: (sent.get(d.dossierId) ?? [])
        .filter((a) => a.hours === r.hours)
        .map((a) => ({ officerId: a.officerId, role: a.role, notifiedAt: a.notifiedAt.toISOString() })),
    })),
  };
}

export function presentLedger(lang: Lang, l: Ledger) {
  return {
    unit: l.unit,
    period: l.period.key,
    asOf: l.period.asOf.toISOString(),
    counts: l.counts,
    truncated: l.truncated,
    syncUnknown: l.syncUnknown,
    rows: l.rows.map((r) => ({
      dossierId: r.dossierId,
      code: r.code,
      unitId: r.unitId,
      unitName: r.unitName,
      procedureCode: r.procedureCode,
      receivedAt: r.receivedAt.toISOString(),
      dueAt: r.dueAt ? r.dueAt.toISOString() : null,
      finishedAt: r.finishedAt ? r.finishedAt.toISOString() : null,
      late: r.late,
      unsynced: r.unsynced,
      flags: flagsText(lang, r),
      attribution: r.attribution,
      causes: r.causes.map((c) => ({ kind: c.kind, reason: c.reason, evidence: c.evidence, differences: c.differences, text: causeText(lang, c) })),
    })),
  };
}

export function ledgerRoutes(app: FastifyInstance) {
  const ctx = app.ctx;
  const stakeQuery = z.object({
    unit: unitQ,
    hours: z.coerce.number().gt(0).max(400).optional(),
    officer: z.string().min(1).optional().describe('only the dossiers this officer holds'),
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/indicators/at-stake',
    summary:
      "Open dossiers that will go late within N working hours (default: option alertHours, 8), the points each would cost this month, who holds them, sums per officer and unit, and the end-of-month forecast at today's pace (with what it assumes)",
    tags: ['indicators'],
    query: stakeQuery,
    response: atStakeAnswer,
    handler: async ({ req, query }) => {
      const r = await stakeFor(ctx, requireOfficer(req, [...LEDGER_WATCHERS]), query);
      return {
        unit: { id: r.unit.id, name: r.unit.name },
        method: r.method,
        period: r.period,
        hours: r.hours,
        horizon: r.horizon.toISOString(),
        total: r.total,
        dossiers: r.dossiers,
        byOfficer: r.byOfficer,
        byUnit: r.byUnit,
        forecast: r.forecast,
      };
    },
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/indicators/at-stake/mine',
    summary: 'The dossiers the calling officer holds that will go late within N working hours, with the points each would cost',
    tags: ['indicators'],
    query: z.object({ hours: z.coerce.number().gt(0).max(400).optional() }),
    response: myStakeAnswer,
    handler: async ({ req, query }) => {
      const actor = requireOfficer(req);
      const r = await pointsAtStake(ctx, { hours: query.hours, officer: actor.id });
      return {
        officer: { id: actor.id, name: actor.name },
        method: r.method,
        period: r.period,
        hours: r.hours,
        horizon: r.horizon.toISOString(),
        total: r.total,
        dossiers: r.dossiers,
      };
    },
  });

  api(app, {
    method: 'POST',
    url: '/api/v1/indicators/alerts/run',
    summary:
      "Tells the holder and the unit's leaders of every dossier about to go late (inbox, email), once per dossier, window and officer (also run by scripts/breach-alerts.ts)",
    tags: ['indicators'],
    body: z.object({ hours: z.number().int().gt(0).max(400).optional() }).default({}),
    response: alertsRunAnswer,
    handler: async ({ req, body }) => {
      requireOfficer(req, ['admin', 'monitor']);
      const r = await runBreachAlerts(ctx, { hours: body.hours });
      return {
        hours: r.hours,
        sent: r.sent,
        alreadySent: r.alreadySent,
        message: t(req.lang, 'indicators.alerts.ran', { sent: r.sent.length, already: r.alreadySent }),
      };
    },
  });

  const ledgerQuery = z.object({ unit: unitQ, period: periodQ });
  const ledgerOf = async (req: FastifyRequest, q: { unit?: string; period?: string }) => {
    const actor = requireOfficer(req, [...LEDGER_WATCHERS]);
    const unit = q.unit ?? defaultWatchUnit(actor, await unitIndex(ctx))?.id;
    return overdueLedger(ctx, actor, { unit, period: q.period ?? currentMonthKey(ctx.clock.now()) });
  };

  api(app, {
    method: 'GET',
    url: '/api/v1/indicators/ledger',
    summary:
      "Overdue-cause ledger: every late or unsynced dossier of the unit and period with its causes (officer's step, clock paused wrongly, sync failure, portal record differs) and the evidence",
    tags: ['indicators'],
    query: ledgerQuery,
    response: ledgerAnswer,
    handler: async ({ req, query }) => presentLedger(req.lang, await ledgerOf(req, query)),
  });

  api(app, {
    method: 'GET',
    url: '/api/v1/indicators/ledger/export',
    summary: "The ledger's evidence as an Excel workbook or a PDF (to contest a ranking)",
    tags: ['indicators'],
    query: ledgerQuery.extend({ format: z.enum(['xlsx', 'pdf']).default('xlsx') }),
    produces: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    handler: async ({ req, reply, query }) => {
      const l = await ledgerOf(req, query);
      const now = ctx.clock.now();
      const name = `so-nguyen-nhan-qua-han-${l.period.key}`;
      if (query.format === 'pdf') {
        const idx = await unitIndex(ctx);
        const agency = idx.byId.get(l.unit.id)?.name ?? l.unit.name;
        reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}.pdf"`);
        return reply.send(await ledgerPdf(req.lang, l, now, agency));
      }
      reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', `attachment; filename="${name}.xlsx"`);
      return reply.send(await ledgerWorkbook(req.lang, l, now));
    },
  });

  api(app, {
    method: 'POST',
    url: '/api/v1/indicators/reconciliation',
    summary:
      "Compares every dossier of the unit and period with the national portal's record, resends what differs, re-checks, and lists what a resend could not repair",
    tags: ['indicators'],
    body: z.object({ unit: unitQ, period: periodQ }),
    response: reconciliationAnswer,
    handler: async ({ req, body }) => {
      const actor = requireOfficer(req, [...LEDGER_WATCHERS]);
      const unit = body.unit ?? defaultWatchUnit(actor, await unitIndex(ctx))?.id;
      const r = await reconcileUnit(ctx, actor, { unit, period: body.period ?? currentMonthKey(ctx.clock.now()) });
      return {
        ...r,
        message: t(req.lang, 'indicators.ledger.reconciled', {
          checked: r.checked,
          agreeing: r.agreeing,
          repaired: r.repaired.length,
          remaining: r.remaining.length,
        }),
      };
    },
  });
}
