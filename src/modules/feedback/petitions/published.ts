/** The answers published for everyone (personal data removed at publication). */
import type { Ctx } from '../../../platform/context';
import { fold } from '../../../platform/text';
import { getUnit } from '../../units/service';

/** Published answers, newest first; searchable without diacritics. Personal data was removed at publication. */
export async function publishedPetitions(ctx: Ctx, f: { q?: string; limit?: number } = {}) {
  let q = ctx.db
    .selectFrom('petitions')
    .select(['code', 'public_title', 'public_question', 'public_answer', 'published_at', 'unit_id', 'folded'])
    .where('published_at', 'is not', null);
  for (const w of fold(f.q ?? '')
    .split(' ')
    .filter(Boolean)
    .slice(0, 8))
    q = q.where('folded', 'like', `%${w.replace(/[%_\\]/g, '')}%`);
  const rows = await q
    .orderBy('published_at', 'desc')
    .limit(f.limit ?? 50)
    .execute();
  const out = [];
  for (const r of rows)
    out.push({
      code: r.code,
      title: r.public_title ?? '',
      question: r.public_question ?? '',
      answer: r.public_answer ?? '',
      publishedAt: new Date(r.published_at!).toISOString(),
      unitName: (await getUnit(ctx, r.unit_id))?.name ?? r.unit_id,
    });
  return out;
}
