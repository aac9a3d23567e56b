/**
 * A submission as data (issue 16 item 6), in the shape of model/change.ts: the use case reads,
 * decides, builds the rows, then writes.
 *
 *   decideSubmission(facts)            -> a refusal, the next facts to read, or the plan
 *   buildSubmission(plan, ...)         -> the rows to insert (model/submission-rows.ts)
 *
 * The decision is pure and taken on what was read so far: the service reads the facts in the
 * order the checks need them (the national sources are asked only once the request itself is
 * sound, as before), and asks again after each read. The refusals come in the order they always
 * came, so a request with several faults gets the same answer as before.
 */
import type { Actor } from '../../../platform/auth';
import type { FieldError } from '../../../platform/errors';
import type { MessageKey } from '../../../platform/i18n/keys';
import type { ProcedureSnapshot } from '../../catalogue/model';
import { CONSENT_USE_WITHIN_MS, consentRecordOf, decideUse } from './consent';
import { failedFetches, paperForFetched } from './data-sources';
import type { Channel } from './states';
import type {
  AgencyChoice,
  Applicant,
  AssistedConsent,
  BoundaryFreeListing,
  Owner,
  SubmissionDecision,
  SubmissionFacts,
  SubmissionPlan,
  SubmissionRefusal,
  SubmissionRequest,
  UploadRef,
  UsedUpload,
} from './submission-facts';

export type * from './submission-facts';

const refuse = (status: number, key: MessageKey, params?: Record<string, unknown>, fields?: FieldError[]): SubmissionRefusal => ({
  ok: false,
  status,
  key,
  ...(params ? { params } : {}),
  ...(fields ? { fields } : {}),
});
class Refused {
  constructor(readonly r: SubmissionRefusal) {}
}
const no = (status: number, key: MessageKey, params?: Record<string, unknown>, fields?: FieldError[]): never => {
  throw new Refused(refuse(status, key, params, fields));
};

/** The channel the actor submits through: a citizen online; an officer through the channels of their roles. */
export function channelFor(actor: Actor, wanted?: Channel): Channel | SubmissionRefusal {
  if (actor.kind === 'citizen') return wanted && wanted !== 'online' ? refuse(403, 'dossier.channel_not_allowed') : 'online';
  const has = (r: string) => actor.roles.some((g) => g.role === r);
  const allowed: Channel[] = [];
  if (has('reception')) allowed.push('in_person');
  if (has('postal')) allowed.push('post');
  // Assisted submission (issue 17 item 3): any helper role, with the citizen's consent.
  if (has('reception') || has('postal') || has('digital_team')) allowed.push('assisted');
  if (wanted) return allowed.includes(wanted) ? wanted : refuse(403, 'dossier.channel_not_allowed');
  return allowed[0] ?? refuse(403, 'dossier.channel_not_allowed');
}

/** The officer's reception desks (one per unit). */
export const receptionDesks = (actor: Actor): string[] => [...new Set(actor.roles.filter((g) => g.role === 'reception').map((g) => g.unitId))];

/**
 * Where the dossier is received and who decides it. At the desk (in person): a pair of the
 * procedure version whose receiving unit is the officer's desk; else, when the version is on the
 * province's "phi địa giới" list on the reception day, the officer's desk receives it and the
 * dossier goes to the competent (deciding) agency wherever it sits (Decree 118/2025/NĐ-CP
 * Art. 14(2)); else the desk is refused. Other channels choose among the version's pairs.
 */
export function pickAgency(
  actor: Actor,
  snap: Pick<ProcedureSnapshot, 'agencies' | 'code' | 'name'>,
  channel: Channel,
  listed: BoundaryFreeListing | null,
  wanted: { receivingUnitId?: string; decidingUnitId?: string } = {},
): AgencyChoice | SubmissionRefusal {
  const fits = (a: { decidingUnitId: string }) => !wanted.decidingUnitId || a.decidingUnitId === wanted.decidingUnitId;
  const field = (name: string, message: string) => [{ field: name, message }];
  if (channel === 'in_person') {
    const desks = receptionDesks(actor);
    if (wanted.receivingUnitId && !desks.includes(wanted.receivingUnitId))
      return refuse(400, 'dossier.unit_not_receiving', undefined, field('receivingUnitId', wanted.receivingUnitId));
    const mine = wanted.receivingUnitId ? [wanted.receivingUnitId] : desks;
    const own = snap.agencies.filter((a) => mine.includes(a.receivingUnitId) && fits(a));
    if (own.length === 1) return { ...own[0]!, boundaryFree: null };
    if (own.length > 1) return choiceRequired(own);
    if (!listed) return refuse(403, 'dossier.not_boundary_free', { code: snap.code, name: snap.name });
    if (mine.length !== 1) return refuse(400, 'dossier.receiving_unit_required', undefined, field('receivingUnitId', 'required'));
    const deciding = [...new Set(snap.agencies.map((a) => a.decidingUnitId))];
    if (wanted.decidingUnitId && !deciding.includes(wanted.decidingUnitId))
      return refuse(400, 'dossier.deciding_unit_unknown', undefined, field('decidingUnitId', wanted.decidingUnitId));
    const decidingUnitId = wanted.decidingUnitId ?? (deciding.length === 1 ? deciding[0]! : null);
    if (!decidingUnitId) return refuse(400, 'dossier.deciding_unit_required', undefined, field('decidingUnitId', 'required'));
    return { receivingUnitId: mine[0]!, decidingUnitId, boundaryFree: listed };
  }
  let choices = snap.agencies.filter(fits);
  if (wanted.receivingUnitId) {
    choices = choices.filter((x) => x.receivingUnitId === wanted.receivingUnitId);
    if (choices.length === 0) return refuse(400, 'dossier.unit_not_receiving', undefined, field('receivingUnitId', wanted.receivingUnitId));
    // (as before: the first pair of that desk when the deciding agency is not named)
    return { ...choices[0]!, boundaryFree: null };
  }
  if (choices.length === 1) return { ...choices[0]!, boundaryFree: null };
  return choiceRequired(choices);
}

function choiceRequired(choices: { receivingUnitId: string }[]): SubmissionRefusal {
  return new Set(choices.map((c) => c.receivingUnitId)).size > 1
    ? refuse(400, 'dossier.receiving_unit_required', undefined, [{ field: 'receivingUnitId', message: 'required' }])
    : refuse(400, 'dossier.deciding_unit_required', undefined, [{ field: 'decidingUnitId', message: 'required' }]);
}

const isRefusal = <T>(x: T | SubmissionRefusal): x is SubmissionRefusal => typeof x === 'object' && x !== null && (x as SubmissionRefusal).ok === false;
const must = <T>(x: T | SubmissionRefusal): T => {
  if (isRefusal(x)) throw new Refused(x);
  return x;
};

/** Online: the citizen (or the business they represent); other channels: the applicant the officer typed, checked. */
function applicantOf(f: SubmissionFacts, channel: Channel): Applicant {
  const { actor, request: input, person } = f;
  if (channel === 'online') {
    const org = input.asOrganisation ? (person?.org ?? (actor.orgTaxCode ? { taxCode: actor.orgTaxCode, name: actor.name } : null)) : null;
    if (input.asOrganisation && !org) no(400, 'dossier.no_organisation');
    return {
      kind: org ? 'organisation' : 'citizen',
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
  if (fields.length) no(400, 'dossier.applicant_required', undefined, fields);
  return { kind, idNumber: a!.idNumber, name: a!.name.trim(), phone: a!.phone ?? null, email: a!.email ?? null, address: a!.address ?? null };
}

/** The consent for an assisted submission: the helper's, confirmed, recent, for this citizen and procedure. */
function consentFor(f: SubmissionFacts, q: { idNumber: string; procedureCode: string }): AssistedConsent {
  if (!f.request.consentId) no(403, 'dossier.assisted.consent_required');
  const c = f.consent;
  const out = decideUse(c ? consentRecordOf(c) : null, { helperId: f.actor.id, idNumber: q.idNumber, now: f.now });
  if (!out.ok) {
    switch (out.reason) {
      case 'missing':
      case 'other_helper':
        return no(404, 'dossier.assisted.consent_not_found');
      case 'used':
        return no(409, 'dossier.assisted.consent_used');
      case 'not_confirmed':
        return no(409, 'dossier.assisted.consent_not_confirmed');
      case 'stale':
        return no(409, 'dossier.assisted.consent_stale', { minutes: CONSENT_USE_WITHIN_MS / 60_000 });
      case 'other_citizen':
        return no(400, 'dossier.assisted.consent_other_citizen', undefined, [{ field: 'applicant.idNumber', message: 'consent' }]);
    }
  }
  if (c!.procedure_code !== q.procedureCode) no(400, 'dossier.assisted.consent_other_procedure', undefined, [{ field: 'consentId', message: 'procedure' }]);
  return c!;
}

/** Components named that the procedure version does not have: refused, each field named. */
function checkComponentKeys(snap: ProcedureSnapshot, input: SubmissionRequest, uploadRefs: UploadRef[]) {
  const keys = new Set(snap.components.map((c) => c.key));
  const unknown = (named: { key: string; field: string }[]) => {
    const bad = named.filter((n) => !keys.has(n.key));
    if (bad.length)
      no(
        400,
        'dossier.component_unknown',
        { component: bad[0]!.key },
        bad.map((n) => ({ field: n.field, message: n.key })),
      );
  };
  unknown(uploadRefs.map((u) => ({ key: u.componentKey, field: `files.${u.componentKey}` })));
  unknown((input.files ?? []).filter((f) => f.componentKey).map((f) => ({ key: f.componentKey!, field: `files.${f.componentKey}` })));
  unknown(Object.keys(input.storedDocuments ?? {}).map((k) => ({ key: k, field: `storedDocuments.${k}` })));
}

/** An acknowledged upload: the submitter's, whole, not in another dossier, with its receipt's hash and its bytes. */
function checkUpload(actor: Actor, x: NonNullable<SubmissionFacts['rest']>['uploads'][number]): UsedUpload {
  const { ref, upload: u } = x;
  const field = [{ field: `files.${ref.componentKey}`, message: ref.uploadId }];
  if (!u || u.owner_kind !== actor.kind || u.owner_id !== actor.id || u.state === 'discarded') no(400, 'upload.missing_for_submission', undefined, field);
  if (u!.state === 'receiving') no(400, 'upload.incomplete', { name: u!.file_name, received: Number(u!.received), length: Number(u!.length) }, field);
  if (u!.state === 'refused') no(400, 'upload.refused', { name: u!.file_name }, field);
  if (u!.dossier_id) no(409, 'upload.in_dossier');
  if (!u!.sha256 || u!.sha256 !== ref.sha256) no(400, 'upload.hash_mismatch', { name: u!.file_name }, field);
  if (!x.blobWhole) no(400, 'upload.blob_missing', { name: u!.file_name }, field);
  return {
    uploadId: u!.id,
    componentKey: ref.componentKey,
    fileName: u!.file_name,
    contentType: u!.mime!,
    key: u!.sha256!,
    sha256: u!.sha256!,
    size: Number(u!.length),
  };
}

/**
 * Decides a submission on the facts read so far: the first refusal (in the order they always
 * came), or what to read next, or the plan the rows are built from.
 */
export function decideSubmission(f: SubmissionFacts): SubmissionDecision {
  try {
    return decide(f);
  } catch (err) {
    if (err instanceof Refused) return err.r;
    throw err;
  }
}

function decide(f: SubmissionFacts): SubmissionDecision {
  const { actor, request: input } = f;
  const channel = must(channelFor(actor, input.channel));
  if (!f.procedure) return refuse(404, 'dossier.procedure_unknown', { code: input.procedureCode });
  const { snapshot: snap } = f.procedure;
  if ((channel === 'online' || channel === 'assisted') && snap.onlineLevel === 'none') return refuse(409, 'dossier.not_online');
  if ((channel === 'in_person' || channel === 'post') && f.procedure.paperRefused) return refuse(409, 'dossier.paper_refused', { procedure: snap.name });
  // An officer whose desk was merged into another acts at both (actingGrants); a new dossier is
  // received at the desk that exists today, so the officer need not choose between them.
  let receivingUnitId = input.receivingUnitId;
  if (channel === 'in_person' && !receivingUnitId) {
    const desks = receptionDesks(actor);
    const open = desks.length > 1 ? (f.openDesks ?? []) : desks;
    if (open.length === 1) receivingUnitId = open[0];
  }
  const agency = must(pickAgency(actor, snap, channel, f.procedure.boundaryFree, { receivingUnitId, decidingUnitId: input.decidingUnitId }));
  const applicant = applicantOf(f, channel);
  // Assisted: only for a citizen, and only with their confirmed consent (the generator's replayed history predates consents).
  let consent: AssistedConsent | null = null;
  if (channel === 'assisted' && !input.replayedHistory) {
    if (applicant.kind !== 'citizen') return refuse(400, 'dossier.assisted.citizen_only', undefined, [{ field: 'applicant.kind', message: 'citizen' }]);
    consent = consentFor(f, { idNumber: applicant.idNumber, procedureCode: snap.code });
  }
  // The e-form: required when applying online (or assisted), validated by the procedure version's schema.
  let data: unknown = input.data ?? {};
  if (channel === 'online' || channel === 'assisted' || input.data) {
    const v = f.procedure.validate(data);
    if (!v.ok)
      return refuse(
        400,
        'dossier.eform_invalid',
        undefined,
        v.fields.map((x) => ({ ...x, field: `data.${x.field}` })),
      );
    data = v.data;
  }
  const files = input.files ?? [];
  const withBytes = new Set(files.map((x) => x.componentKey));
  const uploadRefs = (input.uploads ?? []).filter((u) => !withBytes.has(u.componentKey));
  checkComponentKeys(snap, input, uploadRefs);

  const owner: Owner = { kind: applicant.kind, id: applicant.idNumber };
  const ask = (next: 'stored' | 'rest', satisfied: string[]) => ({
    ok: 'read' as const,
    next,
    owner,
    receivingUnitId: agency.receivingUnitId,
    satisfied,
    uploadRefs,
  });
  if (!f.stored) return ask('stored', []);
  const reused: SubmissionPlan['reused'] = [];
  for (const [componentKey, ref] of Object.entries(input.storedDocuments ?? {})) {
    const doc = f.stored[componentKey];
    if (!doc) return refuse(400, 'warehouse.document_not_found', undefined, [{ field: `storedDocuments.${componentKey}`, message: ref.storedDocumentId }]);
    reused.push({ componentKey, doc });
  }
  if (!f.rest)
    return ask(
      'rest',
      reused.map((r) => r.componentKey),
    );

  // Data instead of paper: a component fetched from its source is not taken on paper.
  const { fetched } = f.rest;
  const paper = paperForFetched(channel, fetched.sources, [...files.map((x) => x.componentKey), ...uploadRefs.map((u) => u.componentKey)]);
  if (paper.length)
    return refuse(
      400,
      'dossier.component_from_source',
      {
        components: snap.components
          .filter((c) => paper.includes(c.key))
          .map((c) => c.name)
          .join(', '),
      },
      paper.map((k) => ({ field: `files.${k}`, message: k })),
    );
  if (channel === 'online' || channel === 'assisted') {
    const have = new Set([
      ...files.map((x) => x.componentKey),
      ...uploadRefs.map((u) => u.componentKey),
      ...reused.map((r) => r.componentKey),
      ...fetched.linked.map((r) => r.componentKey),
      ...Object.keys(fetched.sources).filter((k) => fetched.sources[k]!.outcome === 'fetched'),
    ]);
    // A failed fetch is the state's failure, not the applicant's: the dossier goes in, the failure is recorded and the desk may ask for it.
    const failed = new Set(failedFetches(fetched.sources).map((x) => x.componentKey));
    const missing = snap.components.filter((c) => !c.optional && !have.has(c.key) && !failed.has(c.key));
    if (missing.length)
      return refuse(
        400,
        'dossier.components_missing',
        { components: missing.map((c) => c.name).join(', ') },
        missing.map((c) => ({ field: `files.${c.key}`, message: c.name })),
      );
  }
  if (!f.rest.agencyCode) return refuse(500, 'dossier.no_agency_code');
  // Acknowledged uploads: each must be there whole, with its receipt's hash (refused otherwise, nothing written).
  const uploads = f.rest.uploads.map((x) => checkUpload(actor, x));
  return { ok: true, plan: { channel, snapshot: snap, agency, applicant, data, consent, reused, fetched, agencyCode: f.rest.agencyCode, uploads } };
}
