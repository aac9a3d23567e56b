/**
 * A dossier's change as data (issue 16 item 6): the use cases decide, build the rows, then write.
 *
 *   decideAction(facts, actor, action, request, now, rules)   -> the plan, or a refusal          (change-decide.ts)
 *   buildActionChange(facts, actor, action, request, ...)     -> the rows to insert and update   (change-build.ts)
 *   eventRows(dossier, event, ids)                            -> the event, its outbox message, its audit entry (change-events.ts)
 *
 * The shared types (the facts, the request, the verdict, the rows) are in change-types.ts.
 *
 * All pure: no clock, no database, ids from the caller (`randomUUID` in the service, the seeded
 * stream in the demo generator's bulk path, which applies the same change to its rows in memory).
 * The store writes a change in one transaction (store.writeActionChange).
 */
export type {
  NewId,
  ChangeSnapshot,
  StoredBlobRef,
  ActionRequest,
  RequestFact,
  ItemFact,
  ActionFacts,
  ActionRules,
  ActionRefusal,
  ActionDecision,
  ActionChange,
} from './change-types';
export { NO_STEP } from './change-types';
export { factsNeeded, decideAction } from './change-decide';
export { actorKindOf, eventRows, type EventInput, type EventRow, type OutboxRow, type AuditRow, type EventRows } from './change-events';
export { buildActionChange } from './change-build';
