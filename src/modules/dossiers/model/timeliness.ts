/**
 * Early / on time / late (trước hạn / đúng hạn / quá hạn), for a finished dossier and for each
 * step. Pure.
 *
 * - `day` comparison: by civil date in Vietnam (UTC+7): before the due day = early, on the due
 *   day = on time, after = late.
 * - `minute` comparison (default): late when the end, truncated to the minute, is after the due
 *   instant truncated to the minute; otherwise early when it ends on an earlier civil day than
 *   the due day, on time when it ends on the due day (at or before the due minute).
 * - More than one supplement request makes the dossier late whatever the dates (QĐ 766 as
 *   implemented nationally, regulations-research §1.4.4).
 */
import { civilDateVN } from '../../../platform/calendar/types';

export type Timeliness = 'early' | 'on_time' | 'late';
export type TimelinessCompare = 'minute' | 'day';
export const DEFAULT_COMPARE: TimelinessCompare = 'minute';

const MINUTE = 60_000;

export function classifyTimeliness(input: { finishedAt: Date; dueAt: Date; compare?: TimelinessCompare; supplementRequests?: number }): Timeliness {
  const { finishedAt, dueAt, compare = DEFAULT_COMPARE, supplementRequests = 0 } = input;
  if (supplementRequests > 1) return 'late';
  const endDay = civilDateVN(finishedAt);
  const dueDay = civilDateVN(dueAt);
  if (compare === 'minute' && Math.floor(finishedAt.getTime() / MINUTE) > Math.floor(dueAt.getTime() / MINUTE)) return 'late';
  if (endDay > dueDay) return 'late';
  if (endDay < dueDay) return 'early';
  return 'on_time';
}

/** An open dossier at `asOf` (e.g. the end of a reporting period): late once past its due date. */
export function classifyOpen(input: { asOf: Date; dueAt: Date | null; compare?: TimelinessCompare; supplementRequests?: number }): 'in_time' | 'late' {
  if (!input.dueAt) return 'in_time';
  const c = classifyTimeliness({ finishedAt: input.asOf, dueAt: input.dueAt, compare: input.compare, supplementRequests: input.supplementRequests });
  return c === 'late' ? 'late' : 'in_time';
}

/**
 * The end time of a dossier for the indicators (§1.4.2): the result issued (Đã xử lý xong),
 * else the result returned, else a refusal / stop / withdrawal of a received dossier.
 */
export function endTimeOf(d: { resultReadyAt: Date | null; returnedAt: Date | null; closedAt: Date | null; receivedAt: Date | null }): Date | null {
  return d.resultReadyAt ?? d.returnedAt ?? (d.receivedAt ? d.closedAt : null);
}
