import { sql, type Kysely } from 'kysely';

/**
 * Signed results (issue 13 items 2-3): the result file's hash frozen at approval, where the file
 * comes from (approved result or digitized paper result), and the signing job's visible state
 * (attempts, last error, stopped after SIGNING_MAX_ATTEMPTS).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    ALTER TABLE dossier_files ADD COLUMN approved_sha256 text;
    ALTER TABLE dossier_files ADD COLUMN result_origin text CHECK (result_origin IN ('approved', 'paper_digitized'));
    ALTER TABLE dossier_files ADD COLUMN sign_state text CHECK (sign_state IN ('pending', 'signed', 'failed', 'stopped'));
    ALTER TABLE dossier_files ADD COLUMN sign_attempts integer NOT NULL DEFAULT 0;
    ALTER TABLE dossier_files ADD COLUMN sign_error text;
  `,
    )
    .execute(db);
}
