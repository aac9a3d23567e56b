/**
 * Reception (/can-bo/tiep-nhan): at the desk (in person), at the postal point (post) and by the
 * community digital team (assisted, with the e-form). Choose the procedure, enter the applicant
 * (optionally looked up in the population data), upload a scan per component, and - at the
 * desk - receive at once and print the receipt slip.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../../../platform/auth';
import { AppError, notFound, type FieldError } from '../../../platform/errors';
import { sendPage } from '../../../platform/http/html';
import { t, type Lang } from '../../../platform/i18n';
import { fold } from '../../../platform/text';
import { Layout } from '../../../web/layout';
import {
  applicationFromForm,
  boundaryFreeCodes,
  boundaryFreeOn,
  getProcedureSnapshot,
  renderEForm,
  searchProcedures,
  unitNames,
  type ProcedureHit,
} from '../../catalogue/service';
import { civilDateVN } from '../../../platform/calendar/types';
import type { ProcedureSnapshot } from '../../catalogue/model';
import { prefillFor } from '../../population/service';
import { normaliseAddressNow } from '../../units/service';
import type { Channel } from '../model';
import { confirmConsent, getConsentFor, getDossierFor, receiveDossier, startConsent, submitDossier, type ConsentView } from '../service';
import { componentsFromSourceAt, paperRefusedFor } from '../../rules/service';
import { ErrorSummary, Field, fieldError, fmtDateTime, formErrorOf, officerOrLogin, one, readMultipartForm, SourceHint, type FormError } from './common';

const ROLES = ['reception', 'postal', 'digital_team'] as const;
const CHANNEL_OF: Record<string, Channel> = { reception: 'in_person', postal: 'post', digital_team: 'assisted' };

/** The officer's own channel first; every helper role may also submit for a citizen with consent (assisted). */
function channelsOf(actor: Actor): Channel[] {
  const own = actor.roles.filter((g) => g.role in CHANNEL_OF).map((g) => CHANNEL_OF[g.role]!);
  return [...new Set(own.length ? [...own, 'assisted' as const] : own)];
}

interface Applicant {
  kind: string;
  idNumber: string;
  name: string;
  phone: string;
  email: string;
  address: string;
}
const EMPTY: Applicant = { kind: 'citizen', idNumber: '', name: '', phone: '', email: '', address: '' };

async function proceduresFor(req: FastifyRequest, actor: Actor, channel: Channel): Promise<ProcedureHit[]> {
  const ctx = req.server.ctx;
  const desks = channel === 'in_person' ? actor.roles.filter((g) => g.role === 'reception').map((g) => g.unitId) : [undefined];
  const seen = new Map<string, ProcedureHit>();
  for (const agency of desks) {
    const r = await searchProcedures(ctx, { agency, pageSize: 100, online: channel === 'assisted' ? undefined : undefined });
    for (const h of r.items) if (channel !== 'assisted' || h.onlineLevel !== 'none') seen.set(h.code, h);
  }
  // At the desk, also every procedure on the province's "phi địa giới" list today (Decree 118/2025 Art. 14(2)).
  const listed = channel === 'in_person' ? new Set((await boundaryFreeCodes(ctx)).filter((c) => !seen.has(c))) : new Set<string>();
  for (let page = 1; listed.size > 0 && page <= 20; page++) {
    const r = await searchProcedures(ctx, { pageSize: 100, page });
    for (const h of r.items) if (listed.delete(h.code)) seen.set(h.code, h);
    if (r.items.length < 100) break;
  }
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

/** Whether the procedure is on the "phi địa giới" list today (Vietnam civil date). */
function listedToday(req: FastifyRequest, snap: ProcedureSnapshot): boolean {
  return !!boundaryFreeOn(snap.boundaryFree, civilDateVN(req.server.ctx.clock.now()));
}

async function unitsFor(req: FastifyRequest, actor: Actor, snap: ProcedureSnapshot, channel: Channel) {
  const desks = new Set(actor.roles.filter((g) => g.role === 'reception').map((g) => g.unitId));
  let ids = [...new Set(snap.agencies.map((a) => a.receivingUnitId))].filter((id) => channel !== 'in_person' || desks.has(id));
  // A desk outside the procedure's area receives it while it is on the list.
  if (channel === 'in_person' && ids.length === 0 && listedToday(req, snap)) ids = [...desks];
  const names = await unitNames(req.server.ctx, ids);
  return ids.map((id) => ({ id, name: names[id] ?? id })).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

/** The competent agencies a desk may route a listed procedure to (several for a commune procedure: the applicant's commune). */
async function decidingFor(req: FastifyRequest, snap: ProcedureSnapshot, channel: Channel) {
  if (channel !== 'in_person' || !listedToday(req, snap)) return [];
  const ids = [...new Set(snap.agencies.map((a) => a.decidingUnitId))];
  if (ids.length < 2) return [];
  const names = await unitNames(req.server.ctx, ids);
  return ids.map((id) => ({ id, name: names[id] ?? id })).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

interface PageState {
  channel: Channel;
  channels: Channel[];
  procedures: ProcedureHit[];
  /** The text searched for in the procedure picker. */
  query: string;
  snap: ProcedureSnapshot | null;
  units: { id: string; name: string }[];
  unit: string;
  /** Boundary-free reception: the competent agencies to choose from (empty: the procedure's own pair decides). */
  deciding: { id: string; name: string }[];
  decidingUnit: string;
  applicant: Applicant;
  /** The applicant's address in today's unit names when it names former units, else null. */
  addressToday: string | null;
  data?: Record<string, unknown>;
  error: FormError | null;
  lookup: { id: string; message: string | null };
  /** Assisted: the citizen's consent asked for on this page (null: not yet), and what the helper typed to ask it. */
  consent: ConsentView | null;
  consentAsk: { idNumber: string; name: string; phone: string };
}

const consentHref = (s: { snap: ProcedureSnapshot | null; channel: Channel }, id?: string) =>
  `/can-bo/tiep-nhan?ma=${encodeURIComponent(s.snap?.code ?? '')}&kenh=${encodeURIComponent(s.channel)}${id ? `&dongY=${encodeURIComponent(id)}` : ''}`;

/**
 * Assisted, step 1 (no consent yet, or the last one is locked or used): ask the citizen's consent;
 * step 1b (pending): enter the code the citizen reads back. Plain POST forms (no JavaScript).
 */
function ConsentStep({ req, s }: { req: FastifyRequest; s: PageState }) {
  const lang = req.lang;
  const c = s.consent;
  const err = s.error;
  if (c && c.state === 'pending') {
    return (
      <section class="card" aria-labelledby="consent-title">
        <h3 id="consent-title">{t(lang, 'pages.assisted.step1')}</h3>
        <ErrorSummary lang={lang} error={err} fieldIds={{ code: 'consent-code' }} />
        <p class="notice" role="status">
          {t(lang, 'pages.assisted.sent', { phone: c.phone, at: fmtDateTime(lang, c.codeExpiresAt) })}
        </p>
        <details>
          <summary>{t(lang, 'pages.assisted.consentText')}</summary>
          <p>{c.consentText}</p>
        </details>
        <form method="post" action={`/can-bo/tiep-nhan/dong-y/${encodeURIComponent(c.id)}`} novalidate>
          <input type="hidden" name="_csrf" value={req.csrfToken} />
          <Field
            id="consent-code"
            name="code"
            label={t(lang, 'pages.assisted.code')}
            required
            lang={lang}
            inputmode="numeric"
            autocomplete="one-time-code"
            error={fieldError(err, 'code')}
          />
          <button type="submit">{t(lang, 'pages.assisted.confirm')}</button>
        </form>
        <p>
          <a href={consentHref(s)}>{t(lang, 'pages.assisted.again')}</a>
        </p>
      </section>
    );
  }
  const a = s.consentAsk;
  return (
    <section class="card" aria-labelledby="consent-title">
      <h3 id="consent-title">{t(lang, 'pages.assisted.step1')}</h3>
      <ErrorSummary lang={lang} error={err} fieldIds={{ idNumber: 'consent-id', name: 'consent-name', phone: 'consent-phone' }} />
      <p class="hint">{t(lang, 'pages.assisted.step1Hint')}</p>
      <form method="post" action="/can-bo/tiep-nhan/dong-y" novalidate>
        <input type="hidden" name="_csrf" value={req.csrfToken} />
        <input type="hidden" name="ma" value={s.snap?.code ?? ''} />
        <Field
          id="consent-id"
          name="idNumber"
          label={t(lang, 'pages.field.applicant.idNumber')}
          hint={t(lang, 'pages.assisted.idHint')}
          value={a.idNumber}
          required
          lang={lang}
          inputmode="numeric"
          error={fieldError(err, 'idNumber')}
        />
        <Field
          id="consent-name"
          name="name"
          label={t(lang, 'pages.field.applicant.name')}
          value={a.name}
          required
          lang={lang}
          error={fieldError(err, 'name')}
        />
        <Field
          id="consent-phone"
          name="phone"
          label={t(lang, 'pages.assisted.phone')}
          value={a.phone}
          type="tel"
          required
          lang={lang}
          autocomplete="off"
          error={fieldError(err, 'phone')}
        />
        <button type="submit">{t(lang, 'pages.assisted.send')}</button>
      </form>
    </section>
  );
}

/** Matches by name or code, ignoring diacritics and case ("khai sinh" finds "Đăng ký khai sinh"). */
export function matchProcedures(all: readonly ProcedureHit[], query: string, limit = 20): ProcedureHit[] {
  const words = fold(query).toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return all
    .filter((p) => {
      const hay = `${fold(p.name).toLowerCase()} ${p.code.toLowerCase()}`;
      return words.every((w) => hay.includes(w));
    })
    .slice(0, limit);
}

/** The procedure picker: a GET search returning matches as links (works without JavaScript), not a long select (issue 13.5). */
function ChooseProcedure({ lang, s }: { lang: Lang; s: PageState }) {
  const link = (code: string) => `/can-bo/tiep-nhan?ma=${encodeURIComponent(code)}&kenh=${encodeURIComponent(s.channel)}`;
  const matches = matchProcedures(s.procedures, s.query);
  return (
    <div class="card">
      {s.snap && (
        <p>
          {t(lang, 'pages.desk.chosen')}: <strong>{s.snap.name}</strong>
        </p>
      )}
      <form method="get" action="/can-bo/tiep-nhan" role="search">
        {s.channels.length > 1 && (
          <fieldset>
            <legend>{t(lang, 'pages.desk.channel')}</legend>
            {s.channels.map((c) => (
              <div>
                <input type="radio" id={`kenh-${c}`} name="kenh" value={c} checked={c === s.channel} />{' '}
                <label class="inline" for={`kenh-${c}`}>
                  {t(lang, `pages.channel.${c}`)}
                </label>
              </div>
            ))}
          </fieldset>
        )}
        {s.channels.length === 1 && <input type="hidden" name="kenh" value={s.channel} />}
        <label for="tim">{t(lang, s.snap ? 'pages.desk.searchOther' : 'pages.desk.search')}</label>
        <p class="hint" id="tim-hint">
          {t(lang, 'pages.desk.searchHint', { n: s.procedures.length })}
        </p>
        <div class="search-row">
          <input type="search" id="tim" name="tim" value={s.query} aria-describedby="tim-hint" autocomplete="off" />
          <button type="submit" class="secondary">
            {t(lang, 'pages.desk.searchButton')}
          </button>
        </div>
      </form>
      {s.query && (
        <>
          <p role="status">
            {matches.length === 0 ? t(lang, 'pages.desk.searchNone', { q: s.query }) : t(lang, 'pages.desk.searchCount', { n: matches.length })}
          </p>
          <ul class="procedure-matches">
            {matches.map((p) => (
              <li>
                <a href={link(p.code)}>{p.name}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function DeskPage({ req, s }: { req: FastifyRequest; s: PageState }) {
  const lang = req.lang;
  const snap = s.snap;
  const err = s.error;
  const a = s.applicant;
  const eformErrors: FieldError[] = (err?.fields ?? []).filter((f) => f.field.startsWith('data.')).map((f) => ({ ...f, field: f.field.slice(5) }));
  const ids: Record<string, string> = {
    'applicant.name': 'ap-name',
    'applicant.idNumber': 'ap-id',
    receivingUnitId: 'receivingUnitId',
    decidingUnitId: 'decidingUnitId',
  };
  for (const c of snap?.components ?? []) ids[`files.${c.key}`] = `scan-${c.key}`;
  const now = req.server.ctx.clock.now();
  const fromSource = componentsFromSourceAt(now);
  // Chỉ thị 24/CT-TTg: no paper dossier for the essential services from 1/10/2025 - say so instead of offering the form.
  const paperRefused = !!snap && (s.channel === 'in_person' || s.channel === 'post') && paperRefusedFor(snap.essential, now);
  // Assisted: the dossier form comes only once the citizen has consented (step 2).
  const consented = s.channel === 'assisted' && s.consent?.state === 'confirmed' && s.consent.procedureCode === snap?.code ? s.consent : null;
  const needsConsent = s.channel === 'assisted' && !consented;
  return (
    <Layout req={req} title={t(lang, 'pages.desk.title')}>
      <h1>{t(lang, 'pages.desk.title')}</h1>
      <ChooseProcedure lang={lang} s={s} />
      {snap && paperRefused && (
        <>
          <h2>{snap.name}</h2>
          <p class="notice" role="alert" id="paper-refused">
            {t(lang, 'dossier.paper_refused', { procedure: snap.name })}
          </p>
        </>
      )}
      {snap && needsConsent && (
        <>
          <h2>{snap.name}</h2>
          <ConsentStep req={req} s={s} />
        </>
      )}
      {snap && !paperRefused && !needsConsent && (
        <>
          <h2>{snap.name}</h2>
          {consented && (
            <div class="notice" role="status" id="consented">
              <p>
                {t(lang, 'pages.assisted.consented', {
                  name: consented.citizen.name,
                  idNumber: consented.citizen.idNumber,
                  at: fmtDateTime(lang, consented.confirmedAt),
                })}
              </p>
              <details>
                <summary>{t(lang, 'pages.assisted.consentText')}</summary>
                <p>{consented.consentText}</p>
              </details>
            </div>
          )}
          <ErrorSummary lang={lang} error={err} fieldIds={ids} />
          <form method="get" action="/can-bo/tiep-nhan" class="card">
            <input type="hidden" name="ma" value={snap.code} />
            <input type="hidden" name="kenh" value={s.channel} />
            {consented && <input type="hidden" name="dongY" value={consented.id} />}
            <Field
              id="cccd"
              name="cccd"
              label={t(lang, 'pages.desk.lookupId')}
              hint={t(lang, 'pages.desk.lookupHint')}
              value={s.lookup.id}
              lang={lang}
              inputmode="numeric"
            />
            {s.lookup.message && (
              <p class="notice" role="status">
                {s.lookup.message}
              </p>
            )}
            <button type="submit" class="secondary">
              {t(lang, 'pages.desk.lookup')}
            </button>
          </form>
          <form method="post" action={'/can-bo/tiep-nhan'} enctype="multipart/form-data" novalidate>
            {/* the CSRF token first: the handler checks it before reading anything else */}
            <input type="hidden" name="_csrf" value={req.csrfToken} />
            <input type="hidden" name="ma" value={snap.code} />
            <input type="hidden" name="kenh" value={s.channel} />
            {consented && <input type="hidden" name="consentId" value={consented.id} />}
            {s.units.length > 1 ? (
              <div class="control">
                <label for="receivingUnitId">{t(lang, 'pages.apply.unit')}</label>
                <select id="receivingUnitId" name="receivingUnitId">
                  {s.units.map((u) => (
                    <option value={u.id} selected={u.id === s.unit}>
                      {u.name}
                    </option>
                  ))}
                </select>
              </div>
            ) : (
              <input type="hidden" name="receivingUnitId" value={s.units[0]?.id ?? ''} />
            )}
            {s.deciding.length > 0 && (
              <div class="control">
                <label for="decidingUnitId">{t(lang, 'pages.desk.decidingUnit')}</label>
                <p class="hint" id="decidingUnitId-hint">
                  {t(lang, 'pages.desk.decidingUnitHint')}
                </p>
                {fieldError(err, 'decidingUnitId') && (
                  <p class="error-message" id="decidingUnitId-error">
                    {fieldError(err, 'decidingUnitId')}
                  </p>
                )}
                <select id="decidingUnitId" name="decidingUnitId" aria-describedby="decidingUnitId-hint">
                  {s.deciding.map((u) => (
                    <option value={u.id} selected={u.id === s.decidingUnit}>
                      {u.name}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <fieldset>
              <legend>{t(lang, 'pages.ws.applicant')}</legend>
              {consented ? (
                <input type="hidden" name="applicant.kind" value="citizen" />
              ) : (
                <fieldset>
                  <legend class="visually-hidden">{t(lang, 'pages.desk.kind')}</legend>
                  {(['citizen', 'organisation'] as const).map((k) => (
                    <span>
                      <input type="radio" id={`kind-${k}`} name="applicant.kind" value={k} checked={a.kind === k} />{' '}
                      <label class="inline" for={`kind-${k}`}>
                        {t(lang, `pages.desk.kind.${k}`)}
                      </label>{' '}
                    </span>
                  ))}
                </fieldset>
              )}
              <Field
                id="ap-id"
                name="applicant.idNumber"
                label={t(lang, 'pages.field.applicant.idNumber')}
                hint={t(lang, 'pages.desk.idHint')}
                value={a.idNumber}
                required
                lang={lang}
                inputmode="numeric"
                error={fieldError(err, 'applicant.idNumber')}
              />
              <Field
                id="ap-name"
                name="applicant.name"
                label={t(lang, 'pages.field.applicant.name')}
                value={a.name}
                required
                lang={lang}
                error={fieldError(err, 'applicant.name')}
              />
              <Field id="ap-phone" name="applicant.phone" label={t(lang, 'pages.field.applicant.phone')} value={a.phone} type="tel" lang={lang} />
              <Field id="ap-email" name="applicant.email" label={t(lang, 'pages.field.applicant.email')} value={a.email} type="email" lang={lang} />
              <Field
                id="ap-address"
                name="applicant.address"
                label={t(lang, 'pages.field.applicant.address')}
                value={a.address}
                hint={s.addressToday ? t(lang, 'pages.address.hint', { today: s.addressToday }) : undefined}
                lang={lang}
              />
            </fieldset>
            {s.channel === 'assisted' && renderEForm(snap, { values: s.data as never, errors: eformErrors, lang, dateInput: 'native' })}
            <fieldset>
              <legend>{t(lang, 'pages.desk.scans')}</legend>
              <p class="hint">{t(lang, 'pages.desk.scansHint')}</p>
              {snap.components.map((c) => (
                <div class="control">
                  <label for={`scan-${c.key}`}>
                    {c.name}
                    <span class="required"> ({t(lang, c.optional ? 'pages.optional' : 'pages.required')})</span>
                  </label>
                  <SourceHint lang={lang} c={c} inForce={fromSource} />
                  <input type="file" id={`scan-${c.key}`} name={`file:${c.key}`} accept=".pdf,.jpg,.jpeg,.png" />
                </div>
              ))}
            </fieldset>
            {s.channel === 'in_person' && (
              <div>
                <input type="checkbox" id="receiveNow" name="receiveNow" value="1" checked />{' '}
                <label class="inline" for="receiveNow">
                  {t(lang, 'pages.desk.receiveNow')}
                </label>
              </div>
            )}
            <button type="submit">{t(lang, s.channel === 'in_person' ? 'pages.desk.submitDesk' : 'pages.desk.submit')}</button>
          </form>
        </>
      )}
    </Layout>
  );
}

async function state(
  req: FastifyRequest,
  actor: Actor,
  input: {
    code: string;
    channel: string;
    query?: string;
    unit?: string;
    decidingUnit?: string;
    applicant?: Applicant;
    data?: Record<string, unknown>;
    error?: FormError | null;
    lookupId?: string;
    consentId?: string;
    consentAsk?: PageState['consentAsk'];
  },
): Promise<PageState> {
  const ctx = req.server.ctx;
  const channels = channelsOf(actor);
  const channel = channels.includes(input.channel as Channel) ? (input.channel as Channel) : channels[0]!;
  const procedures = await proceduresFor(req, actor, channel);
  const snap = input.code ? await getProcedureSnapshot(ctx, input.code) : null;
  if (input.code && !snap) throw notFound('dossier.procedure_unknown', { code: input.code });
  const units = snap ? await unitsFor(req, actor, snap, channel) : [];
  const deciding = snap ? await decidingFor(req, snap, channel) : [];
  // By default the desk's own pair decides (its own commune), else the first competent agency.
  const ownDeciding = snap?.agencies.find((a) => units.some((u) => u.id === a.receivingUnitId))?.decidingUnitId;
  const decidingUnit = input.decidingUnit ?? ownDeciding ?? deciding[0]?.id ?? '';
  let applicant = input.applicant ?? EMPTY;
  const lookup = { id: input.lookupId ?? '', message: null as string | null };
  if (input.lookupId) {
    if (!/^\d{12}$/.test(input.lookupId)) lookup.message = t(req.lang, 'pages.desk.lookupBadId');
    else {
      try {
        const p = await prefillFor(ctx, input.lookupId, actor);
        if (!p) lookup.message = t(req.lang, 'pages.desk.lookupNone');
        else {
          applicant = { kind: 'citizen', idNumber: p.personalId, name: p.name, phone: p.phone ?? '', email: p.email ?? '', address: p.address ?? '' };
          lookup.message = t(req.lang, 'pages.desk.lookupFound', { name: p.name });
        }
      } catch (err) {
        lookup.message = err instanceof AppError ? t(req.lang, err.key, err.params) : t(req.lang, 'pages.desk.lookupNone');
      }
    }
  }
  // Assisted: the consent of this helper named in the address; once confirmed, the applicant is the consenting citizen.
  const consent = channel === 'assisted' && input.consentId ? await getConsentFor(ctx, actor, input.consentId) : null;
  if (consent?.state === 'confirmed') applicant = { ...applicant, kind: 'citizen', idNumber: consent.citizen.idNumber, name: consent.citizen.name };
  const consentAsk = input.consentAsk ?? { idNumber: '', name: '', phone: '' };
  // Issue 11 item 4: an address with old unit names (typed, or from the population database) is shown with today's names.
  const addressToday = applicant.address ? await normaliseAddressNow(ctx, applicant.address).then((n) => (n.changed ? n.today : null)) : null;
  return {
    channel,
    channels,
    procedures,
    query: input.query ?? '',
    snap,
    units,
    unit: input.unit ?? units[0]?.id ?? '',
    deciding,
    decidingUnit,
    applicant,
    addressToday,
    data: input.data,
    error: input.error ?? null,
    lookup,
    consent,
    consentAsk,
  };
}

export function receptionPages(app: FastifyInstance) {
  const ctx = app.ctx;

  app.get('/can-bo/tiep-nhan', async (req, reply) => {
    const actor = officerOrLogin(req, reply, ROLES);
    if (!actor) return reply;
    const q = (req.query ?? {}) as Record<string, unknown>;
    return sendPage(
      reply,
      <DeskPage
        req={req}
        s={await state(req, actor, {
          code: one(q.ma).slice(0, 20),
          channel: one(q.kenh),
          query: one(q.tim).trim().slice(0, 100),
          lookupId: one(q.cccd).trim().slice(0, 20) || undefined,
          consentId: one(q.dongY).slice(0, 100) || undefined,
        })}
      />,
    );
  });

  // Assisted, step 1: ask the citizen's consent (the code goes to their phone by SMS).
  app.post('/can-bo/tiep-nhan/dong-y', async (req, reply) => {
    const actor = officerOrLogin(req, reply, ROLES);
    if (!actor) return reply;
    const f = (req.body ?? {}) as Record<string, unknown>;
    const code = one(f.ma).slice(0, 20);
    const ask = { idNumber: one(f.idNumber).trim().slice(0, 20), name: one(f.name).trim().slice(0, 200), phone: one(f.phone).trim().slice(0, 20) };
    try {
      const c = await startConsent(ctx, actor, { procedureCode: code, ...ask, lang: req.lang, ip: req.ip });
      return reply.redirect(`/can-bo/tiep-nhan?ma=${encodeURIComponent(code)}&kenh=assisted&dongY=${encodeURIComponent(c.id)}`, 303);
    } catch (err) {
      const e = formErrorOf(req.lang, err);
      if (e.status === 403 || e.status === 404) throw err;
      return sendPage(reply, <DeskPage req={req} s={await state(req, actor, { code, channel: 'assisted', consentAsk: ask, error: e })} />, e.status);
    }
  });

  // Assisted, step 1b: the code the citizen read back.
  app.post('/can-bo/tiep-nhan/dong-y/:id', async (req, reply) => {
    const actor = officerOrLogin(req, reply, ROLES);
    if (!actor) return reply;
    const id = String((req.params as { id: string }).id).slice(0, 100);
    const f = (req.body ?? {}) as Record<string, unknown>;
    const c = await getConsentFor(ctx, actor, id); // 404 when it is not this helper's
    try {
      await confirmConsent(ctx, actor, id, { code: one(f.code).slice(0, 12), ip: req.ip, lang: req.lang });
      return reply.redirect(`/can-bo/tiep-nhan?ma=${encodeURIComponent(c.procedureCode)}&kenh=assisted&dongY=${encodeURIComponent(id)}`, 303);
    } catch (err) {
      const e = formErrorOf(req.lang, err);
      if (e.status === 403 || e.status === 404) throw err;
      return sendPage(
        reply,
        <DeskPage
          req={req}
          s={await state(req, actor, {
            code: c.procedureCode,
            channel: 'assisted',
            consentId: id,
            consentAsk: { idNumber: c.citizen.idNumber, name: c.citizen.name, phone: '' },
            error: e,
          })}
        />,
        e.status,
      );
    }
  });

  app.post('/can-bo/tiep-nhan', async (req, reply) => {
    const actor = officerOrLogin(req, reply, ROLES);
    if (!actor) return reply;
    const { fields, files } = await readMultipartForm(req);
    const code = one(fields.ma).slice(0, 20);
    const channelIn = one(fields.kenh);
    const channel = channelsOf(actor).includes(channelIn as Channel) ? (channelIn as Channel) : channelsOf(actor)[0]!;
    const applicant: Applicant = {
      kind: one(fields['applicant.kind']) === 'organisation' ? 'organisation' : 'citizen',
      idNumber: one(fields['applicant.idNumber']).trim(),
      name: one(fields['applicant.name']).trim(),
      phone: one(fields['applicant.phone']).trim(),
      email: one(fields['applicant.email']).trim(),
      address: one(fields['applicant.address']).trim(),
    };
    const unit = one(fields.receivingUnitId);
    const decidingUnit = one(fields.decidingUnitId).slice(0, 100);
    const consentId = channel === 'assisted' ? one(fields.consentId).slice(0, 100) || undefined : undefined;
    const snap = await getProcedureSnapshot(ctx, code);
    const data = channel === 'assisted' && snap ? applicationFromForm(snap, fields) : undefined;
    const uploads = files
      .filter((f) => f.field.startsWith('file:'))
      .map((f) => ({ componentKey: f.field.slice(5), fileName: f.fileName, contentType: f.contentType, bytes: f.bytes }));
    let id: string;
    let version: number;
    try {
      const r = await submitDossier(ctx, actor, {
        procedureCode: code,
        channel,
        receivingUnitId: unit || undefined,
        decidingUnitId: decidingUnit || undefined,
        applicant: {
          kind: applicant.kind as 'citizen' | 'organisation',
          idNumber: applicant.idNumber,
          name: applicant.name,
          phone: applicant.phone || null,
          email: applicant.email || null,
          address: applicant.address || null,
        },
        data,
        files: uploads,
        consentId,
        lang: req.lang,
        ip: req.ip,
      });
      id = r.dossier.id;
      version = r.dossier.version;
    } catch (err) {
      const e = formErrorOf(req.lang, err);
      if (e.status === 403) throw err;
      return sendPage(
        reply,
        <DeskPage
          req={req}
          s={await state(req, actor, { code, channel, unit, decidingUnit: decidingUnit || undefined, applicant, data, error: e, consentId })}
        />,
        e.status,
      );
    }
    let done = 'submit';
    if (channel === 'in_person' && one(fields.receiveNow) === '1') {
      try {
        await receiveDossier(ctx, actor, id, { version, ip: req.ip });
        done = 'receive';
      } catch {
        // Incomplete: the dossier stays "submitted"; the workspace shows what is missing.
      }
    }
    await getDossierFor(ctx, actor, id);
    return reply.redirect(`/can-bo/ho-so/${encodeURIComponent(id)}?xong=${done}`, 303);
  });
}
