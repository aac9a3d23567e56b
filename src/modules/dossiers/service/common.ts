/** Shared pieces of the dossier use cases: views of a row, the event/outbox/audit writer. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { Actor } from '../../../platform/auth';
import { appendAudit } from '../../../platform/audit';
import { enqueue } from '../../../platform/outbox';
import type { TimeLimit } from '../../../platform/calendar/types';
import type { ComponentSpec } from '../../catalogue/snapshot';
import type { InternalProcess } from '../../catalogue/process';
import { fetchedKeys, NATIONAL_STATUS, sourcesOf, type DossierState, type MachineDossier } from '../model';
import * as deps from '../deps';
import type { Dossier, DossierFile } from '../store';
import * as store from '../store';

/** What a dossier keeps of its procedure version (enough to run it without the catalogue). */
export interface DossierSnapshot {
  code: string;
  name: string;
  nameEn: string;
  fieldName: string;
  processingTime: TimeLimit;
  onlineProcessingTime?: TimeLimit;
  components: ComponentSpec[];
  process: InternalProcess;
  result: string;
  resultDocumentType?: string;
}

export function snapshotOf(d: Dossier): DossierSnapshot {
  return d.snapshot as DossierSnapshot;
}

export function missingComponents(d: Dossier, files: DossierFile[]): string[] {
  const have = new Set<string | null>(files.filter((f) => f.kind === 'component' || f.kind === 'supplement').map((f) => f.component_key));
  // Fetched from its source (population database, VNeID): present without a file.
  for (const k of fetchedKeys(sourcesOf(d.component_sources))) have.add(k);
  return snapshotOf(d)
    .components.filter((c) => !c.optional && !have.has(c.key))
    .map((c) => c.name);
}

export function toMachine(d: Dossier, files: DossierFile[]): MachineDossier {
  return {
    state: d.state as DossierState,
    resumeState: (d.resume_state as DossierState | null) ?? null,
    stepIndex: d.step_index ?? null,
    steps: snapshotOf(d).process.steps,
    receivingUnitId: d.receiving_unit_id,
    decidingUnitId: d.deciding_unit_id,
    applicantIdNumber: d.applicant_id_number,
    submitterPersonalId: d.submitter_personal_id,
    consultUnitId: d.consult_unit_id ?? null,
    resultFiles: files.filter((f) => f.kind === 'result').length,
    apologyIssued: !!d.apology_at,
    dueAt: d.due_at,
    missingComponents: missingComponents(d, files),
    stopAvailable: deps.stopAvailableFor({ receivedAt: d.received_at, submittedAt: d.submitted_at }),
  };
}

export function actorKind(a: Actor | null): 'citizen' | 'officer' | 'system' {
  return a ? a.kind : 'system';
}

/**
 * Writes what every change writes, in the caller's transaction: the event (seq = the dossier's
 * new version), the 'dossier.event' outbox message, and the audit entry (last, as the audit
 * module asks).
 */
export async function recordEvent(
  trx: Kysely<Database>,
  e: {
    dossier: Dossier;
    seq: number;
    at: Date;
    actor: Actor | null;
    action: string;
    from: string | null;
    to: string;
    stepKey: string | null;
    comment?: string | null;
    data?: Record<string, unknown>;
    ip?: string | null;
  },
): Promise<void> {
  const id = randomUUID();
  await store.insertEvent(trx, {
    id,
    dossier_id: e.dossier.id,
    seq: e.seq,
    at: e.at,
    actor_kind: actorKind(e.actor),
    actor_id: e.actor?.id ?? null,
    actor_name: e.actor?.name ?? null,
    action: e.action,
    from_state: e.from,
    to_state: e.to,
    step_key: e.stepKey,
    comment: e.comment ?? null,
    data: JSON.stringify(e.data ?? {}),
  });
  await enqueue(trx, {
    topic: 'dossier.event',
    key: e.dossier.id,
    payload: {
      eventId: id,
      dossierId: e.dossier.id,
      code: e.dossier.code,
      procedureCode: e.dossier.procedure_code,
      seq: e.seq,
      at: e.at.toISOString(),
      action: e.action,
      from: e.from,
      to: e.to,
      nationalStatus: NATIONAL_STATUS[e.to as DossierState] ?? null,
      stepKey: e.stepKey,
      actorKind: actorKind(e.actor),
      actorId: e.actor?.id ?? null,
      receivingUnitId: e.dossier.receiving_unit_id,
      decidingUnitId: e.dossier.deciding_unit_id,
      channel: e.dossier.channel,
      comment: e.comment ?? null,
      ...(e.data ?? {}),
    },
  });
  await appendAudit(trx, {
    actorKind: actorKind(e.actor),
    actorId: e.actor?.id ?? null,
    action: `dossier.${e.action}`,
    entity: 'dossier',
    entityId: e.dossier.id,
    ip: e.ip ?? null,
    details: { code: e.dossier.code, from: e.from, to: e.to, step: e.stepKey },
    at: e.at,
  });
}
