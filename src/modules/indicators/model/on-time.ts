/**
 * On-time counting for indicator 2.1 (regulations-research §1.4, national implementation):
 * 1. on time when the end of processing <= the due time (NgayKetThucXuLy <= NgayHenTra);
 * 2. the end is the first closing status (done, returned, stopped/refused/withdrawn) - the
 *    caller passes its time as `finishedAt`;
 * 3. not closed by the end of the period: the end of the period is the end time;
 * 4. supplements: more than one request = late; one request still waiting for the citizen =
 *    the time of the request is the end; once completed, the supplement time is subtracted;
 * 5. no due time: on time if (end - received - supplement time) <= the legal maximum, when
 *    known; with neither a due time nor a maximum the dossier cannot be late;
 * 6. early vs on time: early when the end falls on an earlier day (VN) than the due time.
 * `compare` chooses instant (default) or civil-day comparison (configurable, §1.4.6).
 */
import { civilDateVN } from '../../../platform/calendar/types';

export interface SupplementSpan {
  requestedAt: Date;
  returnedAt: Date | null;
}

export interface OnTimeFacts {
  receivedAt: Date;
  dueAt: Date | null;
  finishedAt: Date | null;
  supplements: SupplementSpan[];
  /** Legal maximum processing time in ms, for dossiers without a due time. */
  maxProcessingMs?: number | null;
}

export type OnTimeStatus = 'early' | 'onTime' | 'late';

export interface OnTimeVerdict {
  status: OnTimeStatus;
  /** The end time compared with the due time (after subtracting supplement time). */
  end: Date;
  open: boolean;
  reason: 'multipleSupplements' | 'afterDue' | 'withinDue' | 'noDeadline';
}

/** Supplement facts as the facts table keeps them: count, the first request, its return, total paused ms. */
export function summariseSupplements(s: SupplementSpan[]) {
  const first = [...s].sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime())[0];
  let pausedMs = 0;
  for (const x of s) if (x.returnedAt) pausedMs += Math.max(0, x.returnedAt.getTime() - x.requestedAt.getTime());
  return { count: s.length, requestedAt: first?.requestedAt ?? null, returnedAt: first?.returnedAt ?? null, pausedMs };
}

export function onTimeStatus(f: OnTimeFacts, periodEnd: Date, compare: 'instant' | 'day' = 'instant'): OnTimeVerdict {
  const finished = f.finishedAt != null && f.finishedAt.getTime() <= periodEnd.getTime();
  const supplements = f.supplements.filter((s) => s.requestedAt.getTime() <= periodEnd.getTime());
  const stopAt = finished ? f.finishedAt!.getTime() : periodEnd.getTime();
  let end: number;
  if (supplements.length > 1) {
    return { status: 'late', end: new Date(stopAt), open: !finished, reason: 'multipleSupplements' };
  }
  const s = supplements[0];
  const pending = s != null && (s.returnedAt == null || s.returnedAt.getTime() > periodEnd.getTime());
  if (!finished && pending) end = s.requestedAt.getTime();
  else {
    const paused = s && s.returnedAt && !pending ? Math.max(0, Math.min(s.returnedAt.getTime(), stopAt) - s.requestedAt.getTime()) : 0;
    end = stopAt - paused;
  }
  const open = !finished;
  if (f.dueAt == null) {
    if (f.maxProcessingMs == null) return { status: 'onTime', end: new Date(end), open, reason: 'noDeadline' };
    const late = end - f.receivedAt.getTime() > f.maxProcessingMs;
    return { status: late ? 'late' : 'onTime', end: new Date(end), open, reason: late ? 'afterDue' : 'withinDue' };
  }
  const due = f.dueAt.getTime();
  const endDay = civilDateVN(new Date(end));
  const dueDay = civilDateVN(f.dueAt);
  const late = compare === 'day' ? endDay > dueDay : end > due;
  if (late) return { status: 'late', end: new Date(end), open, reason: 'afterDue' };
  return { status: endDay < dueDay ? 'early' : 'onTime', end: new Date(end), open, reason: 'withinDue' };
}
