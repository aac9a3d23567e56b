/**
 * The only place the indicators module binds to other modules (units, catalogue, feedback,
 * dossiers). A source that has not landed yet answers null = "no data", never a made-up number.
 */
import type { Ctx } from '../../platform/context';
import type { Role } from '../../platform/auth';
import { getDossier, listDossierPauses, listDossierSteps, NATIONAL_STATUS, repeatedSupplementRequests } from '../dossiers/service';
export { repeatedSupplementRequests };
import { getOfficer, listOfficersAt, officerNames } from '../identity/service';
import { notify } from '../notifications/service';
import type { LedgerPause, LedgerStep, LedgerSync, PortalFinding } from './model/causes';
import { civilDateVN } from '../../platform/calendar/types';
import { homeProvince, predecessorLookup, unitTree, type TreeNode } from '../units/service';
import { exportRecords, getProcedureSnapshot, getProcedureSnapshotByVersion, publicationFigures } from '../catalogue/service';
import { dossierFeedbackFacts, petitionFigures, petitionsCostingPoints, type PetitionCostRecord } from '../feedback/service';
import { reconcileDossiers, reconciliationFacts, syncFacts, type ReconcileOutcome } from '../national-portal/service';
import { dossierPaymentFacts } from '../payments/service';
import { certifiedCopyFacts, digitizationFacts, digitizationFactsMany, reuseFacts } from '../warehouse/service';
import { verificationTimes, verifiedPersonalIds } from '../population/service';
import { fold } from '../../platform/text';
import type { CatalogueFigures, CertifiedCopyFigures, FeedbackFigures } from './model/figures';

export type { TreeNode };

/** The province's name on a date ("Thành phố Cần Thơ" from 1/7/2025, "Tỉnh Hậu Giang" before), '' when unknown. */
export async function provinceOn(ctx: Ctx, at: string): Promise<string> {
  return (await homeProvince(ctx, at).catch(() => null))?.name ?? '';
}

/** The province (id and name of that day) holding the provincial centre on a date, null when unknown. */
export async function provinceUnitOn(ctx: Ctx, at: string): Promise<{ id: string; name: string } | null> {
  const p = await homeProvince(ctx, at).catch(() => null);
  return p ? { id: p.id, name: p.name } : null;
}

export interface UnitIndex {
  byId: Map<string, TreeNode>;
  roots: TreeNode[];
  /**
   * The unit, everything below it, and the units whose business passed to them by merger (so a
   * period spanning 1/7/2025 rolls Hậu Giang's former units up to their successors).
   */
  withDescendants(id: string): Set<string>;
}

export async function unitIndex(ctx: Ctx): Promise<UnitIndex> {
  const [roots, predecessors] = await Promise.all([unitTree(ctx), predecessorLookup(ctx)]);
  const byId = new Map<string, TreeNode>();
  const walk = (n: TreeNode) => {
    byId.set(n.id, n);
    n.children.forEach(walk);
  };
  roots.forEach(walk);
  const memo = new Map<string, Set<string>>();
  const withDescendants = (id: string): Set<string> => {
    const hit = memo.get(id);
    if (hit) return hit;
    const out = new Set<string>();
    const node = byId.get(id);
    const go = (n: TreeNode) => {
      out.add(n.id);
      n.children.forEach(go);
    };
    if (node) go(node);
    else out.add(id);
    for (const p of predecessors(id)) out.add(p);
    memo.set(id, out);
    return out;
  };
  return { byId, roots, withDescendants };
}

interface ProcedureInfo {
  code: string;
  online: boolean;
  fullOnline: boolean;
  citizen: boolean;
  feeBearing: boolean;
  levels: string[];
  decidingUnitIds: string[];
}
let procCache: { at: number; list: ProcedureInfo[] } | null = null;

/** Procedures in force with what 3.1, 3.2 and 3.5 need; cached for a minute. */
async function procedures(ctx: Ctx): Promise<ProcedureInfo[]> {
  if (procCache && Date.now() - procCache.at < 60_000) return procCache.list;
  const records = await exportRecords(ctx);
  const list: ProcedureInfo[] = [];
  for (const r of records) {
    const snap = await getProcedureSnapshot(ctx, r.code).catch(() => null);
    list.push({
      code: r.code,
      online: r.onlineLevel !== 'none',
      fullOnline: r.onlineLevel === 'full',
      citizen: (r.applicants ?? []).includes('citizen'),
      feeBearing: r.financialObligation || r.fees.some((f: { amount: number }) => f.amount > 0),
      levels: r.levels,
      decidingUnitIds: snap?.agencies.map((a) => a.decidingUnitId) ?? [],
    });
  }
  procCache = { at: Date.now(), list };
  return list;
}

/** Catalogue figures for a unit (and the units below it), over civil dates [from, to]. */
export async function catalogueFigures(
  ctx: Ctx,
  unit: TreeNode,
  units: Set<string>,
  from: Date,
  toExclusive: Date,
  opts: { publication?: boolean } = {},
): Promise<CatalogueFigures | null> {
  try {
    const isRoot = unit.parentId == null;
    // The national method takes the publication rows from the province (scope 'province'): a unit's own are not read then.
    const none = {
      totals: {
        publishedOnTime: { numerator: 0, denominator: 0 },
        disclosedOnTime: { numerator: 0, denominator: 0 },
        complete: { numerator: 0, denominator: 0 },
      },
    };
    const pub =
      opts.publication === false
        ? none
        : await publicationFigures(ctx, {
            unitId: isRoot ? undefined : unit.id,
            from: civilDateVN(from),
            to: civilDateVN(new Date(toExclusive.getTime() - 1)),
          });
    const all = await procedures(ctx);
    const mine = isRoot
      ? all
      : all.filter((p) => (p.decidingUnitIds.length ? p.decidingUnitIds.some((u) => units.has(u)) : p.levels.includes(unit.level) && unit.kind !== 'agency'));
    const t = pub.totals;
    return {
      publishedOnTime: { onTime: t.publishedOnTime.numerator, total: t.publishedOnTime.denominator },
      disclosedOnTime: { onTime: t.disclosedOnTime.numerator, total: t.disclosedOnTime.denominator },
      fullyDisclosed: { full: t.complete.numerator, total: t.complete.denominator },
      procedures: {
        total: mine.length,
        online: mine.filter((p) => p.online).length,
        onlineCodes: mine.filter((p) => p.online).map((p) => p.code),
        feeBearing: mine.filter((p) => p.feeBearing).length,
        fullOnlineCodes: mine.filter((p) => p.fullOnline).map((p) => p.code),
        citizenCodes: mine.filter((p) => p.citizen).map((p) => p.code),
      },
    };
  } catch {
    return null;
  }
}

/**
 * Petitions (5.1-5.3) and dossier satisfaction (5.4) as the feedback module computes them for the
 * units (live: it reads its own tables). Null when it fails (no data, never a guess).
 */
export async function feedbackFigures(ctx: Ctx, units: Set<string>, from: Date, to: Date): Promise<FeedbackFigures | null> {
  try {
    const unitIds = [...units];
    const p = await petitionFigures(ctx, { unitIds, from, to });
    // 5.4 comes from the facts (rating / has_petition kept by the 'feedback.dossier_rated' / '.dossier_petitioned' handlers).
    return { petitions: p.petitions, classified: p.classified, onTime: p.onTime, satisfaction: p.satisfaction, dossierSatisfaction: null };
  } catch {
    return null;
  }
}

/** Petitions that cost 5.2 (kind 'onTime') or 5.3 ('satisfaction') points, from the feedback module; null when it fails. */
export async function petitionRecords(
  ctx: Ctx,
  units: Set<string>,
  from: Date,
  to: Date,
  kind: 'onTime' | 'satisfaction',
): Promise<PetitionCostRecord[] | null> {
  try {
    return await petitionsCostingPoints(ctx, { unitIds: [...units], from, to, kind });
  } catch {
    return null;
  }
}

/** Whether the facts rows carry ratings and petitions (5.4 in SQL); false: the feedback module computes 5.4. */
export const RATINGS_KNOWN = true;

export type FeedbackFacts = { rating: 'satisfied' | 'unsatisfied' | null; hasPetition: boolean };
/** Rating and petition flag per dossier from the feedback module; null when it fails (the caller keeps what it had). */
export async function feedbackFactsOf(ctx: Ctx, dossiers: { id: string; code: string }[]): Promise<Map<string, FeedbackFacts> | null> {
  try {
    return await dossierFeedbackFacts(ctx, dossiers);
  } catch {
    return null;
  }
}

/** Where a dossier opens in the back office. */
export const dossierHref = (id: string) => `/mot-cua/ho-so/${encodeURIComponent(id)}`;

/** Procedures that cost 1.1-1.3 points (late publication, late disclosure, missing parts). */
export async function catalogueRecords(
  ctx: Ctx,
  unit: TreeNode,
  key: string,
  from: Date,
  toExclusive: Date,
): Promise<{ code: string; name: string; detail: string }[] | null> {
  try {
    const isRoot = unit.parentId == null;
    const pub = await publicationFigures(ctx, {
      unitId: isRoot ? undefined : unit.id,
      from: civilDateVN(from),
      to: civilDateVN(new Date(toExclusive.getTime() - 1)),
    });
    if (key === 'publishedOnTime')
      return pub.procedures.filter((p) => !p.publishedOnTime).map((p) => ({ code: p.code, name: p.name, detail: p.decisions.join(', ') }));
    if (key === 'disclosedOnTime')
      return pub.procedures.filter((p) => p.disclosure === 'late').map((p) => ({ code: p.code, name: p.name, detail: p.decisions.join(', ') }));
    if (key === 'fullyDisclosed')
      return pub.completeness.filter((c) => c.missing.length > 0).map((c) => ({ code: c.code, name: c.name, detail: c.missing.join(', ') }));
    return null;
  } catch {
    return null;
  }
}

export const procedureHref = (code: string) => `/thu-tuc/${encodeURIComponent(code)}`;

/**
 * What other modules record about one dossier (sync to the national portal, online payment,
 * reuse and digitization in the e-data store). Each part is null when its module fails to
 * answer, so the fact stays "unknown" rather than a guessed false.
 */
export interface DossierExtras {
  synced: boolean | null;
  linked: boolean | null;
  paidOnline: boolean | null;
  reused: boolean | null;
  fromNationalStore: boolean | null;
  digitizedAll: boolean | null;
  eResult: boolean | null;
  /** The applicant's identity data was confirmed against the population database around reception (population module). */
  populationChecked?: boolean | null;
}

const orNull = async <T>(p: Promise<T>): Promise<T | null> => p.catch(() => null);

export async function dossierExtras(ctx: Ctx, dossierId: string): Promise<DossierExtras> {
  const ids = [dossierId];
  const [sync, pay, reuse, dig] = await Promise.all([
    orNull(syncFacts(ctx, { dossierIds: ids })),
    orNull(dossierPaymentFacts(ctx, { dossierIds: ids, from: new Date(0), to: new Date(0) })),
    orNull(reuseFacts(ctx, { dossierIds: ids })),
    orNull(digitizationFacts(ctx, { dossierIds: ids })),
  ]);
  const s = sync?.find((x) => x.dossierId === dossierId);
  const r = reuse?.find((x) => x.dossierId === dossierId);
  const d = dig?.find((x) => x.dossierId === dossierId);
  return {
    synced: s ? s.synced : null,
    linked: s ? s.linked : null,
    paidOnline: pay ? pay.some((p) => p.dossierId === dossierId && p.paidOnline) : null,
    reused: r ? r.reused : null,
    fromNationalStore: r ? r.fromNationalStore : null,
    digitizedAll: d ? d.digitizedAll : null,
    eResult: d ? d.eResult : null,
  };
}

/** dossierExtras for a batch of dossiers: one query per module for the whole batch (the set-based rebuild). */
export async function dossierExtrasMany(ctx: Ctx, ids: string[]): Promise<Map<string, DossierExtras>> {
  const [sync, pay, reuse, dig] = await Promise.all([
    orNull(syncFacts(ctx, { dossierIds: ids })),
    orNull(dossierPaymentFacts(ctx, { dossierIds: ids, from: new Date(0), to: new Date(0) })),
    orNull(reuseFacts(ctx, { dossierIds: ids })),
    orNull(digitizationFactsMany(ctx, { dossierIds: ids })),
  ]);
  const byId = <T extends { dossierId: string }>(xs: T[] | null) => new Map((xs ?? []).map((x) => [x.dossierId, x]));
  const [s, r, d] = [byId(sync), byId(reuse), byId(dig)];
  const paid = new Set((pay ?? []).filter((p) => p.paidOnline).map((p) => p.dossierId));
  const out = new Map<string, DossierExtras>();
  for (const id of ids) {
    const si = s.get(id);
    const ri = r.get(id);
    const di = d.get(id);
    out.set(id, {
      synced: si ? si.synced : null,
      linked: si ? si.linked : null,
      paidOnline: pay ? paid.has(id) : null,
      reused: ri ? ri.reused : null,
      fromNationalStore: ri ? ri.fromNationalStore : null,
      digitizedAll: di ? di.digitizedAll : null,
      eResult: di ? di.eResult : null,
    });
  }
  return out;
}

/** populationChecked for a batch: one query over the batch's personal ids and widest window, then each dossier's own window. */
export async function populationCheckedMany(
  ctx: Ctx,
  ds: { id: string; applicant_kind: string; applicant_id_number: string; submitter_personal_id: string | null; submitted_at: Date; received_at: Date | null }[],
): Promise<Map<string, boolean | null>> {
  const out = new Map<string, boolean | null>();
  const wants = ds.map((d) => ({
    d,
    ids: d.received_at ? [d.applicant_kind === 'citizen' ? d.applicant_id_number : '', d.submitter_personal_id ?? ''].filter(Boolean) : [],
  }));
  const withIds = wants.filter((w) => w.ids.length > 0);
  for (const w of wants) if (w.ids.length === 0) out.set(w.d.id, false);
  if (withIds.length === 0) return out;
  const from = new Date(Math.min(...withIds.map((w) => new Date(w.d.submitted_at).getTime())) - POPULATION_CHECK_LEAD_MS);
  const before = new Date(Math.max(...withIds.map((w) => new Date(w.d.received_at!).getTime())));
  let times: Map<string, Date[]>;
  try {
    times = await verificationTimes(
      ctx,
      withIds.flatMap((w) => w.ids),
      { from, before },
    );
  } catch {
    for (const w of withIds) out.set(w.d.id, null);
    return out;
  }
  for (const { d, ids } of withIds) {
    const lo = new Date(d.submitted_at).getTime() - POPULATION_CHECK_LEAD_MS;
    const hi = new Date(d.received_at!).getTime();
    out.set(
      d.id,
      ids.some((pid) => (times.get(pid) ?? []).some((t) => t.getTime() >= lo && t.getTime() <= hi)),
    );
  }
  return out;
}

/** Checks made from this long before submission count (a desk looks the person up, then creates the dossier). */
export const POPULATION_CHECK_LEAD_MS = 24 * 3600_000;

/**
 * Whether the applicant's (or the online submitter's) personal id was confirmed against the
 * population database between a day before submission and reception. Null when the population
 * module fails to answer (unknown, not a guessed false).
 */
export async function populationChecked(
  ctx: Ctx,
  d: { applicant_kind: string; applicant_id_number: string; submitter_personal_id: string | null; submitted_at: Date; received_at: Date | null },
): Promise<boolean | null> {
  if (!d.received_at) return false;
  const ids = [d.applicant_kind === 'citizen' ? d.applicant_id_number : '', d.submitter_personal_id ?? ''].filter(Boolean);
  if (ids.length === 0) return false;
  try {
    const found = await verifiedPersonalIds(ctx, ids, {
      from: new Date(new Date(d.submitted_at).getTime() - POPULATION_CHECK_LEAD_MS),
      before: new Date(d.received_at),
    });
    return found.length > 0;
  } catch {
    return null;
  }
}

const feeCache = new Map<string, boolean>();
/** Whether the procedure version a dossier was submitted under carries a fee (versions never change). */
export async function versionFeeBearing(ctx: Ctx, versionId: string): Promise<boolean | null> {
  const hit = feeCache.get(versionId);
  if (hit !== undefined) return hit;
  const snap = await getProcedureSnapshotByVersion(ctx, versionId).catch(() => null);
  if (!snap) return null;
  const fee = snap.financialObligation || snap.fees.some((f) => f.amount > 0);
  feeCache.set(versionId, fee);
  return fee;
}

/** Units that must offer electronic certified copies from originals (seed 002 §II.4d): communes' people's committees and district justice offices. */
export function certifyingUnit(n: TreeNode): boolean {
  if (n.kind !== 'agency') return false;
  if (n.agencyType === 'people_committee' && n.level === 'commune') return true;
  return n.level === 'district' && fold(n.name).includes('phong tu phap');
}

/** 4.4 over the units below `units`: certifying units that issued >= 1 electronic certified copy in the period. */
export async function certifiedCopyFigures(ctx: Ctx, idx: UnitIndex, units: Set<string>, from: Date, to: Date): Promise<CertifiedCopyFigures | null> {
  const certifying = [...units].map((id) => idx.byId.get(id)).filter((n): n is TreeNode => !!n && certifyingUnit(n));
  if (certifying.length === 0) return { offering: 0, units: 0 };
  try {
    const facts = await certifiedCopyFacts(ctx, { from, to, unitIds: certifying.map((n) => n.id) });
    const issued = new Set(facts.byUnit.filter((b) => b.count > 0).map((b) => b.unitId));
    return { offering: certifying.filter((n) => issued.has(n.id)).length, units: certifying.length };
  } catch {
    return null;
  }
}

// ---- issue 12 items 3-4: breach alerts and the overdue-cause ledger ----

export interface DossierTimeline {
  id: string;
  code: string;
  procedureName: string;
  unitId: string;
  state: string;
  /** Our national status code (TrangThaiHoSo) now. */
  status: number;
  assigneeId: string | null;
  stepUnitId: string | null;
  stepRole: string | null;
  steps: LedgerStep[];
  pauses: LedgerPause[];
}

/** A dossier's steps and pauses (dossiers service) with the officers' names (identity). */
export async function dossierTimeline(ctx: Ctx, id: string): Promise<DossierTimeline | null> {
  const d = await getDossier(ctx, id);
  if (!d) return null;
  const [steps, pauses] = await Promise.all([listDossierSteps(ctx, id), listDossierPauses(ctx, id)]);
  const names = await officerNames(
    ctx,
    [...steps.flatMap((s) => [s.handled_by, s.assignee_id]), ...pauses.map((p) => p.requested_by)].filter((x): x is string => !!x),
  );
  return {
    id: d.id,
    code: d.code,
    procedureName: d.procedure_name,
    unitId: d.deciding_unit_id,
    state: d.state,
    status: (NATIONAL_STATUS as Record<string, number>)[d.state] ?? 0,
    assigneeId: d.assignee_id ?? null,
    stepUnitId: d.step_unit_id ?? null,
    stepRole: d.step_role ?? null,
    steps: steps.map((s) => {
      const officerId = s.handled_by ?? s.assignee_id ?? null;
      return {
        key: s.step_key,
        name: s.step_name,
        unitId: s.unit_id,
        officerId,
        officerName: officerId ? (names.get(officerId) ?? null) : null,
        enteredAt: s.entered_at,
        dueAt: s.due_at,
        leftAt: s.left_at,
      };
    }),
    pauses: pauses.map((p) => ({
      kind: p.kind,
      from: p.from_at,
      to: p.to_at,
      requestedBy: p.requested_by,
      requestedByName: names.get(p.requested_by) ?? null,
      missing: Array.isArray(p.missing) ? (p.missing as string[]) : [],
      beforeReceipt: p.before_receipt,
      rule: p.rule ?? null,
      dueBefore: p.due_before,
      dueAfter: p.due_after,
    })),
  };
}

/** National status code of a dossier state. */
export const nationalStatusOf = (state: string): number => (NATIONAL_STATUS as Record<string, number>)[state] ?? 0;

/** Sync state per dossier (national-portal); null when that module fails (the ledger then says so). */
export async function syncStates(ctx: Ctx, ids: string[]): Promise<Map<string, LedgerSync> | null> {
  try {
    const facts = await syncFacts(ctx, { dossierIds: ids });
    const d = (s: string | null | undefined) => (s ? new Date(s) : null);
    return new Map(
      facts.map((f) => [
        f.dossierId,
        {
          synced: f.synced,
          lastStatus: f.lastStatus,
          lastSyncedAt: d(f.lastSyncedAt),
          lastError: f.lastError ?? null,
          lastErrorAt: d(f.lastErrorAt),
          failures: f.failures ?? 0,
        },
      ]),
    );
  } catch {
    return null;
  }
}

/** The last reconciliation of each dossier with the portal. */
export async function portalFindings(ctx: Ctx, ids: string[]): Promise<Map<string, PortalFinding>> {
  const rows = await reconciliationFacts(ctx, ids);
  return new Map(
    rows.map((r) => [r.dossierId, { checkedAt: r.checkedAt, missing: r.missing, differences: r.differences, repaired: r.repaired, error: r.error }]),
  );
}

/** Runs the reconciliation of these dossiers with the national portal (national-portal module). */
export function reconcileWithPortal(ctx: Ctx, ids: string[]): Promise<ReconcileOutcome[]> {
  return reconcileDossiers(ctx, ids);
}

export interface OfficerContact {
  id: string;
  name: string;
  email: string | null;
}
const contact = (o: { id: string; name: string; email: string | null }): OfficerContact => ({ id: o.id, name: o.name, email: o.email });

/** Who holds the dossier now: its assignee, else the officers holding the step's role at the step's unit. */
export async function holdersOf(ctx: Ctx, t: Pick<DossierTimeline, 'assigneeId' | 'stepUnitId' | 'stepRole'>): Promise<OfficerContact[]> {
  if (t.assigneeId) {
    const o = await getOfficer(ctx, t.assigneeId);
    return o && !o.disabled ? [contact(o)] : [];
  }
  if (!t.stepUnitId || !t.stepRole) return [];
  return (await listOfficersAt(ctx, [t.stepUnitId], [t.stepRole as Role])).map(contact);
}

/** The leaders of the deciding unit. */
export async function leadersOf(ctx: Ctx, unitId: string): Promise<OfficerContact[]> {
  return (await listOfficersAt(ctx, [unitId], ['leader'])).map(contact);
}

/** Inbox + email to an officer through the notifications module (its outbox); once per sourceId. */
export async function alertOfficer(
  ctx: Ctx,
  input: { sourceId: string; officer: OfficerContact; dossierId: string; params: Record<string, string> },
): Promise<boolean> {
  const r = await notify(ctx, {
    sourceId: input.sourceId,
    kind: 'points_at_risk',
    dossierId: input.dossierId,
    recipient: {
      personId: input.officer.id,
      name: input.officer.name,
      email: input.officer.email,
      phone: null,
      lang: 'vi',
      wants: { inbox: true, email: true, sms: false, zalo: false },
    },
    params: input.params,
  });
  return r != null;
}

export async function officerEmail(ctx: Ctx, id: string): Promise<string | null> {
  return (await getOfficer(ctx, id))?.email ?? null;
}
/** Authorization by unit (identity service): see access.ts. */
export { canActAt, requireRoleAt, requireProvinceRole } from '../identity/service';
