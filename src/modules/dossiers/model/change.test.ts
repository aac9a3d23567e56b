import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/auth';
import type { WorkCalendar } from '../../../platform/calendar/types';
import type { ProcessStep } from '../../catalogue/model';
import { buildActionChange, decideAction, type ActionFacts, type ChangeSnapshot } from './change';
import type { MachineDossier } from './machine';

const DAY = 86_400_000;
/** A calendar stub: a limit of n (any unit) is n calendar days later - enough to read the rows by hand. */
const cal = { dueAt: (from: Date, l: { value: number }) => new Date(from.getTime() + l.value * DAY) } as unknown as WorkCalendar;

const steps: ProcessStep[] = [
  { key: 'tiep-nhan', name: 'Tiếp nhận', nameEn: 'Reception', role: 'reception', unit: { kind: 'receiving' }, duration: { value: 4, unit: 'working_hours' } },
  { key: 'tham-dinh', name: 'Thẩm định', nameEn: 'Appraisal', role: 'specialist', unit: { kind: 'deciding' }, duration: { value: 2, unit: 'working_days' } },
];
const snapshot: ChangeSnapshot = { components: [], process: { steps } as ChangeSnapshot['process'], processingTime: { value: 5, unit: 'working_days' } };
const SUBMITTED = new Date('2025-03-10T01:00:00Z');
const NOW = new Date('2025-03-10T02:00:00Z');
const desk: Actor = { kind: 'officer', id: 'o1', name: 'Lan', roles: [{ role: 'reception', unitId: 'desk' }] } as Actor;

const dossier = {
  id: 'd1',
  code: 'H01.01-250310-0001',
  procedure_id: 'p',
  procedure_version_id: 'v',
  procedure_code: '1.000001',
  procedure_name: 'Thủ tục',
  snapshot,
  channel: 'in_person',
  applicant_kind: 'citizen',
  applicant_id_number: '093090001234',
  applicant_name: 'An',
  applicant_phone: null,
  applicant_email: null,
  applicant_address: null,
  applicant_address_today: null,
  submitter_kind: 'officer',
  submitter_id: 'officer:o1',
  submitter_personal_id: null,
  receiving_unit_id: 'desk',
  deciding_unit_id: 'dept',
  summary: null,
  data: {},
  state: 'submitted',
  resume_state: null,
  step_index: null,
  step_key: null,
  step_unit_id: null,
  step_role: null,
  step_entered_at: null,
  step_due_at: null,
  assignee_id: null,
  consult_unit_id: null,
  consult_due_at: null,
  submitted_at: SUBMITTED,
  received_at: null,
  due_at: null,
  appointment_at: null,
  paused_since: null,
  supplement_requests: 0,
  apology_at: null,
  result_ready_at: null,
  returned_at: null,
  return_method: null,
  closed_at: null,
  close_reason: null,
  lookup_pin: '123456',
  idempotency_key: null,
  version: 1,
  updated_at: SUBMITTED,
  component_sources: {},
} as ActionFacts['dossier'];

const machine: MachineDossier = {
  state: 'submitted',
  resumeState: null,
  stepIndex: null,
  steps,
  receivingUnitId: 'desk',
  decidingUnitId: 'dept',
  applicantIdNumber: '093090001234',
  submitterPersonalId: null,
  consultUnitId: null,
  resultFiles: 0,
  apologyIssued: false,
  dueAt: null,
  missingComponents: [],
  stopAvailable: false,
};
const facts: ActionFacts = { dossier, machine, snapshot, files: [], openPause: null };
const rules = { componentsFromSource: false, supplementOnce: true };
const ids = () => {
  let n = 0;
  return () => `id${++n}`;
};
const at = (ms: number) => new Date(NOW.getTime() + ms);

describe('the change builder (pure): exact rows of an action', () => {
  it('receive: the clock starts, the reception step is recorded as done, the first processing step opens; one event, its message, its audit entry', () => {
    const req = { version: 1 };
    const decision = decideAction(facts, desk, 'receive', req, NOW, rules);
    expect(decision.ok).toBe(true);
    if (!decision.ok) throw new Error('refused');
    const c = buildActionChange(facts, desk, 'receive', req, NOW, cal, decision, ids());
    expect(c.dossierId).toBe('d1');
    expect(c.version).toBe(1);
    expect(c.patch).toEqual({
      state: 'received',
      resume_state: null,
      consult_unit_id: null,
      updated_at: NOW,
      received_at: NOW,
      due_at: at(5 * DAY),
      appointment_at: at(5 * DAY),
      step_index: 1,
      step_key: 'tham-dinh',
      step_unit_id: 'dept',
      step_role: 'specialist',
      step_entered_at: NOW,
      step_due_at: at(2 * DAY),
      assignee_id: null,
    });
    expect(c.stepInserts).toEqual([
      {
        id: 'id1',
        dossier_id: 'd1',
        step_index: 0,
        step_key: 'tiep-nhan',
        step_name: 'Tiếp nhận',
        unit_id: 'desk',
        role: 'reception',
        entered_at: SUBMITTED,
        due_at: new Date(SUBMITTED.getTime() + 4 * DAY),
        left_at: NOW,
        outcome: 'receive',
        assignee_id: null,
        handled_by: 'o1',
      },
      {
        id: 'id2',
        dossier_id: 'd1',
        step_index: 1,
        step_key: 'tham-dinh',
        step_name: 'Thẩm định',
        unit_id: 'dept',
        role: 'specialist',
        entered_at: NOW,
        due_at: at(2 * DAY),
        left_at: null,
        outcome: null,
        assignee_id: null,
        handled_by: null,
      },
    ]);
    expect([c.openStepPatch, c.pauseInserts, c.pauseUpdates, c.supplementRequestInserts, c.fileInserts]).toEqual([null, [], [], [], []]);
    const data = { dueAt: '2025-03-15T02:00:00.000Z', toStep: 'tham-dinh', toUnitId: 'dept', stepDueAt: '2025-03-12T02:00:00.000Z', transfer: false };
    expect({ ...c.event.event, data: JSON.parse(c.event.event.data) }).toEqual({
      id: 'id3',
      dossier_id: 'd1',
      seq: 2,
      at: NOW,
      actor_kind: 'officer',
      actor_id: 'o1',
      actor_name: 'Lan',
      action: 'receive',
      from_state: 'submitted',
      to_state: 'received',
      step_key: null,
      comment: null,
      data,
    });
    expect(c.event.outbox).toEqual({
      id: 'id4',
      topic: 'dossier.event',
      key: 'd1',
      at: NOW,
      payload: {
        eventId: 'id3',
        dossierId: 'd1',
        code: 'H01.01-250310-0001',
        procedureCode: '1.000001',
        seq: 2,
        at: '2025-03-10T02:00:00.000Z',
        action: 'receive',
        from: 'submitted',
        to: 'received',
        nationalStatus: c.event.outbox.payload.nationalStatus,
        stepKey: null,
        actorKind: 'officer',
        actorId: 'o1',
        receivingUnitId: 'desk',
        decidingUnitId: 'dept',
        channel: 'in_person',
        comment: null,
        ...data,
      },
    });
    expect(typeof c.event.outbox.payload.nationalStatus).toBe('number');
    expect(c.event.audit).toEqual({
      actorKind: 'officer',
      actorId: 'o1',
      action: 'dossier.receive',
      entity: 'dossier',
      entityId: 'd1',
      ip: null,
      details: { code: 'H01.01-250310-0001', from: 'submitted', to: 'received', step: null },
      at: NOW,
    });
  });

  it('refuse at the reception check: the dossier closes, its open pause is closed as "closed", the step fields are emptied', () => {
    const pause = {
      id: 'p1',
      dossier_id: 'd1',
      kind: 'fee' as const,
      reason: '',
      missing: [],
      requested_by: 'o1',
      from_at: SUBMITTED,
      to_at: null,
      before_receipt: true,
      rule: null,
      due_before: null,
      due_after: null,
    };
    const f = { ...facts, openPause: pause };
    const req = { version: 1, comment: 'Thiếu giấy tờ' };
    const decision = decideAction(f, desk, 'refuse', req, NOW, rules);
    if (!decision.ok) throw new Error(`refused: ${decision.key}`);
    const c = buildActionChange(f, desk, 'refuse', req, NOW, cal, decision, ids());
    expect(c.patch).toEqual({
      state: 'refused',
      resume_state: null,
      consult_unit_id: null,
      updated_at: NOW,
      closed_at: NOW,
      close_reason: 'Thiếu giấy tờ',
      paused_since: null,
      step_index: null,
      step_key: null,
      step_unit_id: null,
      step_role: null,
      step_entered_at: null,
      step_due_at: null,
      assignee_id: null,
    });
    expect(c.pauseUpdates).toEqual([{ id: 'p1', patch: { to_at: NOW, rule: 'closed' } }]);
    expect([c.stepInserts, c.openStepPatch, c.pauseInserts]).toEqual([[], null, []]);
    expect(c.event.event).toMatchObject({
      id: 'id1',
      seq: 2,
      action: 'refuse',
      from_state: 'submitted',
      to_state: 'refused',
      comment: 'Thiếu giấy tờ',
      data: '{}',
    });
    expect(c.event.outbox.id).toBe('id2');
  });

  it('refuses without building anything: a stale version, a return without its method (then with it: allowed)', () => {
    expect(decideAction(facts, desk, 'receive', { version: 2 }, NOW, rules)).toEqual({ ok: false, status: 409, key: 'dossier.changed' });
    const ready = { ...facts, dossier: { ...dossier, state: 'result_ready' }, machine: { ...machine, state: 'result_ready' as const, resultFiles: 1 } };
    expect(decideAction(ready, desk, 'return_result', { version: 1 }, NOW, rules)).toEqual({ ok: false, status: 400, key: 'dossier.return_method_invalid' });
    expect(decideAction(ready, desk, 'return_result', { version: 1, returnMethod: 'desk' }, NOW, rules).ok).toBe(true);
  });
});
