/** Catalogue search in SQL: LIKE on folded word prefixes (no extensions, runs on PGlite). */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { levelsFromColumn, type ProcedureHit, type SearchParams, type SearchResult } from './model';
import { parseQuery } from './search-query';
import type { OnlineLevel } from './snapshot';

export async function searchProcedures(db: Kysely<Database>, day: string, p: SearchParams): Promise<SearchResult> {
  const q = parseQuery(p.q);
  const pageSize = Math.min(Math.max(p.pageSize ?? 20, 1), 100);
  const page = Math.max(p.page ?? 1, 1);
  const where = [sql`TRUE`];
  if (q) for (const t of q.tokens) where.push(sql`cur.search_folded LIKE ${'% ' + t + '%'}`);
  if (p.field) where.push(sql`cur.field_code = ${p.field}`);
  if (p.level) where.push(sql`cur.levels LIKE ${'%,' + p.level + ',%'}`);
  if (p.online) where.push(sql`cur.online_level = ${p.online}`);
  if (p.essential) where.push(sql`cur.essential`);
  if (p.agency)
    where.push(
      sql`EXISTS (SELECT 1 FROM procedure_version_agencies a WHERE a.version_id = cur.id AND (a.receiving_unit_id = ${p.agency} OR a.deciding_unit_id = ${p.agency}))`,
    );
  const nameAllTokens = q
    ? sql.join(
        q.tokens.map((t) => sql`(' ' || cur.name_folded) LIKE ${'% ' + t + '%'}`),
        sql` AND `,
      )
    : sql`TRUE`;
  const tier = q
    ? sql`CASE WHEN cur.name_folded = ${q.phrase} THEN 0
               WHEN (' ' || cur.name_folded || ' ') LIKE ${'% ' + q.phrase + ' %'} THEN 1
               WHEN ${nameAllTokens} THEN 2 ELSE 3 END`
    : null;
  const strong = q ? sql`(${q.phrase.length}::float / greatest(length(cur.name_folded), 1)) >= 0.4` : null;
  const order = [...(tier ? [tier] : []), ...(strong ? [sql`${strong} DESC`] : []), sql`cur.essential DESC`, sql`length(cur.name_folded)`, sql`p.code`];
  // In-force version ids first (narrow rows), then filter and rank, then fetch the page's extra columns.
  const res = await sql<{
    code: string;
    name: string;
    name_en: string;
    field_code: string;
    field_name: string;
    levels: string;
    online_level: OnlineLevel;
    essential: boolean;
    total: number;
  }>`
    WITH inforce AS (
      SELECT DISTINCT ON (v.procedure_id) v.id
      FROM procedure_versions v
      WHERE v.status = 'published' AND v.effective_from <= ${day}
      ORDER BY v.procedure_id, v.effective_from DESC, v.seq DESC
    ), page AS (
      SELECT cur.id, p.code, cur.name, cur.field_code, cur.levels, cur.online_level, cur.essential,
        count(*) OVER () AS total, row_number() OVER (ORDER BY ${sql.join(order, sql`, `)}) AS rn
      FROM inforce JOIN procedure_versions cur ON cur.id = inforce.id JOIN procedures p ON p.id = cur.procedure_id
      WHERE (p.retired_from IS NULL OR p.retired_from > ${day}) AND ${sql.join(where, sql` AND `)}
      ORDER BY rn
      LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}
    )
    SELECT page.code, page.name, v.content->>'nameEn' AS name_en, page.field_code, f.name AS field_name, page.levels, page.online_level, page.essential, page.total
    FROM page
    JOIN procedure_versions v ON v.id = page.id
    JOIN procedure_fields f ON f.code = page.field_code
    ORDER BY page.rn`.execute(db);
  const items: ProcedureHit[] = res.rows.map((r) => ({
    code: r.code,
    name: r.name,
    nameEn: r.name_en,
    fieldCode: r.field_code,
    fieldName: r.field_name,
    levels: levelsFromColumn(r.levels),
    onlineLevel: r.online_level,
    essential: r.essential,
  }));
  return { total: Number(res.rows[0]?.total ?? 0), page, pageSize, items };
}
