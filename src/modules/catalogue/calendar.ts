/** The working-day calendar the catalogue's indicators count with. */
import type { Ctx } from '../../platform/context';
import type { WorkCalendar } from '../../platform/calendar/types';
import { weekendCalendar } from './weekend-calendar';

// TODO(calendar): switch to getWorkCalendar(ctx) from platform/calendar/service.ts once it lands.
export async function workCalendar(_ctx: Ctx): Promise<WorkCalendar> {
  return weekendCalendar();
}
