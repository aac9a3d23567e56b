/**
 * The dossier workspace (/can-bo/ho-so/:id): applicant, components with scans and digitized
 * marks, deadlines, history, slips, and the actions allowed now as forms. A stale version
 * (409) re-renders with "hồ sơ đã được thay đổi" and the fresh state.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../../../platform/auth';
import { badRequest, type FieldError } from '../../../platform/errors';
import { refuseField } from '../../../platform/http/form-messages';
import { sendPage } from '../../../platform/http/html';
import { CsrfField } from '../../../web/csrf';
import { oneOf, t, type Lang } from '../../../platform/i18n';
import { Layout } from '../../../web/layout';
import { listOfficersAt } from '../../identity/service';
import { listAgencies, normaliseAddressNow } from '../../units/service';
import { unitNames } from '../../catalogue/service';
import {
  ACTIONS,
  CHANNELS,
  heldByState,
  mayApproveSupplement,
  needsLeaderApproval,
  RETURN_METHODS,
  sourcesOf,
  type DossierAction,
  type ReturnMethod,
} from '../model';
import { componentsFromSourceAt, supplementOnceFor } from '../deps';
import { snapshotOf } from '../service/common';
import {
  addFile,
  frontDoorOf,
  allowedActions,
  answerSupplement,
  decideSupplementRequest,
  getDossier,
  getDossierFor,
  listDossierEvents,
  listSupplementRequests,
  receivedAtFormer,
  performAction,
  requestSupplementItems,
  retryResultSigning,
  signErrorText,
  type DossierEvent,
  type DossierView,
  type FrontDoorInfo,
  type SupplementRequestView,
} from '../service';
import { AnswerForm, answersOf, DecisionForm, SupplementRequests } from './supplement';
import { AssistedNote, AssistedTag } from './assisted';
import { ActionForms, actionFieldIds, FORM_ACTIONS, NEEDS_COMMENT, type ActionFormData } from './action-forms';
import {
  Components,
  DeadlineTag,
  ErrorSummary,
  fileHref,
  fmtDateTime,
  formErrorOf,
  History,
  many,
  NextStep,
  officerOrLogin,
  one,
  readMultipartForm,
  ResultFiles,
  Section,
  slipHref,
  StateTag,
  actionLabel,
  type FormError,
} from './common';

interface WsProps {
  req: FastifyRequest;
  v: DossierView;
  events: DossierEvent[];
  allowed: string[];
  names: Record<string, string>;
  data: ActionFormData;
  error: FormError | null;
  done: string | null;
  canDigitize: boolean;
  requests: SupplementRequestView[];
  canDecide: boolean;
  desk: boolean;
  portal: FrontDoorInfo | null;
  /** Received at a unit that has since ended in a merger: its name and the unit holding it now. */
  formerDesk: { former: string; now: string } | null;
}

const money = (n: number | null | undefined) => (n ?? 0).toLocaleString('vi-VN');

/** A dossier that came through the National Public Service Portal: what the portal's payment record did to the fee. */
function PortalPayment({ lang, p }: { lang: Lang; p: NonNullable<FrontDoorInfo['payment']> | null }) {
  if (!p?.paid) return <p>{t(lang, 'pages.ws.portal.notPaid')}</p>;
  const params = { amount: money(p.amount), owed: money(p.owed), transaction: p.transactionId ?? '—', at: fmtDateTime(lang, p.paidAt) };
  const bad = p.outcome === 'amount_mismatch' || p.outcome === 'nothing_owed' || p.outcome === 'transaction_elsewhere';
  const key =
    p.outcome === 'paid' || p.outcome === 'duplicate'
      ? 'pages.ws.portal.settled'
      : p.outcome === 'amount_mismatch'
        ? 'pages.ws.portal.mismatch'
        : p.outcome === 'nothing_owed'
          ? 'pages.ws.portal.nothingOwed'
          : p.outcome === 'transaction_elsewhere'
            ? 'pages.ws.portal.elsewhere'
            : null;
  return (
    <>
      <p>{t(lang, 'pages.ws.portal.paid', params)}</p>
      {key && (
        <p class={bad ? 'notice error-summary' : 'notice'} role={bad ? 'alert' : 'status'} id="portal-payment-outcome">
          {t(lang, key, params)}
        </p>
      )}
    </>
  );
}

/** The bills the officer's fee requests became on the portal (the citizen pays exactly them there). */
function PortalBills({ lang, bills }: { lang: Lang; bills: FrontDoorInfo['bills'] }) {
  if (bills.length === 0) return null;
  return (
    <ul id="portal-bills">
      {bills.map((b) => (
        <li>
          {t(lang, 'pages.ws.portal.bill', { code: b.code, amount: money(b.amount), due: fmtDateTime(lang, b.dueAt) })}{' '}
          {b.state === 'paid'
            ? t(lang, 'pages.ws.portal.bill.paid', { transaction: b.transactionId ?? '—' })
            : t(lang, b.state === 'sent' ? 'pages.ws.portal.bill.sent' : 'pages.ws.portal.bill.pending')}
        </li>
      ))}
    </ul>
  );
}

/** The decision of the "phi địa giới" list the dossier was received under (recorded on its submit event), if any. */
function boundaryFreeOf(events: DossierEvent[]): string | null {
  const data = events.find((e) => e.action === 'submit')?.data as { boundaryFree?: { decision?: string } } | null | undefined;
  return data?.boundaryFree?.decision ?? null;
}

/** The roles a process step is held by (pages.role.*). */
const STEP_ROLES = ['reception', 'specialist', 'leader'] as const;

function Slips({ req, v, events }: { req: FastifyRequest; v: DossierView; events: DossierEvent[] }) {
  const lang = req.lang;
  const has = (a: string) => events.some((e) => e.action === a);
  const list: ['receipt' | 'supplement' | 'refusal' | 'apology' | 'stop' | 'control', boolean][] = [
    ['receipt', !!v.receivedAt],
    ['supplement', has('request_supplement')],
    ['refusal', has('refuse')],
    ['apology', has('apologize')],
    ['stop', has('stop')],
    ['control', !!v.receivedAt],
  ];
  return (
    <ul>
      {list
        .filter(([, ok]) => ok)
        .map(([k]) => (
          <li>
            <a href={slipHref(v.id, k)}>{t(lang, `pages.slip.${k}`)}</a>
          </li>
        ))}
    </ul>
  );
}

function UploadForm({ req, v, kind }: { req: FastifyRequest; v: DossierView; kind: 'component' | 'result' }) {
  const lang = req.lang;
  return (
    <form method="post" action={`/can-bo/ho-so/${encodeURIComponent(v.id)}/tep`} enctype="multipart/form-data" class="card">
      {/* the CSRF token first: the handler checks it before reading anything else */}
      <input type="hidden" name="_csrf" value={req.csrfToken} />
      <input type="hidden" name="kind" value={kind} />
      {kind === 'component' && (
        <div class="control">
          <label for="scan-component">{t(lang, 'pages.ws.scanComponent')}</label>
          <select id="scan-component" name="componentKey">
            {v.components.map((c) => (
              <option value={c.key}>{c.name}</option>
            ))}
          </select>
        </div>
      )}
      {kind === 'result' && (
        <div class="control">
          <label for="result-purpose">{t(lang, 'dossier.result.purpose')}</label>
          <select id="result-purpose" name="purpose">
            <option value="new_result">{t(lang, 'dossier.result.purpose.new')}</option>
            <option value="paper_digitized">{t(lang, 'dossier.result.purpose.paper')}</option>
          </select>
        </div>
      )}
      <div class="control">
        <label for={`${kind}-file`}>{t(lang, kind === 'result' ? 'pages.ws.resultFile' : 'pages.ws.scanFile')}</label>
        <p class="hint" id={`${kind}-file-hint`}>
          {t(lang, kind === 'result' ? 'pages.ws.resultHint' : 'pages.ws.scanHint')}
        </p>
        <input
          type="file"
          id={`${kind}-file`}
          name="file"
          accept={kind === 'result' ? '.pdf,application/pdf' : '.pdf,.jpg,.jpeg,.png'}
          aria-describedby={`${kind}-file-hint`}
        />
      </div>
      <button type="submit" class="secondary">
        {t(lang, kind === 'result' ? 'pages.ws.attachResult' : 'pages.ws.digitize')}
      </button>
    </form>
  );
}

function Workspace(p: WsProps) {
  const { req, v, events, names } = p;
  const lang = req.lang;
  const name = (id: string) => names[id] ?? id;
  return (
    <Layout req={req} title={`${t(lang, 'pages.ws.title')} ${v.code}`}>
      <p>
        <a href="/can-bo/hang-doi">{t(lang, 'pages.ws.back')}</a>
      </p>
      <h1>
        {t(lang, 'pages.ws.title')} {v.code}
      </h1>
      {p.done && (
        <div class="notice" role="status">
          <p>{t(lang, 'pages.ws.done', { action: actionLabel(lang, p.done) })}</p>
          {p.done === 'receive' && v.receivedAt && (
            <p>
              <a class="button" href={slipHref(v.id, 'receipt')}>
                {t(lang, 'pages.ws.printReceipt')}
              </a>
            </p>
          )}
        </div>
      )}
      <ErrorSummary lang={lang} error={p.error} fieldIds={p.data.open ? actionFieldIds(p.data.open.action) : undefined} />
      <p>
        <StateTag lang={lang} state={v.state} /> <DeadlineTag lang={lang} v={v} />
        {v.paused && <span class="tag"> {t(lang, 'pages.ws.paused')}</span>} <AssistedTag lang={lang} channel={v.channel} />
      </p>
      <AssistedNote lang={lang} events={events} audience="officer" />
      <NextStep lang={lang} v={v} names={names} audience="officer" />
      {p.formerDesk && <p id="received-at">{t(lang, 'pages.ws.receivedAtFormer', { former: p.formerDesk.former, now: p.formerDesk.now })}</p>}
      <dl class="summary">
        <dt>{t(lang, 'pages.dossier.procedure')}</dt>
        <dd>
          {v.procedure.name} ({v.procedure.code})
        </dd>
        <dt>{t(lang, 'pages.ws.channel')}</dt>
        <dd>{oneOf(CHANNELS, v.channel) ? t(lang, `pages.channel.${v.channel}`) : v.channel}</dd>
        {p.portal && (
          <>
            <dt>{t(lang, 'pages.ws.portalCode')}</dt>
            <dd id="portal-code">{p.portal.code}</dd>
          </>
        )}
        <dt>{t(lang, 'pages.ws.receiving')}</dt>
        <dd>{name(v.receivingUnitId)}</dd>
        <dt>{t(lang, 'pages.ws.deciding')}</dt>
        <dd>{name(v.decidingUnitId)}</dd>
        {boundaryFreeOf(events) && (
          <>
            <dt>{t(lang, 'pages.ws.boundaryFree')}</dt>
            <dd>{t(lang, 'pages.ws.boundaryFreeBasis', { decision: boundaryFreeOf(events)! })}</dd>
          </>
        )}
        {v.step && (
          <>
            <dt>{t(lang, 'pages.ws.step')}</dt>
            <dd>
              {v.step.name} – {name(v.step.unitId)} ({oneOf(STEP_ROLES, v.step.role) ? t(lang, `pages.role.${v.step.role}`) : v.step.role})
              {v.step.dueAt && (
                <>
                  <br />
                  {t(lang, 'pages.queue.stepDue')}: {fmtDateTime(lang, v.step.dueAt)}{' '}
                  {v.step.dueSoon && <span class="tag soon">{t(lang, 'pages.tag.soon')}</span>}
                </>
              )}
            </dd>
          </>
        )}
        {v.consultation && (
          <>
            <dt>{t(lang, 'pages.ws.consulting')}</dt>
            <dd>
              {name(v.consultation.unitId)} · {fmtDateTime(lang, v.consultation.dueAt)}
            </dd>
          </>
        )}
        <dt>{t(lang, 'pages.sup.count')}</dt>
        <dd id="supplement-count">{t(lang, v.supplementRequests > 1 ? 'pages.sup.countRepeated' : 'pages.sup.countValue', { n: v.supplementRequests })}</dd>
        <dt>{t(lang, 'pages.dossier.submitted')}</dt>
        <dd>{fmtDateTime(lang, v.submittedAt)}</dd>
        <dt>{t(lang, 'pages.dossier.received')}</dt>
        <dd>{fmtDateTime(lang, v.receivedAt)}</dd>
        <dt>{t(lang, 'pages.dossier.due')}</dt>
        <dd>{fmtDateTime(lang, v.dueAt)}</dd>
        {v.appointmentAt && v.appointmentAt !== v.dueAt && (
          <>
            <dt>{t(lang, 'pages.dossier.appointment')}</dt>
            <dd>{fmtDateTime(lang, v.appointmentAt)}</dd>
          </>
        )}
        {v.closeReason && (
          <>
            <dt>{t(lang, 'pages.dossier.closeReason')}</dt>
            <dd>{v.closeReason}</dd>
          </>
        )}
      </dl>
      <Section title={t(lang, 'pages.ws.applicant')} id="applicant">
        <dl class="summary">
          <dt>{t(lang, 'pages.field.applicant.name')}</dt>
          <dd>{v.applicant.name}</dd>
          <dt>{t(lang, v.applicant.kind === 'organisation' ? 'pages.field.taxCode' : 'pages.field.applicant.idNumber')}</dt>
          <dd>{v.applicant.idNumber}</dd>
          <dt>{t(lang, 'pages.field.applicant.phone')}</dt>
          <dd>{v.applicant.phone ?? '—'}</dd>
          <dt>{t(lang, 'pages.field.applicant.email')}</dt>
          <dd>{v.applicant.email ?? '—'}</dd>
          <dt>{t(lang, 'pages.field.applicant.address')}</dt>
          <dd>
            {v.applicant.address ?? '—'}
            {v.applicant.addressToday && [
              <br />,
              <span class="hint" id="address-today">
                {t(lang, 'pages.address.today', { today: v.applicant.addressToday })}
              </span>,
            ]}
          </dd>
        </dl>
      </Section>
      {p.portal && (
        <Section title={t(lang, 'pages.ws.portal.payment')} id="portal-payment">
          <PortalPayment lang={lang} p={p.portal.payment} />
          <PortalBills lang={lang} bills={p.portal.bills} />
        </Section>
      )}
      <Section title={t(lang, 'pages.ws.actions')} id="actions">
        <ActionForms req={req} v={v} allowed={p.allowed} data={p.data} />
      </Section>
      <Section title={t(lang, 'pages.sup.title')} id="supplements">
        {p.portal && (v.state === 'waiting_supplement' || p.requests.length > 0) && (
          <p class="hint" id="portal-supplement">
            {t(lang, 'pages.ws.portal.supplement')}
          </p>
        )}
        <SupplementRequests lang={lang} requests={p.requests} fileHref={fileHref(v.id)} files={v.files} />
        {p.canDecide &&
          p.requests
            .filter((r) => r.state === 'pending')
            .map((r) => (
              <DecisionForm req={req} v={v} request={r} error={p.data.open?.action === 'supplement_decision' ? p.data.open.error.message : undefined} />
            ))}
        {p.desk &&
          v.state === 'waiting_supplement' &&
          p.requests
            .filter((r) => r.state === 'issued')
            .slice(-1)
            .map((r) => <AnswerForm req={req} v={v} request={r} action={`/can-bo/ho-so/${encodeURIComponent(v.id)}/bo-sung`} mode="desk" />)}
      </Section>
      <Section title={t(lang, 'pages.dossier.components')} id="components">
        <Components lang={lang} v={v} fileHref={fileHref(v.id)} />
        {p.canDigitize && <UploadForm req={req} v={v} kind="component" />}
      </Section>
      <Section title={t(lang, 'pages.result.title')} id="result">
        <ResultFiles lang={lang} v={v} fileHref={fileHref(v.id)} />
        {v.files
          .filter((f) => f.kind === 'result' && (f.signState === 'failed' || f.signState === 'stopped'))
          .map((f) => (
            <div class="notice error-summary" role="alert">
              <p>
                <strong>{t(lang, 'dossier.result.signFailed')}</strong>: {f.fileName}. {signErrorText(lang, f.signError ?? null)} (
                {t(lang, 'dossier.result.signAttempts', { attempts: f.signAttempts ?? 0 })})
              </p>
              {f.signError !== 'signing.hash_mismatch' && (
                <form method="post" action={`/can-bo/ho-so/${encodeURIComponent(v.id)}/tep/${encodeURIComponent(f.id)}/ky-lai`}>
                  <CsrfField req={req} />
                  <button type="submit">{t(lang, 'dossier.result.signRetry')}</button>
                </form>
              )}
            </div>
          ))}
        {!v.files.some((f) => f.kind === 'result') && <p>{t(lang, 'pages.ws.noResult')}</p>}
        {p.allowed.includes('attach_result') && <UploadForm req={req} v={v} kind="result" />}
      </Section>
      <Section title={t(lang, 'pages.ws.slips')} id="slips">
        <Slips req={req} v={v} events={events} />
      </Section>
      <Section title={t(lang, 'pages.dossier.history')} id="history">
        <History lang={lang} events={events} />
      </Section>
    </Layout>
  );
}

async function render(
  req: FastifyRequest,
  actor: Actor,
  id: string,
  opts: { error?: FormError | null; open?: ActionFormData['open']; done?: string | null } = {},
) {
  const ctx = req.server.ctx;
  const got = await getDossierFor(ctx, actor, id);
  // Issue 11 item 4: the address in today's names as stored at submission; for a dossier that named
  // units merged since (or stored before migration 0037), read against today's units.
  const addressToday =
    got.applicant.addressToday ??
    (got.applicant.address ? await normaliseAddressNow(ctx, got.applicant.address).then((n) => (n.changed ? n.today : null)) : null);
  const v: DossierView = { ...got, applicant: { ...got.applicant, addressToday } };
  const row = (await getDossier(ctx, id))!;
  const [events, allowed] = await Promise.all([listDossierEvents(ctx, id), allowedActions(ctx, actor, row)]);
  const officers =
    allowed.includes('assign') && v.step ? (await listOfficersAt(ctx, [v.step.unitId], [v.step.role as never])).map((o) => ({ id: o.id, name: o.name })) : [];
  const units = allowed.includes('consult') ? (await listAgencies(ctx)).map((u) => ({ id: u.id, name: u.name })) : [];
  const ids = [v.receivingUnitId, v.decidingUnitId, v.step?.unitId, v.consultation?.unitId].filter((x): x is string => !!x);
  const names = await unitNames(ctx, ids);
  const desk = actor.roles.some((g) => g.role === 'reception' && g.unitId === v.receivingUnitId);
  const canDigitize = desk && ['submitted', 'received', 'waiting_supplement'].includes(v.state);
  const requests = await listSupplementRequests(ctx, id);
  const portal = await frontDoorOf(ctx, id);
  const formerDesk = await receivedAtFormer(ctx, v.receivingUnitId, events);
  const held = Object.fromEntries(
    heldByState(snapshotOf(row).components, sourcesOf(row.component_sources), componentsFromSourceAt(row.submitted_at)).map((c) => [
      c.key,
      c.dataSource!.source,
    ]),
  );
  const canDecide = mayApproveSupplement(actor, {
    receivingUnitId: row.receiving_unit_id,
    decidingUnitId: row.deciding_unit_id,
    stepUnitId: row.step_unit_id ?? null,
  });
  // With an open request of items, the desk records the answer item by item (the section above), not with the bare action.
  const shown = requests.some((r) => r.state === 'issued') ? allowed.filter((a) => a !== 'supplement') : allowed;
  const data = {
    officers,
    units,
    open: opts.open,
    held,
    nextSupplementNo: row.supplement_requests + 1,
    needsApproval: needsLeaderApproval(row.supplement_requests, supplementOnceFor(row)),
  };
  return (
    <Workspace
      req={req}
      v={v}
      events={events}
      allowed={shown}
      names={names}
      data={data}
      error={opts.error ?? null}
      done={opts.done ?? null}
      canDigitize={canDigitize}
      requests={requests}
      canDecide={canDecide}
      desk={desk}
      portal={portal}
      formerDesk={formerDesk}
    />
  );
}

/** The request of an action from the posted form. */
function actionRequest(req: FastifyRequest, action: DossierAction, body: Record<string, unknown>) {
  const comment = one(body.comment).trim() || null;
  const out: Parameters<typeof performAction>[4] = {
    version: Number(one(body.version)) || 0,
    comment,
    ip: req.ip,
    idempotencyKey: one(body._key).slice(0, 200) || undefined,
  };
  const refused: FieldError[] = [];
  if (action === 'request_supplement') {
    const other = one(body.missingOther)
      .split(/\r?\n/)
      .map((s) => s.trim())
      .filter(Boolean);
    // The ticked components with their defect and what to provide; then free items (and the older plain list) as "missing".
    const ticked = many(body.item).map((key) => ({
      componentKey: key,
      defect: one(body[`defect:${key}`]) || 'missing',
      provide: one(body[`provide:${key}`]).trim() || null,
    }));
    out.items = [...ticked, ...[...many(body.missing), ...other].map((label) => ({ label: label.slice(0, 500), defect: 'missing' }))].slice(0, 50);
    if (out.items.length === 0)
      refused.push({ field: 'missing', label: t(req.lang, 'pages.ws.missingOther'), message: t(req.lang, 'dossier.missing_list_required') });
  }
  if (action === 'assign') out.assigneeId = one(body.assigneeId) || undefined;
  if (action === 'consult') {
    out.consultUnitId = one(body.consultUnitId) || undefined;
    const days = Number(one(body.consultDays));
    out.consultDays = Number.isInteger(days) && days >= 1 && days <= 30 ? days : 2;
  }
  if (action === 'apologize') {
    const d = one(body.newAppointmentAt);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(d)))
      refused.push(refuseField(req.lang, 'newAppointmentAt', t(req.lang, 'pages.field.newAppointmentAt'), 'form.date'));
    else out.newAppointmentAt = new Date(`${d}T17:00:00+07:00`);
  }
  if (action === 'return_result') {
    const m = one(body.returnMethod);
    out.returnMethod = (RETURN_METHODS as readonly string[]).includes(m) ? (m as ReturnMethod) : undefined;
  }
  if (comment === null && oneOf(NEEDS_COMMENT, action))
    refused.push(refuseField(req.lang, 'comment', t(req.lang, `pages.ws.reason.${action}`), 'form.required'));
  // Every refused field at once, each with its label and what is right (issue 13).
  if (refused.length > 0) throw badRequest('error.validation', undefined, refused);
  return out;
}

export function workspacePages(app: FastifyInstance) {
  const ctx = app.ctx;

  app.get('/can-bo/ho-so/:id', async (req, reply) => {
    const actor = officerOrLogin(req, reply);
    if (!actor) return reply;
    const done = one((req.query as Record<string, unknown>).xong);
    return sendPage(
      reply,
      await render(req, actor, (req.params as { id: string }).id, {
        done:
          (ACTIONS as readonly string[]).includes(done) ||
          done === 'digitize' ||
          done === 'submit' ||
          done === 'supplement_proposed' ||
          done === 'supplement_proposal_refused'
            ? done
            : null,
      }),
    );
  });

  app.post('/can-bo/ho-so/:id/thao-tac/:action', async (req, reply) => {
    const actor = officerOrLogin(req, reply);
    if (!actor) return reply;
    const { id, action } = req.params as { id: string; action: string };
    await getDossierFor(ctx, actor, id);
    if (!(FORM_ACTIONS as readonly string[]).includes(action)) throw badRequest('error.validation');
    const body = (req.body ?? {}) as Record<string, unknown>;
    let done = action;
    try {
      const r = actionRequest(req, action as DossierAction, body);
      if (action === 'request_supplement') {
        // The first request is issued; a second (or later) one waits for a leader's approval.
        const out = await requestSupplementItems(ctx, actor, id, { version: r.version, comment: r.comment, items: r.items ?? [], ip: req.ip });
        if (out.pending) done = 'supplement_proposed';
      } else await performAction(ctx, actor, id, action as DossierAction, r);
    } catch (err) {
      const e = formErrorOf(req.lang, err);
      if (e.status === 404) throw err;
      return sendPage(reply, await render(req, actor, id, { error: e, open: { action, error: e, comment: one(body.comment) } }), e.status);
    }
    return reply.redirect(`/can-bo/ho-so/${encodeURIComponent(id)}?xong=${done}`, 303);
  });

  app.post('/can-bo/ho-so/:id/bo-sung/:requestId/quyet-dinh', async (req, reply) => {
    const actor = officerOrLogin(req, reply);
    if (!actor) return reply;
    const { id, requestId } = req.params as { id: string; requestId: string };
    await getDossierFor(ctx, actor, id);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const approve = one(body.decision) === 'approve';
    try {
      await decideSupplementRequest(ctx, actor, id, requestId, { version: Number(one(body.version)) || 0, approve, reason: one(body.reason), ip: req.ip });
    } catch (err) {
      const e = formErrorOf(req.lang, err);
      if (e.status === 404) throw err;
      return sendPage(reply, await render(req, actor, id, { error: e, open: { action: 'supplement_decision', error: e } }), e.status);
    }
    return reply.redirect(`/can-bo/ho-so/${encodeURIComponent(id)}?xong=${approve ? 'request_supplement' : 'supplement_proposal_refused'}`, 303);
  });

  app.post('/can-bo/ho-so/:id/bo-sung', async (req, reply) => {
    const actor = officerOrLogin(req, reply);
    if (!actor) return reply;
    const { id } = req.params as { id: string };
    await getDossierFor(ctx, actor, id);
    try {
      const { fields, files } = await readMultipartForm(req);
      const open = (await listSupplementRequests(ctx, id)).filter((r) => r.state === 'issued').at(-1);
      if (!open) throw badRequest('dossier.supplement_item_unknown');
      await answerSupplement(ctx, actor, id, { version: Number(one(fields.version)) || 0, answers: answersOf(open, fields, files, 'desk'), ip: req.ip });
    } catch (err) {
      const e = formErrorOf(req.lang, err);
      if (e.status === 404) throw err;
      return sendPage(reply, await render(req, actor, id, { error: e }), e.status);
    }
    return reply.redirect(`/can-bo/ho-so/${encodeURIComponent(id)}?xong=supplement`, 303);
  });

  app.post('/can-bo/ho-so/:id/tep/:fileId/ky-lai', async (req, reply) => {
    const actor = officerOrLogin(req, reply);
    if (!actor) return reply;
    const { id, fileId } = req.params as { id: string; fileId: string };
    await getDossierFor(ctx, actor, id);
    try {
      await retryResultSigning(ctx, actor, id, fileId);
    } catch (err) {
      const e = formErrorOf(req.lang, err);
      if (e.status === 404) throw err;
      return sendPage(reply, await render(req, actor, id, { error: e }), e.status);
    }
    return reply.redirect(`/can-bo/ho-so/${encodeURIComponent(id)}#result`, 303);
  });

  app.post('/can-bo/ho-so/:id/tep', async (req, reply) => {
    const actor = officerOrLogin(req, reply);
    if (!actor) return reply;
    const { id } = req.params as { id: string };
    await getDossierFor(ctx, actor, id);
    let kind = 'component';
    try {
      const { fields, files } = await readMultipartForm(req);
      kind = one(fields.kind) === 'result' ? 'result' : 'component';
      const f = files.find((x) => x.field === 'file');
      if (!f) throw badRequest('pages.ws.fileRequired');
      const purpose = one(fields.purpose);
      await addFile(
        ctx,
        actor,
        id,
        kind as 'component' | 'result',
        { componentKey: kind === 'result' ? null : one(fields.componentKey) || null, fileName: f.fileName, contentType: f.contentType, bytes: f.bytes },
        req.ip,
        { purpose: purpose === 'paper_digitized' || purpose === 'new_result' ? purpose : undefined },
      );
    } catch (err) {
      const e = formErrorOf(req.lang, err);
      if (e.status === 404) throw err;
      return sendPage(reply, await render(req, actor, id, { error: e }), e.status);
    }
    return reply.redirect(`/can-bo/ho-so/${encodeURIComponent(id)}?xong=${kind === 'result' ? 'attach_result' : 'digitize'}`, 303);
  });
}
