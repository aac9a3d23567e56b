/** What the procedure controller's pages share: the base path, the CSRF field, the error summary, the form fields. */
import type { FastifyRequest } from 'fastify';
import { type AppError, type FieldError } from '../../../platform/errors';
import { labelEntry, refuseField, type FieldLabels } from '../../../platform/http/form-messages';
import type { FormRefusal } from '../../../web/form-errors';
import { hasMessage, t, type Lang } from '../../../platform/i18n';
import { LABEL, type FormBody } from '../admin-form';

export const CONTROLLER = ['controller'] as const;
export const BASE = '/quan-tri/thu-tuc';

export function Csrf({ req }: { req: FastifyRequest }) {
  return <input type="hidden" name="_csrf" value={req.csrfToken} />;
}

export function ErrorSummary({ lang, errors }: { lang: Lang; errors: FieldError[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      <h2>{t(lang, 'catalogue.eform.errorsTitle')}</h2>
      <ul>
        {errors.map((e) => (
          <li>
            <a href={`#${e.field}`}>
              {t(lang, LABEL[e.field] ?? e.field)}: {e.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function Field({
  name,
  lang,
  values,
  errors,
  hint,
  children,
}: {
  name: string;
  lang: Lang;
  values: FormBody;
  errors: FieldError[];
  hint?: string;
  children?: unknown;
}) {
  const err = errors.find((e) => e.field === name);
  const describedBy = [hint ? `${name}-hint` : '', err ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined;
  const v = values[name];
  const isLong = ['steps', 'components', 'fees', 'forms', 'legalBasis', 'requirements', 'eFormSchema', 'eFormUi', 'process'].includes(name);
  return (
    <div class={`field${err ? ' has-error' : ''}`}>
      <label for={name}>{t(lang, LABEL[name])}</label>
      {hint ? (
        <p class="hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      {err ? (
        <p class="error-message" id={`${name}-error`}>
          {err.message}
        </p>
      ) : null}
      {children ??
        (isLong ? (
          <textarea
            id={name}
            name={name}
            rows={name.startsWith('eForm') || name === 'process' ? 12 : 5}
            aria-describedby={describedBy}
            aria-invalid={err ? true : undefined}
          >
            {v ?? ''}
          </textarea>
        ) : (
          <input id={name} name={name} value={v == null ? '' : String(v)} aria-describedby={describedBy} aria-invalid={err ? true : undefined} />
        ))}
    </div>
  );
}

/** A field error of the catalogue's services names a message key; one from the e-form validator is already a sentence. */
export const fieldText = (lang: Lang, message: string) => (hasMessage(message) ? t(lang, message) : message);

export function Checks<O extends string>({
  name,
  options,
  lang,
  values,
  label,
}: {
  name: string;
  options: readonly O[];
  lang: Lang;
  values: FormBody;
  label: (o: O) => string;
}) {
  const cur: string[] = Array.isArray(values[name]) ? values[name] : values[name] ? [values[name]] : [];
  return (
    <fieldset id={name}>
      <legend>{t(lang, LABEL[name])}</legend>
      {options.map((o) => (
        <div class="checkbox">
          <input type="checkbox" id={`${name}-${o}`} name={name} value={o} checked={cur.includes(o)} />
          <label class="inline" for={`${name}-${o}`}>
            {label(o)}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

export function Flag({ name, lang, values }: { name: string; lang: Lang; values: FormBody }) {
  return (
    <div class="checkbox">
      <input type="checkbox" id={name} name={name} checked={values[name] === 'on'} />
      <label class="inline" for={name}>
        {t(lang, LABEL[name])}
      </label>
    </div>
  );
}

/** The publication decision's fields (publish and retire forms): labels, and the ids of each form's inputs (issue 13). */
const DECISION_LABELS = {
  'decision.number': 'catalogue.admin.decisionNumber',
  'decision.signedDate': 'catalogue.admin.signedDate',
  'decision.effectiveDate': 'catalogue.admin.effectiveDate',
  disclosedOn: 'catalogue.admin.disclosedOn',
} as const satisfies FieldLabels;
export const PUBLISH_IDS: Record<string, string> = {
  'decision.number': 'number',
  'decision.signedDate': 'signedDate',
  'decision.effectiveDate': 'effectiveDate',
  disclosedOn: 'disclosedOn',
};
export const RETIRE_IDS: Record<string, string> = {
  'decision.number': 'retire-number',
  'decision.signedDate': 'retire-signed',
  'decision.effectiveDate': 'retire-effective',
};

/** The service names a decision's field and a message key; the page says it with the field's label and what is right. */
export function decisionRefusal(lang: Lang, e: AppError): FormRefusal {
  const fields = (e.fields ?? []).map((f) => {
    const entry = labelEntry(DECISION_LABELS, f.field);
    if (!entry) return { field: f.field, message: fieldText(lang, f.message) };
    const label = t(lang, entry.label);
    if (f.message === 'catalogue.publish.date') return refuseField(lang, f.field, label, 'form.date');
    if (f.message === 'catalogue.publish.number') return refuseField(lang, f.field, label, 'form.required');
    return { field: f.field, label, message: fieldText(lang, f.message) };
  });
  return { message: t(lang, e.key, e.params), fields };
}
