/**
 * The shared types of a dossier's change (model/change.ts): the facts and the request an action
 * reads, the decision's verdict, and the rows a change writes (ActionChange).
 */
import type { TimeLimit } from '../../../platform/calendar/types';
import type { MessageKey } from '../../../platform/i18n/keys';
import type { ComponentSpec, InternalProcess } from '../../catalogue/model';
import type { Selectable } from 'kysely';
import type { DossierFileRow, DossierPauseRow, DossierRow, DossierStepRow, SupplementItemRow, SupplementRequestRow } from '../tables';
import type { DossierAction } from './actions';
import type { MachineDossier, TransitionPlan } from './machine';
import type { ReturnMethod } from './states';
import type { SupplementItem, SupplementItemInput } from './supplement';
import type { EventRows } from './change-events';

type Dossier = Selectable<DossierRow>;
type DossierFile = Selectable<DossierFileRow>;
type DossierPause = Selectable<DossierPauseRow>;
type DossierStep = Selectable<DossierStepRow>;

/** A dossier's step columns when it stands at no step of the internal process (just submitted, or out of it). */
export const NO_STEP = {
  step_index: null,
  step_key: null,
  step_unit_id: null,
  step_role: null,
  step_entered_at: null,
  step_due_at: null,
  assignee_id: null,
} as const;

/** A new id (the caller's source: random in the service, seeded in the generator). */
export type NewId = () => string;

/** What a dossier keeps of its procedure version that a change reads. */
export interface ChangeSnapshot {
  components: ComponentSpec[];
  process: InternalProcess;
  processingTime: TimeLimit;
  onlineProcessingTime?: TimeLimit;
}

/** A file already in the blob store (content-addressed), named for a dossier row. */
export interface StoredBlobRef {
  key: string;
  sha256: string;
  fileName: string;
  contentType: string;
  size: number;
}

export interface ActionRequest {
  /** The version of the dossier the client saw. */
  version: number;
  comment?: string | null;
  /** request_supplement: every missing item, in one go (Mẫu 02) - a plain list (each becomes an item with defect "missing"). */
  missing?: string[];
  /** request_supplement: the deficient items against the checklist, each with its defect and what to provide (takes precedence over `missing`). */
  items?: SupplementItemInput[];
  /** request_supplement: set by the leader's approval of a pending second (or later) request (service/supplement.ts), never from the client. */
  approval?: { requestId: string; reason: string };
  /** supplement: the applicant's answer per item of the open request (a note and/or a file already stored). */
  answers?: { itemId: string; note?: string | null; file?: (StoredBlobRef & { componentKey?: string | null }) | null }[];
  /** assign: the officer to assign. */
  assigneeId?: string;
  /** consult: the unit asked and the working days it has to answer (default 2). */
  consultUnitId?: string;
  consultDays?: number;
  /** apologize: the new appointment date. */
  newAppointmentAt?: Date;
  /** return_result: how the result went back. */
  returnMethod?: ReturnMethod;
  ip?: string | null;
  /** The system takes the action (e.g. confirm_fee after an online payment): the event and audit name no person. */
  asSystem?: boolean;
  /** Extra data recorded in the event (e.g. the payment id). */
  eventData?: Record<string, unknown>;
  /**
   * The client's Idempotency-Key: a repeat of the same action by the same actor with the same key
   * (its first answer lost, e.g. in a database failover) answers the dossier as that action left it
   * instead of 409 "changed".
   */
  idempotencyKey?: string;
}

/** A supplement request as an action reads it. */
export type RequestFact = Pick<Selectable<SupplementRequestRow>, 'id' | 'state' | 'request_no'>;
/** An item of the open request as the applicant's answer reads it. */
export type ItemFact = Pick<Selectable<SupplementItemRow>, 'id' | 'label' | 'component_key'>;

/** What the store holds of the dossier that an action reads (loaded in its transaction). */
export interface ActionFacts {
  dossier: Dossier;
  /** The dossier as the state machine reads it (service/common.ts toMachine). */
  machine: MachineDossier;
  snapshot: ChangeSnapshot;
  files: Pick<DossierFile, 'id' | 'kind' | 'sha256'>[];
  /** The open pause, when the action ends a pause or closes the dossier (`factsNeeded`). */
  openPause?: DossierPause | null;
  /** The supplement requests, in order, for request_supplement with an approval and for supplement. */
  supplementRequests?: RequestFact[];
  /** The items of the last issued request (supplement). */
  openItems?: ItemFact[];
}

/** The rules in force for the dossier that an action reads (rules module). */
export interface ActionRules {
  /** Rule "components from their source" on the dossier's submission date: those are never asked for on paper. */
  componentsFromSource: boolean;
  /** Rule `supplement.once` on the dossier's reception date. */
  supplementOnce: boolean | undefined;
}

export type ActionRefusal = {
  ok: false;
  status: number;
  key: MessageKey;
  params?: Record<string, unknown>;
  fields?: { field: string; message: string }[];
};
export type ActionDecision = { ok: true; plan: TransitionPlan; items: SupplementItem[] } | ActionRefusal;

export const CLOSING: readonly DossierAction[] = ['refuse', 'withdraw', 'cancel', 'stop'];

export const openRequest = (f: ActionFacts) => (f.supplementRequests ?? []).filter((x) => x.state === 'issued').at(-1);

export type Patch<T> = Partial<T>;
export type FileInsert = Omit<DossierFile, 'approved_sha256' | 'result_origin' | 'sign_state' | 'sign_attempts' | 'sign_error'>;

/** The rows one action writes. */
export interface ActionChange {
  dossierId: string;
  /** The version the change applies to (written only if the row still has it); the new one is version + 1. */
  version: number;
  patch: Patch<Dossier>;
  pauseInserts: DossierPause[];
  pauseUpdates: { id: string; patch: Patch<Pick<DossierPause, 'to_at' | 'rule' | 'due_after'>> }[];
  /** Applied to the dossier's open step (left_at null): closed, or assigned. */
  openStepPatch: Patch<DossierStep> | null;
  stepInserts: DossierStep[];
  supplementRequestInserts: (Pick<
    Selectable<SupplementRequestRow>,
    'id' | 'dossier_id' | 'request_no' | 'state' | 'reason' | 'requested_by' | 'requested_by_name' | 'requested_at' | 'issued_at'
  > & { items: Pick<Selectable<SupplementItemRow>, 'id' | 'request_id' | 'position' | 'component_key' | 'label' | 'defect' | 'provide'>[] })[];
  supplementRequestUpdates: { id: string; patch: Patch<Selectable<SupplementRequestRow>> }[];
  supplementItemUpdates: { id: string; patch: Patch<Selectable<SupplementItemRow>> }[];
  fileInserts: FileInsert[];
  event: EventRows;
}
