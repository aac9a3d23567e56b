/**
 * The rows of a change's event (model/change.ts): the event, its outbox message, its audit entry.
 */
import type { Actor } from '../../../platform/auth';
import type { AuditEntry } from '../../../platform/audit';
import type { Selectable } from 'kysely';
import type { DossierRow } from '../tables';
import { NATIONAL_STATUS, type DossierState } from './states';
import type { NewId } from './change-types';

type Dossier = Selectable<DossierRow>;

/** The event of a change and what goes with it in the same transaction. */
export interface EventInput {
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
}

export interface EventRow {
  id: string;
  dossier_id: string;
  seq: number;
  at: Date;
  actor_kind: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  from_state: string | null;
  to_state: string;
  step_key: string | null;
  comment: string | null;
  /** JSON text. */
  data: string;
}
export interface OutboxRow {
  id: string;
  topic: string;
  key: string;
  payload: Record<string, unknown>;
  at: Date;
}
export type AuditRow = AuditEntry & { at: Date; ip: string | null; details: Record<string, unknown> };

export interface EventRows {
  event: EventRow;
  outbox: OutboxRow;
  audit: AuditRow;
}

export const actorKindOf = (a: Actor | null): 'citizen' | 'officer' | 'system' => (a ? a.kind : 'system');

/** The event (seq = the dossier's new version), its 'dossier.event' outbox message and its audit entry. Ids: the event's, then the message's. */
export function eventRows(
  d: Pick<Dossier, 'id' | 'code' | 'procedure_code' | 'receiving_unit_id' | 'deciding_unit_id' | 'channel'>,
  e: EventInput,
  newId: NewId,
): EventRows {
  const id = newId();
  const kind = actorKindOf(e.actor);
  return {
    event: {
      id,
      dossier_id: d.id,
      seq: e.seq,
      at: e.at,
      actor_kind: kind,
      actor_id: e.actor?.id ?? null,
      actor_name: e.actor?.name ?? null,
      action: e.action,
      from_state: e.from,
      to_state: e.to,
      step_key: e.stepKey,
      comment: e.comment ?? null,
      data: JSON.stringify(e.data ?? {}),
    },
    outbox: {
      id: newId(),
      topic: 'dossier.event',
      key: d.id,
      at: e.at,
      payload: {
        eventId: id,
        dossierId: d.id,
        code: d.code,
        procedureCode: d.procedure_code,
        seq: e.seq,
        at: e.at.toISOString(),
        action: e.action,
        from: e.from,
        to: e.to,
        nationalStatus: NATIONAL_STATUS[e.to as DossierState] ?? null,
        stepKey: e.stepKey,
        actorKind: kind,
        actorId: e.actor?.id ?? null,
        receivingUnitId: d.receiving_unit_id,
        decidingUnitId: d.deciding_unit_id,
        channel: d.channel,
        comment: e.comment ?? null,
        ...(e.data ?? {}),
      },
    },
    audit: {
      actorKind: kind,
      actorId: e.actor?.id ?? null,
      action: `dossier.${e.action}`,
      entity: 'dossier',
      entityId: d.id,
      ip: e.ip ?? null,
      details: { code: d.code, from: e.from, to: e.to, step: e.stepKey },
      at: e.at,
    },
  };
}
