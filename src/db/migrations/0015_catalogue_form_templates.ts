import { sql, type Kysely } from 'kysely';

/**
 * Catalogue: official template files (PDF/DOCX in the blob store) uploaded by a controller for a
 * procedure's form; they take precedence over the PDF generated from the e-form. Keyed by the
 * form's folded name so a template follows the form across versions.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    CREATE TABLE procedure_form_templates (
      procedure_id text NOT NULL REFERENCES procedures(id),
      form_key text NOT NULL,
      sha256 text NOT NULL,
      file_name text NOT NULL,
      mime text NOT NULL,
      size integer NOT NULL,
      uploaded_at timestamptz NOT NULL,
      uploaded_by text,
      PRIMARY KEY (procedure_id, form_key)
    );
  `,
    )
    .execute(db);
}
