/**
 * The append-only audit log (who, what, when, from where), hash-chained.
 * CONTRACT (implemented by the platform work): call it inside the same transaction as the change.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export interface AuditEntry {
  actorKind: 'citizen' | 'officer' | 'system' | 'anonymous';
  actorId: string | null;
  action: string; // e.g. "dossier.receive", "procedure.publish", "login.failed"
  entity: string; // e.g. "dossier"
  entityId: string | null;
  ip?: string | null;
  details?: Record<string, unknown>;
}

export async function appendAudit(_db: Kysely<Database>, _entry: AuditEntry): Promise<void> {
  // placeholder until the hash-chained log lands
}
