import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../platform/auth';
import type { ProcedureSnapshot } from '../../catalogue/model';
import { buildSubmission } from './submission-rows';
import { decideSubmission, type AssistedConsent, type SubmissionFacts, type SubmissionPlan, type SubmissionRequest, type UploadFact } from './submission';

const NOW = new Date('2025-11-03T02:00:00Z');
const components = [
  { key: 'to-khai', name: 'Tờ khai', optional: false },
  { key: 'cccd', name: 'Căn cước', optional: false, dataSource: { source: 'population', kind: 'identity' } },
  { key: 'anh', name: 'Ảnh', optional: true },
];
const snapshot = {
  procedureId: 'p1',
  versionId: 'v1',
  code: '1.000001',
  name: 'Đăng ký khai sinh',
  onlineLevel: 'full',
  essential: false,
  agencies: [{ receivingUnitId: 'xa-a', decidingUnitId: 'xa-a' }],
  components,
} as unknown as ProcedureSnapshot;

const citizen: Actor = { kind: 'citizen', id: 'c1', name: 'Nguyễn Văn An', personalId: '001090000001', roles: [] };
const desk: Actor = { kind: 'officer', id: 'o1', name: 'Lan', roles: [{ role: 'reception', unitId: 'xa-a' }] } as Actor;
const helper: Actor = { kind: 'officer', id: 'o2', name: 'Minh', roles: [{ role: 'digital_team', unitId: 'xa-a' }] } as Actor;

const okForm = (data: unknown) => ({ ok: true as const, data });
const fetchedCccd = {
  source: 'population' as const,
  kind: 'identity',
  outcome: 'fetched' as const,
  at: NOW.toISOString(),
  reference: '001090000001',
  summary: 'An',
};
const failedCccd = { source: 'population' as const, kind: 'identity', outcome: 'failed' as const, at: NOW.toISOString(), reason: 'unavailable' as const };

/** Facts of a sound online application, every stage read; `over` changes a part. */
function facts(over: Partial<Omit<SubmissionFacts, 'request'>> & { request?: Partial<SubmissionRequest> } = {}): SubmissionFacts {
  const { request, ...rest } = over;
  return {
    actor: citizen,
    now: NOW,
    day: '2025-11-03',
    procedure: { snapshot, paperRefused: false, boundaryFree: null, validate: okForm },
    openDesks: null,
    person: { phone: '0912345678', email: null, address: 'Thôn 1, xã A' },
    consent: null,
    stored: {},
    rest: { fetched: { sources: { cccd: fetchedCccd }, linked: [] }, agencyCode: 'H01.01', uploads: [] },
    ...rest,
    request: { procedureCode: '1.000001', files: [{ componentKey: 'to-khai' }], ...request },
  };
}

const refusal = (f: SubmissionFacts) => {
  const d = decideSubmission(f);
  if (d.ok !== false) throw new Error(`not refused: ${JSON.stringify(d.ok)}`);
  return { status: d.status, key: d.key, ...(d.params ? { params: d.params } : {}), ...(d.fields ? { fields: d.fields } : {}) };
};
const plan = (f: SubmissionFacts): SubmissionPlan => {
  const d = decideSubmission(f);
  if (d.ok !== true) throw new Error(`not accepted: ${JSON.stringify(d)}`);
  return d.plan;
};

const consentRow = (over: Partial<AssistedConsent> = {}): AssistedConsent => ({
  id: 'k1',
  helper_id: 'o2',
  helper_name: 'Minh',
  helper_role: 'digital_team',
  citizen_id_number: '001090000001',
  citizen_name: 'An',
  procedure_code: '1.000001',
  phone: '0912345678',
  method: 'sms_code',
  code_hash: 'x',
  consent_text: 'Đồng ý',
  lang: 'vi',
  state: 'confirmed',
  attempts: 0,
  created_at: new Date(NOW.getTime() - 10 * 60_000),
  code_expires_at: new Date(NOW.getTime() - 5 * 60_000),
  confirmed_at: new Date(NOW.getTime() - 6 * 60_000),
  used_at: null,
  dossier_id: null,
  ...over,
});
const assisted = (over: Partial<Omit<SubmissionFacts, 'request'>> = {}, request: Partial<SubmissionRequest> = {}) =>
  facts({
    actor: helper,
    person: null,
    consent: consentRow(),
    ...over,
    request: { channel: 'assisted', consentId: 'k1', applicant: { idNumber: '001090000001', name: 'Nguyễn Văn An' }, ...request },
  });

describe('decideSubmission: who, what, where', () => {
  it('refuses a channel the actor does not hold', () => {
    expect(refusal(facts({ request: { channel: 'in_person' } }))).toEqual({ status: 403, key: 'dossier.channel_not_allowed' });
    expect(refusal(facts({ actor: desk, request: { channel: 'post' } }))).toEqual({ status: 403, key: 'dossier.channel_not_allowed' });
    expect(refusal(facts({ actor: { ...desk, roles: [{ role: 'specialist', unitId: 'xa-a' }] } as Actor }))).toEqual({
      status: 403,
      key: 'dossier.channel_not_allowed',
    });
  });
  it('refuses a procedure with no version in force, online where it is not offered, paper for an essential service', () => {
    expect(refusal(facts({ procedure: null }))).toEqual({ status: 404, key: 'dossier.procedure_unknown', params: { code: '1.000001' } });
    const offline = { ...snapshot, onlineLevel: 'none' } as ProcedureSnapshot;
    expect(refusal(facts({ procedure: { snapshot: offline, paperRefused: false, boundaryFree: null, validate: okForm } }))).toEqual({
      status: 409,
      key: 'dossier.not_online',
    });
    const paper = facts({ actor: desk, procedure: { snapshot, paperRefused: true, boundaryFree: null, validate: okForm } });
    expect(refusal(paper)).toEqual({ status: 409, key: 'dossier.paper_refused', params: { procedure: 'Đăng ký khai sinh' } });
  });
  it('refuses a desk that is not the officer’s or not the procedure’s, unless boundary-free, and asks to choose when several fit', () => {
    const app = { idNumber: '001090000002', name: 'Trần Thị Bình' };
    expect(refusal(facts({ actor: desk, request: { applicant: app, receivingUnitId: 'xa-b' } }))).toMatchObject({
      status: 400,
      key: 'dossier.unit_not_receiving',
    });
    const elsewhere: Actor = { ...desk, roles: [{ role: 'reception', unitId: 'xa-z' }] };
    expect(refusal(facts({ actor: elsewhere, request: { applicant: app } }))).toEqual({
      status: 403,
      key: 'dossier.not_boundary_free',
      params: { code: '1.000001', name: 'Đăng ký khai sinh' },
    });
    const listing = { validFrom: '2025-07-01', validTo: null, decision: 'QĐ 1/2025' };
    const two = {
      ...snapshot,
      agencies: [
        { receivingUnitId: 'xa-a', decidingUnitId: 'xa-a' },
        { receivingUnitId: 'xa-b', decidingUnitId: 'xa-b' },
      ],
    } as ProcedureSnapshot;
    const free = (s: ProcedureSnapshot, decidingUnitId?: string) =>
      facts({
        actor: elsewhere,
        procedure: { snapshot: s, paperRefused: false, boundaryFree: listing, validate: okForm },
        request: { applicant: app, decidingUnitId },
      });
    expect(refusal(free(two))).toEqual({ status: 400, key: 'dossier.deciding_unit_required', fields: [{ field: 'decidingUnitId', message: 'required' }] });
    expect(refusal(free(two, 'xa-q'))).toMatchObject({ status: 400, key: 'dossier.deciding_unit_unknown' });
    expect(plan(free(two, 'xa-b')).agency).toEqual({ receivingUnitId: 'xa-z', decidingUnitId: 'xa-b', boundaryFree: listing });
    const twoDesks: Actor = {
      ...desk,
      roles: [
        { role: 'reception', unitId: 'xa-z' },
        { role: 'reception', unitId: 'xa-y' },
      ],
    };
    expect(
      refusal(
        facts({
          actor: twoDesks,
          openDesks: ['xa-z', 'xa-y'],
          procedure: { snapshot, paperRefused: false, boundaryFree: listing, validate: okForm },
          request: { applicant: app },
        }),
      ),
    ).toMatchObject({
      key: 'dossier.receiving_unit_required',
    });
    // Of two desks, one merged away: the desk that exists today receives.
    const merged: Actor = {
      ...desk,
      roles: [
        { role: 'reception', unitId: 'xa-a' },
        { role: 'reception', unitId: 'xa-old' },
      ],
    };
    expect(plan(facts({ actor: merged, openDesks: ['xa-a'], request: { applicant: app } })).agency.receivingUnitId).toBe('xa-a');
    expect(refusal(facts({ procedure: { snapshot: two, paperRefused: false, boundaryFree: null, validate: okForm } }))).toMatchObject({
      key: 'dossier.receiving_unit_required',
    });
  });
  it('refuses an applicant badly typed at the desk, and a business the citizen does not represent', () => {
    expect(refusal(facts({ actor: desk, request: { applicant: { idNumber: '123', name: ' ' } } }))).toEqual({
      status: 400,
      key: 'dossier.applicant_required',
      fields: [
        { field: 'applicant.name', message: 'required' },
        { field: 'applicant.idNumber', message: '12 digits' },
      ],
    });
    expect(refusal(facts({ actor: desk, request: { applicant: { kind: 'organisation', idNumber: '01234', name: 'Công ty A' } } }))).toMatchObject({
      fields: [{ field: 'applicant.idNumber', message: '10 or 13 digits' }],
    });
    expect(refusal(facts({ request: { asOrganisation: true } }))).toEqual({ status: 400, key: 'dossier.no_organisation' });
    const org = plan(facts({ person: { org: { taxCode: '0101234567', name: 'Công ty A' } }, request: { asOrganisation: true } })).applicant;
    expect(org).toEqual({ kind: 'organisation', idNumber: '0101234567', name: 'Công ty A', phone: null, email: null, address: null });
  });
});

describe('decideSubmission: the assisted consent', () => {
  it('takes a confirmed consent of this helper, citizen and procedure', () => {
    expect(plan(assisted()).consent?.id).toBe('k1');
  });
  it('refuses without one, or one that does not fit', () => {
    expect(refusal(assisted({}, { consentId: undefined }))).toEqual({ status: 403, key: 'dossier.assisted.consent_required' });
    expect(refusal(assisted({ consent: null }))).toEqual({ status: 404, key: 'dossier.assisted.consent_not_found' });
    expect(refusal(assisted({ consent: consentRow({ helper_id: 'o9' }) }))).toEqual({ status: 404, key: 'dossier.assisted.consent_not_found' });
    expect(refusal(assisted({ consent: consentRow({ state: 'used' }) }))).toEqual({ status: 409, key: 'dossier.assisted.consent_used' });
    expect(refusal(assisted({ consent: consentRow({ state: 'pending', confirmed_at: null }) }))).toEqual({
      status: 409,
      key: 'dossier.assisted.consent_not_confirmed',
    });
    expect(refusal(assisted({ consent: consentRow({ confirmed_at: new Date(NOW.getTime() - 31 * 60_000) }) }))).toEqual({
      status: 409,
      key: 'dossier.assisted.consent_stale',
      params: { minutes: 30 },
    });
    expect(refusal(assisted({ consent: consentRow({ citizen_id_number: '001090000009' }) }))).toMatchObject({
      status: 400,
      key: 'dossier.assisted.consent_other_citizen',
    });
    expect(refusal(assisted({ consent: consentRow({ procedure_code: '2.000002' }) }))).toEqual({
      status: 400,
      key: 'dossier.assisted.consent_other_procedure',
      fields: [{ field: 'consentId', message: 'procedure' }],
    });
    expect(refusal(assisted({}, { applicant: { kind: 'organisation', idNumber: '0101234567', name: 'Công ty A' } }))).toMatchObject({
      status: 400,
      key: 'dossier.assisted.citizen_only',
    });
  });
});

describe('decideSubmission: the e-form and the components', () => {
  it('refuses invalid answers, each field under data.', () => {
    const validate = () => ({ ok: false as const, fields: [{ field: 'ho_ten', message: 'Bắt buộc' }] });
    expect(refusal(facts({ procedure: { snapshot, paperRefused: false, boundaryFree: null, validate } }))).toEqual({
      status: 400,
      key: 'dossier.eform_invalid',
      fields: [{ field: 'data.ho_ten', message: 'Bắt buộc' }],
    });
  });
  it('refuses a component the procedure does not have, whether a file, an upload or a stored document', () => {
    const unknown = { status: 400, key: 'dossier.component_unknown', params: { component: 'x' } };
    expect(refusal(facts({ request: { files: [{ componentKey: 'x' }] } }))).toEqual({ ...unknown, fields: [{ field: 'files.x', message: 'x' }] });
    expect(refusal(facts({ request: { uploads: [{ componentKey: 'x', uploadId: 'u', sha256: 'h' }] } }))).toEqual({
      ...unknown,
      fields: [{ field: 'files.x', message: 'x' }],
    });
    expect(refusal(facts({ request: { storedDocuments: { x: { storedDocumentId: 's' } } } }))).toEqual({
      ...unknown,
      fields: [{ field: 'storedDocuments.x', message: 'x' }],
    });
  });
  it('asks for the stored documents, then for the rest, before deciding on them', () => {
    const f = facts({ stored: undefined, rest: undefined, request: { storedDocuments: { 'to-khai': { storedDocumentId: 's1' } }, files: [] } });
    expect(decideSubmission(f)).toMatchObject({ ok: 'read', next: 'stored', owner: { kind: 'citizen', id: '001090000001' }, receivingUnitId: 'xa-a' });
    f.stored = { 'to-khai': null };
    expect(refusal(f)).toEqual({ status: 400, key: 'warehouse.document_not_found', fields: [{ field: 'storedDocuments.to-khai', message: 's1' }] });
    const doc = { id: 's1', code: 'KQ-1', sha256: 'abc', fileName: 'to-khai.pdf', contentType: 'application/pdf', size: 10, fromNationalStore: false };
    f.stored = { 'to-khai': doc };
    expect(decideSubmission(f)).toMatchObject({ ok: 'read', next: 'rest', satisfied: ['to-khai'] });
  });
  it('refuses paper for a component fetched from its source, and missing components online (a failed fetch is not missing)', () => {
    const paper = facts({ actor: desk, request: { applicant: { idNumber: '001090000002', name: 'Bình' }, files: [{ componentKey: 'cccd' }] } });
    expect(refusal(paper)).toEqual({
      status: 400,
      key: 'dossier.component_from_source',
      params: { components: 'Căn cước' },
      fields: [{ field: 'files.cccd', message: 'cccd' }],
    });
    expect(refusal(facts({ request: { files: [] } }))).toEqual({
      status: 400,
      key: 'dossier.components_missing',
      params: { components: 'Tờ khai' },
      fields: [{ field: 'files.to-khai', message: 'Tờ khai' }],
    });
    const failed = facts({ rest: { fetched: { sources: { cccd: failedCccd }, linked: [] }, agencyCode: 'H01.01', uploads: [] } });
    expect(decideSubmission(failed).ok).toBe(true);
    // At the desk nothing is required at submission (the officer checks at reception).
    expect(decideSubmission(facts({ actor: desk, request: { applicant: { idNumber: '001090000002', name: 'Bình' }, files: [] } })).ok).toBe(true);
  });
  it('refuses a receiving unit with no agency code', () => {
    expect(
      refusal(
        facts({
          rest: { fetched: { sources: {}, linked: [] }, agencyCode: null, uploads: [] },
          request: { files: [{ componentKey: 'to-khai' }, { componentKey: 'cccd' }] },
        }),
      ),
    ).toEqual({
      status: 500,
      key: 'dossier.no_agency_code',
    });
  });
});

describe('decideSubmission: acknowledged uploads', () => {
  const ref = { componentKey: 'to-khai', uploadId: 'u1', sha256: 'h1' };
  const row = (over: Partial<UploadFact> = {}): UploadFact => ({
    id: 'u1',
    owner_kind: 'citizen',
    owner_id: 'c1',
    state: 'stored',
    file_name: 'to-khai.pdf',
    received: 100,
    length: 100,
    dossier_id: null,
    sha256: 'h1',
    mime: 'application/pdf',
    ...over,
  });
  const withUpload = (upload: UploadFact | null, blobWhole = true) =>
    facts({
      request: { files: [], uploads: [ref] },
      rest: { fetched: { sources: { cccd: fetchedCccd }, linked: [] }, agencyCode: 'H01.01', uploads: [{ ref, upload, blobWhole }] },
    });
  const field = [{ field: 'files.to-khai', message: 'u1' }];
  it('takes a stored upload of the submitter with its receipt’s hash', () => {
    expect(plan(withUpload(row())).uploads).toEqual([
      { uploadId: 'u1', componentKey: 'to-khai', fileName: 'to-khai.pdf', contentType: 'application/pdf', key: 'h1', sha256: 'h1', size: 100 },
    ]);
  });
  it('refuses one missing, another’s, discarded, unfinished, refused, used, of another hash, or whose bytes are gone', () => {
    expect(refusal(withUpload(null))).toEqual({ status: 400, key: 'upload.missing_for_submission', fields: field });
    expect(refusal(withUpload(row({ owner_id: 'c9' })))).toEqual({ status: 400, key: 'upload.missing_for_submission', fields: field });
    expect(refusal(withUpload(row({ state: 'discarded' })))).toEqual({ status: 400, key: 'upload.missing_for_submission', fields: field });
    expect(refusal(withUpload(row({ state: 'receiving', received: 40 })))).toEqual({
      status: 400,
      key: 'upload.incomplete',
      params: { name: 'to-khai.pdf', received: 40, length: 100 },
      fields: field,
    });
    expect(refusal(withUpload(row({ state: 'refused' })))).toEqual({ status: 400, key: 'upload.refused', params: { name: 'to-khai.pdf' }, fields: field });
    expect(refusal(withUpload(row({ dossier_id: 'd0' })))).toEqual({ status: 409, key: 'upload.in_dossier' });
    expect(refusal(withUpload(row({ sha256: 'h2' })))).toEqual({ status: 400, key: 'upload.hash_mismatch', params: { name: 'to-khai.pdf' }, fields: field });
    expect(refusal(withUpload(row(), false))).toEqual({ status: 400, key: 'upload.blob_missing', params: { name: 'to-khai.pdf' }, fields: field });
  });
});

describe('decideSubmission: the order of refusals', () => {
  it('answers the first fault, as before: the channel before the procedure, the e-form before the components', () => {
    expect(refusal(facts({ procedure: null, request: { channel: 'post' } })).key).toBe('dossier.channel_not_allowed');
    const validate = () => ({ ok: false as const, fields: [{ field: 'a', message: 'b' }] });
    expect(
      refusal(facts({ procedure: { snapshot, paperRefused: false, boundaryFree: null, validate }, request: { files: [{ componentKey: 'x' }] } })).key,
    ).toBe('dossier.eform_invalid');
    expect(refusal(facts({ rest: { fetched: { sources: {}, linked: [] }, agencyCode: null, uploads: [] }, request: { files: [] } })).key).toBe(
      'dossier.components_missing',
    );
  });
});

describe('buildSubmission', () => {
  const ids = () => {
    let n = 0;
    return { id: 'd1', code: 'H01.01-251103-0001', pin: '123456', newId: () => `id${++n}` };
  };
  const blob = { key: 'k1', sha256: 'k1', fileName: 'to-khai.pdf', contentType: 'application/pdf', size: 5, componentKey: 'to-khai' };
  const who = { actor: citizen, now: NOW, kept: { code: '1.000001' }, summary: null, ip: '10.0.0.1', addressToday: null, sent: [blob] };

  it('builds the dossier, its files, the submission event with its outbox message and audit entry', () => {
    const rows = buildSubmission(plan(facts()), who, ids());
    expect(rows.dossier).toMatchObject({
      id: 'd1',
      code: 'H01.01-251103-0001',
      procedure_version_id: 'v1',
      channel: 'online',
      applicant_id_number: '001090000001',
      applicant_phone: '0912345678',
      submitter_id: 'citizen:c1',
      submitter_personal_id: '001090000001',
      receiving_unit_id: 'xa-a',
      state: 'submitted',
      submitted_at: NOW,
      lookup_pin: '123456',
      version: 1,
      component_sources: { cccd: fetchedCccd },
      snapshot: { code: '1.000001' },
    });
    expect(rows.files).toEqual([
      expect.objectContaining({
        id: 'id1',
        dossier_id: 'd1',
        kind: 'component',
        component_key: 'to-khai',
        blob_key: 'k1',
        digitized: false,
        uploaded_by: 'c1',
      }),
    ]);
    expect(rows.steps).toEqual([]);
    expect(rows.closesDraft).toBe(true);
    expect(rows.events).toHaveLength(1);
    const e = rows.events[0]!;
    expect(e.event).toMatchObject({ id: 'id2', dossier_id: 'd1', seq: 1, action: 'submit', from_state: null, to_state: 'submitted', actor_kind: 'citizen' });
    expect(JSON.parse(e.event.data)).toEqual({ channel: 'online', files: 1, sources: [{ componentKey: 'cccd', ...fetchedCccd }] });
    expect(e.outbox).toMatchObject({
      id: 'id3',
      topic: 'dossier.event',
      key: 'd1',
      payload: { action: 'submit', to: 'submitted', channel: 'online', nationalStatus: expect.anything() },
    });
    expect(e.audit).toMatchObject({ action: 'dossier.submit', entityId: 'd1', ip: '10.0.0.1' });
  });

  it('links reused and fetched documents, records each failed fetch as an event, and uses up the consent', () => {
    const doc = { id: 's1', code: 'KQ-1', sha256: 'abc', fileName: 'anh.pdf', contentType: 'application/pdf', size: 9, fromNationalStore: true };
    const f = assisted(
      {
        stored: { anh: doc },
        rest: { fetched: { sources: { cccd: failedCccd }, linked: [] }, agencyCode: 'H01.01', uploads: [] },
      },
      { storedDocuments: { anh: { storedDocumentId: 's1' } } },
    );
    const rows = buildSubmission(plan(f), { ...who, actor: helper }, ids());
    expect(rows.dossier.version).toBe(2);
    expect(rows.dossier.submitter_personal_id).toBeNull();
    expect(rows.files.map((x) => [x.component_key, x.blob_key, x.digitized])).toEqual([
      ['to-khai', 'k1', false],
      ['anh', 'abc', true],
    ]);
    expect(rows.consent).toEqual({ id: 'k1', usedAt: NOW });
    expect(rows.closesDraft).toBe(false);
    expect(rows.audits).toEqual([
      expect.objectContaining({ action: 'dossier.assisted_consent.used', entityId: 'k1', details: expect.objectContaining({ dossierId: 'd1' }) }),
    ]);
    expect(rows.events.map((e) => [e.event.seq, e.event.action, e.event.actor_kind])).toEqual([
      [1, 'submit', 'officer'],
      [2, 'source_fetch_failed', 'system'],
    ]);
    const data = JSON.parse(rows.events[0]!.event.data);
    expect(data.assisted).toMatchObject({ consentId: 'k1', helperId: 'o2', helperRole: 'digital_team' });
    expect(data.reused).toEqual([{ componentKey: 'anh', storedDocumentId: 's1', code: 'KQ-1', fileId: rows.files[1]!.id, fromNationalStore: true }]);
    expect(JSON.parse(rows.events[1]!.event.data)).toEqual({
      componentKey: 'cccd',
      component: 'Căn cước',
      source: 'population',
      kind: 'identity',
      reason: 'unavailable',
    });
  });
});
