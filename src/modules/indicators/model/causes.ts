/**
 * The overdue-cause ledger (issue 12 item 4): why a dossier is late or unsynced, derived from
 * what happened to it - its steps, its pauses, its sync with the national portal and what the
 * reconciliation found there. Pure; the service gathers the facts.
 *
 * Causes, each with its evidence:
 * - step_overrun: a step was left (or is still held) after its deadline: which step, who held it.
 * - clock_paused: the clock stopped where the rules do not let it, as the national portal counts
 *   (§1.4, regulations-research): a second supplement request (form 02 is asked once, TT 01/2018
 *   and §1.4: more than one request = late); a request that lists nothing missing (form 02 names
 *   what is missing); a restart under NĐ 61 art. 19(4) that moved our due date later than §1.4
 *   counts it (appointment before the supplement + the supplement time), when the dossier ended
 *   between the two.
 * - sync_failure: the national portal never received the current status (never sent, rejected,
 *   or its last status is behind ours).
 * - portal_mismatch: the reconciliation found the portal's record differs from ours.
 * - unexplained: late, and no step ran over and no pause explains it (shown as such, never guessed).
 */

export type CauseKind = 'step_overrun' | 'clock_paused' | 'sync_failure' | 'portal_mismatch' | 'unexplained';
/** Who the late flag is attributed to: the officer, the clock (pauses), the sync with the portal, or unknown. */
export type Attribution = 'officer' | 'clock' | 'sync' | 'unexplained';

export interface LedgerStep {
  key: string;
  name: string;
  unitId: string;
  officerId: string | null;
  officerName: string | null;
  enteredAt: Date;
  dueAt: Date | null;
  leftAt: Date | null;
}

export interface LedgerPause {
  kind: 'supplement' | 'fee';
  from: Date;
  to: Date | null;
  requestedBy: string;
  requestedByName: string | null;
  missing: string[];
  beforeReceipt: boolean;
  rule: string | null;
  dueBefore: Date | null;
  dueAfter: Date | null;
}

export interface LedgerSync {
  /** First push accepted by the portal. */
  synced: boolean;
  lastStatus: number | null;
  lastSyncedAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  failures: number;
}

export interface PortalDifference {
  field: string;
  ours: string | null;
  portal: string | null;
}

export interface PortalFinding {
  checkedAt: Date;
  /** The portal has no record of the dossier. */
  missing: boolean;
  differences: PortalDifference[];
  /** A resend made the portal agree (re-checked after the resend). */
  repaired: boolean;
  /** Why the resend could not repair it, when it could not. */
  error: string | null;
}

export interface LedgerInput {
  now: Date;
  receivedAt: Date;
  /** The appointment before any supplement moved it (§1.4). */
  dueAt: Date | null;
  finishedAt: Date | null;
  /** Our national status code (TrangThaiHoSo) now. */
  status: number;
  /** The §1.4 verdict (model/on-time.ts) at `now` or at the dossier's end. */
  late: boolean;
  steps: LedgerStep[];
  pauses: LedgerPause[];
  sync: LedgerSync | null;
  finding: PortalFinding | null;
}

export type Evidence = Record<string, string | number | boolean | null>;

export interface Cause {
  kind: CauseKind;
  /** Sub-reason (message key suffix): e.g. 'second_request', 'never_sent', 'open_step'. */
  reason: string;
  evidence: Evidence;
  /** Nested details (the differences the reconciliation found). */
  differences?: PortalDifference[];
}

export interface LedgerVerdict {
  late: boolean;
  unsynced: boolean;
  causes: Cause[];
  attribution: Attribution | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function stepCauses(x: LedgerInput): Cause[] {
  const end = x.finishedAt ?? x.now;
  const out: Cause[] = [];
  for (const s of x.steps) {
    if (!s.dueAt) continue;
    const left = s.leftAt ?? (s.enteredAt.getTime() <= end.getTime() ? end : null);
    if (!left || left.getTime() <= s.dueAt.getTime()) continue;
    out.push({
      kind: 'step_overrun',
      reason: s.leftAt ? 'closed_step' : 'open_step',
      evidence: {
        step: s.key,
        stepName: s.name,
        unitId: s.unitId,
        officerId: s.officerId,
        officerName: s.officerName,
        enteredAt: iso(s.enteredAt),
        dueAt: iso(s.dueAt),
        leftAt: iso(s.leftAt),
        overrunMs: left.getTime() - s.dueAt.getTime(),
      },
    });
  }
  return out;
}

function pauseCauses(x: LedgerInput): Cause[] {
  const end = x.finishedAt ?? x.now;
  const supplements = x.pauses.filter((p) => p.kind === 'supplement' && !p.beforeReceipt).sort((a, b) => a.from.getTime() - b.from.getTime());
  const out: Cause[] = [];
  if (supplements.length > 1) {
    const second = supplements[1];
    out.push({
      kind: 'clock_paused',
      reason: 'second_request',
      evidence: {
        requests: supplements.length,
        firstAt: iso(supplements[0].from),
        secondAt: iso(second.from),
        requestedBy: second.requestedBy,
        requestedByName: second.requestedByName,
      },
    });
  }
  for (const p of supplements) {
    if (p.missing.length === 0)
      out.push({
        kind: 'clock_paused',
        reason: 'no_missing_items',
        evidence: { requestedAt: iso(p.from), requestedBy: p.requestedBy, requestedByName: p.requestedByName },
      });
    if (p.rule === 'restart' && p.to && p.dueBefore && p.dueAfter) {
      const counted = new Date(p.dueBefore.getTime() + (p.to.getTime() - p.from.getTime()));
      if (p.dueAfter.getTime() > counted.getTime() && end.getTime() > counted.getTime() && end.getTime() <= p.dueAfter.getTime())
        out.push({
          kind: 'clock_paused',
          reason: 'restart_counted_later',
          evidence: {
            requestedAt: iso(p.from),
            returnedAt: iso(p.to),
            dueBefore: iso(p.dueBefore),
            ourDueAt: iso(p.dueAfter),
            countedDueAt: iso(counted),
            endedAt: iso(end),
          },
        });
    }
  }
  return out;
}

function syncCauses(x: LedgerInput): Cause[] {
  const s = x.sync;
  if (!s || (!s.synced && !s.lastError))
    return [{ kind: 'sync_failure', reason: 'never_sent', evidence: { ourStatus: x.status, portalStatus: null, failures: s?.failures ?? 0, lastError: null } }];
  const erroring = !!s.lastError && (!s.lastSyncedAt || (s.lastErrorAt != null && s.lastErrorAt.getTime() >= s.lastSyncedAt.getTime()));
  if (!s.synced)
    return [
      {
        kind: 'sync_failure',
        reason: 'rejected',
        evidence: { ourStatus: x.status, portalStatus: null, failures: s.failures, lastError: s.lastError, lastErrorAt: iso(s.lastErrorAt) },
      },
    ];
  if (s.lastStatus !== x.status)
    return [
      {
        kind: 'sync_failure',
        reason: erroring ? 'status_rejected' : 'status_behind',
        evidence: {
          ourStatus: x.status,
          portalStatus: s.lastStatus,
          failures: s.failures,
          lastError: erroring ? s.lastError : null,
          lastErrorAt: erroring ? iso(s.lastErrorAt) : null,
          lastSyncedAt: iso(s.lastSyncedAt),
        },
      },
    ];
  return [];
}

function findingCauses(x: LedgerInput): Cause[] {
  const f = x.finding;
  if (!f || (!f.missing && f.differences.length === 0)) return [];
  return [
    {
      kind: 'portal_mismatch',
      reason: f.repaired ? 'repaired' : f.missing ? 'portal_missing' : 'differs',
      evidence: { checkedAt: iso(f.checkedAt), missing: f.missing, differences: f.differences.length, repaired: f.repaired, error: f.error },
      differences: f.differences,
    },
  ];
}

/** The causes of a dossier's late or unsynced flag; no flag, no causes. */
export function deriveCauses(x: LedgerInput): LedgerVerdict {
  const sync = syncCauses(x);
  const found = findingCauses(x);
  const unsynced = sync.length > 0 || (found.length > 0 && !x.finding!.repaired);
  if (!x.late && !unsynced && found.length === 0) return { late: false, unsynced: false, causes: [], attribution: null };
  const causes: Cause[] = [];
  let attribution: Attribution | null = null;
  if (x.late) {
    const clock = pauseCauses(x);
    const steps = stepCauses(x);
    causes.push(...clock, ...steps);
    attribution = clock.length ? 'clock' : steps.length ? 'officer' : null;
  }
  if (x.late && !attribution) {
    // Late by our own data: a sync problem cannot make it so; say it is not explained.
    causes.push({
      kind: 'unexplained',
      reason: 'no_event',
      evidence: { receivedAt: iso(x.receivedAt), dueAt: iso(x.dueAt), endedAt: iso(x.finishedAt ?? x.now) },
    });
    attribution = 'unexplained';
  }
  causes.push(...sync, ...found);
  if (!attribution) attribution = 'sync';
  return { late: x.late, unsynced, causes, attribution };
}

/** Gia Lai's count (USERS.md O5): how many flags each attribution explains. */
export function attributionCounts(verdicts: { attribution: Attribution | null }[]): Record<Attribution, number> {
  const out: Record<Attribution, number> = { officer: 0, clock: 0, sync: 0, unexplained: 0 };
  for (const v of verdicts) if (v.attribution) out[v.attribution]++;
  return out;
}
