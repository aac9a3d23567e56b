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
    where.push(sql`EXISTS (SELECT 1 FROM procedure_agencies a WHERE a.procedure_id = cur.procedure_id AND (a.receiving_unit_id = ${p.agency} OR a.deciding_unit_id = ${p.agency}))`);
  const nameAllTokens = q ? sql.join(q.tokens.map((t) => sql`(' ' || cur.name_folded) LIKE ${'% ' + t + '%'}`), sql` AND `) : sql`TRUE`;
  const tier = q
    ? sql`CASE WHEN cur.name_folded = ${q.phrase} THEN 0
               WHEN (' ' || cur.name_folded || ' ') LIKE ${'% ' + q.phrase + ' %'} THEN 1
               WHEN ${nameAllTokens} THEN 2 ELSE 3 END`
    : null;
  const strong = q ? sql`(${q.phrase.length}::float / greatest(length(cur.name_folded), 1)) >= 0.4` : null;
  const order = [...(tier ? [tier] : []), ...(strong ? [sql`${strong} DESC`] : []), sql`cur.essential DESC`, sql`length(cur.name_folded)`, sql`cur.code`];
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
    WITH cur AS (
      SELECT DISTINCT ON (v.procedure_id) v.procedure_id, p.code, v.name, v.name_folded, v.search_folded,
        v.field_code, v.levels, v.online_level, v.essential, v.content->>'nameEn' AS name_en
      FROM procedure_versions v JOIN procedures p ON p.id = v.procedure_id
      WHERE v.status = 'published' AND v.effective_from <= ${day} AND p.retired_at IS NULL
      ORDER BY v.procedure_id, v.effective_from DESC, v.seq DESC
    )
    SELECT cur.code, cur.name, cur.name_en, cur.field_code, f.name AS field_name, cur.levels, cur.online_level, cur.essential,
      count(*) OVER () AS total
    FROM cur JOIN procedure_fields f ON f.code = cur.field_code
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY ${sql.join(order, sql`, `)}
    LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`.execute(db);
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
