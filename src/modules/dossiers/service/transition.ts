/**
 * Every change of a dossier's state goes through `performAction`, in three steps (issue 16
 * item 6): the model decides (model/change.ts decideAction: the machine's plan and the action's
 * own checks, or a refusal), builds the rows (buildActionChange: the dossier's patch, the event,
 * the step history, the pauses of the clock, the outbox message and the audit entry), and the
 * store writes them in one transaction (UPDATE ... WHERE version = the version the client saw,
 * then the other rows in one statement).
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../platform/auth';
import type { Ctx } from '../../../platform/context';
import { AppError, badRequest, conflict, notFound } from '../../../platform/errors';
import { listOfficersAt } from '../../identity/service';
import * as deps from '../deps';
import { buildActionChange, decideAction, factsNeeded, type ActionFacts, type ActionRules, type DossierAction } from '../model';
import * as store from '../store';
import type { Dossier } from '../store';
import { snapshotOf, toMachine } from './common';
import { enqueueResultSigning } from './sign-result';

export type { ActionRequest } from '../model';
import type { ActionRequest } from '../model';

export async function performAction(ctx: Ctx, actor: Actor, dossierId: string, action: DossierAction, req: ActionRequest): Promise<Dossier> {
  if (action === 'attach_result') throw badRequest('dossier.use_file_upload');
  const now = ctx.clock.now();
  const cal = await deps.workCalendar(ctx);
  const pre = await store.getDossier(ctx.db, dossierId);
  if (!pre) throw notFound('dossier.not_found');
  if (action === 'assign') await checkAssignee(ctx, pre, req.assigneeId);

  try {
    await ctx.db.transaction().execute(async (trx) => {
      // Read what the action needs, decide, build the rows, write them.
      const facts = await loadFacts(trx, dossierId, action, req);
      const decision = decideAction(facts, actor, action, req, now, rulesFor(facts.dossier));
      if (!decision.ok) throw new AppError(decision.status, decision.key, decision.params, decision.fields);
      const change = buildActionChange(facts, actor, action, req, now, cal, decision, randomUUID);
      if ((await store.writeActionChange(trx, change)) == null) throw conflict('dossier.changed');
      // The approving leader signs the results already attached (docs/decisions-dossiers.md "Signed results").
      if (action === 'approve') await enqueueResultSigning(trx, dossierId, facts.files, actor.id);
    });
  } catch (err) {
    if (!(err instanceof AppError && err.key === 'dossier.changed' && req.idempotencyKey)) throw err;
    const done = await store.findEventByKey(ctx.db, dossierId, action, actor.id, req.idempotencyKey);
    if (!done) throw err;
  }
  return (await store.getDossier(ctx.db, dossierId))!;
}

/** The dossier, its files and what else the action reads (the open pause, the supplement requests), in the transaction. */
async function loadFacts(trx: Ctx['db'], dossierId: string, action: DossierAction, req: ActionRequest): Promise<ActionFacts & { files: store.DossierFile[] }> {
  const d = await store.getDossier(trx, dossierId);
  if (!d) throw notFound('dossier.not_found');
  const need = factsNeeded(action, req);
  const [files, openPause, requests] = await Promise.all([
    store.listFiles(trx, dossierId),
    need.openPause ? store.openPause(trx, dossierId) : undefined,
    need.supplementRequests ? store.listSupplementRequests(trx, dossierId) : undefined,
  ]);
  const open = requests?.filter((x) => x.state === 'issued').at(-1);
  const openItems = need.openItems && open ? await store.listSupplementItems(trx, [open.id]) : undefined;
  return { dossier: d, machine: toMachine(d, files), snapshot: snapshotOf(d), files, openPause: openPause ?? null, supplementRequests: requests, openItems };
}

/** The rules in force for the dossier that an action reads. */
function rulesFor(d: Dossier): ActionRules {
  return { componentsFromSource: deps.componentsFromSourceAt(d.submitted_at), supplementOnce: deps.supplementOnceFor(d) };
}

async function checkAssignee(ctx: Ctx, d: Dossier, assigneeId?: string) {
  if (!assigneeId) throw badRequest('dossier.assignee_invalid');
  if (!d.step_unit_id || !d.step_role) return; // the state check will refuse
  const officers = await listOfficersAt(ctx, [d.step_unit_id], [d.step_role as never]);
  if (!officers.some((o) => o.id === assigneeId)) throw badRequest('dossier.assignee_invalid');
}
