/**
 * The GOV.UK error summary every back-office form shares (issue 13): the refusal, then one link per
 * refused field, its label and what is right ("Lý do: vui lòng nhập lý do"), pointing at the field's id;
 * the field itself shows its message and names it in aria-describedby (`FieldMessage`, `describedBy`).
 */
import { fieldText, type FieldError } from '../platform/errors';
import { t, type Lang } from '../platform/i18n';

export interface FormRefusal {
  message: string;
  fields?: FieldError[];
}

export function FormErrorSummary({ lang, error, idOf }: { lang: Lang; error: FormRefusal | null | undefined; idOf?: (field: string) => string | undefined }) {
  if (!error) return null;
  const fields = error.fields ?? [];
  return (
    <div class="error-summary" role="alert" tabIndex={-1} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t(lang, 'form.summary_title')}</h2>
      <p>{error.message}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((f) => {
            const id = idOf?.(f.field);
            return <li>{id ? <a href={`#${id}`}>{fieldText(f)}</a> : fieldText(f)}</li>;
          })}
        </ul>
      )}
    </div>
  );
}

/** The refusal of one field, or undefined. */
export function fieldRefusal(error: FormRefusal | null | undefined, field: string): FieldError | undefined {
  return error?.fields?.find((f) => f.field === field);
}

/** The message under a field's label; its id is `${id}-error`. */
export function FieldMessage({ id, error, field }: { id: string; error: FormRefusal | null | undefined; field: string }) {
  const f = fieldRefusal(error, field);
  if (!f) return null;
  return (
    <p class="error-message" id={`${id}-error`}>
      {fieldText(f)}
    </p>
  );
}

/** The aria attributes of a field that may carry a message. */
export function describedBy(id: string, error: FormRefusal | null | undefined, field: string, hintId?: string) {
  const bad = !!fieldRefusal(error, field);
  const ids = [hintId, bad ? `${id}-error` : undefined].filter(Boolean).join(' ');
  return { 'aria-describedby': ids || undefined, 'aria-invalid': bad ? ('true' as const) : undefined };
}
