/**
 * Plans one dossier's life, deterministically from (seed, index): procedure, receiving agency,
 * channel, applicant, submission time within the past 12 months, and a scenario (finished
 * early / on time / late, supplement loop, refusal, withdrawal, cancellation, consultation,
 * rework, apology), as a list of timed operations. Operations later than `now` are dropped,
 * so recent dossiers are still open in whatever state their life had reached.
 * Both paths (service and bulk) run the same plans.
 */
import type { Actor } from '../../../platform/auth';
import type { TimeLimit } from '../../../platform/calendar/types';
import { civilDateVN } from '../../../platform/calendar/types';
import type { ProcedureSnapshot } from '../../catalogue/model';
import { componentsFromSourceAt, paperRefusedFor } from '../deps';
import { heldByState } from '../model/supplement';
import { applicableLimit, dueAfterSupplement, firstProcessingStep, resolveStepUnit, type Channel, type DossierAction, type ReturnMethod } from '../model';
import type { ApplicantInput } from '../service/submit';
import { formData } from './eform-data';
import { randomCompany, randomPerson, type DemoPerson } from './names';
import { createRng, subSeed, type Rng } from './random';
import { CONSULT_UNITS, type World } from './world';

export type FileKind = 'component' | 'supplement' | 'result';

export type Op =
  | { kind: 'file'; at: Date; actor: Actor; fileKind: FileKind; componentKey: string | null }
  | {
      kind: 'action';
      at: Date;
      actor: Actor;
      action: DossierAction;
      comment?: string;
      missing?: string[];
      consultUnitId?: string;
      newAppointmentAt?: Date;
      returnMethod?: ReturnMethod;
    };

export interface DossierPlan {
  index: number;
  procedure: ProcedureSnapshot;
  channel: Channel;
  receivingUnitId: string;
  decidingUnitId: string;
  submitter: Actor;
  asOrganisation: boolean;
  applicant: ApplicantInput;
  data: Record<string, unknown>;
  /** Components brought at submission. */
  components: string[];
  submittedAt: Date;
  scenario: Scenario;
  ops: Op[];
}

export type Scenario =
  'normal' | 'refused' | 'withdrawn' | 'cancelled' | 'supplement_reception' | 'supplement_processing' | 'supplement_pending' | 'consult' | 'rework';

/** Proportions of the scenarios (QĐ 766 indicators need each of them to be non-empty). */
export const SCENARIOS: Record<Scenario, number> = {
  normal: 76,
  refused: 3,
  withdrawn: 2,
  cancelled: 0.5,
  supplement_reception: 5,
  supplement_processing: 6,
  supplement_pending: 1.5,
  consult: 3,
  rework: 3,
};
/** Pace against the due date: early, on time (finishes on the due day), late. */
export const PACE = { early: 60, on_time: 32, late: 8 };

const HOUR = 3_600_000;
const DAY = 86_400_000;
const WORK_DAY_MS = 8 * HOUR;

export function limitMs(l: TimeLimit): number {
  return l.unit === 'working_hours' ? l.value * HOUR : l.value * WORK_DAY_MS;
}

function weightOf(p: ProcedureSnapshot): number {
  return (p.essential ? 3 : 1) * (p.code.startsWith('1.0011') || p.code.startsWith('1.0042') ? 2 : 1);
}

/**
 * Dossier `index` of `size`: submission times follow the index (slot `index` of `size` over the
 * world's span), so plans made in index order are in time order too. The procedure version and
 * the agencies are those of the submission day (Hậu Giang's units and the district versions
 * before 1/7/2025); later operations on a unit that has ended by then are done by its successor.
 */
export function planDossier(w: World, seed: number, index: number, size: number): DossierPlan {
  const r = createRng(subSeed(seed, index));
  const spanDays = (w.now.getTime() - w.from.getTime()) / DAY;
  const weights = Object.fromEntries(w.procedures.map((p, i) => [String(i), weightOf(p)]));
  const code = w.procedures[Number(r.weighted(weights))]!.code;
  const daysAgo = spanDays * (1 - (index + r.next()) / size);
  let procedure = w.versionAt(code, new Date(w.now.getTime() - daysAgo * DAY));
  let channel: Channel =
    procedure.onlineLevel === 'none' ? r.weighted({ in_person: 85, post: 15 }) : r.weighted({ online: 58, in_person: 32, assisted: 5, post: 5 });
  const org = 'orgTaxCode' in ((procedure.eForm.schema as any).properties ?? {});
  const demo = channel === 'online' && !org && r.chance(0.15) ? r.pick(w.demoCitizens.filter((c) => !c.orgTaxCode)) : null;
  const person: DemoPerson = demo ? { ...randomPerson(r), name: demo.name, idNumber: demo.personalId! } : randomPerson(r);
  const company = org ? randomCompany(r) : null;
  const applicant: ApplicantInput = company
    ? { kind: 'organisation', idNumber: company.taxCode, name: company.name, phone: person.phone, email: person.email, address: person.address }
    : { kind: 'citizen', idNumber: person.idNumber, name: person.name, phone: person.phone, email: person.email, address: person.address };
  const submittedAt = submissionTime(w, r, channel, daysAgo);
  procedure = w.versionAt(code, submittedAt); // a desk submission moved to the next working day may cross a new version
  const agencies = w.agenciesOn(procedure, submittedAt);
  if (agencies.length === 0) throw new Error(`generator: no agency of ${procedure.code} exists on ${submittedAt.toISOString()}`);
  const agency = r.pick(agencies);
  const raw = formData(procedure.eForm.schema, { person, org: company }, r);
  const data = w.cleanForm(procedure, raw);
  if (!data) throw new Error(`generator: e-form data not valid for ${procedure.code}`);
  const components = procedure.components.filter((c) => !c.optional || r.chance(0.3)).map((c) => c.key);
  // Chỉ thị 24/CT-TTg: from 1/10/2025 the centre takes no paper for the essential services; its digital team helps the applicant apply online.
  if ((channel === 'in_person' || channel === 'post') && procedure.onlineLevel !== 'none' && paperRefusedFor(procedure.essential, submittedAt))
    channel = 'assisted';
  const submitter = submitterOf(w, channel, agency.receivingUnitId, person, company, demo);
  const scenario = r.weighted(SCENARIOS);
  const plan: DossierPlan = {
    index,
    procedure,
    channel,
    receivingUnitId: agency.receivingUnitId,
    decidingUnitId: agency.decidingUnitId,
    submitter,
    asOrganisation: !!company && channel === 'online',
    applicant,
    data,
    components,
    submittedAt,
    scenario,
    ops: [],
  };
  // An officer of a unit that has ended by the operation's day is replaced by the successor's (straddling dossiers).
  plan.ops = lifeOf(w, r, plan)
    .filter((op) => op.at.getTime() <= w.now.getTime())
    .map((op) => ({ ...op, actor: w.retime(op.actor, op.at) }));
  return plan;
}

function submitterOf(
  w: World,
  channel: Channel,
  receivingUnitId: string,
  person: DemoPerson,
  company: { taxCode: string; name: string } | null,
  demo: Actor | null,
): Actor {
  if (channel === 'online')
    return (
      demo ?? {
        kind: 'citizen',
        id: `person-${person.idNumber}`,
        name: company ? company.name : person.name,
        personalId: person.idNumber,
        orgTaxCode: company?.taxCode,
        roles: [],
      }
    );
  if (channel === 'in_person') return w.officer(receivingUnitId, 'reception');
  if (channel === 'post') return w.officer('hg-vithanh', 'postal');
  return w.officer('hg-vithanh-p1', 'digital_team');
}

/** Online: any hour; at a desk: office hours of a working day. */
function submissionTime(w: World, r: Rng, channel: Channel, daysAgo: number): Date {
  const t = new Date(w.now.getTime() - daysAgo * DAY);
  if (channel === 'online' && r.chance(0.35)) return t;
  const day = w.cal.addWorkingDays(civilDateVN(t), 0);
  const midnight = new Date(`${day}T00:00:00+07:00`);
  const at = w.cal.addWorkingMs(midnight, Math.floor(r.next() * (WORK_DAY_MS - HOUR)));
  return at.getTime() > w.now.getTime() ? t : at;
}

const minutes = (t: Date, m: number) => new Date(t.getTime() + m * 60_000);

function lifeOf(w: World, r: Rng, p: DossierPlan): Op[] {
  const ops: Op[] = [];
  const cal = w.cal;
  const desk = w.officer(p.receivingUnitId, 'reception');
  const applicantActs = p.channel === 'online';
  const steps = p.procedure.process.steps;
  const stepActor = (i: number) => w.officer(resolveStepUnit(steps[i]!, p), steps[i]!.role);
  const work = (t: Date, ms: number) => cal.addWorkingMs(t, Math.max(60_000, Math.round(ms)));
  let t = p.submittedAt;

  // Reception check.
  t = p.channel === 'in_person' ? minutes(t, r.int(3, 25)) : p.channel === 'post' ? work(t, r.int(4, 16) * HOUR) : work(t, r.int(1, 16) * 30 * 60_000);
  if (p.scenario === 'refused') {
    ops.push({
      kind: 'action',
      at: t,
      actor: desk,
      action: 'refuse',
      comment: 'Hồ sơ không thuộc thẩm quyền giải quyết hoặc không đủ điều kiện theo quy định.',
    });
    return ops;
  }
  // What a desk may ask for on paper: not a component the state holds once that rule is in force (1/10/2025, the
  // same check as the use case: 409 dossier.supplement_from_source) - without this a plan could be refused.
  const held = new Set(heldByState(p.procedure.components, {}, componentsFromSourceAt(p.submittedAt)).map((c) => c.key));
  const missing = p.procedure.components.filter((c) => !c.optional && !held.has(c.key));
  if (p.scenario === 'supplement_reception' && missing.length) {
    ops.push({ kind: 'action', at: t, actor: desk, action: 'request_supplement', comment: 'Đề nghị bổ sung, hoàn thiện hồ sơ.', missing: [missing[0]!.name] });
    t = work(new Date(t.getTime() + r.int(1, 6) * DAY), r.int(1, 6) * HOUR);
    const by = applicantActs ? p.submitter : desk;
    ops.push({ kind: 'file', at: t, actor: by, fileKind: 'supplement', componentKey: missing[0]!.key });
    ops.push({ kind: 'action', at: minutes(t, 1), actor: by, action: 'supplement', comment: 'Đã bổ sung giấy tờ.' });
    t = work(t, r.int(1, 8) * 30 * 60_000);
  }
  // Receipt: the clock starts.
  ops.push({ kind: 'action', at: t, actor: desk, action: 'receive' });
  const limit = applicableLimit(p.procedure, p.channel);
  const receivedAt = t;
  let due = cal.dueAt(receivedAt, limit);
  const pace = r.weighted(PACE);
  const budget = cal.workingMsBetween(receivedAt, due);
  const f = pace === 'early' ? 0.25 + r.next() * 0.5 : pace === 'on_time' ? 0.86 + r.next() * 0.12 : 1.08 + r.next() * 0.6;
  const total = steps.reduce((s, x) => s + limitMs(x.duration), 0) || 1;
  const share = (i: number) => (budget * f * limitMs(steps[i]!.duration)) / total;
  if (pace === 'late' && (p.scenario === 'normal' || p.scenario === 'rework') && r.chance(0.4)) {
    const apologyAt = new Date(due.getTime() - DAY - r.int(1, 8) * HOUR);
    if (apologyAt.getTime() > receivedAt.getTime() + HOUR) {
      const newAt = cal.addWorkingMs(due, Math.round(budget * (f - 1)) + WORK_DAY_MS);
      ops.push({
        kind: 'action',
        at: apologyAt,
        actor: w.officer(p.decidingUnitId, 'leader'),
        action: 'apologize',
        comment: 'Hồ sơ cần thêm thời gian xác minh; xin lỗi ông/bà và hẹn lại ngày trả kết quả.',
        newAppointmentAt: newAt,
      });
    }
  }

  // Receiving completes the opening reception steps (model firstProcessingStep).
  const first = firstProcessingStep(steps);
  for (let i = first; i < steps.length; i++) {
    const actor = stepActor(i);
    const endOfStep = work(t, share(i));
    if (i === 1 && p.scenario === 'withdrawn') {
      const at = work(t, share(i) / 2);
      ops.push({
        kind: 'action',
        at,
        actor: applicantActs ? p.submitter : desk,
        action: 'withdraw',
        comment: 'Công dân xin rút hồ sơ để bổ sung thông tin sau.',
      });
      return settle(ops);
    }
    if (i === 1 && p.scenario === 'cancelled') {
      ops.push({
        kind: 'action',
        at: work(t, share(i) / 2),
        actor: w.officer(p.decidingUnitId, 'leader'),
        action: 'cancel',
        comment: 'Dừng xử lý theo đề nghị của cơ quan có thẩm quyền.',
      });
      return settle(ops);
    }
    if (i === 1 && (p.scenario === 'supplement_processing' || p.scenario === 'supplement_pending') && missing.length) {
      const askedAt = work(t, share(i) / 3);
      ops.push({
        kind: 'action',
        at: askedAt,
        actor,
        action: 'request_supplement',
        comment: 'Đề nghị bổ sung giấy tờ còn thiếu.',
        missing: [missing[missing.length - 1]!.name],
      });
      if (p.scenario === 'supplement_pending') return settle(ops);
      const back = work(new Date(askedAt.getTime() + r.int(1, 8) * DAY), r.int(1, 6) * HOUR);
      const by = applicantActs ? p.submitter : desk;
      ops.push({ kind: 'file', at: back, actor: by, fileKind: 'supplement', componentKey: missing[missing.length - 1]!.key });
      ops.push({ kind: 'action', at: minutes(back, 1), actor: by, action: 'supplement', comment: 'Đã bổ sung giấy tờ.' });
      due = dueAfterSupplement(cal, { receivedAt, dueAt: due, requestedAt: askedAt, resumedAt: minutes(back, 1), limit }).dueAt;
      t = cal.addWorkingMs(minutes(back, 1), Math.max(60_000, cal.workingMsBetween(askedAt, endOfStep)));
    } else if (i === 1 && p.scenario === 'consult') {
      const here = resolveStepUnit(steps[i]!, p);
      const unit = CONSULT_UNITS.find((u) => u !== here)!;
      const askedAt = work(t, share(i) / 3);
      ops.push({ kind: 'action', at: askedAt, actor, action: 'consult', comment: 'Đề nghị cho ý kiến về nội dung hồ sơ.', consultUnitId: unit });
      const answered = work(askedAt, r.int(2, 14) * HOUR);
      ops.push({ kind: 'action', at: answered, actor: w.officer(unit, 'specialist'), action: 'answer_consultation', comment: 'Thống nhất với đề xuất.' });
      t = work(answered, share(i) / 2);
    } else if (i === steps.length - 1 && i >= 2 && p.scenario === 'rework') {
      const backAt = work(t, share(i) / 2);
      ops.push({ kind: 'action', at: backAt, actor, action: 'return_for_rework', comment: 'Đề nghị thẩm định lại nội dung.' });
      const again = work(backAt, share(i - 1) / 2);
      ops.push({ kind: 'action', at: again, actor: stepActor(i - 1), action: 'forward' });
      t = work(again, share(i) / 2);
    } else t = endOfStep;
    ops.push({ kind: 'action', at: t, actor, action: steps[i]!.approval ? 'approve' : 'forward' });
  }
  // Result: the electronic result, then its return.
  const leader = w.officer(p.decidingUnitId, 'leader');
  t = minutes(t, r.int(2, 30));
  ops.push({ kind: 'file', at: t, actor: leader, fileKind: 'result', componentKey: null });
  const returnMethod: ReturnMethod =
    p.channel === 'online' ? r.weighted({ online: 75, desk: 20, post: 5 }) : p.channel === 'post' ? 'post' : r.weighted({ desk: 85, post: 10, online: 5 });
  t = returnMethod === 'online' ? minutes(t, r.int(5, 90)) : work(t, r.int(1, 40) * HOUR);
  ops.push({
    kind: 'action',
    at: t,
    actor: returnMethod === 'post' && p.channel === 'post' ? w.officer('hg-vithanh', 'postal') : desk,
    action: 'return_result',
    returnMethod,
  });
  return settle(ops);
}

/** In time order (the apology falls within the process; the rest is already in order). */
function settle(ops: Op[]): Op[] {
  return ops
    .map((o, i) => ({ o, i }))
    .sort((a, b) => a.o.at.getTime() - b.o.at.getTime() || a.i - b.i)
    .map((x) => x.o);
}
