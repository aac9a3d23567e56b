/**
 * Response schemas of the dossier API (routes.ts): what each success answer holds, as the service's views build it
 * (service/read.ts DossierView, PublicStatus, eventView; service/consent.ts ConsentView; service/supplement.ts
 * SupplementRequestView; service/front-door.ts FrontDoorInfo; service/reroute.ts RerouteRun). fast-json-stringify writes
 * only the fields listed here.
 */
import { z } from 'zod';
import { ROLES } from '../../platform/auth';
import { CHANNELS, DEFECTS, FETCH_FAILURES, HELPER_ROLES, RETURN_METHODS, STATES } from './model';

const instant = (what: string) => z.string().describe(`${what} (ISO instant)`);

/** What a component's data source gave at submission (model/data-sources.ts ComponentSourceRecord). */
const sourceBase = {
  source: z.string().describe('population | warehouse | vneid'),
  kind: z.string().describe('the record or document kind asked of the source'),
  at: instant('when it was asked'),
};
export const componentSourceSchema = z.discriminatedUnion('outcome', [
  z.object({
    ...sourceBase,
    outcome: z.literal('fetched'),
    reference: z.string().describe('the record or document the source gave'),
    summary: z.string(),
  }),
  z.object({ ...sourceBase, outcome: z.literal('failed'), reason: z.enum(FETCH_FAILURES) }),
]);

export const dossierFileSchema = z.object({
  id: z.string(),
  kind: z.enum(['component', 'result', 'supplement', 'other']),
  componentKey: z.string().nullable(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  digitized: z.boolean().describe('a scan made at the desk (or the postal point) of a paper handed in'),
  uploadedAt: instant('uploaded'),
  signState: z
    .enum(['pending', 'signed', 'failed', 'stopped'])
    .nullable()
    .optional()
    .describe('a result only: null nothing to sign; pending, signed, failed (retrying) or stopped'),
  signAttempts: z.number().int().optional().describe('a result only'),
  signError: z.string().nullable().optional().describe('a result only: the message key of the last signing failure'),
});

/** A dossier as its applicant or an officer sees it (service/read.ts DossierView); lists carry it without files. */
export const dossierViewSchema = z.object({
  id: z.string(),
  code: z.string(),
  version: z.number().int().describe('send it back with an action (optimistic concurrency)'),
  state: z.enum(STATES),
  nationalStatus: z.number().int().describe('TrangThaiHoSo of the National Public Service Portal (1-10)'),
  channel: z.enum(CHANNELS),
  procedure: z.object({ id: z.string(), versionId: z.string(), code: z.string(), name: z.string() }),
  applicant: z.object({
    kind: z.enum(['citizen', 'organisation']),
    name: z.string(),
    idNumber: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    address: z.string().nullable(),
    addressToday: z.string().nullable().describe('the address in the unit names of today when it named units since merged, else null'),
  }),
  receivingUnitId: z.string(),
  decidingUnitId: z.string(),
  step: z
    .object({
      index: z.number().int(),
      key: z.string(),
      name: z.string(),
      unitId: z.string(),
      role: z.enum(ROLES),
      enteredAt: instant('entered the step').nullable(),
      dueAt: instant("the step's deadline").nullable(),
      dueSoon: z.boolean().describe('due today or on the next working day'),
      assigneeId: z.string().nullable(),
    })
    .nullable()
    .describe('the step of the process it is at; null before reception and after the process'),
  consultation: z.object({ unitId: z.string(), dueAt: instant('the opinion is due').nullable() }).nullable(),
  submittedAt: instant('submitted'),
  receivedAt: instant('received').nullable(),
  dueAt: instant('the deadline').nullable(),
  appointmentAt: instant('the appointment to return the result').nullable(),
  paused: z.boolean().describe('the clock is stopped (waiting for a supplement or a fee)'),
  supplementRequests: z.number().int(),
  apologyAt: instant('the apology (Mẫu 04) was issued').nullable(),
  resultReadyAt: instant('the result was issued').nullable(),
  returnedAt: instant('the result was returned').nullable(),
  returnMethod: z.enum(RETURN_METHODS).nullable(),
  closedAt: instant('closed').nullable(),
  closeReason: z.string().nullable(),
  timeliness: z.enum(['early', 'on_time', 'late', 'in_time']).nullable().describe('finished: early, on_time, late; open: in_time or late'),
  data: z.record(z.string(), z.unknown()).describe("the e-form data, shaped by the procedure version's schema"),
  files: z.array(dossierFileSchema).describe('empty in lists (GET /me/dossiers, /queues/{queue})'),
  components: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      optional: z.boolean(),
      provided: z.boolean().describe('a file was given or its data source gave it'),
      source: componentSourceSchema.optional().describe('what its data source gave, when it names one'),
    }),
  ),
});

/** One event of a dossier's history (service/read.ts eventView). */
export const dossierEventSchema = z.object({
  seq: z.number().int(),
  at: instant('when'),
  actor: z.object({ kind: z.string().describe('citizen | officer | system'), id: z.string().nullable(), name: z.string().nullable() }),
  action: z.string().describe('the action taken (an action of the state machine, or submit, reroute, …)'),
  from: z.enum(STATES).nullable(),
  to: z.enum(STATES),
  step: z.string().nullable().describe('the key of the step it happened at'),
  comment: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).describe("the action's details"),
});

/** The National Public Service Portal's side of a dossier that came through it (service/front-door.ts FrontDoorInfo). */
export const frontDoorSchema = z.object({
  code: z.string().describe("the dossier's code on the portal"),
  payment: z
    .object({
      paid: z.boolean(),
      amount: z.number(),
      transactionId: z.string().nullable(),
      paidAt: z.string().nullable(),
      outcome: z.enum(['paid', 'duplicate', 'amount_mismatch', 'nothing_owed', 'transaction_elsewhere', 'dossier_not_found']).nullable(),
      owed: z.number().nullable(),
    })
    .nullable()
    .describe("the portal's payment record and what applying it to the fee did"),
  bills: z.array(
    z.object({
      code: z.string(),
      amount: z.number(),
      dueAt: instant('due'),
      state: z.enum(['pending', 'sent', 'paid']),
      transactionId: z.string().nullable(),
    }),
  ),
});

export const dossierAnswer = z.object({
  dossier: dossierViewSchema,
  events: z.array(dossierEventSchema),
  assisted: z
    .object({
      helper: z.object({ id: z.string(), name: z.string(), role: z.enum(HELPER_ROLES) }),
      method: z.literal('sms_code'),
      consentedAt: instant('the citizen confirmed').nullable(),
      consentText: z.string(),
    })
    .nullable()
    .describe('channel assisted: who helped and when the citizen consented'),
  nationalPortal: frontDoorSchema.nullable().describe('officers only: a dossier that came through the National Public Service Portal'),
});

/** The answer to a submission: the dossier (only its identity when the submitter may not see it), and the lookup PIN. */
export const submitAnswer = z.object({
  dossier: z.union([
    dossierViewSchema,
    z
      .object({ id: z.string(), code: z.string(), state: z.enum(STATES), channel: z.enum(CHANNELS), version: z.number().int() })
      .describe('when the submitter (a helper) may not see the dossier'),
  ]),
  lookupPin: z.string().describe('the 6-digit PIN of the public lookup (also on the receipt)'),
  replayed: z.boolean().describe('true for a repeat with the same Idempotency-Key (answered 200)'),
});

export const publicStatusSchema = z.object({
  code: z.string(),
  portalCode: z.string().nullable().describe('its code on the National Public Service Portal, for a dossier that came through it'),
  procedure: z.string(),
  state: z.enum(STATES),
  nationalStatus: z.number().int(),
  submittedAt: instant('submitted'),
  receivedAt: instant('received').nullable(),
  appointmentAt: instant('the appointment').nullable(),
  resultReadyAt: instant('the result was issued').nullable(),
  returnedAt: instant('the result was returned').nullable(),
  history: z.array(z.object({ at: instant('when'), action: z.string(), to: z.enum(STATES) })).describe('the changes of state, oldest first'),
});

/** service/consent.ts ConsentView (the code itself never leaves the server). */
export const consentSchema = z.object({
  id: z.string(),
  state: z.enum(['pending', 'confirmed', 'used', 'locked']),
  method: z.literal('sms_code'),
  citizen: z.object({ idNumber: z.string(), name: z.string() }),
  procedureCode: z.string(),
  phone: z.string().describe('the phone the code went to, masked (0912***678)'),
  helper: z.object({ id: z.string(), name: z.string(), role: z.enum(HELPER_ROLES) }),
  consentText: z.string(),
  createdAt: instant('asked'),
  codeExpiresAt: instant('the code expires'),
  attemptsLeft: z.number().int(),
  confirmedAt: instant('confirmed').nullable(),
  usedAt: instant('used for a dossier').nullable(),
  dossierId: z.string().nullable(),
});
export const consentAnswer = z.object({ consent: consentSchema });

/** service/supplement.ts SupplementRequestView. */
export const supplementRequestSchema = z.object({
  id: z.string(),
  no: z.number().int().describe('1 for the first request of the dossier'),
  state: z.enum(['pending', 'refused', 'issued', 'answered']),
  reason: z.string(),
  requestedBy: z.object({ id: z.string(), name: z.string().nullable() }),
  requestedAt: instant('requested'),
  decision: z
    .object({ by: z.string(), byName: z.string().nullable(), at: instant('decided'), reason: z.string().nullable() })
    .nullable()
    .describe("a second or later request: the leader's decision"),
  issuedAt: instant('issued to the applicant').nullable(),
  answeredAt: instant('answered').nullable(),
  answeredVia: z.enum(['online', 'desk']).nullable(),
  items: z.array(
    z.object({
      id: z.string(),
      position: z.number().int(),
      componentKey: z.string().nullable(),
      label: z.string(),
      defect: z.enum(DEFECTS),
      provide: z.string().describe('what to provide'),
      answer: z.object({ note: z.string().nullable(), fileId: z.string().nullable(), at: instant('answered') }).nullable(),
    }),
  ),
});

export const dossierOnly = z.object({ dossier: dossierViewSchema });
export const dossierAndRequests = z.object({ dossier: dossierViewSchema, requests: z.array(supplementRequestSchema) });
export const dossierList = z.object({ dossiers: z.array(dossierViewSchema) });

export const fileAnswer = z.object({
  file: z.object({
    id: z.string(),
    kind: z.enum(['component', 'supplement', 'result']),
    componentKey: z.string().nullable(),
    fileName: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    digitized: z.boolean(),
  }),
  dossier: dossierViewSchema,
});

const unitPair = z.object({ receivingUnitId: z.string(), decidingUnitId: z.string() });
const rerouteOutcome = z.object({
  dossierId: z.string(),
  code: z.string(),
  from: unitPair,
  to: unitPair.nullable().describe('the units it now has; null when it was left as it was'),
  communeId: z.string().nullable().describe("the commune of today of the applicant's address, when recognised"),
  reason: z
    .enum(['no_address', 'address_unknown', 'outside_district', 'no_version_today', 'no_agency_there', 'changed', 'no_successor'])
    .nullable()
    .describe('not moved: why; moved to the recorded successor instead of a commune: why not a commune'),
});
export const rerouteAnswer = z.object({
  rerouted: z.array(rerouteOutcome),
  kept: z.array(rerouteOutcome),
  withoutSuccessor: z.array(
    z.object({
      unitId: z.string(),
      name: z.string(),
      effectiveDate: z.string().nullable(),
      decision: z.string().nullable(),
      dossiers: z.array(z.string()).describe('codes of its open dossiers'),
    }),
  ),
});
