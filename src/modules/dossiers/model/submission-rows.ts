/**
 * The rows of a submission the decision accepted (model/submission.ts decideSubmission): the
 * dossier, its component files (sent, acknowledged uploads, reused from the e-data store, linked
 * from a source), the consent it uses, the events (the submission, then one per failed fetch)
 * with their outbox messages and audit entries. Pure: ids, code and PIN from the caller (random
 * in the service, the seeded stream in the demo generator's bulk path, which builds its
 * submissions here too). The store writes them in one transaction (store.writeSubmission).
 */
import type { Actor } from '../../../platform/auth';
import type { Selectable } from 'kysely';
import type { DossierFileRow, DossierRow, DossierStepRow } from '../tables';
import { eventRows, NO_STEP, type AuditRow, type EventRows, type NewId, type StoredBlobRef } from './change';
import { failedFetches } from './data-sources';
import type { SubmissionPlan } from './submission';

type Dossier = Selectable<DossierRow>;
export type SubmittedFile = Omit<Selectable<DossierFileRow>, 'approved_sha256' | 'result_origin' | 'sign_state' | 'sign_attempts' | 'sign_error'>;

export interface SubmissionRows {
  /** The row as stored (snapshot, data and component_sources as values; the store writes them as JSON). */
  dossier: Dossier;
  /** In order: the files sent and acknowledged uploads, the reused stored documents, the documents linked from a source. */
  files: SubmittedFile[];
  /** The acknowledged uploads the dossier takes (each once). */
  uploadIds: string[];
  /** The assisted consent used up. */
  consent: { id: string; usedAt: Date } | null;
  /** A citizen's draft of this application is closed (service/drafts.ts). */
  closesDraft: boolean;
  /** None: the first step is entered at reception (buildActionChange). */
  steps: Selectable<DossierStepRow>[];
  /** Audit entries written before the events' (the consent's use). */
  audits: AuditRow[];
  events: EventRows[];
}

export interface SubmissionWho {
  actor: Actor;
  now: Date;
  /** What the dossier keeps of its procedure version (service/submit.ts keepOfSnapshot). */
  kept: unknown;
  summary?: string | null;
  idempotencyKey?: string | null;
  ip?: string | null;
  /** Today's names of an address that named old units (issue 11 item 4), else null. */
  addressToday: string | null;
  /** The files sent, once in the blob store, in the request's order. */
  sent: (StoredBlobRef & { componentKey: string | null })[];
}

export function buildSubmission(plan: SubmissionPlan, w: SubmissionWho, ids: { id: string; code: string; pin: string; newId: NewId }): SubmissionRows {
  const { actor, now } = w;
  const { channel, snapshot: snap, applicant, agency, fetched, consent } = plan;
  const failed = failedFetches(fetched.sources);
  const dossier: Dossier = {
    id: ids.id,
    code: ids.code,
    procedure_id: snap.procedureId,
    procedure_version_id: snap.versionId,
    procedure_code: snap.code,
    procedure_name: snap.name,
    snapshot: w.kept as Dossier['snapshot'],
    channel,
    applicant_kind: applicant.kind,
    applicant_id_number: applicant.idNumber,
    applicant_name: applicant.name,
    applicant_phone: applicant.phone,
    applicant_email: applicant.email,
    applicant_address: applicant.address,
    applicant_address_today: w.addressToday,
    submitter_kind: actor.kind,
    submitter_id: `${actor.kind}:${actor.id}`,
    submitter_personal_id: channel === 'online' ? (actor.personalId ?? null) : null,
    receiving_unit_id: agency.receivingUnitId,
    deciding_unit_id: agency.decidingUnitId,
    summary: w.summary ?? null,
    data: (plan.data ?? {}) as Dossier['data'],
    state: 'submitted',
    resume_state: null,
    ...NO_STEP,
    consult_unit_id: null,
    consult_due_at: null,
    submitted_at: now,
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
    lookup_pin: ids.pin,
    idempotency_key: w.idempotencyKey ?? null,
    updated_at: now,
    component_sources: fetched.sources,
    // The submission is event 1, each failed fetch one more (the version is the last event's seq).
    version: 1 + failed.length,
  };
  const file = (componentKey: string | null, blob: StoredBlobRef, digitized: boolean): SubmittedFile => ({
    id: ids.newId(),
    dossier_id: ids.id,
    kind: 'component',
    component_key: componentKey,
    blob_key: blob.key,
    file_name: blob.fileName,
    content_type: blob.contentType,
    size: blob.size,
    sha256: blob.sha256,
    digitized,
    uploaded_by_kind: actor.kind,
    uploaded_by: actor.id,
    uploaded_at: now,
  });
  const paper = channel === 'in_person' || channel === 'post';
  const files = [...w.sent, ...plan.uploads].map((s) => file(s.componentKey, s, paper));
  // Reuse: the stored document's blob is linked (content-addressed, never copied).
  const asBlob = (d: { sha256: string; fileName: string; contentType: string; size: number }): StoredBlobRef => ({ ...d, key: d.sha256 });
  const reused = plan.reused.map((r) => {
    const f = file(r.componentKey, asBlob(r.doc), true);
    files.push(f);
    return { componentKey: r.componentKey, storedDocumentId: r.doc.id, code: r.doc.code, fileId: f.id, fromNationalStore: r.doc.fromNationalStore };
  });
  // The e-data store documents fetched for their components are linked the same way.
  for (const r of fetched.linked) files.push(file(r.componentKey, asBlob(r.doc), true));

  const audits: AuditRow[] = consent
    ? [
        {
          actorKind: 'officer',
          actorId: actor.id,
          action: 'dossier.assisted_consent.used',
          entity: 'assisted_consent',
          entityId: consent.id,
          ip: w.ip ?? null,
          details: { dossierId: ids.id, code: ids.code, citizen: consent.citizen_id_number, helperRole: consent.helper_role },
          at: now,
        },
      ]
    : [];
  const assisted = consent
    ? {
        assisted: {
          consentId: consent.id,
          helperId: actor.id,
          helperName: actor.name,
          helperRole: consent.helper_role,
          method: consent.method,
          consentedAt: consent.confirmed_at!.toISOString(),
        },
      }
    : {};
  const sourceData = Object.keys(fetched.sources).length
    ? { sources: Object.entries(fetched.sources).map(([componentKey, r]) => ({ componentKey, ...r })) }
    : {};
  const events = [
    eventRows(
      dossier,
      {
        seq: 1,
        at: now,
        actor,
        action: 'submit',
        from: null,
        to: 'submitted',
        stepKey: null,
        data: {
          channel,
          files: w.sent.length + plan.uploads.length,
          ...assisted,
          ...(reused.length ? { reused } : {}),
          ...sourceData,
          ...(agency.boundaryFree ? { boundaryFree: { decision: agency.boundaryFree.decision } } : {}),
        },
        ip: w.ip,
      },
      ids.newId,
    ),
    // Each failed fetch is an event of its own, with its reason (the applicant is asked to update the source).
    ...failed.map((f, i) =>
      eventRows(
        dossier,
        {
          seq: i + 2,
          at: now,
          actor: null,
          action: 'source_fetch_failed',
          from: 'submitted',
          to: 'submitted',
          stepKey: null,
          data: {
            componentKey: f.componentKey,
            component: snap.components.find((c) => c.key === f.componentKey)?.name ?? f.componentKey,
            source: f.record.source,
            kind: f.record.kind,
            reason: f.record.reason,
          },
          ip: null,
        },
        ids.newId,
      ),
    ),
  ];
  return {
    dossier,
    files,
    uploadIds: plan.uploads.map((u) => u.uploadId),
    consent: consent ? { id: consent.id, usedAt: now } : null,
    closesDraft: channel === 'online' && actor.kind === 'citizen',
    steps: [],
    audits,
    events,
  };
}
