/**
 * The catalogue's use cases. Other modules use only these functions (and types of model.ts /
 * snapshot.ts). Contract for the dossier engine: getProcedureSnapshot,
 * getProcedureSnapshotByVersion, validateApplication, renderEForm (see snapshot.ts).
 */
import type { VNode } from 'preact';
import type { Actor } from '../../platform/auth';
import { appendAudit } from '../../platform/audit';
import { civilDateVN } from '../../platform/calendar/types';
import type { Ctx } from '../../platform/context';
import { badRequest, conflict, notFound, type FieldError } from '../../platform/errors';
import type { Lang } from '../../platform/i18n';
import { listAgencies, ancestorIds, unitNameOrLast } from '../units/service';
import { resolveAgencies, type AgencyTree } from './agencies';
import { workCalendar } from './calendar';
import { missingParts, type Part } from './completeness';
import { dataFromForm, mergeValues, prefillData, type FormData, type PrefillValues } from './eform-schema';
import { formSections, mergeSection, sectionForm, type FormSection } from './eform-steps';
export { sectionOfField, type FormSection } from './eform-steps';
import { renderEFormNode, type RenderOptions } from './eform-render';
import { validateEForm, type ValidationResult } from './eform-validate';
import { checkRecords, type ImportError } from './import-check';
import type { ProcedureContent, ProcedureRecord, ProcedureVersion, SearchParams, SearchResult, VersionSummary } from './model';
import { publicationFigures as figuresOf, ratio, type ProcedurePublicationFigure, type Ratio } from './publication';
import type { ProcedureSnapshot } from './snapshot';
import { checkBoundaryFreePeriods, type BoundaryFreePeriod } from './boundary-free';

export { boundaryFreeOn, type BoundaryFreePeriod } from './boundary-free';
export { catalogueGeneration } from './read-model';
import { quoteFeeRules, type FeeQuoteResult } from './fee-rules';

export { FeeSummary, feeLineLabel, feeMoney } from './fee-view';
export type { FeeQuoteLine, FeeQuoteResult } from './fee-rules';
import * as store from './store';
import { searchProcedures as searchSql } from './search-store';
import { announceChange, applyChange, catalogueGeneration, readModel } from './read-model';
import { pageMemo, type SharedPages } from '../../platform/http/page-cache';

export type { ProcedureRecord, ProcedureVersion, ProcedureHit, SearchParams, SearchResult, VersionSummary } from './model';
export type { PrefillValues, PrefillSource } from './eform-schema';
export type { ImportError } from './import-check';

export function today(ctx: Ctx): string {
  return civilDateVN(ctx.clock.now());
}

/**
 * The rendered anonymous pages built from the published catalogue (home, search, procedure
 * pages): emptied by every change of the read model (publication, retirement, disclosure, here or
 * on another instance) and at midnight (what is in force changes); null without a loaded model.
 */
export function cataloguePageMemo(ctx: Ctx, memo: 'pages' | 'api' = 'pages'): SharedPages | null {
  const gen = catalogueGeneration(ctx);
  if (gen === '-' || ctx.db.isTransaction) return null;
  // The API answers in a memo of their own, so a crawl of search queries does not push the pages out (or the reverse).
  return pageMemo(ctx.db, memo === 'pages' ? 'catalogue' : 'catalogue-api').pagesFor(`${gen}|${today(ctx)}`);
}

// ---------- snapshot contract ----------

export function toSnapshot(v: ProcedureVersion): ProcedureSnapshot {
  const c = v.content;
  return {
    procedureId: v.procedureId,
    versionId: v.versionId,
    code: v.code,
    name: c.name,
    nameEn: c.nameEn,
    fieldCode: c.field.code,
    fieldName: c.field.name,
    levels: c.levels,
    onlineLevel: c.onlineLevel,
    essential: c.essential,
    financialObligation: c.financialObligation,
    processingTime: { value: c.processingTime.value, unit: c.processingTime.unit },
    onlineProcessingTime: c.onlineProcessingTime,
    components: c.components,
    fees: c.fees,
    eForm: c.eForm,
    process: c.process,
    agencies: v.agencies,
    boundaryFree: v.boundaryFree,
    result: c.result,
    resultDocumentType: c.resultDocumentType,
  };
}

/** The version in force at `at` (default now); null when unknown or not published. */
export async function getProcedureSnapshot(ctx: Ctx, code: string, at?: Date): Promise<ProcedureSnapshot | null> {
  const day = civilDateVN(at ?? ctx.clock.now());
  const v = await versionInForce(ctx, code, day);
  // a retired procedure takes no new dossiers from its retirement's effective date
  return v && !isRetired(v, day) ? toSnapshot(v) : null;
}

/** Whether the procedure is retired (bãi bỏ) on `day`. */
/** The fees of a dossier under `snapshot` for the answers (the one fee function). */
export function quoteSnapshotFees(snapshot: Pick<ProcedureSnapshot, 'fees'>, answers: Record<string, unknown>, channel: string): FeeQuoteResult {
  return quoteFeeRules(snapshot.fees, { answers, channel });
}

/** The fee quote of a procedure in force for the applicant's answers (partial allowed); null when there is no such procedure. */
export async function quoteProcedureFees(ctx: Ctx, code: string, answers: Record<string, unknown>, channel: string): Promise<FeeQuoteResult | null> {
  const s = await getProcedureSnapshot(ctx, code);
  return s ? quoteFeeRules(s.fees, { answers, channel }) : null;
}

export function isRetired(v: ProcedureVersion, day: string): boolean {
  return !!v.retirement && v.retirement.from <= day;
}

/** A given version (a dossier keeps the one it was submitted under); drafts are not snapshots. */
export async function getProcedureSnapshotByVersion(ctx: Ctx, versionId: string): Promise<ProcedureSnapshot | null> {
  const v = (await readModel(ctx))?.publishedVersion(versionId) ?? (await store.versionById(ctx.db, versionId));
  return v && v.status === 'published' ? toSnapshot(v) : null;
}

/** Validates e-form data with the version's JSON Schema; messages in `lang`. */
export function validateApplication(_ctx: Ctx, snapshot: ProcedureSnapshot, data: unknown, lang: Lang): ValidationResult {
  return validateEForm(snapshot.eForm, data, lang);
}

/** Typed e-form data from a posted HTML form (names "a.b", string values). */
export function applicationFromForm(snapshot: ProcedureSnapshot, body: Record<string, unknown>): FormData {
  return dataFromForm(snapshot.eForm, body);
}

/** A long e-form step by step (issue 13.7): its sections, or [] when it stays one page. */
export function eFormSections(snapshot: ProcedureSnapshot): FormSection[] {
  return formSections(snapshot.eForm);
}

/** The answers so far with one section's posted answers in place of the ones it had. */
export function mergeSectionAnswers(
  snapshot: ProcedureSnapshot,
  section: FormSection,
  answers: Record<string, unknown>,
  body: Record<string, unknown>,
): FormData {
  return mergeSection(answers, dataFromForm(snapshot.eForm, body), section);
}

/** One section of the form as HTML (see sectionForm for rules that point at other sections). */
export function renderEFormSection(
  snapshot: ProcedureSnapshot,
  section: FormSection,
  opts: { values?: FormData; errors?: FieldError[]; prefill?: PrefillValues; lang: Lang },
): VNode {
  return renderEFormNode(sectionForm(snapshot.eForm, section, mergeValues(prefillData(snapshot.eForm, opts.prefill), opts.values)), opts);
}

/** The accessible HTML form; values win over prefill. With `action` it is wrapped in a <form> with `_csrf`. Dates are three boxes unless `dateInput: 'native'`. */
export function renderEForm(snapshot: ProcedureSnapshot, opts: RenderOptions): VNode {
  return renderEFormNode(snapshot.eForm, opts);
}

// ---------- reading ----------

/** Loads the published catalogue into memory (at start; otherwise on the first read). */
export async function loadCatalogueReadModel(ctx: Ctx): Promise<void> {
  await readModel(ctx);
}

/**
 * From the read model (read-model.ts) when it knows the code; SQL otherwise (a code it does not
 * know may have been published on another instance a moment ago, or be unknown: one query).
 */
async function versionInForce(ctx: Ctx, code: string, day: string): Promise<ProcedureVersion | null> {
  const m = await readModel(ctx);
  return m?.knows(code) ? m.versionInForce(code, day) : store.versionInForce(ctx.db, code, day);
}

export async function getProcedure(ctx: Ctx, code: string, at?: string): Promise<ProcedureVersion | null> {
  return versionInForce(ctx, code, at ?? today(ctx));
}

/** Any version, drafts included; published ones from the read model. */
export async function getVersion(ctx: Ctx, versionId: string): Promise<ProcedureVersion | null> {
  return (await readModel(ctx))?.publishedVersion(versionId) ?? store.versionById(ctx.db, versionId);
}

export async function getDraft(ctx: Ctx, code: string): Promise<ProcedureVersion | null> {
  return store.draftOf(ctx.db, code);
}

export async function procedureVersions(ctx: Ctx, code: string): Promise<VersionSummary[]> {
  return store.versionsOf(ctx.db, code);
}

export async function searchProcedures(ctx: Ctx, params: SearchParams): Promise<SearchResult> {
  const m = await readModel(ctx);
  return m ? m.search(today(ctx), params) : searchSql(ctx.db, today(ctx), params);
}

export async function listFields(ctx: Ctx) {
  return (await readModel(ctx))?.fields ?? store.listFields(ctx.db);
}

/** Unit names for display (agencies of a procedure); a unit ended by a merger by its last name; unknown ids as is. */
export async function unitNames(ctx: Ctx, ids: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const id of [...new Set(ids)]) out[id] = (await unitNameOrLast(ctx, id)) ?? id;
  return out;
}

export function recordOf(v: ProcedureVersion): ProcedureRecord {
  return { code: v.code, ...v.content };
}

// ---------- agencies on the unit tree ----------

/**
 * People's committees of the communes and districts in existence on `at` (default today), from
 * the units module: what 'commune' and 'district' in a record's agencies stand for on that date.
 * No units, no committees: a record naming a level then resolves to no pair.
 */
export async function agencyTree(ctx: Ctx, at?: string): Promise<AgencyTree> {
  const committees = await listAgencies(ctx, { kind: 'people_committee', at });
  const districts = committees.filter((c) => c.level === 'district');
  const districtOfUnit = new Map(districts.map((d) => [d.parentId, d.id]));
  const communes = [];
  for (const c of committees.filter((x) => x.level === 'commune')) {
    const up = await ancestorIds(ctx, c.id, at);
    communes.push({ ubndId: c.id, districtUbndId: up.map((u) => districtOfUnit.get(u)).find(Boolean) ?? null });
  }
  return { communes, districts: districts.map((d) => d.id) };
}

// ---------- editing and publishing ----------

function auditActor(actor: Actor | null) {
  return { actorKind: actor ? ('officer' as const) : ('system' as const), actorId: actor?.id ?? null };
}

/** Creates or replaces the draft of a procedure (a new procedure when the code is new). */
export async function saveDraft(ctx: Ctx, actor: Actor | null, input: unknown, lang: Lang = 'vi'): Promise<ProcedureVersion> {
  const checked = checkRecords([input], lang);
  if (!checked.ok)
    throw badRequest(
      'error.validation',
      undefined,
      checked.errors.map((e) => ({ field: e.field, message: e.message })),
    );
  const rec = checked.records[0];
  const versionId = await ctx.db.transaction().execute(async (trx) => {
    const id = await writeDraft(trx, actor, rec);
    await appendAudit(trx, {
      ...auditActor(actor),
      action: 'procedure.draft',
      entity: 'procedure',
      entityId: rec.code,
      details: { versionId: id },
      at: ctx.clock.now(),
    });
    await announceChange(ctx, trx, [rec.code]); // the field's name may have changed
    return id;
  });
  await applyChange(ctx, [rec.code]);
  return (await store.versionById(ctx.db, versionId))!;
}

async function writeDraft(trx: Parameters<typeof store.saveDraft>[0], actor: Actor | null, rec: ProcedureRecord): Promise<string> {
  const { code, ...content } = rec;
  await store.upsertField(trx, content.field);
  const procedureId = await store.ensureProcedure(trx, code);
  return store.saveDraft(trx, procedureId, code, content as ProcedureContent, actor?.id ?? null);
}

export interface PublishInput {
  codes: string[];
  decision: { number: string; signedDate: string; effectiveDate: string; signer?: string | null };
  /** When the versions were disclosed on the portal (default: not yet; see discloseVersions). */
  disclosedOn?: string | null;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Publishes the drafts of `codes` by a decision: each becomes the version in force from the decision's effective date. */
export async function publishDrafts(ctx: Ctx, actor: Actor | null, input: PublishInput): Promise<{ decisionId: string; versionIds: string[] }> {
  const d = input.decision;
  const fields: FieldError[] = [];
  if (!d.number?.trim()) fields.push({ field: 'decision.number', message: 'catalogue.publish.number' });
  if (!DATE_RE.test(d.signedDate ?? '')) fields.push({ field: 'decision.signedDate', message: 'catalogue.publish.date' });
  if (!DATE_RE.test(d.effectiveDate ?? '')) fields.push({ field: 'decision.effectiveDate', message: 'catalogue.publish.date' });
  if (input.disclosedOn && !DATE_RE.test(input.disclosedOn)) fields.push({ field: 'disclosedOn', message: 'catalogue.publish.date' });
  if (fields.length) throw badRequest('catalogue.publish.invalid', undefined, fields);
  if (input.disclosedOn && input.disclosedOn < d.signedDate) throw badRequest('catalogue.publish.disclosed_before_signed');
  if (input.codes.length === 0) throw badRequest('catalogue.publish.no_drafts');
  // A version published ahead of its effective date is handled by the agencies that exist then
  // (e.g. re-published on 20/6/2025 for the communes of 1/7/2025); one published late, by today's.
  const now = today(ctx);
  const tree = await agencyTree(ctx, d.effectiveDate > now ? d.effectiveDate : now);
  const out = await ctx.db.transaction().execute(async (trx) => {
    const drafts = await store.findDraftIds(trx, input.codes);
    const missing = input.codes.filter((c) => !drafts.some((x) => x.code === c));
    if (missing.length) throw badRequest('catalogue.publish.no_draft', { codes: missing.join(', ') });
    const decisionId = await store.insertDecision(
      trx,
      { number: d.number.trim(), signedDate: d.signedDate, effectiveDate: d.effectiveDate, signer: d.signer ?? null },
      actor?.id ?? null,
    );
    for (const draft of drafts) {
      const content = (typeof draft.content === 'string' ? JSON.parse(draft.content) : draft.content) as ProcedureContent;
      await store.markPublished(trx, draft.id, decisionId, d.effectiveDate, input.disclosedOn ?? null, ctx.clock.now());
      await store.replaceAgencies(trx, draft.id, resolveAgencies(tree, content.receivingAgency, content.decidingAgency));
    }
    await appendAudit(trx, {
      ...auditActor(actor),
      action: 'procedure.publish',
      entity: 'publication_decision',
      entityId: decisionId,
      details: { number: d.number, codes: input.codes },
      at: ctx.clock.now(),
    });
    await announceChange(ctx, trx, input.codes);
    return { decisionId, versionIds: drafts.map((x) => x.id) };
  });
  await applyChange(ctx, input.codes);
  return out;
}

export interface RetireInput {
  decision: { number: string; signedDate: string; effectiveDate: string; signer?: string | null };
}

/**
 * Retires (bãi bỏ) a published procedure by a publication decision: from the decision's effective
 * date it leaves search and online application; its page says so; dossiers keep their version.
 */
export async function retireProcedure(ctx: Ctx, actor: Actor | null, code: string, input: RetireInput): Promise<{ decisionId: string; from: string }> {
  const d = input.decision ?? ({} as RetireInput['decision']);
  const fields: FieldError[] = [];
  if (!d.number?.trim()) fields.push({ field: 'decision.number', message: 'catalogue.publish.number' });
  if (!DATE_RE.test(d.signedDate ?? '')) fields.push({ field: 'decision.signedDate', message: 'catalogue.publish.date' });
  if (!DATE_RE.test(d.effectiveDate ?? '')) fields.push({ field: 'decision.effectiveDate', message: 'catalogue.publish.date' });
  if (fields.length) throw badRequest('catalogue.publish.invalid', undefined, fields);
  if (d.effectiveDate < d.signedDate) throw badRequest('catalogue.retire.effective_before_signed');
  const out = await ctx.db.transaction().execute(async (trx) => {
    const versions = await store.versionsOf(trx, code);
    if (versions.length === 0) throw notFound('catalogue.not_found', { code });
    if (!versions.some((v) => v.status === 'published')) throw badRequest('catalogue.retire.not_published', { code });
    const procedureId = versions[0]!.procedureId;
    if (await store.retirementOf(trx, procedureId)) throw conflict('catalogue.retire.already', { code });
    const decisionId = await store.insertDecision(
      trx,
      { number: d.number.trim(), signedDate: d.signedDate, effectiveDate: d.effectiveDate, signer: d.signer ?? null },
      actor?.id ?? null,
    );
    await store.retire(trx, procedureId, decisionId, d.effectiveDate, ctx.clock.now());
    await appendAudit(trx, {
      ...auditActor(actor),
      action: 'procedure.retire',
      entity: 'procedure',
      entityId: code,
      details: { decisionId, number: d.number.trim(), from: d.effectiveDate },
      at: ctx.clock.now(),
    });
    await announceChange(ctx, trx, [code]);
    return { decisionId, from: d.effectiveDate };
  });
  await applyChange(ctx, [code]);
  return out;
}

/** Records that published versions were disclosed on the portal on `day` (default today). */
export async function discloseVersions(ctx: Ctx, actor: Actor | null, versionIds: string[], day?: string): Promise<void> {
  const on = day ?? today(ctx);
  const codes = await ctx.db.transaction().execute(async (trx) => {
    for (const id of versionIds) await store.setDisclosed(trx, id, on);
    await appendAudit(trx, {
      ...auditActor(actor),
      action: 'procedure.disclose',
      entity: 'procedure_version',
      entityId: versionIds.join(','),
      details: { on },
      at: ctx.clock.now(),
    });
    const codes = await store.codesOfVersions(trx, versionIds);
    await announceChange(ctx, trx, codes);
    return codes;
  });
  await applyChange(ctx, codes);
}

// ---------- the "phi địa giới" list (Decree 118/2025 Art. 14(2)) ----------

/**
 * Sets the periods during which a version is on the province's list of procedures received
 * regardless of administrative boundary (controller). Replaces the version's periods; a bad date,
 * an end before its start, a period without its decision or two overlapping periods change nothing.
 */
export async function setBoundaryFree(ctx: Ctx, actor: Actor | null, versionId: string, periods: Partial<BoundaryFreePeriod>[]): Promise<ProcedureVersion> {
  const errors = checkBoundaryFreePeriods(periods);
  if (errors.length) throw badRequest('catalogue.boundaryFree.invalid', undefined, errors);
  const clean = periods.map((p) => ({ validFrom: p.validFrom!, validTo: p.validTo ?? null, decision: p.decision!.trim() }));
  const code = await ctx.db.transaction().execute(async (trx) => {
    const v = await store.versionById(trx, versionId);
    if (!v) throw notFound('catalogue.version_not_found');
    await store.replaceBoundaryFree(trx, versionId, clean, actor?.id ?? null);
    await appendAudit(trx, {
      ...auditActor(actor),
      action: 'procedure.boundary_free',
      entity: 'procedure_version',
      entityId: versionId,
      details: { code: v.code, before: v.boundaryFree, after: clean },
      at: ctx.clock.now(),
    });
    await announceChange(ctx, trx, [v.code]);
    return v.code;
  });
  await applyChange(ctx, [code]);
  return (await store.versionById(ctx.db, versionId))!;
}

/** Codes of the procedures on the list on `day` (default today), for the desks' procedure pickers. */
export async function boundaryFreeCodes(ctx: Ctx, day?: string): Promise<string[]> {
  return store.boundaryFreeCodes(ctx.db, day ?? today(ctx));
}

// ---------- import / export ----------

export type ImportOutcome = { ok: true; count: number; codes: string[] } | { ok: false; errors: ImportError[] };

/** Validates every record; imports all as drafts in one transaction, or nothing when any row has an error. */
export async function importRecords(ctx: Ctx, actor: Actor | null, rows: unknown[], lang: Lang, rowNumbers?: number[]): Promise<ImportOutcome> {
  const checked = checkRecords(rows, lang, rowNumbers);
  if (!checked.ok) return { ok: false, errors: checked.errors };
  const codes = checked.records.map((r) => r.code);
  await ctx.db.transaction().execute(async (trx) => {
    for (const rec of checked.records) await writeDraft(trx, actor, rec);
    await appendAudit(trx, {
      ...auditActor(actor),
      action: 'procedure.import',
      entity: 'procedure',
      entityId: null,
      details: { count: checked.records.length },
      at: ctx.clock.now(),
    });
    await announceChange(ctx, trx, codes); // drafts: only the fields' names can change what is published
  });
  await applyChange(ctx, codes);
  return { ok: true, count: checked.records.length, codes: checked.records.map((r) => r.code) };
}

/** Every procedure's version in force today (or its draft when `drafts` and it has one) as records. */
export async function exportRecords(ctx: Ctx, opts: { drafts?: boolean } = {}): Promise<ProcedureRecord[]> {
  const current = await store.versionsInForce(ctx.db, today(ctx));
  const out = new Map(current.map((v) => [v.code, { code: v.code, ...v.content } as ProcedureRecord]));
  if (opts.drafts) for (const v of await store.allDrafts(ctx.db)) out.set(v.code, { code: v.code, ...v.content } as ProcedureRecord);
  return [...out.values()].sort((a, b) => a.code.localeCompare(b.code));
}

// ---------- indicators (Decision 766 group 1) ----------

export interface PublicationFigures {
  from: string;
  to: string;
  unitId: string | null;
  procedures: (ProcedurePublicationFigure & {})[];
  completeness: { code: string; name: string; missing: Part[] }[];
  totals: { publishedOnTime: Ratio; disclosedOnTime: Ratio; complete: Ratio };
}

/**
 * Indicators 1.1 and 1.2 over the decisions signed in [from, to] (per procedure, counted once),
 * and 1.3 over the procedures in force on `to` (or today if earlier), optionally for one unit.
 */
export async function publicationFigures(ctx: Ctx, input: { unitId?: string; from: string; to: string }): Promise<PublicationFigures> {
  if (!DATE_RE.test(input.from) || !DATE_RE.test(input.to)) throw badRequest('catalogue.figures.bad_period');
  const cal = await workCalendar(ctx);
  const now = today(ctx);
  const asOf = input.to < now ? input.to : now;
  const events = await store.publicationsSigned(ctx.db, input.from, input.to, input.unitId);
  const f = figuresOf(cal, events, asOf);
  const inForce = await store.versionsInForce(ctx.db, asOf, input.unitId);
  const completeness = inForce.map((v) => ({ code: v.code, name: v.content.name, missing: missingParts(v.content) }));
  return {
    from: input.from,
    to: input.to,
    unitId: input.unitId ?? null,
    procedures: f.procedures,
    completeness,
    totals: {
      publishedOnTime: f.publishedOnTime,
      disclosedOnTime: f.disclosedOnTime,
      complete: ratio(completeness.filter((c) => c.missing.length === 0).length, completeness.length),
    },
  };
}

/** The essential public services in force, for the home page. */
export async function essentialServices(ctx: Ctx) {
  return (await searchProcedures(ctx, { essential: true, pageSize: 50 })).items;
}

/** Every procedure for the back office: name, version in force, draft. */
export async function adminList(ctx: Ctx) {
  return store.adminList(ctx.db, today(ctx));
}
