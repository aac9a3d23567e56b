import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/auth';
import type { ProcessStep } from '../../catalogue/process';
import { ACTIONS, MACHINE } from './actions';
import { decide, firstProcessingStep, mayAct, stateForStep, type MachineDossier } from './machine';
import { NATIONAL_STATUS, STATES } from './states';

const steps: ProcessStep[] = [
  { key: 'tiep-nhan', name: 'Tiếp nhận', nameEn: 'Reception', role: 'reception', unit: { kind: 'receiving' }, duration: { value: 4, unit: 'working_hours' } },
  { key: 'tham-dinh', name: 'Thẩm định', nameEn: 'Appraisal', role: 'specialist', unit: { kind: 'deciding' }, duration: { value: 2, unit: 'working_days' } },
  {
    key: 'lien-thong',
    name: 'Liên thông',
    nameEn: 'Inter-agency',
    role: 'specialist',
    unit: { kind: 'unit', unitId: 'other' },
    duration: { value: 1, unit: 'working_days' },
  },
  {
    key: 'phe-duyet',
    name: 'Phê duyệt',
    nameEn: 'Approval',
    role: 'leader',
    unit: { kind: 'deciding' },
    duration: { value: 4, unit: 'working_hours' },
    approval: true,
  },
];

const base: MachineDossier = {
  state: 'submitted',
  resumeState: null,
  stepIndex: null,
  steps,
  receivingUnitId: 'desk',
  decidingUnitId: 'dept',
  applicantIdNumber: '093090001234',
  submitterPersonalId: '093090001234',
  consultUnitId: null,
  resultFiles: 0,
  apologyIssued: false,
  dueAt: new Date('2026-03-20T10:00:00Z'),
  missingComponents: [],
};
const officer = (role: any, unitId: string, id = `${role}@${unitId}`): Actor => ({ kind: 'officer', id, name: id, roles: [{ role, unitId }] });
const reception = officer('reception', 'desk');
const specialist = officer('specialist', 'dept');
const leader = officer('leader', 'dept');
const otherSpecialist = officer('specialist', 'other');
const citizen: Actor = { kind: 'citizen', id: 'p1', name: 'An', personalId: '093090001234', roles: [] };
const stranger: Actor = { kind: 'citizen', id: 'p2', name: 'Bình', personalId: '093185004321', roles: [] };
const now = new Date('2026-03-10T03:00:00Z');

function run(d: MachineDossier, actor: Actor, action: (typeof ACTIONS)[number], input: any = {}) {
  const r = decide(d, actor, action, input, now);
  if (!r.ok) throw new Error(`${action}: ${r.status} ${r.key}`);
  return { ...d, state: r.plan.to, stepIndex: r.plan.stepIndex, resumeState: r.plan.resumeState, consultUnitId: r.plan.consultUnitId };
}

describe('state machine', () => {
  it('maps every state to a national status 1-10', () => {
    for (const s of STATES) expect(NATIONAL_STATUS[s]).toBeGreaterThanOrEqual(1);
    expect(new Set(Object.values(NATIONAL_STATUS))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
  });

  it('every action has at least one source state and one kind of actor', () => {
    for (const a of ACTIONS) {
      expect(MACHINE[a].from.length).toBeGreaterThan(0);
      expect(MACHINE[a].who.length).toBeGreaterThan(0);
    }
  });

  it('walks the process: receive, forward, transfer to another agency, approve, result', () => {
    const received = decide(base, reception, 'receive', {}, now);
    expect(received).toMatchObject({ ok: true, plan: { to: 'received', stepIndex: 1, doneSteps: [0], stepChanged: true } });
    // The reception step is done by receiving: nobody has to forward it (issue 13.5).
    let d = run(base, reception, 'receive');
    expect([d.state, d.stepIndex]).toEqual(['received', 1]);
    expect(decide(d, reception, 'forward', {}, now)).toMatchObject({ ok: false, status: 403 });
    d = run(d, specialist, 'forward');
    expect([d.state, d.stepIndex]).toEqual(['transferred', 2]);
    expect(stateForStep(steps[2], d)).toBe('transferred');
    d = run(d, otherSpecialist, 'forward');
    expect([d.state, d.stepIndex]).toEqual(['processing', 3]);
    expect(decide(d, leader, 'forward', {}, now)).toMatchObject({ ok: false, key: 'dossier.needs_approval' });
    d = run(d, leader, 'approve');
    expect([d.state, d.stepIndex]).toEqual(['result_ready', null]);
    expect(decide(d, reception, 'return_result', {}, now)).toMatchObject({ ok: false, status: 409, key: 'dossier.result_missing' });
    d = run({ ...d, resultFiles: 1 }, reception, 'return_result');
    expect(d.state).toBe('returned');
  });

  it('receiving skips every opening reception step, and only those', () => {
    const desk = steps[0]!;
    const specialistStep = steps[1]!;
    const otherDesk = { ...desk, key: 'so-hoa', unit: { kind: 'unit' as const, unitId: 'other' } };
    expect(firstProcessingStep([])).toBe(0);
    expect(firstProcessingStep([desk])).toBe(0);
    expect(firstProcessingStep([desk, desk])).toBe(1);
    expect(firstProcessingStep(steps)).toBe(1);
    expect(firstProcessingStep([desk, { ...desk, key: 'so-hoa' }, specialistStep])).toBe(2);
    expect(firstProcessingStep([specialistStep, desk])).toBe(0);
    expect(firstProcessingStep([desk, otherDesk, specialistStep])).toBe(1);
    // A first processing step held by another agency is a transfer from the start.
    const toOther = decide({ ...base, steps: [desk, steps[2]!, steps[3]!] }, reception, 'receive', {}, now);
    expect(toOther).toMatchObject({ ok: true, plan: { to: 'transferred', stepIndex: 1, doneSteps: [0] } });
    // A process that opens with the specialist completes nothing at receipt.
    const direct = decide({ ...base, steps: steps.slice(1) }, reception, 'receive', {}, now);
    expect(direct.ok && direct.plan.doneSteps).toBeUndefined();
    expect(direct).toMatchObject({ ok: true, plan: { to: 'received', stepIndex: 0 } });
  });

  it('refuses the wrong role, the wrong unit and the wrong state', () => {
    expect(decide(base, specialist, 'receive', {}, now)).toMatchObject({ ok: false, status: 403 });
    expect(decide(base, officer('reception', 'elsewhere'), 'receive', {}, now)).toMatchObject({ ok: false, status: 403 });
    expect(decide(base, citizen, 'receive', {}, now)).toMatchObject({ ok: false, status: 403 });
    const atStep1 = { ...base, state: 'processing' as const, stepIndex: 1 };
    expect(decide(atStep1, reception, 'forward', {}, now)).toMatchObject({ ok: false, status: 403 });
    expect(decide(atStep1, otherSpecialist, 'forward', {}, now)).toMatchObject({ ok: false, status: 403 });
    expect(decide(atStep1, reception, 'receive', {}, now)).toMatchObject({ ok: false, status: 409, key: 'dossier.wrong_state' });
    expect(decide(atStep1, specialist, 'approve', {}, now)).toMatchObject({ ok: false, status: 409, key: 'dossier.not_approval_step' });
  });

  it('lets only the applicant (or the desk) withdraw, with a reason, before the result', () => {
    const d = { ...base, state: 'processing' as const, stepIndex: 1 };
    expect(decide(d, stranger, 'withdraw', { comment: 'x' }, now)).toMatchObject({ ok: false, status: 403 });
    expect(decide(d, citizen, 'withdraw', {}, now)).toMatchObject({ ok: false, status: 400, key: 'dossier.comment_required' });
    expect(run(d, citizen, 'withdraw', { comment: 'Không cần nữa' }).state).toBe('withdrawn');
    expect(decide({ ...d, state: 'result_ready' }, citizen, 'withdraw', { comment: 'x' }, now)).toMatchObject({ ok: false, status: 409 });
    const org = { ...d, applicantIdNumber: '6300123456', submitterPersonalId: '093078005555' };
    expect(mayAct({ ...stranger, orgTaxCode: '6300123456' }, 'withdraw', org)).toBe(true);
  });

  it('pauses for a supplement and comes back to where it was', () => {
    const d = { ...base, state: 'processing' as const, stepIndex: 1 };
    expect(decide(d, specialist, 'request_supplement', {}, now)).toMatchObject({ ok: false, key: 'dossier.comment_required' });
    const r = decide(d, specialist, 'request_supplement', { comment: 'Thiếu bản sao CCCD' }, now);
    expect(r).toMatchObject({ ok: true, plan: { to: 'waiting_supplement', resumeState: 'processing', pause: 'start' } });
    const w = run(d, specialist, 'request_supplement', { comment: 'Thiếu' });
    expect(decide(w, stranger, 'supplement', {}, now)).toMatchObject({ ok: false, status: 403 });
    const back = run(w, citizen, 'supplement');
    expect([back.state, back.stepIndex, back.resumeState]).toEqual(['processing', 1, null]);
    // At the reception check: back to the check.
    const s = run(run(base, reception, 'request_supplement', { comment: 'Thiếu tờ khai' }), reception, 'supplement');
    expect(s.state).toBe('submitted');
  });

  it('consults another unit, which answers', () => {
    const d = { ...base, state: 'processing' as const, stepIndex: 1 };
    expect(decide(d, specialist, 'consult', { comment: 'Xin ý kiến', consultUnitId: 'dept' }, now)).toMatchObject({
      ok: false,
      key: 'dossier.consult_same_unit',
    });
    const c = run(d, specialist, 'consult', { comment: 'Xin ý kiến', consultUnitId: 'other' });
    expect([c.state, c.consultUnitId]).toEqual(['consulting', 'other']);
    expect(decide(c, specialist, 'answer_consultation', { comment: 'Đồng ý' }, now)).toMatchObject({ ok: false, status: 403 });
    const a = run(c, otherSpecialist, 'answer_consultation', { comment: 'Đồng ý' });
    expect([a.state, a.consultUnitId]).toEqual(['processing', null]);
  });

  it('returns for rework to the previous step, never before the first', () => {
    const d = { ...base, state: 'processing' as const, stepIndex: 1 };
    const r = run(d, specialist, 'return_for_rework', { comment: 'Sai thông tin' });
    expect([r.state, r.stepIndex]).toEqual(['processing', 0]);
    expect(decide({ ...d, state: 'received', stepIndex: 0 }, reception, 'return_for_rework', { comment: 'x' }, now)).toMatchObject({ ok: false, status: 409 });
  });

  it('apologizes once, at least one day before the due date, with a later date', () => {
    const d = { ...base, state: 'processing' as const, stepIndex: 1, dueAt: new Date('2026-03-12T10:00:00Z') };
    const later = new Date('2026-03-16T10:00:00Z');
    expect(decide(d, leader, 'apologize', { comment: 'Cần xác minh', newAppointmentAt: later }, now)).toMatchObject({ ok: true });
    expect(decide(d, leader, 'apologize', { comment: 'x', newAppointmentAt: new Date('2026-03-11T10:00:00Z') }, now)).toMatchObject({
      ok: false,
      key: 'dossier.apology_date_invalid',
    });
    expect(decide({ ...d, apologyIssued: true }, leader, 'apologize', { comment: 'x', newAppointmentAt: later }, now)).toMatchObject({
      ok: false,
      key: 'dossier.apology_once',
    });
    const tooLate = new Date('2026-03-11T10:00:01Z');
    expect(decide(d, leader, 'apologize', { comment: 'x', newAppointmentAt: later }, tooLate)).toMatchObject({ ok: false, key: 'dossier.apology_too_late' });
    expect(decide(d, specialist, 'apologize', { comment: 'x', newAppointmentAt: later }, now)).toMatchObject({ ok: false, status: 403 });
  });

  it('will not receive a dossier with a required component missing', () => {
    expect(decide({ ...base, missingComponents: ['Tờ khai'] }, reception, 'receive', {}, now)).toMatchObject({
      ok: false,
      status: 409,
      key: 'dossier.components_missing',
    });
  });

  it('no action leads out of a final state', () => {
    for (const s of ['returned', 'refused', 'withdrawn', 'cancelled'] as const)
      for (const a of ACTIONS)
        for (const who of [reception, specialist, leader, citizen])
          expect(decide({ ...base, state: s, stepIndex: 1, resultFiles: 1 }, who, a, { comment: 'x' }, now).ok).toBe(false);
  });
});
