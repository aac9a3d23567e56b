/** Shared pieces of the dossier use cases: views of a row, the event/outbox/audit writer. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { TimeLimit } from '../../../platform/calendar/types';
import type { ComponentSpec, InternalProcess } from '../../catalogue/model';
import { eventRows, fetchedKeys, sourcesOf, type DossierState, type EventInput, type MachineDossier } from '../model';
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

export { actorKindOf as actorKind } from '../model';

/**
 * Writes what every change writes, in the caller's transaction: the event (seq = the dossier's
 * new version), the 'dossier.event' outbox message, and the audit entry (last, as the audit
 * module asks) - built by the model (eventRows), written in one statement.
 */
export async function recordEvent(trx: Kysely<Database>, e: EventInput & { dossier: Dossier }): Promise<void> {
  await store.writeAll(trx, store.eventQueries(trx, [eventRows(e.dossier, e, randomUUID)]));
}
