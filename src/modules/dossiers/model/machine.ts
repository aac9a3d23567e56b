/**
 * Decides a transition: pure, from the dossier as it is, the actor, the action and its input.
 * Returns the change to write, or the reason it is refused (a message key and HTTP status).
 */
import type { Actor, Role } from '../../../platform/auth';
import type { ProcessStep } from '../../catalogue/model';
import { MACHINE, type DossierAction, type GuardKey, type UnitRef, type Who } from './actions';
import type { DossierState } from './states';
import type { MessageKey } from '../../../platform/i18n/keys';

export interface MachineDossier {
  state: DossierState;
  /** The state to go back to after a pause or a consultation. */
  resumeState: DossierState | null;
  stepIndex: number | null;
  steps: readonly ProcessStep[];
  receivingUnitId: string;
  decidingUnitId: string;
  /** Who the dossier belongs to: the applicant's personal ID or tax code, and the online submitter's personal ID. */
  applicantIdNumber: string;
  submitterPersonalId: string | null;
  consultUnitId: string | null;
  resultFiles: number;
  apologyIssued: boolean;
  dueAt: Date | null;
  /** Required components without a file (for the completeness check at reception). */
  missingComponents: readonly string[];
  /** The one-stop rules of its reception date have the stop action (module rules); absent = no. */
  stopAvailable?: boolean;
}

export interface ActionInput {
  comment?: string | null;
  consultUnitId?: string;
  newAppointmentAt?: Date;
}

export interface TransitionPlan {
  action: DossierAction;
  from: DossierState;
  to: DossierState;
  stepIndex: number | null;
  resumeState: DossierState | null;
  consultUnitId: string | null;
  /** The step changed (a step deadline starts). */
  stepChanged: boolean;
  pause?: 'start' | 'end';
  /** Steps the action itself completes (receive completes the reception steps), in order. */
  doneSteps?: number[];
}

export type Refusal = { status: 400 | 403 | 409; key: MessageKey; params?: Record<string, unknown> };
export type Decision = { ok: true; plan: TransitionPlan } | ({ ok: false } & Refusal);

export function resolveStepUnit(step: ProcessStep, d: Pick<MachineDossier, 'receivingUnitId' | 'decidingUnitId'>): string {
  if (step.unit.kind === 'receiving') return d.receivingUnitId;
  if (step.unit.kind === 'deciding') return d.decidingUnitId;
  return step.unit.unitId;
}

/** The state of a dossier sitting at a step: another agency's step is a transfer (liên thông). */
export function stateForStep(step: ProcessStep, d: Pick<MachineDossier, 'receivingUnitId' | 'decidingUnitId'>): DossierState {
  const unit = resolveStepUnit(step, d);
  return step.unit.kind === 'unit' && unit !== d.decidingUnitId && unit !== d.receivingUnitId ? 'transferred' : 'processing';
}

/**
 * The reception steps that open a process (tiếp nhận, kiểm tra, số hóa at the receiving desk) are
 * done by the act of receiving: the dossier goes straight to the first step after them, so nobody
 * has to press "Chuyển bước tiếp theo" after the receipt (issue 13.5). A process made only of
 * reception steps stays at its last one.
 */
export function firstProcessingStep(steps: readonly ProcessStep[]): number {
  let i = 0;
  while (i < steps.length - 1 && steps[i]!.role === 'reception' && steps[i]!.unit.kind === 'receiving') i++;
  return i;
}

export function currentStep(d: MachineDossier): ProcessStep | null {
  return d.stepIndex == null ? null : (d.steps[d.stepIndex] ?? null);
}

export function isApplicant(actor: Actor, d: Pick<MachineDossier, 'applicantIdNumber' | 'submitterPersonalId'>): boolean {
  if (actor.kind !== 'citizen') return false;
  if (actor.personalId && (actor.personalId === d.applicantIdNumber || actor.personalId === d.submitterPersonalId)) return true;
  return !!actor.orgTaxCode && actor.orgTaxCode === d.applicantIdNumber;
}

function unitFor(at: UnitRef, d: MachineDossier): string | null | 'any' {
  if (at === 'any') return 'any';
  if (at === 'receiving') return d.receivingUnitId;
  if (at === 'deciding') return d.decidingUnitId;
  if (at === 'consulted') return d.consultUnitId;
  const step = currentStep(d);
  return step ? resolveStepUnit(step, d) : null;
}

export function allowedBy(actor: Actor, who: Who, d: MachineDossier): boolean {
  if ('applicant' in who) return isApplicant(actor, d);
  if (actor.kind !== 'officer') return false;
  let roles: readonly Role[];
  if (who.roles === 'step') {
    const step = currentStep(d);
    if (!step) return false;
    roles = [step.role];
  } else roles = who.roles;
  const unit = unitFor(who.at, d);
  if (!unit) return false;
  return actor.roles.some((g) => roles.includes(g.role) && (unit === 'any' || g.unitId === unit));
}

/** May this actor ever take this action on this dossier (ignoring the state)? Used to tell 403 from 409. */
export function mayAct(actor: Actor, action: DossierAction, d: MachineDossier): boolean {
  return MACHINE[action].who.some((w) => allowedBy(actor, w, d));
}

const DAY_MS = 86_400_000;

function guardFails(g: GuardKey, d: MachineDossier, input: ActionInput, now: Date): Refusal | null {
  const step = currentStep(d);
  switch (g) {
    case 'notLastStep':
      return step && d.stepIndex! < d.steps.length - 1 ? null : { status: 409, key: 'dossier.last_step' };
    case 'approvalStep':
      return step?.approval ? null : { status: 409, key: 'dossier.not_approval_step' };
    case 'notApprovalStep':
      return step && !step.approval ? null : { status: 409, key: 'dossier.needs_approval' };
    case 'hasPreviousStep':
      return d.stepIndex != null && d.stepIndex > 0 ? null : { status: 409, key: 'dossier.no_previous_step' };
    case 'resultAttached':
      return d.resultFiles > 0 ? null : { status: 409, key: 'dossier.result_missing' };
    case 'apologyNotIssued':
      return d.apologyIssued ? { status: 409, key: 'dossier.apology_once' } : null;
    case 'apologyInTime':
      // NĐ 61 art. 19(9): at least one day before the due date.
      return d.dueAt && now.getTime() <= d.dueAt.getTime() - DAY_MS ? null : { status: 409, key: 'dossier.apology_too_late' };
    case 'newDateAfterDue':
      return input.newAppointmentAt && d.dueAt && input.newAppointmentAt.getTime() > d.dueAt.getTime()
        ? null
        : { status: 400, key: 'dossier.apology_date_invalid' };
    case 'componentsComplete':
      return d.missingComponents.length === 0
        ? null
        : { status: 409, key: 'dossier.components_missing', params: { components: d.missingComponents.join(', ') } };
    case 'stopInForce':
      return d.stopAvailable ? null : { status: 409, key: 'dossier.stop_not_in_force' };
    case 'consultUnitDiffers': {
      if (!input.consultUnitId) return { status: 400, key: 'dossier.consult_unit_required' };
      const here = step ? resolveStepUnit(step, d) : null;
      return input.consultUnitId === here ? { status: 400, key: 'dossier.consult_same_unit' } : null;
    }
  }
}

/** Decides whether `actor` may take `action` now, and where it leads. */
export function decide(d: MachineDossier, actor: Actor, action: DossierAction, input: ActionInput, now: Date): Decision {
  const def = MACHINE[action];
  if (!def.from.includes(d.state)) {
    // Someone who could never act gets 403; someone who could, but not in this state, 409.
    if (!mayActAnyState(actor, action, d)) return { ok: false, status: 403, key: 'error.forbidden' };
    return { ok: false, status: 409, key: 'dossier.wrong_state', params: { state: d.state } };
  }
  if (!mayAct(actor, action, d)) return { ok: false, status: 403, key: 'error.forbidden' };
  if (def.needsComment && !input.comment?.trim()) return { ok: false, status: 400, key: 'dossier.comment_required' };
  for (const g of def.guards ?? []) {
    const r = guardFails(g, d, input, now);
    if (r) return { ok: false, ...r };
  }
  let to: DossierState;
  let stepIndex = d.stepIndex;
  let resumeState = d.resumeState;
  let consultUnitId = d.consultUnitId;
  let stepChanged = false;
  let doneSteps: number[] | undefined;
  switch (def.to) {
    case 'same':
      to = d.state;
      break;
    case 'previous':
      to = d.resumeState ?? 'processing';
      resumeState = null;
      if (d.state === 'consulting') consultUnitId = null;
      break;
    case 'first_step': {
      stepIndex = firstProcessingStep(d.steps);
      stepChanged = true;
      const step = d.steps[stepIndex];
      to = step && stateForStep(step, d) === 'transferred' ? 'transferred' : 'received';
      if (stepIndex > 0) doneSteps = Array.from({ length: stepIndex }, (_, i) => i);
      break;
    }
    case 'next_step': {
      const next = (d.stepIndex ?? -1) + 1;
      if (next >= d.steps.length) {
        to = 'result_ready';
        stepIndex = null;
      } else {
        stepIndex = next;
        to = stateForStep(d.steps[next], d);
      }
      stepChanged = true;
      break;
    }
    case 'prev_step': {
      stepIndex = d.stepIndex! - 1;
      to = stateForStep(d.steps[stepIndex], d);
      stepChanged = true;
      break;
    }
    default:
      to = def.to;
  }
  if (to === 'waiting_supplement' || to === 'waiting_fee' || to === 'consulting') resumeState = d.state;
  if (action === 'consult') consultUnitId = input.consultUnitId ?? null;
  return {
    ok: true,
    plan: { action, from: d.state, to, stepIndex, resumeState, consultUnitId, stepChanged, pause: def.pause, ...(doneSteps ? { doneSteps } : {}) },
  };
}

/** The actor could take this action on this dossier in some state (ignoring step-bound roles' current step). */
function mayActAnyState(actor: Actor, action: DossierAction, d: MachineDossier): boolean {
  if (mayAct(actor, action, d)) return true;
  // Step roles depend on the step the dossier is at; any officer holding a role at a unit of the process counts as a participant.
  if (actor.kind !== 'officer') return false;
  const units = new Set([d.receivingUnitId, d.decidingUnitId, ...d.steps.map((s) => resolveStepUnit(s, d))]);
  return MACHINE[action].who.some((w) => !('applicant' in w)) && actor.roles.some((g) => units.has(g.unitId));
}
