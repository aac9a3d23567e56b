import { sql, type Kysely } from 'kysely';

/**
 * Issue 11 item 4: an address typed with the names of before the 2025 reorganisation stays as typed
 * (`applicant_address`); beside it the same address in the names in force on the day of submission
 * ("phường Vị Tân, thành phố Cần Thơ"), NULL when nothing was renamed or nothing was recognised.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`ALTER TABLE dossiers ADD COLUMN applicant_address_today text;`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql.raw(`ALTER TABLE dossiers DROP COLUMN applicant_address_today;`).execute(db);
}
