/**
 * The dossier clock: the due date from receipt, pauses while waiting for the applicant, the
 * apology's new date, step deadlines and "due soon". Pure; the calendar is passed in.
 * The choices are written down in docs/decisions-dossiers.md.
 */
import type { TimeLimit, WorkCalendar } from '../../../platform/calendar/types';
import { civilDateVN } from '../../../platform/calendar/types';

/** The processing time that applies: the online one for dossiers submitted online, where the procedure sets one. */
export function applicableLimit(p: { processingTime: TimeLimit; onlineProcessingTime?: TimeLimit | null }, channel: string): TimeLimit {
  return (channel === 'online' || channel === 'assisted') && p.onlineProcessingTime ? p.onlineProcessingTime : p.processingTime;
}

/** NĐ 61 art. 19(4): a supplement asked for within this many working days of receipt restarts the deadline. */
export const RESTART_WINDOW_WORKING_DAYS = 3;

export interface Pause {
  from: Date;
  to: Date | null;
}

/**
 * The due date after a supplement pause closes.
 * - requested within 3 working days of receipt (art. 19(4)): the deadline restarts from zero,
 *   counted from the moment the complete dossier came back;
 * - requested later: the due date moves by the working time the dossier waited.
 */
export function dueAfterSupplement(
  cal: WorkCalendar,
  a: { receivedAt: Date; dueAt: Date; requestedAt: Date; resumedAt: Date; limit: TimeLimit },
): { dueAt: Date; rule: 'restart' | 'extend' } {
  const daysIn = cal.workingDaysBetween(civilDateVN(a.receivedAt), civilDateVN(a.requestedAt));
  if (daysIn <= RESTART_WINDOW_WORKING_DAYS) return { dueAt: cal.dueAt(a.resumedAt, a.limit), rule: 'restart' };
  return { dueAt: extendByPause(cal, a.dueAt, a.requestedAt, a.resumedAt), rule: 'extend' };
}

/** Moves a due date by the working time between `from` and `to` (a pause). */
export function extendByPause(cal: WorkCalendar, dueAt: Date, from: Date, to: Date): Date {
  const paused = cal.workingMsBetween(from, to);
  return paused > 0 ? cal.addWorkingMs(dueAt, paused) : dueAt;
}

/** A step's deadline, from the moment the dossier reached it. */
export function stepDueAt(cal: WorkCalendar, enteredAt: Date, duration: TimeLimit): Date {
  return cal.dueAt(enteredAt, duration);
}

/** Due soon: not yet due, and due today or on the next working day. */
export function isDueSoon(cal: WorkCalendar, now: Date, dueAt: Date | null): boolean {
  if (!dueAt || dueAt.getTime() <= now.getTime()) return false;
  return cal.workingDaysBetween(civilDateVN(now), civilDateVN(dueAt)) <= 1;
}

export function isOverdue(now: Date, dueAt: Date | null): boolean {
  return !!dueAt && now.getTime() > dueAt.getTime();
}
