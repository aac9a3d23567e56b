/**
 * Breach alerts (issue 12 item 3): every open dossier that will go late within the next N working
 * hours is told to the officer who holds it and to the leaders of its deciding unit, by inbox and
 * email (notifications module, through its outbox), once per dossier, window and recipient:
 * the notification's source id and indicator_breach_alerts' key are both
 * (dossier, hours, officer), so running the scan again (cron, or POST
 * /api/v1/indicators/alerts/run) tells nobody twice. The points are those the dossier would cost
 * the unit that is ranked for it (the commune, district or department; model/at-stake.ts).
 */
import type { Ctx } from '../../platform/context';
import { formatDateTimeVN } from '../../platform/dates';
import { alertOfficer, dossierHref, dossierTimeline, leadersOf, officerEmail, unitIndex, type OfficerContact, type UnitIndex } from './deps';
import { alertHours, pointsAtStake } from './at-stake';
import { provinceOf } from './service';
import { openDueBetween } from './store';
import { getWorkCalendar } from '../../platform/calendar/service';

export interface AlertSent {
  dossierId: string;
  code: string;
  officerId: string;
  officerName: string;
  role: 'holder' | 'leader';
  points: number;
}

/** The unit whose ranking a dossier of `unitId` counts in: a people's committee's commune/district/province, else the agency itself. */
function rankedUnit(idx: UnitIndex, unitId: string): string {
  const n = idx.byId.get(unitId);
  return n && n.kind === 'agency' && n.agencyType === 'people_committee' && n.parentId ? n.parentId : unitId;
}

export async function runBreachAlerts(ctx: Ctx, input: { hours?: number } = {}): Promise<{ hours: number; sent: AlertSent[]; alreadySent: number }> {
  const idx = await unitIndex(ctx);
  const hours = input.hours ?? (await alertHours(ctx));
  const now = ctx.clock.now();
  const cal = await getWorkCalendar(ctx);
  const all = await openDueBetween(ctx.db, { unitIds: [...idx.withDescendants(provinceOf(idx).id)], from: now, to: cal.addWorkingMs(now, hours * 3600_000) });
  const ranked = [...new Set(all.map((d) => rankedUnit(idx, d.unit_id)))];
  const sent: AlertSent[] = [];
  let alreadySent = 0;
  for (const unitId of ranked) {
    const stake = await pointsAtStake(ctx, { unit: unitId, hours, idx });
    for (const d of stake.dossiers) {
      const t = await dossierTimeline(ctx, d.dossierId);
      if (!t) continue;
      const recipients: { o: OfficerContact; role: 'holder' | 'leader' }[] = [];
      for (const h of d.holders) recipients.push({ o: { id: h.id, name: h.name, email: null }, role: 'holder' });
      for (const l of await leadersOf(ctx, d.unitId)) if (!recipients.some((r) => r.o.id === l.id)) recipients.push({ o: l, role: 'leader' });
      for (const r of recipients) {
        const done = await ctx.db
          .selectFrom('indicator_breach_alerts')
          .select('officer_id')
          .where('dossier_id', '=', d.dossierId)
          .where('hours', '=', hours)
          .where('officer_id', '=', r.o.id)
          .executeTakeFirst();
        if (done) {
          alreadySent++;
          continue;
        }
        const email = r.o.email ?? (await officerEmail(ctx, r.o.id));
        await alertOfficer(ctx, {
          sourceId: `breach:${d.dossierId}:${hours}:${r.o.id}`,
          officer: { ...r.o, email },
          dossierId: d.dossierId,
          params: {
            code: d.code,
            procedure: t.procedureName,
            unit: stake.unit.name,
            appointment: formatDateTimeVN(d.dueAt),
            hours: String(hours),
            points: String(d.points),
            link: `${ctx.config.publicUrl}${dossierHref(d.dossierId)}`,
          },
        });
        await ctx.db
          .insertInto('indicator_breach_alerts')
          .values({ dossier_id: d.dossierId, hours, officer_id: r.o.id, role: r.role, due_at: d.dueAt, points: d.points, notified_at: now })
          .onConflict((oc) => oc.columns(['dossier_id', 'hours', 'officer_id']).doNothing())
          .execute();
        sent.push({ dossierId: d.dossierId, code: d.code, officerId: r.o.id, officerName: r.o.name, role: r.role, points: d.points });
      }
    }
  }
  return { hours, sent, alreadySent };
}

/** Who was told about these dossiers (the points-at-stake view shows it). */
export async function alertsOf(ctx: Ctx, dossierIds: string[]): Promise<Map<string, { officerId: string; role: string; hours: number; notifiedAt: Date }[]>> {
  const out = new Map<string, { officerId: string; role: string; hours: number; notifiedAt: Date }[]>();
  if (dossierIds.length === 0) return out;
  const rows = await ctx.db.selectFrom('indicator_breach_alerts').selectAll().where('dossier_id', 'in', dossierIds).orderBy('notified_at').execute();
  for (const r of rows)
    (out.get(r.dossier_id) ?? out.set(r.dossier_id, []).get(r.dossier_id)!).push({
      officerId: r.officer_id,
      role: r.role,
      hours: r.hours,
      notifiedAt: r.notified_at,
    });
  return out;
}
