/**
 * "Kỳ này trước ngày sáp nhập: ..." (issue 11 item 4): the figures of a province for a period that
 * ended while another province held the provincial centre (Tỉnh Hậu Giang until 30/6/2025) are that
 * province's units, rolled up to its successor (Thành phố Cần Thơ) as predecessors by
 * `withDescendants`. Every indicator screen of such a period says so: the dashboard, what-if, points
 * at stake and the overdue-cause ledger. Not for a commune (it does not hold the former province) nor
 * for a period ending on or after the merger (the province of that day is the unit itself).
 */
import type { Ctx } from '../../platform/context';
import { t, type Lang } from '../../platform/i18n';
import { civilDateVN } from '../../platform/calendar/types';
import { provinceUnitOn, unitIndex } from './deps';
import { parsePeriod } from './model/period';

/** The note for `unit` over a period ending (exclusive) at `periodTo`, or null when none is due. */
export async function mergedPeriodNote(ctx: Ctx, lang: Lang, unit: { id: string; name: string }, periodTo: Date): Promise<string | null> {
  const then = await provinceUnitOn(ctx, civilDateVN(new Date(periodTo.getTime() - 1)));
  if (!then || then.id === unit.id) return null;
  const idx = await unitIndex(ctx);
  return idx.withDescendants(unit.id).has(then.id) ? t(lang, 'indicators.mergedPeriod', { then: then.name, now: unit.name }) : null;
}

/** The same for a period key ("2025-03", "2025-Q2", "2025"); null for a key that does not parse. */
export async function mergedPeriodNoteOf(ctx: Ctx, lang: Lang, unit: { id: string; name: string }, periodKey: string): Promise<string | null> {
  const p = parsePeriod(periodKey, ctx.clock.now());
  return p ? mergedPeriodNote(ctx, lang, unit, p.to) : null;
}

export function MergedNote({ note }: { note: string | null }) {
  return note ? (
    <p class="note" id="merged-period">
      {note}
    </p>
  ) : null;
}
