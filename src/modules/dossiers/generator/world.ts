/**
 * What the generator plans with: the published demo procedures (through the catalogue service)
 * with every version in force over the span, the units that exist on each day (a dossier dated
 * before 1/7/2025 goes to Hậu Giang's units of that day), the work calendar, and the officers who
 * act at each unit (the demo accounts where one holds the role there, else a named stand-in
 * officer of that unit; after a merger or retirement, an officer of the successor acting for it).
 */
import type { Actor, Role } from '../../../platform/auth';
import type { Ctx } from '../../../platform/context';
import type { WorkCalendar } from '../../../platform/calendar/types';
import type { ProcedureSnapshot } from '../../catalogue/model';
import { getProcedureSnapshot, procedureVersions, searchProcedures } from '../../catalogue/service';
import { civilDateVN } from '../../../platform/calendar/types';
import { changeDates, listAgencies, successorOf } from '../../units/service';
import { DEMO_CITIZENS, DEMO_OFFICERS, demoOfficerId, demoPersonId } from '../../identity/demo';
import * as deps from '../deps';

/** Units asked for an opinion in the consultation scenario (plan.ts). */
export const CONSULT_UNITS = ['hg-ca', 'hg-sotnmt', 'hg-soxd', 'hg-sotp'];

export interface World {
  now: Date;
  /** Start of the span the dossiers are spread over. */
  from: Date;
  cal: WorkCalendar;
  /** Today's version of each procedure open over the whole span (what the plans pick from). */
  procedures: ProcedureSnapshot[];
  /** Every version of those procedures in force at some time of the span. */
  versions: ProcedureSnapshot[];
  /** The version of `code` in force at `at` (Vietnam civil date), as the submission takes it. */
  versionAt(code: string, at: Date): ProcedureSnapshot;
  /** The first days of the periods over which the unit tree does not change (from the span's start). */
  periods: string[];
  /** The period `at` falls in. */
  periodOf(at: Date): string;
  /** The version's (receiving, deciding) pairs whose units both exist on `at`'s day. */
  agenciesOn(p: ProcedureSnapshot, at: Date): ProcedureSnapshot['agencies'];
  /** The officer with `role` at `unitId`, or at `at` when the unit has ended, the successor's officer acting for it. */
  officer(unitId: string, role: Role, at?: Date): Actor;
  /** `actor` (from officer()) as it acts at `at`: the successor's officer when its unit has ended by then. */
  retime(actor: Actor, at: Date): Actor;
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

export async function loadWorld(ctx: Ctx, from?: Date): Promise<World> {
  const now = ctx.clock.now();
  const start = from ?? new Date(now.getTime() - 365 * 86_400_000);
  const cal = await deps.workCalendar(ctx);
  const hits = await searchProcedures(ctx, { page: 1, pageSize: 1000 });
  const procedures: ProcedureSnapshot[] = [];
  const byCode = new Map<string, { from: string; s: ProcedureSnapshot }[]>();
  const usable = (s: ProcedureSnapshot | null): s is ProcedureSnapshot => !!s && s.agencies.length > 0 && s.process.steps.length > 0;
  for (const h of hits.items) {
    // Only procedures open over the whole span, with each version in force during it.
    const s = await getProcedureSnapshot(ctx, h.code, now);
    const first = await getProcedureSnapshot(ctx, h.code, start);
    if (!usable(s) || !usable(first)) continue;
    const list = [{ from: '0000-01-01', s: first }];
    const startDay = civilDateVN(start);
    const later = (await procedureVersions(ctx, h.code)).filter(
      (v) => v.status === 'published' && v.effectiveFrom && v.effectiveFrom > startDay && v.effectiveFrom <= civilDateVN(now),
    );
    for (const v of [...later].sort((a, b) => a.effectiveFrom!.localeCompare(b.effectiveFrom!))) {
      const at = await getProcedureSnapshot(ctx, h.code, new Date(`${v.effectiveFrom}T12:00:00+07:00`));
      if (usable(at) && at.versionId !== list[list.length - 1]!.s.versionId) list.push({ from: v.effectiveFrom!, s: at });
    }
    byCode.set(h.code, list);
    procedures.push(s);
  }
  procedures.sort((a, b) => a.code.localeCompare(b.code));
  const versions = [...byCode.values()].flatMap((l) => l.map((x) => x.s));
  const versionAt = (code: string, at: Date): ProcedureSnapshot => {
    const day = civilDateVN(at);
    const list = byCode.get(code)!;
    return [...list].reverse().find((x) => x.from <= day)!.s;
  };

  // The tree changes only on the units' change days: one set of existing agencies per period.
  const startDay = civilDateVN(start);
  const periods = [startDay, ...(await changeDates(ctx)).filter((d) => d > startDay && d <= civilDateVN(now))];
  const active = new Map<string, Set<string>>();
  for (const p of periods) active.set(p, new Set((await listAgencies(ctx, { at: p })).map((u) => u.id)));
  const periodOf = (at: Date) => {
    const day = civilDateVN(at);
    return [...periods].reverse().find((p) => p <= day) ?? startDay;
  };
  const agenciesOn = (p: ProcedureSnapshot, at: Date) => {
    const here = active.get(periodOf(at))!;
    return p.agencies.filter((a) => here.has(a.receivingUnitId) && here.has(a.decidingUnitId));
  };
  // Successors of the units a plan may name, for each period in which they no longer exist.
  const named = new Set<string>(CONSULT_UNITS);
  for (const v of versions) for (const a of v.agencies) named.add(a.receivingUnitId).add(a.decidingUnitId);
  const successors = new Map<string, string | null>();
  for (const p of periods) for (const id of named) if (!active.get(p)!.has(id)) successors.set(`${id}|${p}`, await successorOf(ctx, id, p));

  const cache = new Map<string, Actor>();
  const made = new WeakMap<Actor, { unitId: string; role: Role }>();
  const at = (unitId: string, role: Role): Actor => {
    const key = `${unitId}|${role}`;
    let a = cache.get(key);
    if (!a) {
      const demo = DEMO_OFFICERS.find((o) => o.roles.some((g) => g.role === role && (g.unitId === unitId || role === 'postal')));
      a = demo
        ? { kind: 'officer', id: demoOfficerId(demo.username), name: demo.name, roles: demo.roles.map((g) => ({ ...g })) }
        : { kind: 'officer', id: `officer-gen-${role}-${unitId}`, name: `${ROLE_TITLE[role]} (${unitId})`, roles: [{ role, unitId }] };
      cache.set(key, a);
      made.set(a, { unitId, role });
    }
    return a;
  };
  const officer = (unitId: string, role: Role, when?: Date): Actor => {
    const succ = when ? successors.get(`${unitId}|${periodOf(when)}`) : undefined;
    if (!succ || succ === unitId) return at(unitId, role);
    // The successor's officer acts for the ended unit from that day, as identity/authz.ts actingGrants gives it.
    const key = `${unitId}|${role}|${succ}`;
    let a = cache.get(key);
    if (!a) {
      const base = at(succ, role);
      a = { ...base, roles: [...base.roles, { role, unitId }] };
      cache.set(key, a);
    }
    return a;
  };
  const retime = (actor: Actor, when: Date): Actor => {
    const m = made.get(actor);
    return m ? officer(m.unitId, m.role, when) : actor;
  };
  const demoCitizens: Actor[] = DEMO_CITIZENS.map((c) => ({
    kind: 'citizen',
    id: demoPersonId(c.personalId),
    name: c.name,
    personalId: c.personalId,
    orgTaxCode: c.org?.taxCode,
    roles: [],
  }));
  const cleanForm = (p: ProcedureSnapshot, data: Record<string, unknown>) => {
    const v = deps.validateEForm(ctx, p, data, 'vi');
    return v.ok ? (v.data as Record<string, unknown>) : null;
  };
  return { now, from: start, cal, procedures, versions, versionAt, periods, periodOf, agenciesOn, officer, retime, demoCitizens, cleanForm };
}
