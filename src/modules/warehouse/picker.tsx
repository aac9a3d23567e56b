/**
 * The e-form's choice of a stored document for a component (reuse, TT 01/2023), to place inside
 * the application's multipart form, one per component that names a document type:
 *
 *   const docs = await documentsForComponent(ctx, ownersOf(actor), component.documentType);
 *   <StoredDocumentPicker req={req} componentKey={c.key} documents={docs} selected={...} />
 *
 * It posts `stored:<componentKey>` = the stored document id (or "" for "upload instead");
 * `storedDocumentsFromFields(fields)` turns the posted fields into SubmitInput.storedDocuments.
 */
import type { FastifyRequest } from 'fastify';
import { t } from '../../platform/i18n';
import type { StoredDocument } from './model';

export const PICKER_FIELD_PREFIX = 'stored:';

export function StoredDocumentPicker({
  req,
  componentKey,
  documents,
  selected,
}: {
  req: FastifyRequest;
  componentKey: string;
  documents: StoredDocument[];
  selected?: string | null;
}) {
  const lang = req.lang;
  if (documents.length === 0) return null;
  const name = `${PICKER_FIELD_PREFIX}${componentKey}`;
  const id = (i: number | string) => `stored-${componentKey}-${i}`;
  const chosen = selected ?? documents[0]!.id;
  return (
    <fieldset class="stored-picker">
      <legend>{t(lang, 'warehouse.picker.legend')}</legend>
      {documents.map((d, i) => (
        <div>
          <input type="radio" id={id(i)} name={name} value={d.id} checked={chosen === d.id} />{' '}
          <label for={id(i)} class="inline">
            {d.name} – {d.code}
            {d.issuedOn ? ` (${t(lang, 'warehouse.issued_on', { date: d.issuedOn })})` : ''}
          </label>
        </div>
      ))}
      <div>
        <input type="radio" id={id('none')} name={name} value="" checked={chosen === ''} />{' '}
        <label for={id('none')} class="inline">
          {t(lang, 'warehouse.picker.upload_instead')}
        </label>
      </div>
    </fieldset>
  );
}

/** `{ "stored:<key>": "<id>" }` form fields -> `{ <key>: { storedDocumentId } }` (empty values skipped). */
export function storedDocumentsFromFields(fields: Record<string, unknown>): Record<string, { storedDocumentId: string }> {
  const out: Record<string, { storedDocumentId: string }> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (!k.startsWith(PICKER_FIELD_PREFIX) || typeof v !== 'string' || !v.trim()) continue;
    out[k.slice(PICKER_FIELD_PREFIX.length)] = { storedDocumentId: v.trim() };
  }
  return out;
}
