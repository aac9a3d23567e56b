/** The working-day calendar the catalogue's indicators count with (public holidays included). */
import type { Ctx } from '../../platform/context';
import type { WorkCalendar } from '../../platform/calendar/types';
import { getWorkCalendar } from '../../platform/calendar/service';

export async function workCalendar(ctx: Ctx): Promise<WorkCalendar> {
  return getWorkCalendar(ctx);
}
