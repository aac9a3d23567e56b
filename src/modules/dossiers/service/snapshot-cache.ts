/**
 * The procedure version in force, read from the catalogue on every submission (so a newly
 * published version applies at once), but answered with the same snapshot object as long as
 * the version and its e-form are unchanged: the catalogue compiles an e-form's JSON Schema
 * once per schema object, so a fresh object per submission meant one AJV compilation per
 * submission (the largest CPU cost of a submission).
 */
import type { Ctx } from '../../../platform/context';
import type { ProcedureSnapshot } from '../../catalogue/model';
import * as deps from '../deps';

const kept = new Map<string, { snap: ProcedureSnapshot; form: string }>();
const MAX_KEPT = 2000;

export async function procedureSnapshotAt(ctx: Ctx, code: string, at: Date): Promise<ProcedureSnapshot | null> {
  const fresh = await deps.procedureSnapshot(ctx, code, at);
  if (!fresh) return null;
  const form = JSON.stringify(fresh.eForm);
  const hit = kept.get(fresh.versionId);
  if (hit && hit.form === form) return { ...fresh, eForm: hit.snap.eForm };
  if (kept.size >= MAX_KEPT) kept.clear();
  kept.set(fresh.versionId, { snap: fresh, form });
  return fresh;
}
