/**
 * The merger's reroute as a scheduled job (issue 11 item 4): an outbox message
 * 'dossiers.reroute-retired' per Vietnam civil day, due at 00:05 in Vietnam, runs
 * rerouteRetiredDossiers as the system and schedules the next day's. So once a merger's effective
 * date has come (a merge decided ahead takes effect at the start of its day), the open dossiers of
 * the units it ended move to their successors without anybody pressing a button; a day's message
 * has one id, so several workers starting enqueue one and one of them runs it, and the moves
 * themselves are guarded by each dossier's version (a second run moves nothing).
 */
import type { Ctx } from '../../../platform/context';
import { civilDateVN } from '../../../platform/calendar/types';
import type { Jobs } from '../../../platform/module';
import { enqueue } from '../../../platform/outbox';
import { rerouteRetiredDossiers } from './reroute';

export const REROUTE_TOPIC = 'dossiers.reroute-retired';
const VN_OFFSET_MS = 7 * 3_600_000;
const AFTER_MIDNIGHT_MS = 5 * 60_000;

/** 00:05 in Vietnam on the civil day `day` ('YYYY-MM-DD'). */
export function rerouteDueAt(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) - VN_OFFSET_MS + AFTER_MIDNIGHT_MS);
}

function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** Enqueues the run of `day` (today, Vietnam civil date, by default); nothing when it is already there. */
export async function scheduleReroute(ctx: Ctx, day: string = civilDateVN(ctx.clock.now())): Promise<void> {
  await enqueue(ctx.db, { id: `${REROUTE_TOPIC}:${day}`, topic: REROUTE_TOPIC, key: REROUTE_TOPIC, payload: { day }, notBefore: rerouteDueAt(day) });
}

/** The job (declared in the manifest): runs the reroute, then schedules tomorrow's run. */
export function rerouteJobs(jobs: Jobs): void {
  jobs.handle(REROUTE_TOPIC, async (ctx) => {
    try {
      await rerouteRetiredDossiers(ctx, null);
    } finally {
      await scheduleReroute(ctx, nextDay(civilDateVN(ctx.clock.now())));
    }
  });
}
