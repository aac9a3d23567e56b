/**
 * Reconciliation with the national portal (issue 12 item 4): for each dossier, ask the portal
 * what it holds (TraCuuHoSo), compare the status and the dates the index is computed from with
 * our record, resend the record (DongBoHoSoMC) where they differ or the portal has none, ask
 * again, and keep what still differs with the portal's answer (np_reconciliation). A resend
 * repairs anything the portal lets us overwrite; what it refuses (a record it has closed, a
 * payload it rejects) or what it keeps differently after the resend is listed for a person.
 */
import { sql } from 'kysely';
import type { Ctx } from '../../platform/context';
import { getDossier } from '../dossiers/service';
import { callService } from './adapter';
import { currentPayload } from './service';

/** The fields the national index reads from the portal's copy (TDGQ and the MDSH rows). */
export const COMPARED_FIELDS = ['TrangThaiHoSo', 'NgayTiepNhan', 'NgayHenTra', 'NgayKetThucXuLy', 'NgayTra', 'SoGiayToKetQua'] as const;

export interface Difference {
  field: string;
  ours: string | null;
  portal: string | null;
}

/** A dossier record as the portal's TraCuuHoSo returns it (and as we send it). */
type PortalRecord = Record<string, unknown> & { DanhSachGiayToKetQua?: unknown[] };

const norm = (v: unknown): string | null => (v === undefined || v === null || v === '' ? null : String(v));
const fieldOf = (rec: PortalRecord, f: string) => (f === 'SoGiayToKetQua' ? String((rec.DanhSachGiayToKetQua ?? []).length) : norm(rec[f]));

/** What differs between our record and the portal's (pure). */
export function compareRecords(ours: PortalRecord, portal: PortalRecord): Difference[] {
  const out: Difference[] = [];
  for (const f of COMPARED_FIELDS) {
    const a = fieldOf(ours, f);
    const b = fieldOf(portal, f);
    if (a !== b) out.push({ field: f, ours: a, portal: b });
  }
  return out;
}

export interface ReconcileOutcome {
  dossierId: string;
  code: string;
  missing: boolean;
  differences: Difference[];
  /** The resend made the portal agree. */
  repaired: boolean;
  /** What still differs after the resend (or all of it when the resend failed). */
  remaining: Difference[];
  error: string | null;
}

async function portalRecord(ctx: Ctx, code: string): Promise<PortalRecord | null> {
  return (await callService(ctx.config.nationalPortal, 'TraCuuHoSo', { mahoso: code })).result ?? null;
}

async function reconcileOne(ctx: Ctx, dossierId: string): Promise<ReconcileOutcome | null> {
  const d = await getDossier(ctx, dossierId);
  if (!d || !d.received_at) return null;
  const now = ctx.clock.now();
  const base = { dossierId: d.id, code: d.code };
  let out: ReconcileOutcome;
  try {
    const { payload, status } = await currentPayload(ctx, d);
    const before = await portalRecord(ctx, d.code);
    const differences = before ? compareRecords(payload, before) : [];
    if (before && differences.length === 0) out = { ...base, missing: false, differences, repaired: false, remaining: [], error: null };
    else {
      let error: string | null = null;
      let remaining = differences;
      try {
        await callService(ctx.config.nationalPortal, 'DongBoHoSoMC', { isUpdating: before ? 'True' : 'False', data: [payload] });
        const after = await portalRecord(ctx, d.code);
        remaining = after ? compareRecords(payload, after) : COMPARED_FIELDS.map((f) => ({ field: f, ours: fieldOf(payload, f), portal: null }));
        if (remaining.length === 0) await markSynced(ctx, d.id, d.code, status, (payload.DanhSachGiayToKetQua as unknown[]).length > 0);
      } catch (e) {
        error = String((e as Error).message ?? e).slice(0, 1000);
      }
      out = { ...base, missing: !before, differences, repaired: !error && remaining.length === 0, remaining: error ? differences : remaining, error };
    }
  } catch (e) {
    // The portal could not be asked at all: nothing is known of its copy.
    out = { ...base, missing: false, differences: [], repaired: false, remaining: [], error: String((e as Error).message ?? e).slice(0, 1000) };
  }
  const row = {
    code: d.code,
    checked_at: now,
    missing: out.missing,
    differences: JSON.stringify(out.repaired ? out.differences : out.remaining.length ? out.remaining : out.differences),
    repaired: out.repaired,
    resent_at: out.differences.length || out.missing ? now : null,
    error: out.error,
  };
  await ctx.db
    .insertInto('np_reconciliation')
    .values({ dossier_id: d.id, ...row })
    .onConflict((oc) => oc.column('dossier_id').doUpdateSet(row))
    .execute();
  return out;
}

/** The resend put our current status on the portal: the sync state says so. */
async function markSynced(ctx: Ctx, dossierId: string, code: string, status: number, hasResult: boolean) {
  const now = ctx.clock.now();
  await ctx.db
    .insertInto('np_dossier_sync')
    .values({
      dossier_id: dossierId,
      code,
      last_status: status,
      result_synced: hasResult,
      first_synced_at: now,
      last_synced_at: now,
      last_error: null,
      last_error_at: null,
    })
    .onConflict((oc) =>
      oc.column('dossier_id').doUpdateSet({
        last_status: status,
        result_synced: hasResult,
        first_synced_at: sql<Date>`coalesce(np_dossier_sync.first_synced_at, ${now})`,
        last_synced_at: now,
        last_error: null,
        last_error_at: null,
      }),
    )
    .execute();
}

/** Reconciles the dossiers one by one (the portal is rate-limited); unknown or unreceived dossiers are skipped. */
export async function reconcileDossiers(ctx: Ctx, dossierIds: string[]): Promise<ReconcileOutcome[]> {
  const out: ReconcileOutcome[] = [];
  for (const id of dossierIds) {
    const r = await reconcileOne(ctx, id);
    if (r) out.push(r);
  }
  return out;
}

export interface ReconciliationFact {
  dossierId: string;
  checkedAt: Date;
  missing: boolean;
  differences: Difference[];
  repaired: boolean;
  error: string | null;
}

/** The last reconciliation of each dossier (for the overdue-cause ledger). */
export async function reconciliationFacts(ctx: Ctx, dossierIds: string[]): Promise<ReconciliationFact[]> {
  if (dossierIds.length === 0) return [];
  const rows = await ctx.db.selectFrom('np_reconciliation').selectAll().where('dossier_id', 'in', dossierIds).execute();
  return rows.map((r) => ({
    dossierId: r.dossier_id,
    checkedAt: r.checked_at,
    missing: r.missing,
    differences: typeof r.differences === 'string' ? JSON.parse(r.differences) : r.differences,
    repaired: r.repaired,
    error: r.error,
  }));
}
