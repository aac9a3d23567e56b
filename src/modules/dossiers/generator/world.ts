/**
 * What the generator plans with: the published demo procedures (through the catalogue service),
 * the work calendar, and the officers who act at each unit (the demo accounts where one holds
 * the role there, else a named stand-in officer of that unit).
 */
import type { Actor, Role } from '../../../platform/auth';
import type { Ctx } from '../../../platform/context';
import type { WorkCalendar } from '../../../platform/calendar/types';
import type { ProcedureSnapshot } from '../../catalogue/model';
import { getProcedureSnapshot, searchProcedures } from '../../catalogue/service';
import { DEMO_CITIZENS, DEMO_OFFICERS, demoOfficerId, demoPersonId } from '../../identity/demo';
import * as deps from '../deps';

export interface World {
  now: Date;
  cal: WorkCalendar;
  procedures: ProcedureSnapshot[];
  officer(unitId: string, role: Role): Actor;
  demoCitizens: Actor[];
  /** The e-form data as the submission stores it (validated; fields hidden by the form's rules dropped), or null when invalid. */
  cleanForm(p: ProcedureSnapshot, data: Record<string, unknown>): Record<string, unknown> | null;
}

const ROLE_TITLE: Record<Role, string> = {
  reception: 'Cán bộ tiếp nhận',
  specialist: 'Chuyên viên',
  leader: 'Lãnh đạo',
  controller: 'Cán bộ kiểm soát',
  monitor: 'Cán bộ giám sát',
  admin: 'Quản trị',
  digital_team: 'Tổ công nghệ số',
  postal: 'Nhân viên bưu điện',
};

export async function loadWorld(ctx: Ctx): Promise<World> {
  const now = ctx.clock.now();
  const cal = await deps.workCalendar(ctx);
  const hits = await searchProcedures(ctx, { page: 1, pageSize: 1000 });
  const procedures: ProcedureSnapshot[] = [];
  for (const h of hits.items) {
    // The version in force a year ago and today: only procedures open over the whole span.
    const s = await getProcedureSnapshot(ctx, h.code, now);
    const old = await getProcedureSnapshot(ctx, h.code, new Date(now.getTime() - 366 * 86_400_000));
    if (s && old && old.versionId === s.versionId && s.agencies.length > 0 && s.process.steps.length > 0) procedures.push(s);
  }
  procedures.sort((a, b) => a.code.localeCompare(b.code));
  const cache = new Map<string, Actor>();
  const officer = (unitId: string, role: Role): Actor => {
    const key = `${unitId}|${role}`;
    let a = cache.get(key);
    if (!a) {
      const demo = DEMO_OFFICERS.find((o) => o.roles.some((g) => g.role === role && (g.unitId === unitId || role === 'postal')));
      a = demo
        ? { kind: 'officer', id: demoOfficerId(demo.username), name: demo.name, roles: demo.roles.map((g) => ({ ...g })) }
        : { kind: 'officer', id: `officer-gen-${role}-${unitId}`, name: `${ROLE_TITLE[role]} (${unitId})`, roles: [{ role, unitId }] };
      cache.set(key, a);
    }
    return a;
  };
  const demoCitizens: Actor[] = DEMO_CITIZENS.map((c) => ({ kind: 'citizen', id: demoPersonId(c.personalId), name: c.name, personalId: c.personalId, orgTaxCode: c.org?.taxCode, roles: [] }));
  const cleanForm = (p: ProcedureSnapshot, data: Record<string, unknown>) => {
    const v = deps.validateEForm(ctx, p, data, 'vi');
    return v.ok ? (v.data as Record<string, unknown>) : null;
  };
  return { now, cal, procedures, officer, demoCitizens, cleanForm };
}
