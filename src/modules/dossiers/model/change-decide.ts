/**
 * The decision on an action (model/change.ts): facts -> the machine's plan, or the first refusal.
 */
import type { Actor } from '../../../platform/auth';
import type { MessageKey } from '../../../platform/i18n/keys';
import { MACHINE, type DossierAction } from './actions';
import { sourcesOf } from './data-sources';
import { decide } from './machine';
import { RETURN_METHODS } from './states';
import { checkAnswers, checkSupplementItems, itemsFromMissing, needsLeaderApproval, type SupplementItem } from './supplement';
import { CLOSING, openRequest, type ActionDecision, type ActionFacts, type ActionRefusal, type ActionRequest, type ActionRules } from './change-types';

/** Which facts beyond the dossier and its files an action needs loaded. */
export function factsNeeded(
  action: DossierAction,
  req: Pick<ActionRequest, 'approval'>,
): { openPause: boolean; supplementRequests: boolean; openItems: boolean } {
  return {
    openPause: MACHINE[action].pause === 'end' || CLOSING.includes(action),
    supplementRequests: action === 'supplement' || (action === 'request_supplement' && !!req.approval),
    openItems: action === 'supplement',
  };
}

const refuse = (status: number, key: MessageKey, params?: Record<string, unknown>, fields?: ActionRefusal['fields']): ActionRefusal => ({
  ok: false,
  status,
  key,
  ...(params ? { params } : {}),
  ...(fields ? { fields } : {}),
});

/** The decision on an action: the machine's plan and the action's own checks, or the first refusal. */
export function decideAction(f: ActionFacts, actor: Actor, action: DossierAction, req: ActionRequest, now: Date, rules: ActionRules): ActionDecision {
  const d = f.dossier;
  if (d.version !== req.version) return refuse(409, 'dossier.changed');
  const decision = decide(f.machine, actor, action, { comment: req.comment, consultUnitId: req.consultUnitId, newAppointmentAt: req.newAppointmentAt }, now);
  if (!decision.ok) return refuse(decision.status, decision.key, decision.params);
  if (action === 'return_result') {
    const method = req.returnMethod;
    if (!method || !RETURN_METHODS.includes(method)) return refuse(400, 'dossier.return_method_invalid');
    const desk = actor.roles.some((g) => g.role === 'reception' && g.unitId === d.receiving_unit_id);
    if (!desk && method !== 'post') return refuse(400, 'dossier.return_method_invalid');
  }
  let items: SupplementItem[] = [];
  if (action === 'request_supplement') {
    // One complete request: every deficient item against the checklist; nothing the state holds asked for on paper.
    const given = req.items && req.items.length ? req.items : itemsFromMissing(req.missing ?? []);
    const r = checkSupplementItems(f.snapshot.components, sourcesOf(d.component_sources), rules.componentsFromSource, given);
    if (!r.ok) return refuse(r.status, r.key, r.params, r.field ? [{ field: r.field, message: r.key }] : undefined);
    items = r.items;
    // A second (or later) request goes through a leader's approval (service/supplement.ts).
    if (!req.approval && needsLeaderApproval(d.supplement_requests, rules.supplementOnce))
      return refuse(409, 'dossier.supplement_needs_approval', { n: d.supplement_requests + 1 });
    if (req.approval && !(f.supplementRequests ?? []).some((x) => x.id === req.approval!.requestId && x.state === 'pending'))
      return refuse(409, 'dossier.supplement_not_pending');
  }
  if (action === 'supplement' && req.answers && openRequest(f)) {
    const c = checkAnswers(
      f.openItems ?? [],
      req.answers.map((a) => ({ itemId: a.itemId, note: a.note, hasFile: !!a.file })),
    );
    if (!c.ok) return refuse(400, c.key, c.params);
  }
  return { ok: true, plan: decision.plan, items };
}
