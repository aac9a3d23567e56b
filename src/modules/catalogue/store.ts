/** SQL of the catalogue (Kysely). Civil dates are read as text. */
import { sql, type Kysely, type Transaction } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { Database } from '../../db/schema';
import { fold } from '../../platform/text';
import type { AgencyPair } from './agencies';
import type { BoundaryFreePeriod } from './boundary-free';
import { levelsColumn, type ProcedureContent, type ProcedureVersion, type PublicationDecision, type VersionSummary } from './model';

type Q = Kysely<Database> | Transaction<Database>;

export function searchText(code: string, c: ProcedureContent): string {
  return ' ' + fold([c.name, code, c.nameEn, c.field.name, c.result].join(' ')) + ' ';
}

export async function upsertField(db: Q, f: { code: string; name: string; nameEn: string }) {
  await db
    .insertInto('procedure_fields')
    .values({ code: f.code, name: f.name, name_en: f.nameEn })
    .onConflict((oc) => oc.column('code').doUpdateSet({ name: f.name, name_en: f.nameEn }))
    .execute();
}

export async function listFields(db: Q) {
  return db.selectFrom('procedure_fields').select(['code', 'name', 'name_en as nameEn']).orderBy('name').execute();
}

export async function findProcedureId(db: Q, code: string): Promise<string | null> {
  const row = await db.selectFrom('procedures').select('id').where('code', '=', code).executeTakeFirst();
  return row?.id ?? null;
}

export async function ensureProcedure(db: Q, code: string): Promise<string> {
  const id = await findProcedureId(db, code);
  if (id) return id;
  const newId = randomUUID();
  await db.insertInto('procedures').values({ id: newId, code }).execute();
  return newId;
}

function denormalised(code: string, c: ProcedureContent) {
  return {
    content: JSON.stringify(c),
    name: c.name,
    name_folded: fold(c.name),
    search_folded: searchText(code, c),
    field_code: c.field.code,
    levels: levelsColumn(c.levels),
    online_level: c.onlineLevel,
    essential: c.essential,
  };
}

/** Creates or replaces the procedure's draft; returns the draft's version id. */
export async function saveDraft(db: Q, procedureId: string, code: string, c: ProcedureContent, actorId: string | null): Promise<string> {
  const draft = await db.selectFrom('procedure_versions').select('id').where('procedure_id', '=', procedureId).where('status', '=', 'draft').executeTakeFirst();
  if (draft) {
    await db
      .updateTable('procedure_versions')
      .set({ ...denormalised(code, c), updated_at: sql`now()` as any })
      .where('id', '=', draft.id)
      .execute();
    return draft.id;
  }
  const max = await db
    .selectFrom('procedure_versions')
    .select(sql<number>`coalesce(max(seq), 0)`.as('m'))
    .where('procedure_id', '=', procedureId)
    .executeTakeFirst();
  const id = randomUUID();
  await db
    .insertInto('procedure_versions')
    .values({
      id,
      procedure_id: procedureId,
      seq: Number(max?.m ?? 0) + 1,
      status: 'draft',
      decision_id: null,
      effective_from: null,
      disclosed_on: null,
      published_at: null,
      created_by: actorId,
      ...denormalised(code, c),
    })
    .execute();
  // a new draft starts from the agencies of the latest published version (replaced on publication)
  await sql`INSERT INTO procedure_version_agencies (version_id, receiving_unit_id, deciding_unit_id)
    SELECT ${id}, a.receiving_unit_id, a.deciding_unit_id FROM procedure_version_agencies a
    WHERE a.version_id = (SELECT v.id FROM procedure_versions v WHERE v.procedure_id = ${procedureId} AND v.status = 'published' ORDER BY v.seq DESC LIMIT 1)`.execute(
    db,
  );
  // ... and stays on the "phi địa giới" list as that version was (the Chair's list names procedures, not versions)
  await sql`INSERT INTO procedure_boundary_free (id, version_id, valid_from, valid_to, decision, created_by)
    SELECT gen_random_uuid()::text, ${id}, b.valid_from, b.valid_to, b.decision, b.created_by FROM procedure_boundary_free b
    WHERE b.version_id = (SELECT v.id FROM procedure_versions v WHERE v.procedure_id = ${procedureId} AND v.status = 'published' ORDER BY v.seq DESC LIMIT 1)`.execute(
    db,
  );
  return id;
}

export async function insertDecision(db: Q, d: Omit<PublicationDecision, 'id'>, actorId: string | null): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('publication_decisions')
    .values({ id, number: d.number, signed_date: d.signedDate, effective_date: d.effectiveDate, signer: d.signer, created_by: actorId })
    .execute();
  return id;
}

export async function findDraftIds(db: Q, codes: string[]) {
  if (codes.length === 0) return [];
  return db
    .selectFrom('procedure_versions as v')
    .innerJoin('procedures as p', 'p.id', 'v.procedure_id')
    .select(['v.id', 'p.code', 'p.id as procedureId', 'v.content'])
    .where('v.status', '=', 'draft')
    .where('p.code', 'in', codes)
    .execute();
}

export async function markPublished(db: Q, versionId: string, decisionId: string, effectiveFrom: string, disclosedOn: string | null, at: Date) {
  await db
    .updateTable('procedure_versions')
    .set({ status: 'published', decision_id: decisionId, effective_from: effectiveFrom, disclosed_on: disclosedOn, published_at: at, updated_at: at })
    .where('id', '=', versionId)
    .execute();
}

export async function setDisclosed(db: Q, versionId: string, day: string) {
  await db.updateTable('procedure_versions').set({ disclosed_on: day }).where('id', '=', versionId).where('status', '=', 'published').execute();
}

/** Replaces the agency pairs of one version (a draft being published). */
export async function replaceAgencies(db: Q, versionId: string, pairs: AgencyPair[]) {
  await db.deleteFrom('procedure_version_agencies').where('version_id', '=', versionId).execute();
  if (pairs.length === 0) return;
  await db
    .insertInto('procedure_version_agencies')
    .values(pairs.map((p) => ({ version_id: versionId, receiving_unit_id: p.receivingUnitId, deciding_unit_id: p.decidingUnitId })))
    .execute();
}

function versionQuery(db: Q) {
  return db
    .selectFrom('procedure_versions as v')
    .innerJoin('procedures as p', 'p.id', 'v.procedure_id')
    .leftJoin('publication_decisions as d', 'd.id', 'v.decision_id')
    .leftJoin('publication_decisions as rd', 'rd.id', 'p.retirement_decision_id')
    .select([
      sql<string | null>`p.retired_from::text`.as('retiredFrom'),
      'rd.id as rdId',
      'rd.number as rdNumber',
      sql<string | null>`rd.signed_date::text`.as('rdSigned'),
      sql<string | null>`rd.effective_date::text`.as('rdEffective'),
      'rd.signer as rdSigner',
      'v.id as versionId',
      'v.procedure_id as procedureId',
      'p.code',
      'v.seq',
      'v.status',
      sql<string | null>`v.effective_from::text`.as('effectiveFrom'),
      sql<string | null>`v.disclosed_on::text`.as('disclosedOn'),
      'v.content',
      'd.id as decisionId',
      'd.number as decisionNumber',
      sql<string | null>`d.signed_date::text`.as('signedDate'),
      sql<string | null>`d.effective_date::text`.as('decisionEffectiveDate'),
      'd.signer',
    ]);
}

type VersionRow = Awaited<ReturnType<ReturnType<typeof versionQuery>['execute']>>[number];
type Agency = { receivingUnitId: string; decidingUnitId: string };

/** versionQuery plus the version's agencies in the same statement (one round trip). */
function versionQueryWithAgencies(db: Q) {
  return versionQuery(db).select([
    sql<
      Agency[] | string
    >`(SELECT coalesce(json_agg(json_build_object('receivingUnitId', a.receiving_unit_id, 'decidingUnitId', a.deciding_unit_id) ORDER BY a.receiving_unit_id, a.deciding_unit_id), '[]') FROM procedure_version_agencies a WHERE a.version_id = v.id)`.as(
      'agencies',
    ),
    sql<
      BoundaryFreePeriod[] | string
    >`(SELECT coalesce(json_agg(json_build_object('validFrom', b.valid_from::text, 'validTo', b.valid_to::text, 'decision', b.decision) ORDER BY b.valid_from), '[]') FROM procedure_boundary_free b WHERE b.version_id = v.id)`.as(
      'boundaryFree',
    ),
  ]);
}

function toSummary(r: VersionRow): VersionSummary {
  return {
    versionId: r.versionId,
    procedureId: r.procedureId,
    code: r.code,
    seq: r.seq,
    status: r.status,
    effectiveFrom: r.effectiveFrom,
    disclosedOn: r.disclosedOn,
    decision: r.decisionId
      ? { id: r.decisionId, number: r.decisionNumber!, signedDate: r.signedDate!, effectiveDate: r.decisionEffectiveDate!, signer: r.signer ?? null }
      : null,
  };
}

function withAgencies(r: (VersionRow & { agencies: Agency[] | string; boundaryFree: BoundaryFreePeriod[] | string }) | undefined): ProcedureVersion | null {
  if (!r) return null;
  const agencies = (typeof r.agencies === 'string' ? JSON.parse(r.agencies) : r.agencies) as Agency[];
  const boundaryFree = (typeof r.boundaryFree === 'string' ? JSON.parse(r.boundaryFree) : r.boundaryFree) as BoundaryFreePeriod[];
  const content = (typeof r.content === 'string' ? JSON.parse(r.content) : r.content) as ProcedureContent;
  const retirement =
    r.retiredFrom && r.rdId
      ? {
          from: r.retiredFrom,
          decision: { id: r.rdId, number: r.rdNumber!, signedDate: r.rdSigned!, effectiveDate: r.rdEffective!, signer: r.rdSigner ?? null },
        }
      : null;
  return { ...toSummary(r), content, agencies, boundaryFree, retirement };
}

/** The published version in force on `day` (latest effective date not after it). */
export async function versionInForce(db: Q, code: string, day: string): Promise<ProcedureVersion | null> {
  const r = await versionQueryWithAgencies(db)
    .where('p.code', '=', code)
    .where('v.status', '=', 'published')
    .where('v.effective_from', '<=', day)
    .orderBy('v.effective_from', 'desc')
    .orderBy('v.seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return withAgencies(r);
}

export async function versionById(db: Q, versionId: string): Promise<ProcedureVersion | null> {
  return withAgencies(await versionQueryWithAgencies(db).where('v.id', '=', versionId).executeTakeFirst());
}

export async function draftOf(db: Q, code: string): Promise<ProcedureVersion | null> {
  return withAgencies(await versionQueryWithAgencies(db).where('p.code', '=', code).where('v.status', '=', 'draft').executeTakeFirst());
}

export async function versionsOf(db: Q, code: string): Promise<VersionSummary[]> {
  const rows = await versionQuery(db).where('p.code', '=', code).orderBy('v.seq', 'desc').execute();
  return rows.map(toSummary);
}

/** Every published version whose decision was signed in [from, to], with what the indicators need. */
export async function publicationsSigned(db: Q, from: string, to: string, unitId?: string) {
  let q = db
    .selectFrom('procedure_versions as v')
    .innerJoin('procedures as p', 'p.id', 'v.procedure_id')
    .innerJoin('publication_decisions as d', 'd.id', 'v.decision_id')
    .select([
      'p.code',
      'v.name',
      'v.id as versionId',
      'd.number as decisionNumber',
      sql<string>`d.signed_date::text`.as('signedDate'),
      sql<string>`d.effective_date::text`.as('effectiveDate'),
      sql<string | null>`v.disclosed_on::text`.as('disclosedOn'),
    ])
    .where('v.status', '=', 'published')
    .where('d.signed_date', '>=', from)
    .where('d.signed_date', '<=', to);
  if (unitId)
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('procedure_version_agencies as a')
          .select('a.version_id')
          .whereRef('a.version_id', '=', 'v.id')
          .where((eb) => eb.or([eb('a.receiving_unit_id', '=', unitId), eb('a.deciding_unit_id', '=', unitId)])),
      ),
    );
  return q.orderBy('p.code').orderBy('d.signed_date').execute();
}

/** Content of every procedure's version in force on `day` (optionally those of a unit). */
export async function versionsInForce(db: Q, day: string, unitId?: string) {
  // the unit filter applies to the version in force (its own agencies), after choosing it
  const unitFilter = unitId
    ? sql`WHERE EXISTS (SELECT 1 FROM procedure_version_agencies a WHERE a.version_id = cur."versionId" AND (a.receiving_unit_id = ${unitId} OR a.deciding_unit_id = ${unitId}))`
    : sql``;
  const res = await sql<{ code: string; versionId: string; content: unknown }>`
    SELECT cur.code, cur."versionId", cur.content FROM (
      SELECT DISTINCT ON (v.procedure_id) p.code, v.id AS "versionId", v.content
      FROM procedure_versions v JOIN procedures p ON p.id = v.procedure_id
      WHERE v.status = 'published' AND v.effective_from <= ${day} AND (p.retired_from IS NULL OR p.retired_from > ${day})
      ORDER BY v.procedure_id, v.effective_from DESC, v.seq DESC
    ) cur ${unitFilter}
    ORDER BY cur.code`.execute(db);
  return res.rows.map((r) => ({
    code: r.code,
    versionId: r.versionId,
    content: (typeof r.content === 'string' ? JSON.parse(r.content) : r.content) as ProcedureContent,
  }));
}

export async function versionAgencyCount(db: Q, versionId: string) {
  const r = await db
    .selectFrom('procedure_version_agencies')
    .select(sql<number>`count(*)`.as('n'))
    .where('version_id', '=', versionId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function allDrafts(db: Q) {
  const rows = await db
    .selectFrom('procedure_versions as v')
    .innerJoin('procedures as p', 'p.id', 'v.procedure_id')
    .select(['p.code', 'v.content', 'v.id as versionId', 'v.name'])
    .where('v.status', '=', 'draft')
    .orderBy('p.code')
    .execute();
  return rows.map((r) => ({
    code: r.code,
    versionId: r.versionId,
    name: r.name,
    content: (typeof r.content === 'string' ? JSON.parse(r.content) : r.content) as ProcedureContent,
  }));
}

export async function adminList(db: Q, day: string) {
  const res = await sql<{ code: string; name: string; inForceSeq: number | null; draftSeq: number | null; essential: boolean; retiredFrom: string | null }>`
    SELECT p.code, p.retired_from::text AS "retiredFrom",
      (SELECT v.name FROM procedure_versions v WHERE v.procedure_id = p.id ORDER BY v.seq DESC LIMIT 1) AS name,
      (SELECT v.seq FROM procedure_versions v WHERE v.procedure_id = p.id AND v.status = 'published' AND v.effective_from <= ${day}
        ORDER BY v.effective_from DESC, v.seq DESC LIMIT 1) AS "inForceSeq",
      (SELECT v.seq FROM procedure_versions v WHERE v.procedure_id = p.id AND v.status = 'draft') AS "draftSeq",
      coalesce((SELECT v.essential FROM procedure_versions v WHERE v.procedure_id = p.id ORDER BY v.seq DESC LIMIT 1), false) AS essential
    FROM procedures p ORDER BY p.code`.execute(db);
  return res.rows;
}

// ---------- official form templates

export interface FormTemplateRow {
  formKey: string;
  sha256: string;
  fileName: string;
  mime: string;
  size: number;
}

export async function formTemplates(db: Q, procedureId: string): Promise<FormTemplateRow[]> {
  return db
    .selectFrom('procedure_form_templates')
    .select(['form_key as formKey', 'sha256', 'file_name as fileName', 'mime', 'size'])
    .where('procedure_id', '=', procedureId)
    .execute();
}

export async function upsertFormTemplate(db: Q, procedureId: string, t: FormTemplateRow, actorId: string | null, at: Date) {
  const row = { sha256: t.sha256, file_name: t.fileName, mime: t.mime, size: t.size, uploaded_at: at, uploaded_by: actorId };
  await db
    .insertInto('procedure_form_templates')
    .values({ procedure_id: procedureId, form_key: t.formKey, ...row })
    .onConflict((oc) => oc.columns(['procedure_id', 'form_key']).doUpdateSet(row))
    .execute();
}

export async function retire(db: Q, procedureId: string, decisionId: string, from: string, at: Date) {
  await db
    .updateTable('procedures')
    .set({ retired_at: at, retired_from: from, retirement_decision_id: decisionId })
    .where('id', '=', procedureId)
    .where('retirement_decision_id', 'is', null)
    .execute();
}

export async function retirementOf(db: Q, procedureId: string): Promise<string | null> {
  const r = await db.selectFrom('procedures').select('retirement_decision_id').where('id', '=', procedureId).executeTakeFirst();
  return r?.retirement_decision_id ?? null;
}

// ---------- the "phi địa giới" list (Decree 118/2025 Art. 14(2))

/** Replaces the listing periods of one version. */
export async function replaceBoundaryFree(db: Q, versionId: string, periods: BoundaryFreePeriod[], actorId: string | null) {
  await db.deleteFrom('procedure_boundary_free').where('version_id', '=', versionId).execute();
  if (periods.length === 0) return;
  await db
    .insertInto('procedure_boundary_free')
    .values(
      periods.map((p) => ({
        id: randomUUID(),
        version_id: versionId,
        valid_from: p.validFrom,
        valid_to: p.validTo,
        decision: p.decision,
        created_by: actorId,
      })),
    )
    .execute();
}

/** Codes of the procedures whose version in force on `day` is on the list that day. */
export async function boundaryFreeCodes(db: Q, day: string): Promise<string[]> {
  const res = await sql<{ code: string }>`
    SELECT cur.code FROM (
      SELECT DISTINCT ON (v.procedure_id) p.code, v.id
      FROM procedure_versions v JOIN procedures p ON p.id = v.procedure_id
      WHERE v.status = 'published' AND v.effective_from <= ${day} AND (p.retired_from IS NULL OR p.retired_from > ${day})
      ORDER BY v.procedure_id, v.effective_from DESC, v.seq DESC
    ) cur
    WHERE EXISTS (SELECT 1 FROM procedure_boundary_free b WHERE b.version_id = cur.id AND b.valid_from <= ${day} AND (b.valid_to IS NULL OR b.valid_to >= ${day}))
    ORDER BY cur.code`.execute(db);
  return res.rows.map((r) => r.code);
}

// ---------- the read model's loads (read-model.ts)

/** Every published version (or those of `codes`) with its agencies and the folded columns search compares. */
export async function publishedVersions(db: Q, codes?: string[]) {
  if (codes && codes.length === 0) return [];
  let q = versionQueryWithAgencies(db).select(['v.name_folded as nameFolded', 'v.search_folded as searchFolded']).where('v.status', '=', 'published');
  if (codes) q = q.where('p.code', 'in', codes);
  const rows = await q.execute();
  return rows.map((r) => ({ version: withAgencies(r)!, nameFolded: r.nameFolded, searchFolded: r.searchFolded }));
}

/** Codes of the procedures whose versions one of `versionIds` is (to refresh them). */
export async function codesOfVersions(db: Q, versionIds: string[]): Promise<string[]> {
  if (versionIds.length === 0) return [];
  const rows = await db
    .selectFrom('procedure_versions as v')
    .innerJoin('procedures as p', 'p.id', 'v.procedure_id')
    .select('p.code')
    .where('v.id', 'in', versionIds)
    .execute();
  return [...new Set(rows.map((r) => r.code))];
}
