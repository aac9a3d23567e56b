/**
 * Submission through every channel: online (citizen or business), in person at a reception
 * desk, by post (the postal service point), assisted by the community digital team.
 * The dossier gets its code at submission, whatever the channel (see docs/decisions-dossiers.md).
 *
 * In three steps, as performAction (issue 16 item 6): read the facts and decide
 * (model/submission.ts decideSubmission: every refusal, as data, in the order they always came;
 * the decision asks for the later facts - the stored documents, the sources, the agency code, the
 * uploads - once the earlier ones pass), build the rows (model/submission-rows.ts
 * buildSubmission), write them in one transaction (store.writeSubmission).
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../platform/auth';
import { nextDossierCode } from '../../../platform/codes';
import { civilDateVN } from '../../../platform/calendar/types';
import type { Ctx } from '../../../platform/context';
import { AppError, conflict } from '../../../platform/errors';
import type { Lang } from '../../../platform/i18n';
import type { ProcedureSnapshot } from '../../catalogue/model';
import { getPersonByPersonalId } from '../../identity/service';
import * as deps from '../deps';
import {
  buildSubmission,
  channelFor,
  decideSubmission,
  newLookupPin,
  receptionDesks,
  type SubmissionDecision,
  type SubmissionFacts,
  type SubmissionRequest,
  type UploadRef,
} from '../model';
import * as store from '../store';
import type { Dossier, DossierFile } from '../store';
import type { DossierSnapshot } from './common';
import { storeUpload, type UploadedFile } from './files';
import { closeDraftOnSubmission } from './drafts';
import { readUploadsForSubmission } from './uploads';
import { procedureSnapshotAt } from './snapshot-cache';
import { fetchComponentSources } from './sources';
import { storedDocumentsPort } from '../ports';

export type { ApplicantInput, ResolvedStoredDocument, StoredDocumentRef } from '../model';
export { pickAgency } from '../model';
import type { ResolvedStoredDocument } from '../model';

/** A submission as the routes and the demo generator make it: the request the model decides on, with the files' bytes. */
export interface SubmitInput extends SubmissionRequest {
  summary?: string;
  files?: UploadedFile[];
  uploads?: UploadRef[];
  idempotencyKey?: string;
  lang?: Lang;
  ip?: string | null;
}

/** Finds a stored document of `owner` (null when it is not theirs, unknown or no longer valid). */
export type StoredDocumentResolver = (
  ctx: Ctx,
  q: { owner: { kind: 'citizen' | 'organisation'; id: string }; storedDocumentId: string },
) => Promise<ResolvedStoredDocument | null>;

export interface SubmitResult {
  dossier: Dossier;
  /** The 6-digit lookup PIN (also printed on the receipt). */
  lookupPin: string;
  replayed: boolean;
  /** A new submission: its files as inserted (RETURNING), so the answer needs no read after the commit. */
  files?: DossierFile[];
}

export function keepOfSnapshot(s: ProcedureSnapshot): DossierSnapshot {
  return {
    code: s.code,
    name: s.name,
    nameEn: s.nameEn,
    fieldName: s.fieldName,
    processingTime: s.processingTime,
    onlineProcessingTime: s.onlineProcessingTime,
    components: s.components,
    process: s.process,
    result: s.result,
    resultDocumentType: s.resultDocumentType,
  };
}

export async function submitDossier(ctx: Ctx, actor: Actor, input: SubmitInput): Promise<SubmitResult> {
  const now = ctx.clock.now();
  const submitterId = `${actor.kind}:${actor.id}`;
  if (input.idempotencyKey) {
    const prior = await store.findByIdempotencyKey(ctx.db, submitterId, input.idempotencyKey);
    if (prior) return replay(prior, input);
  }
  // Read, decide; read what the decision asks for next, decide again (at most twice more).
  const facts = await readFacts(ctx, actor, input, now);
  let decision = decideSubmission(facts);
  while (decision.ok === 'read') {
    await readMore(ctx, actor, input, facts, decision);
    decision = decideSubmission(facts);
  }
  if (!decision.ok) throw new AppError(decision.status, decision.key, decision.params, decision.fields);
  const plan = decision.plan;
  const snap = plan.snapshot;
  // Issue 11 item 4: an address with old unit names is kept as typed and never refused; today's names go beside it.
  const address = plan.applicant.address;
  const addressToday = address ? await deps.normaliseAddressNow(ctx, address).then((n) => (n.changed ? n.today : null)) : null;
  // Upload outside the transaction (blob stores are not transactional); the rows go in with the dossier.
  const sent = await Promise.all((input.files ?? []).map((f) => storeUpload(ctx, f)));

  const id = randomUUID();
  const pin = newLookupPin();
  // The code number is taken in its own short statement (autocommit), not in the transaction:
  // the counter row of (agency, day) is locked for that statement only, so submissions to one
  // desk do not queue behind each other's commits. A submission that fails below leaves a gap
  // in the day's numbers (see nextDossierCode).
  const code = await nextDossierCode(ctx.db, plan.agencyCode, now);
  const rows = buildSubmission(
    plan,
    { actor, now, kept: keepOfSnapshot(snap), summary: input.summary, idempotencyKey: input.idempotencyKey, ip: input.ip, addressToday, sent },
    { id, code, pin, newId: randomUUID },
  );
  let written: { dossier: Dossier; files: DossierFile[] } | undefined;
  try {
    await ctx.db.transaction().execute(async (trx) => {
      // The draft of this application is done (after the uploads are linked: its other uploads are discarded).
      const r = await store.writeSubmission(trx, rows, async () => {
        if (rows.closesDraft) await closeDraftOnSubmission(trx, actor, snap.code, id, now, input.ip);
      });
      // An upload or the consent taken by a concurrent submission: this one rolls back.
      if (!r.ok) throw conflict(r.taken === 'upload' ? 'upload.in_dossier' : 'dossier.assisted.consent_used');
      written = r;
    });
  } catch (err) {
    // A concurrent retry with the same key won the race: answer with its dossier.
    if (input.idempotencyKey) {
      const prior = await store.findByIdempotencyKey(ctx.db, submitterId, input.idempotencyKey);
      if (prior) return replay(prior, input);
    }
    throw err;
  }
  // Committed as returned by the INSERT: no second read.
  return { dossier: written!.dossier, lookupPin: pin, replayed: false, files: written!.files };
}

/** The facts every submission's decision reads: the procedure version in force, the desks, the citizen, the consent. */
async function readFacts(ctx: Ctx, actor: Actor, input: SubmitInput, now: Date): Promise<SubmissionFacts> {
  const day = civilDateVN(now);
  const channel = channelFor(actor, input.channel);
  const facts: SubmissionFacts = { actor, request: input, now, day, procedure: null, openDesks: null, person: null, consent: null };
  if (typeof channel !== 'string') return facts; // refused by the decision
  const snap = await procedureSnapshotAt(ctx, input.procedureCode, now);
  if (snap)
    facts.procedure = {
      snapshot: snap,
      paperRefused: deps.paperRefusedFor(snap.essential, now),
      boundaryFree: deps.boundaryFreeOn(snap.boundaryFree, day),
      validate: (data) => deps.validateEForm(ctx, snap, data, input.lang ?? 'vi'),
    };
  const desks = receptionDesks(actor);
  if (channel === 'in_person' && !input.receivingUnitId && desks.length > 1) facts.openDesks = await deps.unitsExistingOn(ctx, desks, day);
  if (channel === 'online' && actor.personalId) facts.person = (await getPersonByPersonalId(ctx, actor.personalId)) ?? null;
  if (channel === 'assisted' && input.consentId && !input.replayedHistory) facts.consent = (await store.getConsent(ctx.db, input.consentId)) ?? null;
  return facts;
}

/** What the decision asked for: the stored documents named, then the sources, the agency code and the uploads. */
async function readMore(ctx: Ctx, actor: Actor, input: SubmitInput, facts: SubmissionFacts, ask: Extract<SubmissionDecision, { ok: 'read' }>) {
  if (ask.next === 'stored') {
    facts.stored = {};
    for (const [componentKey, ref] of Object.entries(input.storedDocuments ?? {})) {
      // The e-data store is a port given to the module's manifest (ports.ts); the dossiers module does not depend on it.
      const port = storedDocumentsPort();
      facts.stored[componentKey] = port ? await port.resolve(ctx, { owner: ask.owner, storedDocumentId: ref.storedDocumentId }) : null;
      if (!facts.stored[componentKey]) return; // refused by the decision: the rest is not asked
    }
    return;
  }
  const snap = facts.procedure!.snapshot;
  // Data instead of paper: the components that name a source are fetched, not asked for.
  const fetched = input.replayedHistory
    ? { sources: {}, linked: [] }
    : await fetchComponentSources(ctx, actor, { components: snap.components, owner: ask.owner, at: facts.now, satisfied: new Set(ask.satisfied) });
  const agencyCode = await deps.agencyCodeForSubmission(ctx, ask.receivingUnitId);
  facts.rest = { fetched, agencyCode, uploads: await readUploadsForSubmission(ctx, ask.uploadRefs) };
}

function replay(prior: Dossier, input: SubmitInput): SubmitResult {
  if (prior.procedure_code !== input.procedureCode) throw conflict('dossier.idempotency_mismatch');
  return { dossier: prior, lookupPin: prior.lookup_pin ?? '', replayed: true };
}
