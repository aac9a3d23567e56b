/**
 * The service path: every operation of every plan goes through the real use cases
 * (submitDossier, addFile, performAction) with a private clock moved to the operation's time,
 * in global time order, so codes, due dates, events, steps, pauses, audit and outbox rows are
 * exactly what the running system writes. About 10 ms per operation on PGlite.
 */
import { TestClock, type Ctx } from '../../../platform/context';
import { addFile, performAction, submitDossier } from '../service';
import { DEMO_PDF, demoFileName } from './files';
import type { DossierPlan } from './plan';

export interface ServiceRunResult {
  dossiers: number;
  operations: number;
  /** Plans whose operation failed (should be none; reported by the tests). */
  failures: { index: number; op: string; error: string }[];
}

export async function runServicePath(ctx: Ctx, plans: DossierPlan[]): Promise<ServiceRunResult> {
  const clock = new TestClock(ctx.clock.now());
  const own: Ctx = { ...ctx, clock };
  type Item = { at: number; plan: DossierPlan; op: number };
  const items: Item[] = [];
  for (const p of plans) {
    items.push({ at: p.submittedAt.getTime(), plan: p, op: -1 });
    p.ops.forEach((o, i) => items.push({ at: o.at.getTime(), plan: p, op: i }));
  }
  items.sort((a, b) => a.at - b.at || a.plan.index - b.plan.index || a.op - b.op);
  const state = new Map<number, { id: string; version: number } | null>();
  const res: ServiceRunResult = { dossiers: 0, operations: 0, failures: [] };
  for (const it of items) {
    const p = it.plan;
    const cur = state.get(p.index);
    if (it.op >= 0 && !cur) continue; // the submission failed
    clock.set(new Date(it.at));
    try {
      if (it.op < 0) {
        const r = await submitDossier(own, p.submitter, {
          procedureCode: p.procedure.code,
          channel: p.channel,
          receivingUnitId: p.receivingUnitId,
          decidingUnitId: p.decidingUnitId,
          asOrganisation: p.asOrganisation,
          applicant: p.applicant,
          data: p.data,
          files: p.components.map((k) => ({ componentKey: k, fileName: demoFileName('component', k), contentType: 'application/pdf', bytes: DEMO_PDF })),
          replayedHistory: true,
        });
        state.set(p.index, { id: r.dossier.id, version: r.dossier.version });
        res.dossiers++;
      } else {
        const op = p.ops[it.op]!;
        if (op.kind === 'file') {
          await addFile(own, op.actor, cur!.id, op.fileKind, {
            componentKey: op.componentKey,
            fileName: demoFileName(op.fileKind, op.componentKey),
            contentType: 'application/pdf',
            bytes: DEMO_PDF,
          });
          cur!.version++;
        } else {
          const d = await performAction(own, op.actor, cur!.id, op.action, {
            version: cur!.version,
            comment: op.comment,
            missing: op.missing,
            consultUnitId: op.consultUnitId,
            newAppointmentAt: op.newAppointmentAt,
            returnMethod: op.returnMethod,
          });
          cur!.version = d.version;
        }
      }
      res.operations++;
    } catch (err) {
      const name =
        it.op < 0 ? 'submit' : ((p.ops[it.op] as { action?: string; fileKind?: string }).action ?? (p.ops[it.op] as { fileKind?: string }).fileKind ?? '?');
      res.failures.push({
        index: p.index,
        op: name,
        error: err instanceof Error ? `${err.message} ${JSON.stringify((err as { params?: unknown }).params ?? '')}` : String(err),
      });
      state.set(p.index, null);
    }
  }
  return res;
}
