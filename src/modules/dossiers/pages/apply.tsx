/**
 * The online application (/nop-ho-so/:code): 1. where to submit and the e-form (prefilled from
 * the person's identity), 2. review with the attachments per component, 3. submit (multipart),
 * 4. the receipt page. Works without JavaScript: each step is a POST; errors re-render the step.
 * A long e-form is asked one section per page (issue 13.7, docs/decisions-drafts.md): ?buoc=n and
 * _section=n, the draft holding the answers between pages; a POST of the whole form still works.
 * Each step saves the citizen's draft on the server (issue 17.4): resumed by GET on any device;
 * with JavaScript, files go up resumably (tus, /static/upload.js) and are acknowledged one by one.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getWorkCalendar } from '../../../platform/calendar/service';
import { formatCivilDateVN } from '../../../platform/dates';
import { conflict, notFound, type FieldError } from '../../../platform/errors';
import { sendPage } from '../../../platform/http/html';
import { t, type Lang } from '../../../platform/i18n';
import { Layout } from '../../../web/layout';
import { CsrfField } from '../../../web/csrf';
import {
  applicationFromForm,
  eFormSections,
  FeeSummary,
  getProcedureSnapshot,
  mergeSectionAnswers,
  quoteSnapshotFees,
  renderEForm,
  renderEFormSection,
  sectionOfField,
  unitNames,
  validateApplication,
  type FormSection,
  type PrefillValues,
} from '../../catalogue/service';
import type { ProcedureSnapshot } from '../../catalogue/model';
import { getPerson } from '../../identity/service';
import { storedDocumentsPort, type StoredDocumentChoice as StoredDocument, type StoredDocumentsPort } from '../ports';
import { applicableLimit } from '../model';
import {
  discardDraft,
  draftUploads,
  getDossier,
  getDossierFor,
  getDraftFor,
  receiptOf,
  saveDraft,
  storeWholeUpload,
  submitDossier,
  type DraftView,
  type UploadReceipt,
  type UploadRef,
} from '../service';
import { DraftNotice, UploadReceiptView, uploadAttrs } from './drafts';
import { componentsFromSourceAt } from '../../rules/service';
import { normaliseAddressNow } from '../../units/service';
import { citizenOrLogin, Dates, ErrorSummary, fmtDateTime, formErrorOf, one, readMultipartForm, slipHref, SourceHint, type FormError } from './common';

type Units = { id: string; name: string }[];

async function receivingUnits(req: FastifyRequest, snap: ProcedureSnapshot): Promise<Units> {
  const ids = [...new Set(snap.agencies.map((a) => a.receivingUnitId))];
  const names = await unitNames(req.server.ctx, ids);
  return ids.map((id) => ({ id, name: names[id] ?? id })).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

async function prefillOf(req: FastifyRequest): Promise<PrefillValues> {
  const p = req.actor ? await getPerson(req.server.ctx, req.actor.id) : null;
  if (!p) return {};
  const v: PrefillValues = { 'applicant.name': p.name, 'applicant.personalId': p.personalId };
  if (p.birthDate) v['applicant.birthDate'] = p.birthDate;
  if (p.address) v['applicant.address'] = p.address;
  if (p.phone) v['applicant.phone'] = p.phone;
  if (p.email) v['applicant.email'] = p.email;
  if (p.org && req.actor?.orgTaxCode) Object.assign(v, { 'org.taxCode': p.org.taxCode, 'org.name': p.org.name });
  return v;
}

/** Per component naming a document type: the applicant's own valid documents of that type (the online applicant is the person). */
type Stored = Record<string, StoredDocument[]>;
async function storedFor(req: FastifyRequest, snap: ProcedureSnapshot): Promise<Stored> {
  const store = storedDocumentsPort();
  const personalId = req.actor?.personalId;
  const out: Stored = {};
  if (!store || !personalId) return out;
  for (const c of snap.components) if (c.documentType) out[c.key] = await store.offeredTo(req.server.ctx, { personalId }, c.documentType);
  return out;
}
// The e-data store's picker and its posted fields, through the port given to the module's manifest (ports.ts).
const StoredDocumentPicker = (props: Parameters<StoredDocumentsPort['Picker']>[0]) => storedDocumentsPort()?.Picker(props) ?? null;
const storedDocumentsFromFields = (fields: Record<string, unknown>) => storedDocumentsPort()?.fromFields(fields) ?? {};

/** The posted choice when it is one of the offered documents or "upload instead", else the picker's default. */
function choiceOf(fields: Record<string, unknown>, key: string, docs: StoredDocument[]): string | undefined {
  const v = fields[`stored:${key}`];
  if (typeof v !== 'string') return undefined;
  return v === '' || docs.some((d) => d.id === v) ? v : undefined;
}

const procName = (lang: Lang, s: ProcedureSnapshot) => (lang === 'en' ? s.nameEn || s.name : s.name);

function Steps({ lang, at }: { lang: Lang; at: 1 | 2 | 3 }) {
  return (
    <ol class="steps" aria-label={t(lang, 'pages.apply.steps')}>
      {([1, 2, 3] as const).map((n) => (
        <li aria-current={n === at ? 'step' : undefined}>{t(lang, `pages.apply.step${n}`)}</li>
      ))}
    </ol>
  );
}

function UnitChoice({ lang, units, value, error }: { lang: Lang; units: Units; value: string; error?: string }) {
  if (units.length <= 1) return units[0] ? <input type="hidden" name="receivingUnitId" value={units[0].id} /> : null;
  return (
    <div class="control">
      <label for="f-receivingUnitId">{t(lang, 'pages.apply.unit')}</label>
      <p class="hint" id="f-receivingUnitId-hint">
        {t(lang, 'pages.apply.unitHint')}
      </p>
      {error && (
        <p class="error-message" id="f-receivingUnitId-error">
          {error}
        </p>
      )}
      <select
        id="f-receivingUnitId"
        name="receivingUnitId"
        aria-describedby={`f-receivingUnitId-hint${error ? ' f-receivingUnitId-error' : ''}`}
        aria-invalid={error ? 'true' : undefined}
        aria-required="true"
      >
        <option value="">{t(lang, 'pages.apply.unitChoose')}</option>
        {units.map((u) => (
          <option value={u.id} selected={u.id === value}>
            {u.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** "Bước 2/6: Thông tin người mẹ" (GOV.UK caption above the heading). */
function progressText(lang: Lang, sec: FormSection, count: number): string {
  return t(lang, 'pages.apply.stepOf', { n: sec.number, count, name: (lang === 'en' ? sec.labelEn : null) ?? sec.label ?? '' });
}

function FormStep({
  req,
  snap,
  units,
  values,
  unit,
  errors,
  prefill,
  draft,
  saved,
  section,
}: {
  req: FastifyRequest;
  snap: ProcedureSnapshot;
  units: Units;
  values?: Record<string, unknown>;
  unit: string;
  errors: FieldError[];
  prefill: PrefillValues;
  draft?: DraftView | null;
  saved?: boolean;
  section?: { at: FormSection; count: number; toReview?: boolean };
}) {
  const lang = req.lang;
  const code = encodeURIComponent(snap.code);
  const unitErr = errors.find((e) => e.field === 'receivingUnitId')?.message;
  const title = t(lang, 'pages.apply.title', { name: procName(lang, snap) });
  const sec = section?.at;
  const progress = sec ? progressText(lang, sec, section.count) : null;
  return (
    <Layout req={req} title={progress ? `${progress} – ${title}` : title}>
      <p>
        {sec && sec.number > 1 ? (
          <a href={`/nop-ho-so/${code}?buoc=${sec.number - 1}`}>{t(lang, 'pages.apply.backStep')}</a>
        ) : (
          <a href={`/thu-tuc/${code}`}>{t(lang, 'pages.apply.back')}</a>
        )}
      </p>
      {progress && (
        <p class="step-progress" id="step-progress">
          {progress}
        </p>
      )}
      <h1>{title}</h1>
      <Steps lang={lang} at={1} />
      <DraftNotice req={req} code={snap.code} draft={draft ?? null} saved={saved} />
      {(!sec || sec.number === 1) && <p class="hint">{t(lang, 'pages.apply.prefillNote')}</p>}
      <form method="post" action={`/nop-ho-so/${code}`} novalidate data-autosave="1">
        <CsrfField req={req} />
        {sec && <input type="hidden" name="_section" value={String(sec.number)} />}
        {section?.toReview && <input type="hidden" name="_return" value="review" />}
        {!sec || sec.number === 1 ? (
          <UnitChoice lang={lang} units={units} value={unit} error={unitErr} />
        ) : (
          <input type="hidden" name="receivingUnitId" value={unit} />
        )}
        {sec ? renderEFormSection(snap, sec, { values, errors, prefill, lang }) : renderEForm(snap, { values: values as any, errors, prefill, lang })}
        <p class="hint">{t(lang, 'pages.apply.draftNote')}</p>
        <button type="submit">{t(lang, 'pages.apply.continue')}</button> {/* an input, not a button: "the form's submit button" stays the one that continues */}
        <input type="submit" name="_save" value={t(lang, 'pages.apply.saveDraft')} class="button secondary" />
      </form>
      <script src="/static/upload.js" defer></script>
    </Layout>
  );
}

/** Flattens e-form data for the review list: label-less "key: value" rows in schema order. */
function dataRows(data: Record<string, unknown>, prefix = ''): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(data)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) out.push(...dataRows(v as Record<string, unknown>, `${prefix}${k}.`));
    else out.push([`${prefix}${k}`, typeof v === 'boolean' ? (v ? '✓' : '✗') : String(v)]);
  }
  return out;
}

/** The keys of the controls under a uiSchema element, in order ('#/properties/a/properties/b' -> 'a.b'). */
function controlKeys(el: any): string[] {
  if (!el || typeof el !== 'object') return [];
  if (el.type === 'Control' && typeof el.scope === 'string')
    return [
      el.scope
        .replace(/^#\/properties\//, '')
        .split('/properties/')
        .join('.'),
    ];
  return Array.isArray(el.elements) ? el.elements.flatMap(controlKeys) : [];
}

/** The answers grouped by the form's sections, in the form's order (issue 13.7); answers outside any section come last. */
export function reviewSections(uiSchema: unknown, rows: [string, string][]): { label: string | null; rows: [string, string][] }[] {
  const groups = Array.isArray((uiSchema as any)?.elements) ? ((uiSchema as any).elements as any[]) : [];
  const byKey = new Map(rows);
  const used = new Set<string>();
  const out: { label: string | null; rows: [string, string][] }[] = [];
  for (const g of groups) {
    const keys = controlKeys(g).filter((k) => byKey.has(k) && !used.has(k));
    if (keys.length === 0) continue;
    keys.forEach((k) => used.add(k));
    out.push({ label: g.type === 'Group' && typeof g.label === 'string' ? g.label : null, rows: keys.map((k) => [k, byKey.get(k)!]) });
  }
  const rest = rows.filter(([k]) => !used.has(k));
  if (rest.length) out.push({ label: null, rows: rest });
  return out;
}

function titleOf(snap: ProcedureSnapshot, key: string, lang: Lang): string {
  let s: any = snap.eForm.schema;
  for (const p of key.split('.')) s = s?.properties?.[p];
  if (!s) return key;
  return (lang === 'en' ? s['x-title-en'] : undefined) ?? s.title ?? key;
}

function valueText(snap: ProcedureSnapshot, key: string, value: string, lang: Lang): string {
  let s: any = snap.eForm.schema;
  for (const p of key.split('.')) s = s?.properties?.[p];
  const o = Array.isArray(s?.oneOf) ? s.oneOf.find((x: { const?: unknown }) => String(x.const) === value) : undefined;
  if (o) return (lang === 'en' ? o['x-title-en'] : undefined) ?? o.title ?? value;
  const i = Array.isArray(s?.enum) ? s.enum.findIndex((x: unknown) => String(x) === value) : -1;
  const titles: string[] | undefined = (lang === 'en' ? s?.['x-enumTitles-en'] : undefined) ?? s?.['x-enumTitles'];
  if (i >= 0 && titles?.[i]) return titles[i]!;
  // Civil dates as Vietnamese write them: 2026-03-02 -> 02/03/2026 (issue 13.7).
  return formatCivilDateVN(value);
}

/**
 * Issue 11 item 4: the answers that are addresses or places (keys ending in "address" or "place":
 * applicant.address, landAddress, childBirthPlace, ...) written with former unit names, by key, in today's names. Shown beside the
 * answer on the review page; the answer itself is kept as typed and never refused.
 */
async function addressesToday(req: FastifyRequest, data: Record<string, unknown>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [k, v] of dataRows(data)) {
    if (!/(address|place)$/i.test(k.split('.').pop() ?? '') || !v.trim()) continue;
    const n = await normaliseAddressNow(req.server.ctx, v);
    if (n.changed) out[k] = n.today;
  }
  return out;
}

function ReviewStep({
  req,
  snap,
  units,
  unit,
  data,
  addressNow,
  idem,
  error,
  stored,
  chosen = {},
  acks = {},
  draft = null,
}: {
  req: FastifyRequest;
  snap: ProcedureSnapshot;
  units: Units;
  unit: string;
  data: Record<string, unknown>;
  addressNow: Record<string, string>;
  idem: string;
  error: FormError | null;
  stored: Stored;
  chosen?: Record<string, string | undefined>;
  acks?: Record<string, UploadReceipt>;
  draft?: DraftView | null;
}) {
  const lang = req.lang;
  const code = encodeURIComponent(snap.code);
  const unitName = units.find((u) => u.id === unit)?.name ?? unit;
  const json = JSON.stringify(data);
  const fileErr = (key: string) => error?.fields.find((f) => f.field === `files.${key}`)?.message;
  const ids: Record<string, string> = Object.fromEntries(snap.components.map((c) => [`files.${c.key}`, `file-${c.key}`]));
  const steps = eFormSections(snap);
  return (
    <Layout req={req} title={t(lang, 'pages.apply.reviewTitle')}>
      <h1>{t(lang, 'pages.apply.reviewTitle')}</h1>
      <Steps lang={lang} at={2} />
      <DraftNotice req={req} code={snap.code} draft={draft} />
      {/* A refused stored document is named next to its component, not by its id in the summary. */}
      <ErrorSummary lang={lang} error={error && { ...error, fields: error.fields.filter((f) => !f.field.startsWith('storedDocuments.')) }} fieldIds={ids} />
      <h2>{procName(lang, snap)}</h2>
      <dl class="summary">
        <dt>{t(lang, 'pages.apply.unit')}</dt>
        <dd>{unitName}</dd>
      </dl>
      {reviewSections(snap.eForm.uiSchema, dataRows(data)).map((sec) => {
        const n = steps.length ? sectionOfField(steps, sec.rows[0]?.[0] ?? '') : null;
        const heading = sec.label ?? t(lang, 'pages.apply.reviewOther');
        return (
          <section class="review-section">
            <h3>{heading}</h3>
            {n != null && (
              <p class="change-link">
                <a href={`/nop-ho-so/${code}?buoc=${n}&sua=1`}>
                  {t(lang, 'pages.apply.change')}
                  <span class="visually-hidden"> {heading}</span>
                </a>
              </p>
            )}
            <dl class="summary">
              {sec.rows.map(([k, v]) => (
                <>
                  <dt>{titleOf(snap, k, lang)}</dt>
                  <dd>
                    {valueText(snap, k, v, lang)}
                    {addressNow[k] && [
                      <br />,
                      <span class="hint" data-address-today={k}>
                        {t(lang, 'pages.address.today', { today: addressNow[k] })}
                      </span>,
                    ]}
                  </dd>
                </>
              ))}
            </dl>
          </section>
        );
      })}
      <FeeSummary lang={lang} quote={quoteSnapshotFees(snap, data, 'online')} />
      <form method="post" action={`/nop-ho-so/${code}`}>
        <CsrfField req={req} />
        <input type="hidden" name="receivingUnitId" value={unit} />
        <input type="hidden" name="_data" value={json} />
        <input type="hidden" name="_edit" value="1" />
        <button type="submit" class="secondary">
          {t(lang, 'pages.apply.edit')}
        </button>
      </form>
      <form method="post" action={`/nop-ho-so/${code}/nop`} enctype="multipart/form-data" {...uploadAttrs(lang, snap.code)}>
        {/* the CSRF token first: the handler checks it before reading anything else */}
        <input type="hidden" name="_csrf" value={req.csrfToken} />
        <input type="hidden" name="receivingUnitId" value={unit} />
        <input type="hidden" name="_data" value={json} />
        <input type="hidden" name="_idem" value={idem} />
        <h2>{t(lang, 'pages.apply.attachments')}</h2>
        <p class="hint">{t(lang, 'pages.apply.attachHint')}</p>
        {snap.components.map((c) => {
          const fromSource = componentsFromSourceAt(req.server.ctx.clock.now());
          const err = fileErr(c.key);
          const docs = stored[c.key] ?? [];
          const pick = chosen[c.key] ?? docs[0]?.id ?? '';
          const used = docs.find((d) => d.id === pick);
          const badStored = error?.fields.some((f) => f.field === `storedDocuments.${c.key}`);
          return (
            <div class="control">
              <label for={`file-${c.key}`}>
                {c.name}
                <span class="required"> ({t(lang, c.optional || (fromSource && c.dataSource) ? 'pages.optional' : 'pages.required')})</span>
              </label>
              <SourceHint lang={lang} c={c} inForce={fromSource} />
              {err && (
                <p class="error-message" id={`file-${c.key}-error`}>
                  {t(lang, 'pages.apply.fileMissing')}
                </p>
              )}
              {badStored && (
                <p class="error-message" id={`stored-${c.key}-error`}>
                  {t(lang, 'pages.apply.storedInvalid')}
                </p>
              )}
              {used && (
                <p class="hint" id={`stored-${c.key}-used`}>
                  {t(lang, 'pages.apply.storedUsed', { name: used.name })}. {t(lang, 'pages.apply.storedHint')}
                </p>
              )}
              <StoredDocumentPicker req={req} componentKey={c.key} documents={docs} selected={pick} />
              <UploadReceiptView lang={lang} componentKey={c.key} receipt={acks[c.key] ?? null} />
              <input
                type="file"
                id={`file-${c.key}`}
                name={`file:${c.key}`}
                data-component={c.key}
                accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                aria-describedby={[err ? `file-${c.key}-error` : used ? `stored-${c.key}-used` : '', `upload-${c.key}-status`].filter(Boolean).join(' ')}
                aria-invalid={err ? 'true' : undefined}
              />
            </div>
          );
        })}
        <p>{t(lang, 'pages.apply.declaration')}</p>
        <button type="submit">{t(lang, 'pages.apply.submit')}</button>
      </form>
      <script src="/static/upload.js" defer></script>
    </Layout>
  );
}

async function loadSnap(req: FastifyRequest): Promise<ProcedureSnapshot> {
  const { code } = req.params as { code: string };
  const snap = await getProcedureSnapshot(req.server.ctx, code);
  if (!snap) throw notFound('dossier.procedure_unknown', { code });
  if (snap.onlineLevel === 'none') throw conflict('dossier.not_online');
  return snap;
}

function parseData(raw: string): Record<string, unknown> {
  try {
    const v = JSON.parse(raw || '{}');
    return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}

/** The draft's acknowledged (or half-sent) uploads as receipts, per component. */
async function acksOf(req: FastifyRequest, code: string): Promise<Record<string, UploadReceipt>> {
  const ups = await draftUploads(req.server.ctx, req.actor!, code);
  return Object.fromEntries(Object.entries(ups).map(([k, u]) => [k, receiptOf(u, req.lang)]));
}

/** The acknowledged uploads the review form names (hidden upload:<key> and sha:<key>). */
function uploadRefsOf(fields: Record<string, string | string[]>): UploadRef[] {
  const out: UploadRef[] = [];
  for (const [name, v] of Object.entries(fields)) {
    if (!name.startsWith('upload:')) continue;
    const componentKey = name.slice(7);
    const uploadId = one(v).slice(0, 100);
    const sha256 = one(fields[`sha:${componentKey}`]).slice(0, 64);
    if (componentKey && uploadId) out.push({ componentKey, uploadId, sha256 });
  }
  return out;
}

/** The section named by ?buoc= or _section (1-based), or null. */
function stepAsked(steps: FormSection[], raw: unknown): FormSection | null {
  const n = typeof raw === 'string' && /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
  return steps.find((s) => s.number === n) ?? null;
}

/** The section of the first error: the receiving unit is asked in the first one; an error of no section goes to the last. */
function firstWithError(steps: FormSection[], errors: FieldError[]): FormSection {
  const at = Math.min(...errors.map((e) => (e.field === 'receivingUnitId' ? 1 : (sectionOfField(steps, e.field) ?? steps.length))));
  return steps.find((s) => s.number === at) ?? steps[0]!;
}

function errorsIn(steps: FormSection[], sec: FormSection, errors: FieldError[]): FieldError[] {
  return errors.filter((e) => (e.field === 'receivingUnitId' ? sec.number === 1 : (sectionOfField(steps, e.field) ?? steps.length) === sec.number));
}

function resumeAt(req: FastifyRequest, snap: ProcedureSnapshot, steps: FormSection[], data: Record<string, unknown>): FormSection {
  const v = validateApplication(req.server.ctx, snap, data, req.lang);
  return v.ok ? steps[steps.length - 1]! : firstWithError(steps, v.fields);
}

/**
 * One section of a long form posted (issue 13.7): its answers replace that section's in the
 * draft; with an error the section comes back with its own errors; otherwise the next section,
 * and after the last the whole form is checked and the review follows, as for a one-page form.
 */
async function postSection(
  req: FastifyRequest,
  reply: FastifyReply,
  snap: ProcedureSnapshot,
  units: Units,
  steps: FormSection[],
  sec: FormSection,
  body: Record<string, unknown>,
) {
  const ctx = req.server.ctx;
  const actor = req.actor!;
  const code = encodeURIComponent(snap.code);
  const prior = await getDraftFor(ctx, actor, snap.code);
  // The receiving unit is chosen on the first page; later pages carry the draft's.
  const unit = sec.number === 1 ? one(body.receivingUnitId) || (units.length === 1 ? units[0]!.id : '') : (prior?.receivingUnitId ?? one(body.receivingUnitId));
  const data = mergeSectionAnswers(snap, sec, prior?.data ?? {}, body) as Record<string, unknown>;
  const save = (step: 'form' | 'review', d: Record<string, unknown> = data) =>
    saveDraft(ctx, actor, { procedureCode: snap.code, step, receivingUnitId: unit || null, data: d, ip: req.ip });
  if (one(body._save) !== '' || one(body._autosave) === '1') {
    await save('form');
    if (one(body._autosave) === '1') return reply.code(204).send();
    return reply.redirect(`/nop-ho-so/${code}?buoc=${sec.number}&nhap=1`, 303);
  }
  const v = validateApplication(ctx, snap, data, req.lang);
  const all: FieldError[] = v.ok ? [] : [...v.fields];
  if (!units.some((u) => u.id === unit)) all.unshift({ field: 'receivingUnitId', message: t(req.lang, 'dossier.receiving_unit_required') });
  const here = errorsIn(steps, sec, all);
  // A change made from the review goes back to the review when the whole form is right (GOV.UK "check answers").
  const toReview = one(body._return) === 'review';
  const last = sec.number === steps.length || (toReview && all.length === 0);
  if (here.length || (last && all.length)) {
    const draft = await save('form');
    const at = here.length ? sec : firstWithError(steps, all);
    return sendPage(
      reply,
      <FormStep
        req={req}
        snap={snap}
        units={units}
        values={data}
        unit={unit}
        errors={errorsIn(steps, at, all)}
        prefill={await prefillOf(req)}
        draft={draft}
        section={{ at, count: steps.length, toReview: toReview && at === sec }}
      />,
      400,
    );
  }
  if (!last) {
    await save('form');
    return reply.redirect(`/nop-ho-so/${code}?buoc=${sec.number + 1}${toReview ? '&sua=1' : ''}`, 303);
  }
  const valid = (v.ok ? v.data : data) as Record<string, unknown>;
  const draft = await save('review', valid);
  return sendPage(
    reply,
    <ReviewStep
      req={req}
      snap={snap}
      units={units}
      unit={unit}
      data={valid}
      addressNow={await addressesToday(req, valid)}
      idem={draft.idempotencyKey}
      error={null}
      stored={await storedFor(req, snap)}
      acks={await acksOf(req, snap.code)}
      draft={draft}
    />,
  );
}

export function applyPages(app: FastifyInstance) {
  const ctx = app.ctx;

  app.get('/nop-ho-so/:code', async (req, reply) => {
    const actor = citizenOrLogin(req, reply);
    if (!actor) return reply;
    const snap = await loadSnap(req);
    const units = await receivingUnits(req, snap);
    const draft = await getDraftFor(ctx, actor, snap.code);
    const query = req.query as Record<string, string>;
    const saved = query.nhap === '1';
    const steps = eFormSections(snap);
    const asked = steps.length ? stepAsked(steps, query.buoc) : null;
    if (draft?.step === 'review' && !asked) {
      // Resumed at the attachments: the answers are checked again against the version in force today.
      const v = validateApplication(ctx, snap, draft.data, req.lang);
      const unit = draft.receivingUnitId ?? '';
      if (v.ok && units.some((u) => u.id === unit)) {
        return sendPage(
          reply,
          <ReviewStep
            req={req}
            snap={snap}
            units={units}
            unit={unit}
            data={v.data as Record<string, unknown>}
            addressNow={await addressesToday(req, v.data as Record<string, unknown>)}
            idem={draft.idempotencyKey}
            error={null}
            stored={await storedFor(req, snap)}
            acks={await acksOf(req, snap.code)}
            draft={draft}
          />,
        );
      }
    }
    if (steps.length) {
      // A resumed draft opens at its first section with a missing or wrong answer (the last one when all are right).
      const at = asked ?? (draft ? resumeAt(req, snap, steps, draft.data) : steps[0]!);
      // "You are continuing the draft saved at ..." when the person comes back, not on every next section.
      const notice = !asked || saved ? draft : null;
      return sendPage(
        reply,
        <FormStep
          req={req}
          snap={snap}
          units={units}
          values={draft?.data}
          unit={draft?.receivingUnitId ?? ''}
          errors={[]}
          prefill={await prefillOf(req)}
          draft={notice}
          saved={saved}
          section={{ at, count: steps.length, toReview: query.sua === '1' }}
        />,
      );
    }
    return sendPage(
      reply,
      <FormStep
        req={req}
        snap={snap}
        units={units}
        values={draft?.data}
        unit={draft?.receivingUnitId ?? ''}
        errors={[]}
        prefill={await prefillOf(req)}
        draft={draft}
        saved={saved}
      />,
    );
  });

  app.post('/nop-ho-so/:code', async (req, reply) => {
    const actor = citizenOrLogin(req, reply);
    if (!actor) return reply;
    const snap = await loadSnap(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const units = await receivingUnits(req, snap);
    const unit = one(body.receivingUnitId) || (units.length === 1 ? units[0]!.id : '');
    const steps = eFormSections(snap);
    const posted = steps.length ? stepAsked(steps, one(body._section)) : null;
    if (posted) return postSection(req, reply, snap, units, steps, posted, body);
    // "Save draft" (a button, or the page's script as the person types): the answers as they are.
    if (one(body._save) !== '' || one(body._autosave) === '1') {
      await saveDraft(ctx, actor, {
        procedureCode: snap.code,
        step: 'form',
        receivingUnitId: unit || null,
        data: applicationFromForm(snap, body) as Record<string, unknown>,
        ip: req.ip,
      });
      if (one(body._autosave) === '1') return reply.code(204).send();
      return reply.redirect(`/nop-ho-so/${encodeURIComponent(snap.code)}?nhap=1`, 303);
    }
    const prefill = await prefillOf(req);
    if (one(body._edit) === '1') {
      const values = parseData(one(body._data));
      const draft = await saveDraft(ctx, actor, { procedureCode: snap.code, step: 'form', receivingUnitId: unit || null, data: values, ip: req.ip });
      if (steps.length) return reply.redirect(`/nop-ho-so/${encodeURIComponent(snap.code)}?buoc=1`, 303);
      return sendPage(reply, <FormStep req={req} snap={snap} units={units} values={values} unit={unit} errors={[]} prefill={prefill} draft={draft} />);
    }
    const data = applicationFromForm(snap, body);
    const v = validateApplication(ctx, snap, data, req.lang);
    const errors: FieldError[] = v.ok ? [] : [...v.fields];
    if (!units.some((u) => u.id === unit)) errors.unshift({ field: 'receivingUnitId', message: t(req.lang, 'dossier.receiving_unit_required') });
    if (errors.length) {
      const draft = await saveDraft(ctx, actor, {
        procedureCode: snap.code,
        step: 'form',
        receivingUnitId: unit || null,
        data: data as Record<string, unknown>,
        ip: req.ip,
      });
      // A whole form posted at once (an API client, a page of before the steps) comes back whole, with every error.
      return sendPage(reply, <FormStep req={req} snap={snap} units={units} values={data} unit={unit} errors={errors} prefill={prefill} draft={draft} />, 400);
    }
    const valid = (v.ok ? v.data : data) as Record<string, unknown>;
    const draft = await saveDraft(ctx, actor, { procedureCode: snap.code, step: 'review', receivingUnitId: unit, data: valid, ip: req.ip });
    return sendPage(
      reply,
      <ReviewStep
        req={req}
        snap={snap}
        units={units}
        unit={unit}
        data={valid}
        addressNow={await addressesToday(req, valid)}
        idem={draft.idempotencyKey}
        error={null}
        stored={await storedFor(req, snap)}
        acks={await acksOf(req, snap.code)}
        draft={draft}
      />,
    );
  });

  app.post('/nop-ho-so/:code/bo-nhap', async (req, reply) => {
    const actor = citizenOrLogin(req, reply);
    if (!actor) return reply;
    const { code } = req.params as { code: string };
    await discardDraft(ctx, actor, code, req.ip);
    return reply.redirect('/ho-so-cua-toi?bo-nhap=1', 303);
  });

  app.post('/nop-ho-so/:code/nop', async (req, reply) => {
    const actor = citizenOrLogin(req, reply);
    if (!actor) return reply;
    const snap = await loadSnap(req);
    const { fields, files } = await readMultipartForm(req);
    const unit = one(fields.receivingUnitId);
    const data = parseData(one(fields._data));
    const idem = one(fields._idem).slice(0, 100) || undefined;
    const uploads = files
      .filter((f) => f.field.startsWith('file:'))
      .map((f) => ({ componentKey: f.field.slice(5), fileName: f.fileName, contentType: f.contentType, bytes: f.bytes }));
    try {
      const r = await submitDossier(ctx, actor, {
        procedureCode: snap.code,
        receivingUnitId: unit || undefined,
        data,
        files: uploads,
        uploads: uploadRefsOf(fields),
        storedDocuments: storedDocumentsFromFields(fields),
        idempotencyKey: idem,
        lang: req.lang,
        ip: req.ip,
      });
      return reply.redirect(`/ho-so-cua-toi/${encodeURIComponent(r.dossier.id)}/bien-nhan`, 303);
    } catch (err) {
      const e = formErrorOf(req.lang, err);
      if (e.status === 403 || e.status === 404) throw err;
      // The files that came whole and pass the checks are kept (acknowledged): choosing them again is not needed.
      const keys = new Set(snap.components.map((c) => c.key));
      for (const f of uploads) {
        if (!keys.has(f.componentKey) || f.bytes.length === 0) continue;
        await storeWholeUpload(ctx, actor, { ...f, procedureCode: snap.code }, req.ip).catch(() => null);
      }
      const stored = await storedFor(req, snap);
      const chosen = Object.fromEntries(Object.entries(stored).map(([k, docs]) => [k, choiceOf(fields, k, docs)]));
      const draft = await getDraftFor(ctx, actor, snap.code);
      return sendPage(
        reply,
        <ReviewStep
          req={req}
          snap={snap}
          units={await receivingUnits(req, snap)}
          unit={unit}
          data={data}
          addressNow={await addressesToday(req, data)}
          idem={idem ?? draft?.idempotencyKey ?? randomUUID()}
          error={e}
          stored={stored}
          chosen={chosen}
          acks={await acksOf(req, snap.code)}
          draft={draft}
        />,
        e.status,
      );
    }
  });

  app.get('/ho-so-cua-toi/:id/bien-nhan', async (req, reply) => {
    const actor = citizenOrLogin(req, reply);
    if (!actor) return reply;
    const { id } = req.params as { id: string };
    const v = await getDossierFor(ctx, actor, id);
    const row = (await getDossier(ctx, id))!;
    const lang = req.lang;
    let expected: Date | null = null;
    if (!v.appointmentAt) {
      const cal = await getWorkCalendar(ctx);
      expected = cal.dueAt(ctx.clock.now(), applicableLimit(row.snapshot as never, row.channel));
    }
    return sendPage(
      reply,
      <Layout req={req} title={t(lang, 'pages.receipt.title')}>
        <div class="notice" role="status">
          <h1>{t(lang, 'pages.receipt.title')}</h1>
          <p>{t(lang, 'pages.receipt.intro', { code: v.code })}</p>
        </div>
        <Dates lang={lang} v={v} />
        <dl class="summary">
          {expected && (
            <>
              <dt>{t(lang, 'pages.receipt.expected')}</dt>
              <dd>
                {fmtDateTime(lang, expected)}
                <p class="hint">{t(lang, 'pages.receipt.expectedHint')}</p>
              </dd>
            </>
          )}
          <dt>{t(lang, 'pages.receipt.pin')}</dt>
          <dd>
            <strong class="pin">{row.lookup_pin}</strong>
            <p class="hint">{t(lang, 'pages.receipt.pinHint')}</p>
          </dd>
        </dl>
        {v.receivedAt ? (
          <p>
            <a class="button secondary" href={slipHref(v.id, 'receipt')}>
              {t(lang, 'pages.receipt.slip')}
            </a>
          </p>
        ) : (
          <p class="hint">{t(lang, 'pages.receipt.slipLater')}</p>
        )}
        <p>
          <a href={`/ho-so-cua-toi/${encodeURIComponent(v.id)}`}>{t(lang, 'pages.receipt.follow')}</a>
        </p>
      </Layout>,
    );
  });
}
