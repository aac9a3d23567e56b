/**
 * Breach alerts inside the worker (issue 12 item 3): an outbox message 'indicators.breach-alerts'
 * every BREACH_ALERT_MINUTES (default 15) runs runBreachAlerts when the instant falls in office
 * hours of a working day (the work calendar), then schedules the next one. One message per time
 * slot (its id), so restarts and several instances do not pile them up; the alerts themselves are
 * sent once per dossier, window and officer (alerts.ts), so a slot run twice tells nobody twice.
 * scripts/breach-alerts.ts stays for a run by hand.
 */
import type { Ctx } from '../../platform/context';
import { enqueue } from '../../platform/outbox';
import type { Jobs } from '../../platform/module';
import { getWorkCalendar } from '../../platform/calendar/service';
import { runBreachAlerts } from './alerts';

export const BREACH_ALERTS_TOPIC = 'indicators.breach-alerts';

/** Schedules the next run `minutes` from now (nothing when 0). */
export async function scheduleBreachAlerts(ctx: Ctx, minutes = ctx.config.breachAlertMinutes): Promise<void> {
  if (!minutes || minutes <= 0) return;
  const at = ctx.clock.now().getTime() + minutes * 60_000;
  const slot = Math.floor(at / (minutes * 60_000));
  await enqueue(ctx.db, {
    id: `${BREACH_ALERTS_TOPIC}:${minutes}:${slot}`,
    topic: BREACH_ALERTS_TOPIC,
    key: BREACH_ALERTS_TOPIC,
    payload: {},
    notBefore: new Date(at),
  });
}

/** Whether `t` is within office hours of a working day (nobody is told at night or on a day off). */
export async function inOfficeHours(ctx: Ctx, t: Date): Promise<boolean> {
  const cal = await getWorkCalendar(ctx);
  return cal.workingMsBetween(t, new Date(t.getTime() + 60_000)) > 0;
}

/** The breach-alert job: runs in office hours, then schedules its next run (declared in the manifest). */
export function breachAlertJobs(jobs: Jobs): void {
  jobs.handle(BREACH_ALERTS_TOPIC, async (ctx) => {
    try {
      if (await inOfficeHours(ctx, ctx.clock.now())) await runBreachAlerts(ctx);
    } finally {
      await scheduleBreachAlerts(ctx);
    }
  });
}
