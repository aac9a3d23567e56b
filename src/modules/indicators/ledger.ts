/**
 * The overdue-cause ledger (issue 12 item 4): every dossier of a unit and period that is late
 * (§1.4, as TDGQ counts it) or not in step with the national portal, with its causes derived
 * from its events (model/causes.ts) and the evidence; and the reconciliation job that compares
 * them with the portal's records, resends what a resend can repair and lists the rest.
 * Population: TDGQ's (received before the period's end and not closed before its start).
 */
import type { Ctx } from '../../platform/context';
import type { Actor } from '../../platform/auth';
import { appendAudit } from '../../platform/audit';
import { dossierTimeline, nationalStatusOf, portalFindings, reconcileWithPortal, syncStates, unitIndex, type UnitIndex } from './deps';
import { attributionCounts, deriveCauses, type Attribution, type Cause, type LedgerVerdict } from './model/causes';
import { spansOfRow } from './model/facts';
import { onTimeStatus } from './model/on-time';
import { loadIndexConfig } from './config';
import { periodOrThrow, provinceOf, resolveUnit } from './service';
import { listFacts, type FactRecord } from './store';
import { assertCanWatch } from './scope';
import type { Period } from './model/period';

export const LEDGER_LIMIT = 5000;

export interface LedgerRow extends LedgerVerdict {
  dossierId: string;
  code: string;
  unitId: string;
  unitName: string;
  procedureCode: string;
  procedureName: string;
  receivedAt: Date;
  dueAt: Date | null;
  finishedAt: Date | null;
  causes: Cause[];
}

export interface Ledger {
  unit: { id: string; name: string };
  period: Period;
  rows: LedgerRow[];
  counts: Record<Attribution, number> & { late: number; unsynced: number; dossiers: number };
  truncated: boolean;
  /** The national-portal module did not answer: sync causes are unknown (not "none"). */
  syncUnknown: boolean;
}

function lateOf(f: FactRecord, asOf: Date, compare: 'instant' | 'day'): boolean {
  return (
    onTimeStatus(
      { receivedAt: f.received_at, dueAt: f.due_at, finishedAt: f.finished_at, supplements: spansOfRow(f), maxProcessingMs: f.max_processing_ms },
      asOf,
      compare,
    ).status === 'late'
  );
}

async function scopeOf(ctx: Ctx, actor: Actor, input: { unit?: string; period: string }) {
  const idx = await unitIndex(ctx);
  const unit = input.unit ? resolveUnit(idx, input.unit) : provinceOf(idx);
  assertCanWatch(actor, idx, unit);
  return { idx, unit, period: periodOrThrow(ctx, input.period) };
}

export async function overdueLedger(ctx: Ctx, actor: Actor, input: { unit?: string; period: string }): Promise<Ledger> {
  const { idx, unit, period } = await scopeOf(ctx, actor, input);
  return ledgerOf(ctx, idx, unit.id, period);
}

async function ledgerOf(ctx: Ctx, idx: UnitIndex, unitId: string, period: Period): Promise<Ledger> {
  const cfg = await loadIndexConfig(ctx);
  const facts = await listFacts(ctx.db, {
    from: period.from,
    to: period.to,
    unitIds: [...idx.withDescendants(unitId)],
    population: 'handled',
    limit: LEDGER_LIMIT + 1,
  });
  const truncated = facts.length > LEDGER_LIMIT;
  const list = facts.slice(0, LEDGER_LIMIT);
  const ids = list.map((f) => f.dossier_id);
  const [sync, findings] = await Promise.all([syncStates(ctx, ids), portalFindings(ctx, ids)]);
  const rows: LedgerRow[] = [];
  for (const f of list) {
    const late = lateOf(f, period.asOf, cfg.onTimeCompare);
    const s = sync ? (sync.get(f.dossier_id) ?? null) : undefined;
    const finding = findings.get(f.dossier_id) ?? null;
    const status = nationalStatusOf(f.state);
    // Cheap pre-check on the facts alone; the timeline is read only for flagged dossiers.
    const maybe = late || finding != null || s === null || (s != null && (!s.synced || s.lastStatus !== status));
    if (!maybe) continue;
    const t = await dossierTimeline(ctx, f.dossier_id);
    if (!t) continue;
    const v = deriveCauses({
      now: period.asOf,
      receivedAt: f.received_at,
      dueAt: f.due_at,
      finishedAt: f.finished_at && f.finished_at.getTime() <= period.asOf.getTime() ? f.finished_at : null,
      status: t.status,
      late,
      steps: t.steps,
      pauses: t.pauses,
      // sync unknown (module failed): give the current status as synced so no sync cause is invented
      sync: s === undefined ? { synced: true, lastStatus: t.status, lastSyncedAt: null, lastError: null, lastErrorAt: null, failures: 0 } : s,
      finding,
    });
    if (v.causes.length === 0) continue;
    rows.push({
      dossierId: f.dossier_id,
      code: f.code,
      unitId: f.unit_id,
      unitName: idx.byId.get(f.unit_id)?.name ?? f.unit_id,
      procedureCode: f.procedure_code,
      procedureName: t.procedureName,
      receivedAt: f.received_at,
      dueAt: f.due_at,
      finishedAt: f.finished_at,
      ...v,
    });
  }
  const unit = idx.byId.get(unitId)!;
  return {
    unit: { id: unit.id, name: unit.name },
    period,
    rows,
    counts: { ...attributionCounts(rows), late: rows.filter((r) => r.late).length, unsynced: rows.filter((r) => r.unsynced).length, dossiers: rows.length },
    truncated,
    syncUnknown: sync == null,
  };
}

export interface ReconciliationRun {
  checked: number;
  agreeing: number;
  repaired: { dossierId: string; code: string; differences: { field: string; ours: string | null; portal: string | null }[]; missing: boolean }[];
  remaining: {
    dossierId: string;
    code: string;
    differences: { field: string; ours: string | null; portal: string | null }[];
    missing: boolean;
    error: string | null;
  }[];
}

/** Compares every dossier of the unit and period with the portal's record; resends and lists (audited). */
export async function reconcileUnit(ctx: Ctx, actor: Actor, input: { unit?: string; period: string }): Promise<ReconciliationRun> {
  const { idx, unit, period } = await scopeOf(ctx, actor, input);
  const facts = await listFacts(ctx.db, {
    from: period.from,
    to: period.to,
    unitIds: [...idx.withDescendants(unit.id)],
    population: 'handled',
    limit: LEDGER_LIMIT,
  });
  const out = await reconcileWithPortal(
    ctx,
    facts.map((f) => f.dossier_id),
  );
  const run: ReconciliationRun = {
    checked: out.length,
    agreeing: out.filter((o) => !o.error && !o.missing && o.differences.length === 0).length,
    repaired: out.filter((o) => o.repaired).map((o) => ({ dossierId: o.dossierId, code: o.code, differences: o.differences, missing: o.missing })),
    remaining: out
      .filter((o) => !o.repaired && (o.error || o.missing || o.differences.length > 0))
      .map((o) => ({ dossierId: o.dossierId, code: o.code, differences: o.remaining, missing: o.missing, error: o.error })),
  };
  await appendAudit(ctx.db, {
    actorKind: actor.kind,
    actorId: actor.id,
    action: 'indicators.reconciliation',
    entity: 'unit',
    entityId: unit.id,
    details: { period: period.key, checked: run.checked, repaired: run.repaired.length, remaining: run.remaining.length },
  });
  return run;
}
