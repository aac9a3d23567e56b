/** SQL of the offline intake (table offline_intakes, migration 0034). */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import { FINAL_STATES } from './model';

type Q = Kysely<Database> | Transaction<Database>;

export async function findOfflineIntake(db: Q, key: string) {
  return db.selectFrom('offline_intakes').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
}

/** Inserts the key -> dossier row; false when the key was already there (a concurrent replay). */
export async function insertOfflineIntake(
  db: Q,
  row: {
    idempotency_key: string;
    provisional_code: string;
    device_id: string;
    officer_id: string;
    dossier_id: string;
    dossier_code: string;
    procedure_code: string;
    received: boolean;
    captured_at: Date;
    synced_at: Date;
  },
): Promise<boolean> {
  const r = await db
    .insertInto('offline_intakes')
    .values(row)
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('idempotency_key')
    .execute();
  return r.length > 0;
}

/** Open dossiers of an applicant for a procedure (the duplicate check). */
export async function openDossiersOf(db: Q, q: { idNumber: string; procedureCode: string }) {
  return db
    .selectFrom('dossiers')
    .select(['id', 'code', 'state', 'channel', 'submitted_at', 'applicant_id_number', 'procedure_code', 'idempotency_key', 'submitter_id'])
    .where('applicant_id_number', '=', q.idNumber)
    .where('procedure_code', '=', q.procedureCode)
    .where('state', 'not in', [...FINAL_STATES])
    .orderBy('submitted_at', 'desc')
    .limit(10)
    .execute();
}
