/**
 * Renders an e-form as accessible HTML on the server: labels on every input, hints and errors
 * linked by aria-describedby, fieldsets for groups and radio sets, an error summary linking
 * to each field, and conditional fields rendered with a note on when to fill them (the tiny /static/eform.js
 * hides and shows them live when JavaScript runs).
 */
import type { VNode } from 'preact';
import type { FieldError } from '../../platform/errors';
import { t, type Lang } from '../../platform/i18n';
import {
  enumOptions,
  isChoice,
  fieldId,
  fieldName,
  getAt,
  hintOf,
  isRequired,
  labelOf,
  mergeValues,
  prefillData,
  ruleState,
  schemaAt,
  scopePath,
  type FormData,
  type JsonSchema,
  type PrefillValues,
  type Rule,
  type UiElement,
} from './eform-schema';
import type { EFormDefinition } from './snapshot';
import { DATE_PARTS, datePartName, isDateField, partsInError, splitDateValue } from './eform-date';

export interface RenderOptions {
  values?: FormData;
  errors?: FieldError[];
  prefill?: PrefillValues;
  lang: Lang;
  /** Wraps the fields in a <form method="post"> with a submit button when set. */
  action?: string;
  csrfToken?: string;
  submitLabel?: string;
  /**
   * How a date field is asked: 'parts' (the default, citizens' forms) three boxes Ngày / Tháng /
   * Năm whatever the phone's locale; 'native' an `<input type="date">` (the officers' desk,
   * desktop browsers the unit sets up: docs/decisions-ui.md).
   */
  dateInput?: 'parts' | 'native';
}

interface Ctx {
  root: JsonSchema;
  data: FormData;
  errors: FieldError[];
  lang: Lang;
  dateInput: 'parts' | 'native';
}

function ruleAttrs(el: UiElement): Record<string, string> {
  const rule = el.rule as Rule | undefined;
  if (!rule?.condition?.scope) return {};
  const c = rule.condition.schema ?? {};
  const values = 'const' in c ? [c.const] : Array.isArray(c.enum) ? c.enum : null;
  if (!values) return {};
  return { 'data-rule-field': fieldName(scopePath(rule.condition.scope)), 'data-rule-effect': rule.effect, 'data-rule-values': JSON.stringify(values) };
}

function Required({ lang }: { lang: Lang }) {
  return <span class="required"> ({t(lang, 'catalogue.eform.requiredMark')})</span>;
}

function Control({ el, c, disabled }: { el: UiElement; c: Ctx; disabled: boolean }) {
  const path = scopePath(el.scope);
  const s = schemaAt(c.root, path);
  if (!s) return null;
  const id = fieldId(path);
  const name = fieldName(path);
  const label = (c.lang === 'en' ? el['x-label-en'] : undefined) ?? (typeof el.label === 'string' ? el.label : undefined) ?? labelOf(s, path, c.lang);
  const hint = hintOf(s, c.lang);
  const err = c.errors.find((e) => e.field === name);
  const required = isRequired(c.root, path);
  const value = getAt(c.data, path);
  const describedBy = [hint ? `${id}-hint` : '', err ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common: Record<string, any> = {
    id,
    name,
    'aria-describedby': describedBy,
    'aria-invalid': err ? 'true' : undefined,
    'aria-required': required ? 'true' : undefined,
    disabled,
  };
  const hintEl = hint ? (
    <p class="hint" id={`${id}-hint`}>
      {hint}
    </p>
  ) : null;
  const errEl = err ? (
    <p class="error-message" id={`${id}-error`}>
      {err.message}
    </p>
  ) : null;
  const str = value === undefined || value === null ? '' : String(value);

  if (isDateField(s) && c.dateInput === 'parts') {
    // GOV.UK "date input": one fieldset, the label as its legend, the day box carrying the
    // field's id so the error summary's link lands on it.
    const parts = splitDateValue(value);
    const bad = err ? partsInError(value) : [];
    const bday = s['x-prefill'] === 'applicant.birthDate';
    const fsDescribedBy = [`${id}-hint`, err ? `${id}-error` : ''].filter(Boolean).join(' ');
    return (
      <fieldset class={`field date-input${err ? ' has-error' : ''}`} role="group" aria-describedby={fsDescribedBy}>
        <legend>
          {label}
          {required ? <Required lang={c.lang} /> : null}
        </legend>
        <p class="hint" id={`${id}-hint`}>
          {hint ? `${hint} ` : ''}
          {t(c.lang, 'catalogue.eform.date.example')}
        </p>
        {errEl}
        <div class="date-input-parts">
          {DATE_PARTS.map((k) => {
            const partId = k === 'day' ? id : `${id}-${k}`;
            return (
              <div class="date-input-item">
                <label for={partId}>{t(c.lang, `catalogue.eform.date.${k}`)}</label>
                <input
                  type="text"
                  class={`date-input-${k}`}
                  id={partId}
                  name={datePartName(name, k)}
                  inputMode="numeric"
                  value={parts[k]}
                  autoComplete={bday ? `bday-${k}` : undefined}
                  aria-invalid={bad.includes(k) ? 'true' : undefined}
                  aria-required={required ? 'true' : undefined}
                  disabled={disabled}
                />
              </div>
            );
          })}
        </div>
      </fieldset>
    );
  }

  if (s.type === 'boolean') {
    return (
      <div class={`field checkbox${err ? ' has-error' : ''}`}>
        {hintEl}
        {errEl}
        <input type="checkbox" {...common} value="true" checked={value === true} />
        <label for={id} class="inline">
          {label}
          {required ? <Required lang={c.lang} /> : null}
        </label>
      </div>
    );
  }
  if (isChoice(s) && el.options?.format === 'radio') {
    return (
      <fieldset class={`field radios${err ? ' has-error' : ''}`} id={id} aria-describedby={describedBy}>
        <legend>
          {label}
          {required ? <Required lang={c.lang} /> : null}
        </legend>
        {hintEl}
        {errEl}
        {enumOptions(s, c.lang).map((o, i) => (
          <div class="radio">
            <input type="radio" id={`${id}-${i}`} name={name} value={o.value} checked={str === o.value} disabled={disabled} />
            <label for={`${id}-${i}`} class="inline">
              {o.label}
            </label>
          </div>
        ))}
      </fieldset>
    );
  }
  let input: VNode;
  if (isChoice(s)) {
    input = (
      <select {...common}>
        <option value="">{t(c.lang, 'catalogue.eform.choose')}</option>
        {enumOptions(s, c.lang).map((o) => (
          <option value={o.value} selected={str === o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (el.options?.multi || (typeof s.maxLength === 'number' && s.maxLength > 200)) {
    input = (
      <textarea {...common} rows={3} maxLength={s.maxLength}>
        {str}
      </textarea>
    );
  } else {
    const type =
      s.type === 'integer' || s.type === 'number'
        ? 'number'
        : s.format === 'date'
          ? 'date'
          : s.format === 'email'
            ? 'email'
            : s.format === 'uri'
              ? 'url'
              : 'text';
    const extra: Record<string, unknown> = {};
    if (type === 'number') {
      extra.inputMode = s.type === 'integer' ? 'numeric' : 'decimal';
      if (typeof s.minimum === 'number') extra.min = s.minimum;
      if (typeof s.maximum === 'number') extra.max = s.maximum;
      if (s.type === 'integer') extra.step = 1;
    }
    if (typeof s.maxLength === 'number') extra.maxLength = s.maxLength;
    const prefill = s['x-prefill'] as string | undefined;
    const auto: Record<string, string> = {
      'applicant.name': 'name',
      'applicant.phone': 'tel',
      'applicant.email': 'email',
      'applicant.address': 'street-address',
      'applicant.birthDate': 'bday',
      'org.name': 'organization',
    };
    if (prefill && auto[prefill]) extra.autoComplete = auto[prefill];
    if (prefill === 'applicant.phone') extra.inputMode = 'tel';
    input = <input type={type} {...common} {...extra} value={str} />;
  }
  return (
    <div class={`field${err ? ' has-error' : ''}`}>
      <label for={id}>
        {label}
        {required ? <Required lang={c.lang} /> : null}
      </label>
      {hintEl}
      {errEl}
      {input}
    </div>
  );
}

/**
 * A field shown or hidden by a rule is always rendered visible with a note saying when to fill
 * it: without JavaScript a person could not make it appear before submitting. eform.js hides it
 * on load and toggles it live; the server ignores values of fields whose condition is not met.
 */
function ConditionNote({ el, c }: { el: UiElement; c: Ctx }): VNode | null {
  const rule = el.rule as Rule | undefined;
  if (!rule?.condition?.scope || (rule.effect !== 'SHOW' && rule.effect !== 'HIDE')) return null;
  const cond = rule.condition.schema ?? {};
  const values: unknown[] | null = 'const' in cond ? [cond.const] : Array.isArray(cond.enum) ? cond.enum : null;
  if (!values) return null;
  const path = scopePath(rule.condition.scope);
  const trigger = schemaAt(c.root, path);
  const options = trigger && isChoice(trigger) ? enumOptions(trigger, c.lang) : [];
  const label = (v: unknown) =>
    typeof v === 'boolean' ? t(c.lang, v ? 'catalogue.eform.yes' : 'catalogue.eform.no') : (options.find((o) => o.value === String(v))?.label ?? String(v));
  const key = rule.effect === 'SHOW' ? 'catalogue.eform.showWhen' : 'catalogue.eform.hideWhen';
  return <p class="hint condition">{t(c.lang, key, { field: labelOf(trigger, path, c.lang), values: values.map(label).join(', ') })}</p>;
}

function Element({ el, c, disabledAbove }: { el: UiElement; c: Ctx; disabledAbove: boolean }): VNode | null {
  const { disabled: ruleDisabled } = ruleState(el, c.data);
  const disabled = disabledAbove || ruleDisabled;
  const note = <ConditionNote el={el} c={c} />;
  const children = [note, ...((el.elements ?? []) as UiElement[]).map((child) => <Element el={child} c={c} disabledAbove={disabled} />)];
  const attrs = ruleAttrs(el);
  switch (el.type) {
    case 'Group': {
      const label = (c.lang === 'en' ? el['x-label-en'] : undefined) ?? el.label;
      return (
        <fieldset class="group" {...attrs}>
          {label ? <legend>{label}</legend> : null}
          {children}
        </fieldset>
      );
    }
    case 'VerticalLayout':
    case 'HorizontalLayout':
      return (
        <div class={el.type === 'HorizontalLayout' ? 'layout-h' : 'layout-v'} {...attrs}>
          {children}
        </div>
      );
    case 'Label':
      return (
        <p class="form-label" {...attrs}>
          {(c.lang === 'en' ? el['x-text-en'] : undefined) ?? el.text}
        </p>
      );
    case 'Control':
      return (
        <div class="control" {...attrs}>
          {note}
          <Control el={el} c={c} disabled={disabled} />
        </div>
      );
    default:
      return null;
  }
}

export function EForm({ def, opts }: { def: EFormDefinition; opts: RenderOptions }) {
  const data = mergeValues(prefillData(def, opts.prefill), opts.values);
  const errors = opts.errors ?? [];
  const c: Ctx = { root: def.schema, data, errors, lang: opts.lang, dateInput: opts.dateInput ?? 'parts' };
  const summary =
    errors.length > 0 ? (
      <div class="error-summary" role="alert" aria-labelledby="eform-errors-title" tabIndex={-1}>
        <h2 id="eform-errors-title">{t(opts.lang, 'catalogue.eform.errorsTitle')}</h2>
        <ul>
          {errors.map((e) => {
            const path = e.field.split('.');
            return (
              <li>
                <a href={`#${fieldId(path)}`}>{e.message}</a>
              </li>
            );
          })}
        </ul>
      </div>
    ) : null;
  const body = (
    <div class="eform">
      {summary}
      <Element el={def.uiSchema} c={c} disabledAbove={false} />
      <script src="/static/eform.js" defer></script>
    </div>
  );
  if (!opts.action) return body;
  return (
    <form method="post" action={opts.action} novalidate>
      {opts.csrfToken !== undefined ? <input type="hidden" name="_csrf" value={opts.csrfToken} /> : null}
      {body}
      <button type="submit">{opts.submitLabel ?? t(opts.lang, 'catalogue.eform.submit')}</button>
    </form>
  );
}

export function renderEFormNode(def: EFormDefinition, opts: RenderOptions): VNode {
  return <EForm def={def} opts={opts} />;
}
