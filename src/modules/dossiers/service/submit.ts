/**
 * Submission through every channel: online (citizen or business), in person at a reception
 * desk, by post (the postal service point), assisted by the community digital team.
 * The dossier gets its code at submission, whatever the channel (see docs/decisions-dossiers.md).
 */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../../../platform/auth';
import { nextDossierCode } from '../../../platform/codes';
import { civilDateVN } from '../../../platform/calendar/types';
import type { Ctx } from '../../../platform/context';
import { AppError, badRequest, conflict, forbidden, notFound, type FieldError } from '../../../platform/errors';
import type { Lang } from '../../../platform/i18n';
import type { ProcedureSnapshot } from '../../catalogue/model';
import { getPersonByPersonalId } from '../../identity/service';
import * as deps from '../deps';
import { failedFetches, newLookupPin, paperForFetched, type Channel } from '../model';
import * as store from '../store';
import type { Dossier, DossierFile } from '../store';
import { appendAudit } from '../../../platform/audit';
import { recordEvent, type DossierSnapshot } from './common';
import { checkConsentUsable, useConsent } from './consent';
import type { AssistedConsent } from '../store';
import { storeUpload, type UploadedFile } from './files';
import { closeDraftOnSubmission } from './drafts';
import { linkUploads } from '../drafts-store';
import { resolveUploadsForSubmission, type UploadRef } from './uploads';
import { procedureSnapshotAt } from './snapshot-cache';
import { fetchComponentSources } from './sources';
import { storedDocumentsPort } from '../ports';

export interface ApplicantInput {
  kind?: 'citizen' | 'organisation';
  /** Personal ID number (12 digits) or, for an organisation, its tax code. */
  idNumber: string;
  name: string;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
}

export interface SubmitInput {
  procedureCode: string;
  channel?: Channel;
  receivingUnitId?: string;
  /** The competent agency, when the procedure has several (e.g. the commune where the applicant lives, for a boundary-free reception). */
  decidingUnitId?: string;
  /** Online: apply for the business the citizen represents. */
  asOrganisation?: boolean;
  /** Officer channels: who the dossier belongs to. Online: optional contact details. */
  applicant?: ApplicantInput;
  data?: Record<string, unknown>;
  summary?: string;
  files?: UploadedFile[];
  /**
   * Components satisfied by acknowledged resumable uploads (tus), by id and the receipt's hash;
   * a component with a file in `files` too takes that file.
   */
  uploads?: UploadRef[];
  /** Components satisfied by a document of the applicant's e-data store instead of an upload (reuse). */
  storedDocuments?: Record<string, StoredDocumentRef>;
  idempotencyKey?: string;
  /** Assisted channel: the citizen's confirmed consent (service/consent.ts), used up by this dossier. */
  consentId?: string;
  /**
   * The demo generator replays past submissions: the sources as they were then cannot be asked, so
   * nothing is fetched (as in its bulk path); never set by a route.
   */
  replayedHistory?: boolean;
  lang?: Lang;
  ip?: string | null;
}

/** A document of the personal e-data store (module warehouse) named for a component. */
export interface StoredDocumentRef {
  storedDocumentId: string;
}
export interface ResolvedStoredDocument {
  id: string;
  code: string;
  sha256: string;
  fileName: string;
  contentType: string;
  size: number;
  fromNationalStore: boolean;
}
/** Finds a stored document of `owner` (null when it is not theirs, unknown or no longer valid). */
export type StoredDocumentResolver = (
  ctx: Ctx,
  q: { owner: { kind: 'citizen' | 'organisation'; id: string }; storedDocumentId: string },
) => Promise<ResolvedStoredDocument | null>;

async function resolveStored(ctx: Ctx, owner: { kind: 'citizen' | 'organisation'; id: string }, refs: [string, StoredDocumentRef][]) {
  const out: { componentKey: string; doc: ResolvedStoredDocument }[] = [];
  for (const [componentKey, ref] of refs) {
    // The e-data store is a port given to the module's manifest (ports.ts); the dossiers module does not depend on it.
    const store = storedDocumentsPort();
    const doc = store ? await store.resolve(ctx, { owner, storedDocumentId: ref.storedDocumentId }) : null;
    if (!doc) throw badRequest('warehouse.document_not_found', undefined, [{ field: `storedDocuments.${componentKey}`, message: ref.storedDocumentId }]);
    out.push({ componentKey, doc });
  }
  return out;
}

export interface SubmitResult {
  dossier: Dossier;
  /** The 6-digit lookup PIN (also printed on the receipt). */
  lookupPin: string;
  replayed: boolean;
  /** A new submission: its files as inserted (RETURNING), so the answer needs no read after the commit. */
  files?: DossierFile[];
}

function channelFor(actor: Actor, wanted?: Channel): Channel {
  if (actor.kind === 'citizen') {
    if (wanted && wanted !== 'online') throw forbidden('dossier.channel_not_allowed');
    return 'online';
  }
  const has = (r: string) => actor.roles.some((g) => g.role === r);
  const allowed: Channel[] = [];
  if (has('reception')) allowed.push('in_person');
  if (has('postal')) allowed.push('post');
  // Assisted submission (issue 17 item 3): any helper role, with the citizen's consent.
  if (has('reception') || has('postal') || has('digital_team')) allowed.push('assisted');
  if (wanted) {
    if (!allowed.includes(wanted)) throw forbidden('dossier.channel_not_allowed');
    return wanted;
  }
  if (allowed.length === 0) throw forbidden('dossier.channel_not_allowed');
  return allowed[0]!;
}

type AgencyChoice = { receivingUnitId: string; decidingUnitId: string; boundaryFree: { validFrom: string; validTo: string | null; decision: string } | null };

/**
 * Where the dossier is received and who decides it. At the desk (in person): a pair of the
 * procedure version whose receiving unit is the officer's desk; else, when the version is on the
 * province's "phi địa giới" list on the reception day, the officer's desk receives it and the
 * dossier goes to the competent (deciding) agency wherever it sits (Decree 118/2025/NĐ-CP
 * Art. 14(2)); else the desk is refused. Other channels choose among the version's pairs.
 */
export function pickAgency(
  actor: Actor,
  snap: ProcedureSnapshot,
  channel: Channel,
  day: string,
  wanted: { receivingUnitId?: string; decidingUnitId?: string } = {},
): AgencyChoice {
  const fits = (a: { decidingUnitId: string }) => !wanted.decidingUnitId || a.decidingUnitId === wanted.decidingUnitId;
  if (channel === 'in_person') {
    const desks = [...new Set(actor.roles.filter((g) => g.role === 'reception').map((g) => g.unitId))];
    if (wanted.receivingUnitId && !desks.includes(wanted.receivingUnitId))
      throw badRequest('dossier.unit_not_receiving', undefined, [{ field: 'receivingUnitId', message: wanted.receivingUnitId }]);
    const mine = wanted.receivingUnitId ? [wanted.receivingUnitId] : desks;
    const own = snap.agencies.filter((a) => mine.includes(a.receivingUnitId) && fits(a));
    if (own.length === 1) return { ...own[0]!, boundaryFree: null };
    if (own.length > 1) throw choiceRequired(own);
    const listed = deps.boundaryFreeOn(snap.boundaryFree, day);
    if (!listed) throw forbidden('dossier.not_boundary_free', { code: snap.code, name: snap.name });
    if (mine.length !== 1) throw badRequest('dossier.receiving_unit_required', undefined, [{ field: 'receivingUnitId', message: 'required' }]);
    const deciding = [...new Set(snap.agencies.map((a) => a.decidingUnitId))];
    if (wanted.decidingUnitId && !deciding.includes(wanted.decidingUnitId))
      throw badRequest('dossier.deciding_unit_unknown', undefined, [{ field: 'decidingUnitId', message: wanted.decidingUnitId }]);
    const decidingUnitId = wanted.decidingUnitId ?? (deciding.length === 1 ? deciding[0]! : null);
    if (!decidingUnitId) throw badRequest('dossier.deciding_unit_required', undefined, [{ field: 'decidingUnitId', message: 'required' }]);
    return { receivingUnitId: mine[0]!, decidingUnitId, boundaryFree: listed };
  }
  let choices = snap.agencies.filter(fits);
  if (wanted.receivingUnitId) {
    choices = choices.filter((x) => x.receivingUnitId === wanted.receivingUnitId);
    if (choices.length === 0) throw badRequest('dossier.unit_not_receiving', undefined, [{ field: 'receivingUnitId', message: wanted.receivingUnitId }]);
    // (as before: the first pair of that desk when the deciding agency is not named)
    return { ...choices[0]!, boundaryFree: null };
  }
  if (choices.length === 1) return { ...choices[0]!, boundaryFree: null };
  throw choiceRequired(choices);
}

function choiceRequired(choices: { receivingUnitId: string }[]) {
  return new Set(choices.map((c) => c.receivingUnitId)).size > 1
    ? badRequest('dossier.receiving_unit_required', undefined, [{ field: 'receivingUnitId', message: 'required' }])
    : badRequest('dossier.deciding_unit_required', undefined, [{ field: 'decidingUnitId', message: 'required' }]);
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

async function applicantOf(ctx: Ctx, actor: Actor, channel: Channel, input: SubmitInput) {
  if (channel === 'online') {
    const person = actor.personalId ? await getPersonByPersonalId(ctx, actor.personalId) : null;
    const org = input.asOrganisation ? (person?.org ?? (actor.orgTaxCode ? { taxCode: actor.orgTaxCode, name: actor.name } : null)) : null;
    if (input.asOrganisation && !org) throw badRequest('dossier.no_organisation');
    return {
      kind: org ? ('organisation' as const) : ('citizen' as const),
      idNumber: org ? org.taxCode : (actor.personalId ?? ''),
      name: org ? org.name : actor.name,
      phone: input.applicant?.phone ?? person?.phone ?? null,
      email: input.applicant?.email ?? person?.email ?? null,
      address: input.applicant?.address ?? person?.address ?? null,
    };
  }
  const a = input.applicant;
  const fields: FieldError[] = [];
  const kind = a?.kind ?? 'citizen';
  if (!a?.name?.trim()) fields.push({ field: 'applicant.name', message: 'required' });
  if (!a?.idNumber || (kind === 'citizen' ? !/^\d{12}$/.test(a.idNumber) : !/^\d{10}(-\d{3})?$/.test(a.idNumber)))
    fields.push({ field: 'applicant.idNumber', message: kind === 'citizen' ? '12 digits' : '10 or 13 digits' });
  if (fields.length) throw badRequest('dossier.applicant_required', undefined, fields);
  return { kind, idNumber: a!.idNumber, name: a!.name.trim(), phone: a!.phone ?? null, email: a!.email ?? null, address: a!.address ?? null };
}

export async function submitDossier(ctx: Ctx, actor: Actor, input: SubmitInput): Promise<SubmitResult> {
  const now = ctx.clock.now();
  const submitterId = `${actor.kind}:${actor.id}`;
  if (input.idempotencyKey) {
    const prior = await store.findByIdempotencyKey(ctx.db, submitterId, input.idempotencyKey);
    if (prior) return replay(prior, input);
  }
  const channel = channelFor(actor, input.channel);
  const snap = await procedureSnapshotAt(ctx, input.procedureCode, now);
  if (!snap) throw notFound('dossier.procedure_unknown', { code: input.procedureCode });
  if ((channel === 'online' || channel === 'assisted') && snap.onlineLevel === 'none') throw conflict('dossier.not_online');
  // Chỉ thị 24/CT-TTg: from 1/10/2025 the 25 essential services take no paper dossier (desk, post).
  if ((channel === 'in_person' || channel === 'post') && deps.paperRefusedFor(snap.essential, now))
    throw conflict('dossier.paper_refused', { procedure: snap.name });
  // An officer whose desk was merged into another acts at both (actingGrants); a new dossier is
  // received at the desk that exists today, so the officer need not choose between them.
  let receivingUnitId = input.receivingUnitId;
  if (channel === 'in_person' && !receivingUnitId) {
    const desks = [...new Set(actor.roles.filter((g) => g.role === 'reception').map((g) => g.unitId))];
    const open = desks.length > 1 ? await deps.unitsExistingOn(ctx, desks, civilDateVN(now)) : desks;
    if (open.length === 1) receivingUnitId = open[0];
  }
  const agency = pickAgency(actor, snap, channel, civilDateVN(now), { receivingUnitId, decidingUnitId: input.decidingUnitId });
  const applicant = await applicantOf(ctx, actor, channel, input);
  // Issue 11 item 4: an address with old unit names is kept as typed and never refused; today's names go beside it.
  const addressToday = applicant.address ? await deps.normaliseAddressNow(ctx, applicant.address).then((n) => (n.changed ? n.today : null)) : null;
  // Assisted: only for a citizen, and only with their confirmed consent (the generator's replayed history predates consents).
  let consent: AssistedConsent | null = null;
  if (channel === 'assisted' && !input.replayedHistory) {
    if (applicant.kind !== 'citizen') throw badRequest('dossier.assisted.citizen_only', undefined, [{ field: 'applicant.kind', message: 'citizen' }]);
    consent = await checkConsentUsable(ctx, actor, input.consentId, { idNumber: applicant.idNumber, procedureCode: snap.code });
  }

  // The e-form: required when applying online (or assisted), validated by the procedure version's schema.
  let data: unknown = input.data ?? {};
  if (channel === 'online' || channel === 'assisted' || input.data) {
    const v = deps.validateEForm(ctx, snap, data, input.lang ?? 'vi');
    if (!v.ok)
      throw badRequest(
        'dossier.eform_invalid',
        undefined,
        v.fields.map((f) => ({ ...f, field: `data.${f.field}` })),
      );
    data = v.data;
  }

  const files = input.files ?? [];
  const keys = new Set(snap.components.map((c) => c.key));
  const withBytes = new Set(files.map((f) => f.componentKey));
  const uploadRefs = (input.uploads ?? []).filter((u) => !withBytes.has(u.componentKey));
  const badUploads = uploadRefs.filter((u) => !keys.has(u.componentKey));
  if (badUploads.length)
    throw badRequest(
      'dossier.component_unknown',
      { component: badUploads[0]!.componentKey },
      badUploads.map((u) => ({ field: `files.${u.componentKey}`, message: u.componentKey })),
    );
  const unknown = files.filter((f) => f.componentKey && !keys.has(f.componentKey));
  if (unknown.length)
    throw badRequest(
      'dossier.component_unknown',
      { component: unknown[0]!.componentKey },
      unknown.map((f) => ({ field: `files.${f.componentKey}`, message: f.componentKey! })),
    );
  const refs = Object.entries(input.storedDocuments ?? {});
  const badRefs = refs.filter(([k]) => !keys.has(k));
  if (badRefs.length)
    throw badRequest(
      'dossier.component_unknown',
      { component: badRefs[0]![0] },
      badRefs.map(([k]) => ({ field: `storedDocuments.${k}`, message: k })),
    );
  const owner = { kind: applicant.kind, id: applicant.idNumber };
  const reused = await resolveStored(ctx, owner, refs);
  // Data instead of paper: the components that name a source are fetched, not asked for.
  const fetched = input.replayedHistory
    ? { sources: {}, linked: [] }
    : await fetchComponentSources(ctx, actor, { components: snap.components, owner, at: now, satisfied: new Set(reused.map((r) => r.componentKey)) });
  const paper = paperForFetched(channel, fetched.sources, [...files.map((f) => f.componentKey), ...uploadRefs.map((u) => u.componentKey)]);
  if (paper.length) {
    const names = snap.components.filter((c) => paper.includes(c.key)).map((c) => c.name);
    throw badRequest(
      'dossier.component_from_source',
      { components: names.join(', ') },
      paper.map((k) => ({ field: `files.${k}`, message: k })),
    );
  }
  if (channel === 'online' || channel === 'assisted') {
    const have = new Set([
      ...files.map((f) => f.componentKey),
      ...uploadRefs.map((u) => u.componentKey),
      ...reused.map((r) => r.componentKey),
      ...fetched.linked.map((r) => r.componentKey),
      ...Object.keys(fetched.sources).filter((k) => fetched.sources[k]!.outcome === 'fetched'),
    ]);
    // A failed fetch is the state's failure, not the applicant's: the dossier goes in, the failure is recorded and the desk may ask for it.
    const failed = new Set(failedFetches(fetched.sources).map((f) => f.componentKey));
    const missing = snap.components.filter((c) => !c.optional && !have.has(c.key) && !failed.has(c.key));
    if (missing.length)
      throw badRequest(
        'dossier.components_missing',
        { components: missing.map((c) => c.name).join(', ') },
        missing.map((c) => ({ field: `files.${c.key}`, message: c.name })),
      );
  }
  const agencyCode = await deps.agencyCodeForSubmission(ctx, agency.receivingUnitId);
  if (!agencyCode) throw new AppError(500, 'dossier.no_agency_code');
  // Acknowledged uploads: each must be there whole, with its receipt's hash (refused otherwise, nothing written).
  const fromUploads = await resolveUploadsForSubmission(ctx, actor, uploadRefs);
  // Upload outside the transaction (blob stores are not transactional); the rows go in with the dossier.
  const stored = [...(await Promise.all(files.map((f) => storeUpload(ctx, f)))), ...fromUploads];

  const id = randomUUID();
  const pin = newLookupPin();
  // The code number is taken in its own short statement (autocommit), not in the transaction:
  // the counter row of (agency, day) is locked for that statement only, so submissions to one
  // desk do not queue behind each other's commits. A submission that fails below leaves a gap
  // in the day's numbers (see nextDossierCode).
  const code = await nextDossierCode(ctx.db, agencyCode, now);
  let created: Dossier | undefined;
  let createdFiles: DossierFile[] = [];
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const row = {
        id,
        code,
        procedure_id: snap.procedureId,
        procedure_version_id: snap.versionId,
        procedure_code: snap.code,
        procedure_name: snap.name,
        snapshot: JSON.stringify(keepOfSnapshot(snap)),
        channel,
        applicant_kind: applicant.kind,
        applicant_id_number: applicant.idNumber,
        applicant_name: applicant.name,
        applicant_phone: applicant.phone,
        applicant_email: applicant.email,
        applicant_address: applicant.address,
        applicant_address_today: addressToday,
        submitter_kind: actor.kind,
        submitter_id: submitterId,
        submitter_personal_id: channel === 'online' ? (actor.personalId ?? null) : null,
        receiving_unit_id: agency.receivingUnitId,
        deciding_unit_id: agency.decidingUnitId,
        summary: input.summary ?? null,
        data: JSON.stringify(data ?? {}),
        state: 'submitted',
        submitted_at: now,
        lookup_pin: pin,
        idempotency_key: input.idempotencyKey ?? null,
        updated_at: now,
        component_sources: JSON.stringify(fetched.sources),
        // The submission is event 1, each failed fetch one more (the version is the last event's seq).
        version: 1 + failedFetches(fetched.sources).length,
      };
      // One round trip each: the row comes back with its defaults, the files go in one statement.
      created = await store.insertDossierReturning(trx, row);
      createdFiles = await store.insertFilesReturning(
        trx,
        stored.map((s) => ({
          id: randomUUID(),
          dossier_id: id,
          kind: 'component' as const,
          component_key: s.componentKey,
          blob_key: s.key,
          file_name: s.fileName,
          content_type: s.contentType,
          size: s.size,
          sha256: s.sha256,
          digitized: channel === 'in_person' || channel === 'post',
          uploaded_by_kind: actor.kind,
          uploaded_by: actor.id,
          uploaded_at: now,
        })),
      );
      // The acknowledged uploads belong to this dossier now (each once: a concurrent use rolls this back).
      if (
        (await linkUploads(
          trx,
          fromUploads.map((u) => u.uploadId),
          id,
          now,
        )) !== fromUploads.length
      )
        throw conflict('upload.in_dossier');
      // The draft of this application is done.
      if (channel === 'online' && actor.kind === 'citizen') await closeDraftOnSubmission(trx, actor, snap.code, id, now, input.ip);
      // Reuse: the stored document's blob is linked (content-addressed, never copied).
      const reusedFiles = [];
      for (const r of reused) {
        const fileId = randomUUID();
        createdFiles.push(
          await store.insertFileReturning(trx, {
            id: fileId,
            dossier_id: id,
            kind: 'component',
            component_key: r.componentKey,
            blob_key: r.doc.sha256,
            file_name: r.doc.fileName,
            content_type: r.doc.contentType,
            size: r.doc.size,
            sha256: r.doc.sha256,
            digitized: true,
            uploaded_by_kind: actor.kind,
            uploaded_by: actor.id,
            uploaded_at: now,
          }),
        );
        reusedFiles.push({ componentKey: r.componentKey, storedDocumentId: r.doc.id, code: r.doc.code, fileId, fromNationalStore: r.doc.fromNationalStore });
      }
      // The e-data store documents fetched for their components are linked the same way.
      for (const r of fetched.linked) {
        createdFiles.push(
          await store.insertFileReturning(trx, {
            id: randomUUID(),
            dossier_id: id,
            kind: 'component',
            component_key: r.componentKey,
            blob_key: r.doc.sha256,
            file_name: r.doc.fileName,
            content_type: r.doc.contentType,
            size: r.doc.size,
            sha256: r.doc.sha256,
            digitized: true,
            uploaded_by_kind: actor.kind,
            uploaded_by: actor.id,
            uploaded_at: now,
          }),
        );
      }
      const sourceData = Object.keys(fetched.sources).length
        ? { sources: Object.entries(fetched.sources).map(([componentKey, r]) => ({ componentKey, ...r })) }
        : {};
      if (consent) {
        await useConsent(trx, consent.id, id, now);
        await appendAudit(trx, {
          actorKind: 'officer',
          actorId: actor.id,
          action: 'dossier.assisted_consent.used',
          entity: 'assisted_consent',
          entityId: consent.id,
          ip: input.ip ?? null,
          details: { dossierId: id, code, citizen: consent.citizen_id_number, helperRole: consent.helper_role },
          at: now,
        });
      }
      const assisted = consent
        ? {
            assisted: {
              consentId: consent.id,
              helperId: actor.id,
              helperName: actor.name,
              helperRole: consent.helper_role,
              method: consent.method,
              consentedAt: consent.confirmed_at!.toISOString(),
            },
          }
        : {};
      await recordEvent(trx, {
        dossier: created!,
        seq: 1,
        at: now,
        actor,
        action: 'submit',
        from: null,
        to: 'submitted',
        stepKey: null,
        data: {
          channel,
          files: stored.length,
          ...assisted,
          ...(reusedFiles.length ? { reused: reusedFiles } : {}),
          ...sourceData,
          ...(agency.boundaryFree ? { boundaryFree: { decision: agency.boundaryFree.decision } } : {}),
        },
        ip: input.ip,
      });
      // Each failed fetch is an event of its own, with its reason (the applicant is asked to update the source).
      let seq = 1;
      for (const f of failedFetches(fetched.sources)) {
        seq++;
        await recordEvent(trx, {
          dossier: created!,
          seq,
          at: now,
          actor: null,
          action: 'source_fetch_failed',
          from: 'submitted',
          to: 'submitted',
          stepKey: null,
          data: {
            componentKey: f.componentKey,
            component: snap.components.find((c) => c.key === f.componentKey)?.name ?? f.componentKey,
            source: f.record.source,
            kind: f.record.kind,
            reason: f.record.reason,
          },
          ip: null,
        });
      }
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
  return { dossier: created!, lookupPin: pin, replayed: false, files: createdFiles };
}

function replay(prior: Dossier, input: SubmitInput): SubmitResult {
  if (prior.procedure_code !== input.procedureCode) throw conflict('dossier.idempotency_mismatch');
  return { dossier: prior, lookupPin: prior.lookup_pin ?? '', replayed: true };
}
