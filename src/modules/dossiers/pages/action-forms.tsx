/** The forms of the actions an officer may take now on a dossier, one form each, each with the dossier version. */
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { oneOf, t, type Lang } from '../../../platform/i18n';
import { CsrfField } from '../../../web/csrf';
import { describedBy, FieldMessage } from '../../../web/form-errors';
import type { DossierView } from '../service';
import { DEFECTS } from '../model';
import { actionLabel, fieldError, sourceText, TextArea, type FormError } from './common';

export interface ActionFormData {
  officers: { id: string; name: string }[];
  units: { id: string; name: string }[];
  /** request_supplement: the components the state holds (key -> its source), not to be asked for on paper. */
  held?: Record<string, string>;
  /** request_supplement: the number the next request would have, and whether it needs a leader's approval. */
  nextSupplementNo?: number;
  needsApproval?: boolean;
  /** The action whose form was posted and refused, and what was typed. */
  open?: { action: string; error: FormError; comment?: string };
}

/** Actions offered as forms (attach_result is the upload form; the others need no extra input beyond these). */
export const FORM_ACTIONS = [
  'receive',
  'supplement',
  'forward',
  'approve',
  'assign',
  'request_supplement',
  'return_for_rework',
  'consult',
  'answer_consultation',
  'request_fee',
  'confirm_fee',
  'return_result',
  'apologize',
  'refuse',
  'withdraw',
  'cancel',
  'stop',
] as const;
/** The actions whose comment is a required reason (pages.ws.reason.*). */
export const NEEDS_COMMENT = [
  'request_supplement',
  'refuse',
  'return_for_rework',
  'consult',
  'answer_consultation',
  'apologize',
  'withdraw',
  'cancel',
  'stop',
] as const;
/** The ids of an action form's fields, for the error summary's links (GOV.UK pattern). */
export function actionFieldIds(action: string): Record<string, string> {
  return { comment: `${action}-comment`, newAppointmentAt: `${action}-date`, missing: `${action}-other` };
}
const DANGER = new Set(['refuse', 'cancel', 'withdraw', 'stop']);
const PRIMARY = new Set(['receive', 'forward', 'approve', 'return_result', 'supplement']);

function Extra({ lang, action, v, data, err }: { lang: Lang; action: string; v: DossierView; data: ActionFormData; err: FormError | null }) {
  const id = (s: string) => `${action}-${s}`;
  switch (action) {
    case 'request_supplement':
      return (
        <fieldset>
          <legend>{t(lang, 'pages.sup.checklist')}</legend>
          {data.needsApproval && (
            <p class="notice" id={id('second')}>
              {t(lang, 'pages.sup.secondNotice', { n: data.nextSupplementNo ?? 2 })}
            </p>
          )}
          <ul class="cards checklist">
            {v.components.map((c, i) => {
              const held = data.held?.[c.key];
              return (
                <li class="card">
                  <div>
                    <input
                      type="checkbox"
                      id={id(`c${i}`)}
                      name="item"
                      value={c.key}
                      checked={!held && !c.provided && !c.optional}
                      disabled={!!held}
                      aria-describedby={held ? id(`h${i}`) : undefined}
                    />{' '}
                    <label class="inline" for={id(`c${i}`)}>
                      {c.name}
                    </label>
                  </div>
                  {held ? (
                    <p class="hint" id={id(`h${i}`)}>
                      {t(lang, 'pages.sup.held', { source: sourceText(lang, held) })}
                    </p>
                  ) : (
                    <>
                      <div class="control">
                        <label for={id(`d${i}`)}>{t(lang, 'pages.sup.defect')}</label>
                        <select id={id(`d${i}`)} name={`defect:${c.key}`}>
                          {DEFECTS.map((k) => (
                            <option value={k}>{t(lang, `supplement.defect.${k}`)}</option>
                          ))}
                        </select>
                      </div>
                      <div class="control">
                        <label for={id(`p${i}`)}>{t(lang, 'pages.sup.provideLabel')}</label>
                        <input id={id(`p${i}`)} name={`provide:${c.key}`} type="text" maxLength={1000} />
                      </div>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
          <TextArea
            id={id('other')}
            name="missingOther"
            label={t(lang, 'pages.ws.missingOther')}
            hint={t(lang, 'pages.ws.missingOtherHint')}
            lang={lang}
            error={fieldError(err, 'missing')}
          />
        </fieldset>
      );
    case 'assign':
      return (
        <div class="control">
          <label for={id('assignee')}>{t(lang, 'pages.ws.assignee')}</label>
          <select id={id('assignee')} name="assigneeId">
            {data.officers.map((o) => (
              <option value={o.id} selected={o.id === v.step?.assigneeId}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
      );
    case 'consult':
      return (
        <>
          <div class="control">
            <label for={id('unit')}>{t(lang, 'pages.ws.consultUnit')}</label>
            <select id={id('unit')} name="consultUnitId">
              <option value="">{t(lang, 'pages.ws.choose')}</option>
              {data.units.map((u) => (
                <option value={u.id}>{u.name}</option>
              ))}
            </select>
          </div>
          <div class="control">
            <label for={id('days')}>{t(lang, 'pages.ws.consultDays')}</label>
            <input id={id('days')} name="consultDays" type="number" min="1" max="30" value="2" inputMode="numeric" />
          </div>
        </>
      );
    case 'apologize':
      return (
        <div class="control">
          <label for={id('date')}>{t(lang, 'pages.ws.newDate')}</label>
          <FieldMessage id={id('date')} error={err} field="newAppointmentAt" />
          <input id={id('date')} name="newAppointmentAt" type="date" {...describedBy(id('date'), err, 'newAppointmentAt')} />
        </div>
      );
    case 'return_result':
      return (
        <fieldset>
          <legend>{t(lang, 'pages.ws.returnMethod')}</legend>
          {(['desk', 'online', 'post'] as const).map((m, i) => (
            <div>
              <input type="radio" id={id(m)} name="returnMethod" value={m} checked={i === 0} />{' '}
              <label class="inline" for={id(m)}>
                {t(lang, `pages.ws.return.${m}`)}
              </label>
            </div>
          ))}
        </fieldset>
      );
    default:
      return null;
  }
}

function ActionForm({
  req,
  action,
  v,
  data,
  children,
}: {
  req: FastifyRequest;
  action: string;
  v: DossierView;
  data: ActionFormData;
  children?: ComponentChildren;
}) {
  const lang = req.lang;
  const err = data.open?.action === action ? data.open.error : null;
  const needs = oneOf(NEEDS_COMMENT, action);
  return (
    <details class="action" open={!!err || PRIMARY.has(action)} id={`action-${action}`}>
      <summary>{actionLabel(lang, action)}</summary>
      <form method="post" action={`/can-bo/ho-so/${encodeURIComponent(v.id)}/thao-tac/${action}`}>
        <CsrfField req={req} />
        <input type="hidden" name="version" value={String(v.version)} />
        {/* a second click (or a repeat after a lost answer) is the same action, not a 409 */}
        <input type="hidden" name="_key" value={randomUUID()} />
        {err && (
          <p class="error-message" role="alert">
            {err.message}
          </p>
        )}
        <Extra lang={lang} action={action} v={v} data={data} err={err} />
        {children}
        {(needs || action === 'forward' || action === 'approve') && (
          <TextArea
            id={`${action}-comment`}
            name="comment"
            label={oneOf(NEEDS_COMMENT, action) ? t(lang, `pages.ws.reason.${action}`) : t(lang, 'pages.ws.note')}
            required={needs}
            lang={lang}
            value={err ? data.open?.comment : undefined}
            error={fieldError(err, 'comment')}
          />
        )}
        <button type="submit" class={DANGER.has(action) ? 'danger' : PRIMARY.has(action) ? undefined : 'secondary'}>
          {actionLabel(lang, action)}
        </button>
      </form>
    </details>
  );
}

export function ActionForms({ req, v, allowed, data }: { req: FastifyRequest; v: DossierView; allowed: string[]; data: ActionFormData }) {
  const list = FORM_ACTIONS.filter((a) => allowed.includes(a));
  if (list.length === 0) return <p>{t(req.lang, 'pages.ws.noActions')}</p>;
  return (
    <>
      {list.map((a) => (
        <ActionForm req={req} action={a} v={v} data={data} />
      ))}
    </>
  );
}
