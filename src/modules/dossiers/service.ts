/**
 * Use cases of the dossier lifecycle. Every function takes ctx first and, for changes, the
 * actor; the HTTP routes, the screens and the demo data generator all call these.
 */
import type { Actor } from '../../platform/auth';
import type { Ctx } from '../../platform/context';
import type { ActionRequest } from './service/transition';
import { performAction } from './service/transition';
import { ACTIONS, MACHINE, decide, type DossierAction } from './model';
export { componentIsElectronic, NATIONAL_STATUS } from './model';
import { toMachine } from './service/common';
import { listFiles, type Dossier } from './store';

export {
  submitDossier,
  type SubmitInput,
  type SubmitResult,
  type ApplicantInput,
  type StoredDocumentRef,
  type ResolvedStoredDocument,
  type StoredDocumentResolver,
} from './service/submit';
export { performAction, type ActionRequest } from './service/transition';
export type { StoredDocumentFinder } from './service/sources';
export { addFile, readFile, type UploadedFile, type FileKind } from './service/files';
export { saveDraft, getDraftFor, listDraftsFor, discardDraft, type DraftView, type DraftStep } from './service/drafts';
export { draftUploads, receiptOf, storeWholeUpload, type UploadReceipt, type UploadRef } from './service/uploads';
export { retryResultSigning, signErrorText } from './service/sign-result';
export { confirmFeePaidOnline, type FeePaidOutcome } from './service/fee-paid';
export { frontDoorOf, type FrontDoorInfo, type FrontDoorLookup } from './service/front-door';
export {
  endedUnitsWithDossiers,
  rerouteRetiredDossiers,
  rerouteComment,
  type EndedUnitWithDossiers,
  type RerouteOutcome,
  type RerouteReason,
  type RerouteRun,
  type UnitWithoutSuccessor,
} from './service/reroute';
export { REROUTE_TOPIC, scheduleReroute } from './service/reroute-job';
export {
  getDossier,
  getDossierFor,
  getDossierViewForSystem,
  viewOfInserted,
  listDossierEvents,
  listDossierSteps,
  listDossierPauses,
  listMyDossiers,
  workQueue,
  dossierFacts,
  dossierIdsAfter,
  dossiersForFacts,
  dossierViewsForSystem,
  eventView,
  receivedAtFormer,
  QUEUES,
  type QueueName,
} from './service/read';
export { canSee, canSeeDossier } from './service/access';
export { viewOf, type DossierView } from './service/view';
export { lookupPublic, type PublicStatus } from './service/public-lookup';
export {
  startConsent,
  confirmConsent,
  getConsentFor,
  assistedConsentOf,
  helperRoleOf,
  consentView,
  type ConsentView,
  type StartConsentInput,
} from './service/consent';
export { registerPdf, slipPdf, SLIP_KINDS, type SlipKind } from './service/slips';
export {
  listSupplementRequests,
  requestSupplementItems,
  decideSupplementRequest,
  answerSupplement,
  repeatedSupplementRequests,
  type SupplementRequestView,
  type SupplementItemView,
  type SupplementInput,
  type AnswerInput,
} from './service/supplement';
export type { Dossier, DossierEvent, DossierFile, FactRow } from './store';
export type { Defect } from './model/supplement';

/** Reception: the dossier is complete; the receipt and appointment slip (Mẫu 01) can be printed. */
export const receiveDossier = (ctx: Ctx, actor: Actor, id: string, req: ActionRequest) => performAction(ctx, actor, id, 'receive', req);
/** Asks for everything missing in one go (Mẫu 02); the clock stops. */
export const requestSupplement = (ctx: Ctx, actor: Actor, id: string, req: ActionRequest & { missing: string[] }) =>
  performAction(ctx, actor, id, 'request_supplement', req);
/** The applicant's supplement arrived; the clock resumes (or restarts, NĐ 61 art. 19(4)). */
export const provideSupplement = (ctx: Ctx, actor: Actor, id: string, req: ActionRequest) => performAction(ctx, actor, id, 'supplement', req);
/** Refusal with the reason (Mẫu 03). */
export const refuseDossier = (ctx: Ctx, actor: Actor, id: string, req: ActionRequest) => performAction(ctx, actor, id, 'refuse', req);
export const forwardDossier = (ctx: Ctx, actor: Actor, id: string, req: ActionRequest) => performAction(ctx, actor, id, 'forward', req);
export const approveDossier = (ctx: Ctx, actor: Actor, id: string, req: ActionRequest) => performAction(ctx, actor, id, 'approve', req);
/** Apology and new appointment date (Mẫu 04), once, at least a day before the due date. */
export const apologize = (ctx: Ctx, actor: Actor, id: string, req: ActionRequest & { newAppointmentAt: Date }) =>
  performAction(ctx, actor, id, 'apologize', req);
export const returnResult = (ctx: Ctx, actor: Actor, id: string, req: ActionRequest) => performAction(ctx, actor, id, 'return_result', req);
export const withdrawDossier = (ctx: Ctx, actor: Actor, id: string, req: ActionRequest) => performAction(ctx, actor, id, 'withdraw', req);
export const cancelDossier = (ctx: Ctx, actor: Actor, id: string, req: ActionRequest) => performAction(ctx, actor, id, 'cancel', req);

/**
 * The actions `actor` may offer on dossier `d` now (for the screens): the state allows it, the
 * actor holds the role at the right unit, and no state guard forbids it. Input checks (reason,
 * dates) are left to the action itself. File uploads (attach_result) are included.
 */
export async function allowedActions(ctx: Ctx, actor: Actor, d: Dossier): Promise<DossierAction[]> {
  const m = toMachine(d, await listFiles(ctx.db, d.id));
  const now = ctx.clock.now();
  const far = new Date(now.getTime() + 365 * 86_400_000);
  return ACTIONS.filter((a) => {
    if (!MACHINE[a].from.includes(m.state)) return false;
    const r = decide(m, actor, a, { comment: 'x', consultUnitId: '\u0000', newAppointmentAt: far }, now);
    return r.ok || r.status === 400 || r.key === 'dossier.components_missing';
  });
}
export { syncOfflineIntake, offlineCatalogue, type OfflineIntakeInput, type OfflineIntakeResult, type OfflineCatalogueEntry } from './service/offline-intake';
export {
  bulkAction,
  bulkSlips,
  importResultsCsv,
  BULK_ACTIONS,
  BULK_MAX,
  type BulkAction,
  type BulkOutcome,
  type BulkReport,
  type BulkRequest,
  type CsvReport,
  type CsvRowOutcome,
} from './service/bulk';
