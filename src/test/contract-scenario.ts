/**
 * The valid requests of the contract test (src/e2e/contract.db.test.ts): one journey through the
 * API as the actor each operation is for, with the identifiers the API itself answered (a unit the
 * admin created, the dossier the digital team submitted, its payment, its files ...).
 */
import { expect } from 'vitest';
import { multipart } from './multipart';
import { BIRTH_FORM, LLTP, LLTP_FORM, TINY_PDF } from './fixtures';
import type { TestEnv } from './harness';
import { consentSms } from '../modules/dossiers/testkit';
import { drainOutbox } from '../platform/outbox';

type Res = Awaited<ReturnType<TestEnv['app']['inject']>>;
export type Actor =
  'anonymous' | 'citizen' | 'admin' | 'reception' | 'desk' | 'digital' | 'specialist' | 'leader' | 'police' | 'controller' | 'monitor' | 'commune';
export type CallFn = (
  who: Actor,
  operation: string,
  params?: Record<string, string>,
  c?: { query?: Record<string, string | number | boolean>; body?: unknown; raw?: { body: Buffer | string; type: string }; headers?: Record<string, string> },
) => Promise<Res>;

const AN = { idNumber: '093090001234', name: 'Nguyễn Văn An', phone: '0912345678' };
const PDF = { field: 'file', name: 'ket-qua.pdf', type: 'application/pdf', bytes: TINY_PDF };

/** The body of a 2xx answer, or a failed expectation naming the call. */
async function ok(res: Promise<Res>, what: string): Promise<any> {
  const r = await res;
  expect(r.statusCode, `${what}: ${r.body.slice(0, 500)}`).toBeLessThan(300);
  return r.body && String(r.headers['content-type'] ?? '').startsWith('application/json') ? r.json() : r.body;
}

export interface ScenarioTools {
  keepAlive(): Promise<void>;
  /** The payer pays at the sandbox gateway; answers the signed callback the gateway sent to the portal. */
  pay(payUrl: string, orderRef: string): Promise<unknown>;
}

export async function scenario(env: TestEnv, call: CallFn, tools: ScenarioTools): Promise<void> {
  const { keepAlive } = tools;
  const deliver = async () => {
    for (let i = 0; i < 5; i++) await drainOutbox(env.ctx);
  };

  // --- public reads
  await call('anonymous', 'GET /api/v1/calendar/lunar', {}, { query: { date: '2026-02-17' } });
  await call('anonymous', 'GET /api/v1/calendar/deadline', {}, { query: { receivedAt: '2026-03-09T02:00:00Z', workingDays: 5 } });
  await call('anonymous', 'GET /api/v1/calendar/holidays', {}, { query: { year: 2026 } });
  await call('anonymous', 'GET /api/v1/units');
  await call('anonymous', 'GET /api/v1/units/address', {}, { query: { q: 'Phường I, thành phố Vị Thanh' } });
  await call('anonymous', 'GET /api/v1/units/{id}', { id: 'ct' });
  await call('anonymous', 'GET /api/v1/procedures', {}, { query: { q: 'khai sinh' } });
  await call('anonymous', 'GET /api/v1/procedures/boundary-free');
  const birth = await ok(call('anonymous', 'GET /api/v1/procedures/{code}', { code: '1.001193' }), 'procedure');
  await call('anonymous', 'POST /api/v1/procedures/{code}/fee-quote', { code: LLTP }, { body: { answers: LLTP_FORM } });
  await call('anonymous', 'GET /api/v1/procedures/{code}/versions', { code: '1.001193' });
  await call('anonymous', 'GET /api/v1/fields');
  await call('anonymous', 'GET /api/v1/me');
  await call('anonymous', 'GET /api/v1/rules');
  await call('anonymous', 'POST /api/v1/assistant', {}, { body: { question: 'Đăng ký khai sinh cần giấy tờ gì?' } });
  await call('anonymous', 'GET /api/v1/faq');
  await call('anonymous', 'GET /api/v1/petitions/published');
  await call('anonymous', 'GET /api/v1/surveys');
  await call('anonymous', 'GET /api/v1/indicators', {}, { query: { period: '2026-Q1' } });
  await call('anonymous', 'GET /api/v1/indicators/channels', {}, { query: { period: '2026-Q1' } });
  await call('anonymous', 'GET /api/v1/indicators/methods');
  await call('anonymous', 'GET /api/v1/indicators/rankings', {}, { query: { month: '2026-02', group: 'commune' } });
  await call('monitor', 'GET /api/v1/indicators/targets', {}, { query: { year: 2026 } });
  await call('monitor', 'GET /api/v1/indicators/targets/quarterly', {}, { query: { year: 2026 } });
  await call('monitor', 'GET /api/v1/indicators/report', {}, { query: { year: 2026, quarter: 1 } });
  await call('monitor', 'GET /api/v1/indicators/settings');
  await call('anonymous', 'POST /api/v1/indicators/score', {}, { body: { figures: {} } });
  await call('desk', 'GET /api/v1/dossiers/results-import/template.csv');

  // --- the administrator: calendar, units, officers, outbox
  await call(
    'admin',
    'PUT /api/v1/calendar/schedules/{year}',
    { year: '2031' },
    {
      body: { source: 'Thông báo thử', entries: [{ date: '2031-01-01', kind: 'holiday', name: 'Tết Dương lịch', nameEn: "New Year's Day" }] },
    },
  );
  await call('admin', 'DELETE /api/v1/calendar/schedules/{year}', { year: '2031' });
  // The open dossiers of units retired on 1/7/2025 go to their heirs (answers what moved and what stayed, with the reason).
  await call('admin', 'POST /api/v1/admin/dossiers/reroute-retired', {});
  const made = async (name: string) =>
    (
      await ok(
        call('admin', 'POST /api/v1/units', {}, { body: { kind: 'agency', agencyType: 'office', name, parentId: 'ct', validFrom: '2026-03-01' } }),
        `unit ${name}`,
      )
    ).id as string;
  const u1 = await made('Văn phòng thử nghiệm một');
  const u2 = await made('Văn phòng thử nghiệm hai');
  const u3 = await made('Văn phòng thử nghiệm ba');
  await call(
    'admin',
    'POST /api/v1/units/{id}/rename',
    { id: u1 },
    { body: { name: 'Văn phòng thử nghiệm Một', effectiveDate: '2026-03-02', decision: '1/QĐ-UBND' } },
  );
  await call('admin', 'POST /api/v1/units/{id}/move', { id: u1 }, { body: { parentId: 'hg-vithanh-p1', effectiveDate: '2026-03-03', decision: '2/QĐ-UBND' } });
  await call('admin', 'POST /api/v1/units/{id}/merge', { id: u1 }, { body: { sourceIds: [u2], effectiveDate: '2026-03-04', decision: '3/QĐ-UBND' } });
  await call('admin', 'POST /api/v1/units/{id}/retire', { id: u3 }, { body: { effectiveDate: '2026-03-05', decision: '4/QĐ-UBND' } });
  await call('admin', 'GET /api/v1/officers');
  await call('admin', 'GET /api/v1/admin/outbox');

  // --- the controller: the catalogue
  const src = birth.procedure;
  const record = {
    ...src,
    code: '1.099193',
    forms: src.forms.map((f: { name: string; code?: string }) => ({ name: f.name, ...(f.code ? { code: f.code } : {}) })),
  };
  await call('controller', 'PUT /api/v1/admin/procedures/{code}/draft', { code: '1.099193' }, { body: record });
  await call('controller', 'GET /api/v1/admin/procedures/{code}/draft', { code: '1.099193' });
  await call('controller', 'POST /api/v1/admin/procedures/{code}/forms/{index}/template', { code: '1.099193', index: '1' }, { raw: multipart({}, [PDF]) });
  const pub = await ok(
    call(
      'controller',
      'POST /api/v1/admin/procedures/publish',
      {},
      {
        body: { codes: ['1.099193'], decision: { number: '55/QĐ-UBND', signedDate: '2026-03-02', effectiveDate: '2026-03-09' }, disclosedOn: '2026-03-03' },
      },
    ),
    'publish',
  );
  const versionId = pub.versionIds?.[0] ?? 'none';
  await call('controller', 'POST /api/v1/admin/procedure-versions/{id}/disclose', { id: versionId }, { body: { on: '2026-03-04' } });
  await call(
    'controller',
    'PUT /api/v1/admin/procedure-versions/{id}/boundary-free',
    { id: versionId },
    {
      body: { periods: [{ validFrom: '2026-03-09', validTo: null, decision: '56/QĐ-UBND ngày 02/03/2026' }] },
    },
  );
  await call(
    'controller',
    'POST /api/v1/admin/procedures/{code}/retire',
    { code: '1.099193' },
    {
      body: { decision: { number: '57/QĐ-UBND', signedDate: '2026-03-05', effectiveDate: '2026-03-20' } },
    },
  );
  const exported = await ok(call('controller', 'GET /api/v1/admin/procedures/export', {}, { query: { format: 'json' } }), 'export');
  const one = (exported.DanhSachTTHC ?? []).find((r: any) => r.MaTTHC === '1.001193');
  const imported = { ...one, MaTTHC: '1.099194' };
  await call('controller', 'POST /api/v1/admin/procedures/import', {}, { body: { DanhSachTTHC: [imported] } });
  await call(
    'controller',
    'POST /api/v1/admin/procedures/import-file',
    {},
    {
      raw: multipart({}, [
        { field: 'file', name: 'tthc.json', type: 'application/json', bytes: Buffer.from(JSON.stringify({ DanhSachTTHC: [{ ...one, MaTTHC: '1.099195' }] })) },
      ]),
    },
  );
  await call('controller', 'GET /api/v1/admin/publication-figures', {}, { query: { from: '2026-01-01', to: '2026-03-31' } });

  // --- the citizen: drafts, e-data store, preferences, population
  await call('citizen', 'PUT /api/v1/me/drafts/{code}', { code: '1.001193' }, { body: { step: 'form', data: BIRTH_FORM } });
  await call('citizen', 'GET /api/v1/me/drafts');
  await call('citizen', 'GET /api/v1/me/drafts/{code}', { code: '1.001193' });
  await call('citizen', 'DELETE /api/v1/me/drafts/{code}', { code: '1.001193' });
  const docs = await ok(call('citizen', 'GET /api/v1/me/documents'), 'documents');
  const docId = docs.documents?.[0]?.id ?? 'none';
  await call('citizen', 'GET /api/v1/me/documents/{id}/file', { id: docId });
  const share = await ok(call('citizen', 'POST /api/v1/me/documents/{id}/shares', { id: docId }, { body: { hours: 24 } }), 'share');
  await call('citizen', 'GET /api/v1/me/documents/{id}/shares', { id: docId });
  await call('citizen', 'DELETE /api/v1/me/documents/{id}/shares/{shareId}', { id: docId, shareId: share.share?.id ?? share.id ?? 'none' });
  await call('citizen', 'GET /api/v1/me/notification-preferences');
  await call('citizen', 'PUT /api/v1/me/notification-preferences', {}, { body: { email: true, sms: true, zalo: false, inbox: true, lang: 'vi' } });
  await call('citizen', 'GET /api/v1/population/prefill');
  await call('reception', 'POST /api/v1/population/verify', {}, { body: { personalId: AN.idNumber, name: AN.name, birthDate: '1990-05-14' } });

  // --- uploads (tus): created, written, read, receipt, removed
  const tusHeaders = { 'tus-resumable': '1.0.0' };
  await call('citizen', 'OPTIONS /api/v1/uploads', {}, { headers: tusHeaders });
  const created = await call(
    'citizen',
    'POST /api/v1/uploads',
    {},
    {
      headers: {
        ...tusHeaders,
        'upload-length': String(TINY_PDF.length),
        'upload-metadata': `filename ${Buffer.from('to-khai.pdf').toString('base64')},filetype ${Buffer.from('application/pdf').toString('base64')}`,
      },
    },
  );
  const uploadId =
    String(created.headers.location ?? '')
      .split('/')
      .pop() || 'none';
  await call(
    'citizen',
    'PATCH /api/v1/uploads/{id}',
    { id: uploadId },
    {
      headers: { ...tusHeaders, 'upload-offset': '0' },
      raw: { body: TINY_PDF, type: 'application/offset+octet-stream' },
    },
  );
  await call('citizen', 'HEAD /api/v1/uploads/{id}', { id: uploadId }, { headers: tusHeaders });
  await call('citizen', 'GET /api/v1/uploads/{id}/receipt', { id: uploadId });
  await call('citizen', 'DELETE /api/v1/uploads/{id}', { id: uploadId }, { headers: tusHeaders });

  // --- the digital team submits an assisted dossier with the citizen's consent
  const consent = await ok(
    call('digital', 'POST /api/v1/assisted-consents', {}, { body: { procedureCode: LLTP, idNumber: AN.idNumber, name: AN.name, phone: AN.phone } }),
    'consent',
  );
  const consentId = consent.consent.id as string;
  await call('digital', 'GET /api/v1/assisted-consents/{id}', { id: consentId });
  const sms = await consentSms(env, consentId);
  await call('digital', 'POST /api/v1/assisted-consents/{id}/confirm', { id: consentId }, { body: { code: sms?.code ?? '000000' } });
  const submitted = await ok(
    call(
      'digital',
      'POST /api/v1/dossiers',
      {},
      {
        raw: multipart({ payload: JSON.stringify({ procedureCode: LLTP, applicant: AN, data: LLTP_FORM, consentId }) }, [
          { field: 'file:to-khai', name: 'scan.pdf', type: 'application/pdf', bytes: TINY_PDF },
        ]),
      },
    ),
    'submit',
  );
  const id = submitted.dossier.id as string;
  const code = submitted.dossier.code as string;
  await deliver();
  const version = async () => (await call('desk', 'GET /api/v1/dossiers/{id}', { id })).json().dossier.version as number;
  const act = async (who: Actor, action: string, extra: Record<string, unknown> = {}) => {
    await keepAlive();
    return call(who, 'POST /api/v1/dossiers/{id}/actions/{action}', { id, action }, { body: { version: await version(), ...extra } });
  };
  await call('citizen', 'GET /api/v1/dossiers/lookup', {}, { query: { code, secret: AN.idNumber.slice(-4) } });
  await call('desk', 'GET /api/v1/dossiers/{id}/events', { id });
  await call('desk', 'GET /api/v1/queues/{queue}', { queue: 'to-receive' });
  await act('desk', 'receive');
  await call('desk', 'GET /api/v1/dossiers/{id}/slips/{kind}.pdf', { id, kind: 'receipt' });
  await call('desk', 'POST /api/v1/dossiers/bulk/slips.pdf', {}, { body: { kind: 'receipt', ids: [id] } });
  await call('desk', 'GET /api/v1/units/{unitId}/dossier-register.pdf', { unitId: 'hg-ttpvhcc' }, { query: { from: '2026-03-01', to: '2026-03-31' } });
  await act('desk', 'request_fee');
  await deliver();
  const payment = await ok(call('citizen', 'POST /api/v1/dossiers/{id}/payments', { id }, { body: { feeKeys: ['phi'] } }), 'payment');
  const paymentId = (payment.payment?.id ?? payment.id) as string;
  await call('citizen', 'GET /api/v1/dossiers/{id}/payments', { id });
  await call('citizen', 'GET /api/v1/payments/{id}', { id: paymentId });
  await call('citizen', 'POST /api/v1/payments/{id}/query', { id: paymentId });
  const callback = await tools.pay(String(payment.payUrl), String(payment.orderRef));
  await deliver();
  await call('anonymous', 'POST /api/v1/payments/callback', {}, { body: callback });
  await call('citizen', 'GET /api/v1/payments/{id}/receipt.pdf', { id: paymentId });
  await call('admin', 'POST /api/v1/payments/reconciliations', {}, { body: { day: '2026-03-08' } });
  await call('admin', 'GET /api/v1/payments/reconciliations');
  await call('specialist', 'GET /api/v1/dossiers/{id}/documents', { id });
  await call('specialist', 'GET /api/v1/dossiers/{id}/digitization', { id });
  await call('specialist', 'GET /api/v1/dossiers/{id}/supplement-requests', { id });
  await call('citizen', 'GET /api/v1/me/dossiers');
  const inbox = await ok(call('citizen', 'GET /api/v1/me/notifications'), 'inbox');
  const note = (inbox.items ?? inbox.notifications ?? [])[0];
  await call('citizen', 'POST /api/v1/me/notifications/{id}/read', { id: String(note?.id ?? 'none') });

  // --- processed (the specialist's step in bulk), approved, the result attached, returned, rated
  await keepAlive();
  await call('specialist', 'POST /api/v1/dossiers/bulk', {}, { body: { action: 'forward', items: [{ id, version: await version() }] } });
  await act('police', 'forward');
  await act('leader', 'approve');
  const result = await ok(call('leader', 'POST /api/v1/dossiers/{id}/files', { id }, { raw: multipart({ kind: 'result' }, [PDF]) }), 'result');
  const resultId = String(result.file.id);
  await deliver();
  await call('leader', 'GET /api/v1/dossiers/{id}/files/{fileId}', { id, fileId: resultId });
  await act('desk', 'return_result', { returnMethod: 'online' });
  await deliver();
  const dossierDocs = await ok(call('citizen', 'GET /api/v1/dossiers/{id}/documents', { id }), 'dossier documents');
  const dd = (dossierDocs.documents ?? [])[0];
  await call('citizen', 'GET /api/v1/dossiers/{id}/documents/{documentId}/file', { id, documentId: String(dd?.id ?? 'none') });
  const criteria = (await ok(call('citizen', 'GET /api/v1/dossiers/{id}/rating', { id }), 'rating form')).criteria ?? [];
  await call(
    'citizen',
    'PUT /api/v1/dossiers/{id}/rating',
    { id },
    { body: { scores: Object.fromEntries(criteria.map((c: any) => [c.key, 5])), comment: 'Nhanh, đúng hẹn.' } },
  );

  // --- a second dossier: the desk asks for a supplement, the applicant answers, a second request is approved by the leader
  const consent2 = await ok(
    call('digital', 'POST /api/v1/assisted-consents', {}, { body: { procedureCode: LLTP, idNumber: AN.idNumber, name: AN.name, phone: AN.phone } }),
    'consent 2',
  );
  const sms2 = await consentSms(env, consent2.consent.id);
  await ok(
    call('digital', 'POST /api/v1/assisted-consents/{id}/confirm', { id: consent2.consent.id }, { body: { code: sms2?.code ?? '000000' } }),
    'confirm 2',
  );
  const second = await ok(
    call(
      'digital',
      'POST /api/v1/dossiers',
      {},
      {
        raw: multipart({ payload: JSON.stringify({ procedureCode: LLTP, applicant: AN, data: LLTP_FORM, consentId: consent2.consent.id }) }, [
          { field: 'file:to-khai', name: 'scan.pdf', type: 'application/pdf', bytes: TINY_PDF },
        ]),
      },
    ),
    'submit 2',
  );
  const id2 = String(second.dossier.id);
  const v2 = async () => (await call('desk', 'GET /api/v1/dossiers/{id}', { id: id2 })).json().dossier.version as number;
  await call('desk', 'POST /api/v1/dossiers/{id}/actions/{action}', { id: id2, action: 'receive' }, { body: { version: await v2() } });
  // The bills sent to the national portal for its fee requests (none for a dossier submitted here: an empty list).
  await call('desk', 'GET /api/v1/national-portal/dossiers/{id}/bills', { id: id2 });
  const items = [{ componentKey: 'to-khai', defect: 'unreadable', provide: 'Bản quét rõ nét' }];
  const first = await ok(
    call('desk', 'POST /api/v1/dossiers/{id}/supplement-requests', { id: id2 }, { body: { version: await v2(), comment: 'Tờ khai không đọc được', items } }),
    'supplement 1',
  );
  const asked = await ok(call('citizen', 'GET /api/v1/dossiers/{id}/supplement-requests', { id: id2 }), 'requests');
  const req1 = (asked.requests ?? []).find((r: any) => r.id === first.requestId) ?? (asked.requests ?? [])[0];
  const itemId = String(req1?.items?.[0]?.id ?? 'none');
  await call(
    'citizen',
    'POST /api/v1/dossiers/{id}/supplement-answer',
    { id: id2 },
    {
      raw: multipart({ payload: JSON.stringify({ version: await v2(), answers: [{ itemId, note: 'Gửi lại bản quét' }] }) }, [
        { field: `file:${itemId}`, name: 'to-khai.pdf', type: 'application/pdf', bytes: TINY_PDF },
      ]),
    },
  );
  const again = await ok(
    call(
      'desk',
      'POST /api/v1/dossiers/{id}/supplement-requests',
      { id: id2 },
      { body: { version: await v2(), comment: 'Còn thiếu chữ ký', items: [{ ...items[0], defect: 'wrong_form' }] } },
    ),
    'supplement 2',
  );
  await call(
    'leader',
    'POST /api/v1/dossiers/{id}/supplement-requests/{requestId}/decision',
    { id: id2, requestId: String(again.requestId) },
    {
      body: { version: await v2(), approve: true, reason: 'Tờ khai chưa có chữ ký của người yêu cầu.' },
    },
  );

  // --- at the desk: a certified copy, an offline intake, the results import
  await call(
    'commune',
    'POST /api/v1/certified-copies',
    {},
    {
      raw: multipart({ requesterId: AN.idNumber, documentType: 'giay-khai-sinh', name: 'Giấy khai sinh (bản sao chứng thực)' }, [PDF]),
    },
  );
  const paperOk = await ok(call('anonymous', 'GET /api/v1/procedures/{code}', { code: '1.004873' }), 'paper procedure');
  await call(
    'reception',
    'POST /api/v1/offline-intake',
    {},
    {
      raw: multipart({
        payload: JSON.stringify({
          key: '6f1c2b7e-4d3a-4b8e-9a51-0c2d3e4f5a6b',
          provisionalCode: 'TAM-AB12CD-1',
          deviceId: 'AB12CD',
          capturedAt: '2026-03-09T01:30:00.000Z',
          procedureCode: '1.004873',
          procedureVersionId: paperOk.version.versionId,
          receivingUnitId: 'hg-vithanh-p1-ubnd',
          applicant: { kind: 'citizen', idNumber: '093299001111', name: 'Lâm Thị Thu', phone: '0912000111' },
          receiveNow: true,
        }),
      }),
    },
  );
  const template = await call('desk', 'GET /api/v1/dossiers/results-import/template.csv');
  await call(
    'desk',
    'POST /api/v1/dossiers/results-import',
    {},
    {
      raw: multipart({}, [
        {
          field: 'file',
          name: 'ket-qua.csv',
          type: 'text/csv',
          bytes: Buffer.from(`${template.body.split('\r\n')[0]}\r\n${code},Đã trả,09/03/2026,Trả trực tuyến\r\n`),
        },
      ]),
    },
  );

  // --- reviews, feedback, petitions, surveys, FAQ (the administrator as the province's officer)
  await call('citizen', 'GET /api/v1/dossiers/{id}/rating', { id });
  await call('admin', 'GET /api/v1/ratings/summary', {}, { query: { from: '2026-01-01', to: '2026-03-31' } });
  await call('admin', 'GET /api/v1/feedback/figures', {}, { query: { unitIds: 'hg-ttpvhcc', from: '2026-01-01', to: '2026-03-31' } });
  await call('admin', 'GET /api/v1/feedback/settings');
  await call('admin', 'PUT /api/v1/feedback/settings', {}, { body: { answerDays: 10 } });
  const petition = await ok(
    call(
      'anonymous',
      'POST /api/v1/petitions',
      {},
      {
        body: {
          subjectKind: 'unit',
          unitId: 'hg-sotp',
          title: 'Hỏi về thời hạn cấp phiếu',
          content: 'Phiếu lý lịch tư pháp được cấp trong bao lâu?',
          contactName: AN.name,
          contactPhone: AN.phone,
        },
      },
    ),
    'petition',
  );
  const pet = { id: String(petition.id), code: String(petition.code), pin: String(petition.pin) };
  await call('citizen', 'GET /api/v1/petitions/mine');
  await call('anonymous', 'POST /api/v1/petitions/lookup/{code}', { code: pet.code }, { body: { pin: pet.pin } });
  await call('specialist', 'GET /api/v1/petitions');
  await call('specialist', 'GET /api/v1/petitions/{id}', { id: pet.id });
  await call('specialist', 'POST /api/v1/petitions/{id}/{action}', { id: pet.id, action: 'request_info' }, { body: { note: 'Xin cho biết ngày nộp hồ sơ.' } });
  await call('anonymous', 'POST /api/v1/petitions/lookup/{code}/info', { code: pet.code }, { body: { pin: pet.pin, text: 'Tôi nộp hồ sơ ngày 02/03/2026.' } });
  await call(
    'specialist',
    'POST /api/v1/petitions/{id}/{action}',
    { id: pet.id, action: 'answer' },
    { body: { note: 'Phiếu được cấp trong 10 ngày làm việc.' } },
  );
  await call('leader', 'POST /api/v1/petitions/{id}/{action}', { id: pet.id, action: 'approve' }, { body: {} });
  await call('anonymous', 'POST /api/v1/petitions/lookup/{code}/rating', { code: pet.code }, { body: { pin: pet.pin, rating: 'satisfied' } });
  const survey = await ok(
    call(
      'admin',
      'POST /api/v1/surveys',
      {},
      {
        body: { title: 'Khảo sát thử', onPortal: true, questions: [{ id: 'q1', type: 'scale', text: 'Mức độ hài lòng?', required: true }] },
      },
    ),
    'survey',
  );
  const surveyId = String(survey.survey?.id ?? survey.id);
  await call('admin', 'POST /api/v1/surveys/{id}/publish', { id: surveyId });
  await call('citizen', 'POST /api/v1/surveys/{id}/responses', { id: surveyId }, { body: { q1: 5 } });
  await call('admin', 'GET /api/v1/surveys/{id}/results', { id: surveyId });
  await call('admin', 'POST /api/v1/surveys/{id}/close', { id: surveyId });
  const faq = await ok(
    call(
      'admin',
      'POST /api/v1/faq',
      {},
      { body: { procedureCode: LLTP, question: 'Nộp ở đâu?', answer: 'Tại Trung tâm Phục vụ hành chính công.', published: true } },
    ),
    'faq',
  );
  const faqId = String(faq.faq?.id ?? faq.id);
  await call(
    'admin',
    'PUT /api/v1/faq/{id}',
    { id: faqId },
    { body: { question: 'Nộp hồ sơ ở đâu?', answer: 'Tại Trung tâm Phục vụ hành chính công.', published: true } },
  );
  await call('admin', 'DELETE /api/v1/faq/{id}', { id: faqId });

  // --- notifications, national portal, indicators (administrator / monitor)
  const templates = (await ok(call('admin', 'GET /api/v1/notifications/templates'), 'templates')).templates;
  const tpl = templates.find((t: any) => t.channel === 'sms') ?? templates[0];
  await call(
    'admin',
    'PUT /api/v1/notifications/templates/{key}/{channel}/{lang}',
    { key: tpl.key, channel: tpl.channel, lang: tpl.lang },
    { body: { body: String(tpl.body) } },
  );
  await call('admin', 'GET /api/v1/national-portal/status');
  await call('admin', 'GET /api/v1/national-portal/inbound');
  await call('admin', 'POST /api/v1/national-portal/inbound/pull');
  await call('monitor', 'GET /api/v1/indicators/at-stake');
  await call('desk', 'GET /api/v1/indicators/at-stake/mine');
  await call('admin', 'POST /api/v1/indicators/alerts/run', {}, { body: {} });
  await call('monitor', 'GET /api/v1/indicators/ledger');
  await call('monitor', 'GET /api/v1/indicators/ledger/export');
  await call('admin', 'POST /api/v1/indicators/reconciliation', {}, { body: {} });
  await call('monitor', 'GET /api/v1/indicators/{key}/records', { key: 'onTimeRate' }, { query: { period: '2026-Q1' } });
  await call('admin', 'PUT /api/v1/indicators/settings/{key}', { key: 'onTimeRate' }, { body: { maxPoints: 2, threshold: null, enabled: true } });
  await call('reception', 'GET /api/v1/offline-intake/catalogue');
  await call('admin', 'POST /api/v1/signatures/verify', {}, { raw: multipart({}, [PDF]) });

  // --- failed deliveries, retried or given up by the administrator. Nothing fails in this healthy
  // run, so three delivered messages are marked failed in the database (the one step not made through the API).
  await deliver();
  const picked = await env.ctx.db.selectFrom('outbox').select(['id']).orderBy('id').limit(3).execute();
  await env.ctx.db
    .updateTable('outbox')
    .set({ status: 'failed', last_error: 'contract test: marked failed' })
    .where(
      'id',
      'in',
      picked.map((m) => m.id),
    )
    .execute();
  const listed = (await ok(call('admin', 'GET /api/v1/admin/outbox', {}, { query: { state: 'failed' } }), 'failed outbox')).jobs ?? [];
  const failedIds: string[] = listed.map((m: any) => String(m.id));
  await call('admin', 'POST /api/v1/admin/outbox/{id}/retry', { id: failedIds[0] ?? 'none' });
  await call('admin', 'POST /api/v1/admin/outbox/{id}/give-up', { id: failedIds[1] ?? 'none' });
  await call('admin', 'POST /api/v1/national-portal/failed/{id}/retry', { id: failedIds[2] ?? 'none' });
}
