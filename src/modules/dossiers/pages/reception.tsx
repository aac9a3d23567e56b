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
import { applicationFromForm, getProcedureSnapshot, renderEForm, searchProcedures, unitNames, type ProcedureHit } from '../../catalogue/service';
import type { ProcedureSnapshot } from '../../catalogue/snapshot';
import { prefillFor } from '../../population/service';
import type { Channel } from '../model';
import { getDossierFor, receiveDossier, submitDossier } from '../service';
import { ErrorSummary, Field, fieldError, formErrorOf, officerOrLogin, one, readMultipartForm, type FormError } from './common';

const ROLES = ['reception', 'postal', 'digital_team'] as const;
const CHANNEL_OF: Record<string, Channel> = { reception: 'in_person', postal: 'post', digital_team: 'assisted' };

function channelsOf(actor: Actor): Channel[] {
  return [...new Set(actor.roles.filter((g) => g.role in CHANNEL_OF).map((g) => CHANNEL_OF[g.role]!))];
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
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

async function unitsFor(req: FastifyRequest, actor: Actor, snap: ProcedureSnapshot, channel: Channel) {
  const desks = new Set(actor.roles.filter((g) => g.role === 'reception').map((g) => g.unitId));
  const ids = [...new Set(snap.agencies.map((a) => a.receivingUnitId))].filter((id) => channel !== 'in_person' || desks.has(id));
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
  applicant: Applicant;
  data?: Record<string, unknown>;
  error: FormError | null;
  lookup: { id: string; message: string | null };
}

/** Matches by name or code, ignoring diacritics and case ("khai sinh" finds "Đăng ký khai sinh"). */
export function matchProcedures(all: readonly ProcedureHit[], query: string, limit = 20): ProcedureHit[] {
  const words = fold(query).toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return all.filter((p) => {
    const hay = `${fold(p.name).toLowerCase()} ${p.code.toLowerCase()}`;
    return words.every((w) => hay.includes(w));
  }).slice(0, limit);
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
          <p role="status">{matches.length === 0 ? t(lang, 'pages.desk.searchNone', { q: s.query }) : t(lang, 'pages.desk.searchCount', { n: matches.length })}</p>
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
  const ids: Record<string, string> = { 'applicant.name': 'ap-name', 'applicant.idNumber': 'ap-id', receivingUnitId: 'receivingUnitId' };
  for (const c of snap?.components ?? []) ids[`files.${c.key}`] = `scan-${c.key}`;
  return (
    <Layout req={req} title={t(lang, 'pages.desk.title')}>
      <h1>{t(lang, 'pages.desk.title')}</h1>
      <ChooseProcedure lang={lang} s={s} />
      {snap && (
        <>
          <h2>{snap.name}</h2>
          <ErrorSummary lang={lang} error={err} fieldIds={ids} />
          <form method="get" action="/can-bo/tiep-nhan" class="card">
            <input type="hidden" name="ma" value={snap.code} />
            <input type="hidden" name="kenh" value={s.channel} />
            <Field id="cccd" name="cccd" label={t(lang, 'pages.desk.lookupId')} hint={t(lang, 'pages.desk.lookupHint')} value={s.lookup.id} lang={lang} inputmode="numeric" />
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
            <fieldset>
              <legend>{t(lang, 'pages.ws.applicant')}</legend>
              <fieldset>
                <legend class="visually-hidden">{t(lang, 'pages.desk.kind')}</legend>
                {['citizen', 'organisation'].map((k) => (
                  <span>
                    <input type="radio" id={`kind-${k}`} name="applicant.kind" value={k} checked={a.kind === k} />{' '}
                    <label class="inline" for={`kind-${k}`}>
                      {t(lang, `pages.desk.kind.${k}`)}
                    </label>{' '}
                  </span>
                ))}
              </fieldset>
              <Field id="ap-id" name="applicant.idNumber" label={t(lang, 'pages.field.applicant.idNumber')} hint={t(lang, 'pages.desk.idHint')} value={a.idNumber} required lang={lang} inputmode="numeric" error={fieldError(err, 'applicant.idNumber')} />
              <Field id="ap-name" name="applicant.name" label={t(lang, 'pages.field.applicant.name')} value={a.name} required lang={lang} error={fieldError(err, 'applicant.name')} />
              <Field id="ap-phone" name="applicant.phone" label={t(lang, 'pages.field.applicant.phone')} value={a.phone} type="tel" lang={lang} />
              <Field id="ap-email" name="applicant.email" label={t(lang, 'pages.field.applicant.email')} value={a.email} type="email" lang={lang} />
              <Field id="ap-address" name="applicant.address" label={t(lang, 'pages.field.applicant.address')} value={a.address} lang={lang} />
            </fieldset>
            {s.channel === 'assisted' && renderEForm(snap, { values: s.data as never, errors: eformErrors, lang })}
            <fieldset>
              <legend>{t(lang, 'pages.desk.scans')}</legend>
              <p class="hint">{t(lang, 'pages.desk.scansHint')}</p>
              {snap.components.map((c) => (
                <div class="control">
                  <label for={`scan-${c.key}`}>
                    {c.name}
                    <span class="required"> ({t(lang, c.optional ? 'pages.optional' : 'pages.required')})</span>
                  </label>
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

async function state(req: FastifyRequest, actor: Actor, input: { code: string; channel: string; query?: string; unit?: string; applicant?: Applicant; data?: Record<string, unknown>; error?: FormError | null; lookupId?: string }): Promise<PageState> {
  const ctx = req.server.ctx;
  const channels = channelsOf(actor);
  const channel = channels.includes(input.channel as Channel) ? (input.channel as Channel) : channels[0]!;
  const procedures = await proceduresFor(req, actor, channel);
  const snap = input.code ? await getProcedureSnapshot(ctx, input.code) : null;
  if (input.code && !snap) throw notFound('dossier.procedure_unknown', { code: input.code });
  const units = snap ? await unitsFor(req, actor, snap, channel) : [];
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
  return { channel, channels, procedures, query: input.query ?? '', snap, units, unit: input.unit ?? units[0]?.id ?? '', applicant, data: input.data, error: input.error ?? null, lookup };
}

export function receptionPages(app: FastifyInstance) {
  const ctx = app.ctx;

  app.get('/can-bo/tiep-nhan', async (req, reply) => {
    const actor = officerOrLogin(req, reply, ROLES);
    if (!actor) return reply;
    const q = (req.query ?? {}) as Record<string, unknown>;
    return sendPage(reply, <DeskPage req={req} s={await state(req, actor, { code: one(q.ma).slice(0, 20), channel: one(q.kenh), query: one(q.tim).trim().slice(0, 100), lookupId: one(q.cccd).trim().slice(0, 20) || undefined })} />);
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
    const snap = await getProcedureSnapshot(ctx, code);
    const data = channel === 'assisted' && snap ? applicationFromForm(snap, fields) : undefined;
    const uploads = files.filter((f) => f.field.startsWith('file:')).map((f) => ({ componentKey: f.field.slice(5), fileName: f.fileName, contentType: f.contentType, bytes: f.bytes }));
    let id: string;
    let version: number;
    try {
      const r = await submitDossier(ctx, actor, {
        procedureCode: code,
        channel,
        receivingUnitId: unit || undefined,
        applicant: { kind: applicant.kind as 'citizen' | 'organisation', idNumber: applicant.idNumber, name: applicant.name, phone: applicant.phone || null, email: applicant.email || null, address: applicant.address || null },
        data,
        files: uploads,
        lang: req.lang,
        ip: req.ip,
      });
      id = r.dossier.id;
      version = r.dossier.version;
    } catch (err) {
      const e = formErrorOf(req.lang, err);
      if (e.status === 403) throw err;
      return sendPage(reply, <DeskPage req={req} s={await state(req, actor, { code, channel, unit, applicant, data, error: e })} />, e.status);
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
