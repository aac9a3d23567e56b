import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { authHeaders, loginOfficer } from '../../test/login';
import { deliverAll, loginOfficers, startTestSandboxes, submitAtDesk, walkToReturned, act, type Officers, type Sandboxes } from '../notifications/testkit';
import { startSandboxNationalPortal } from '../../../sandbox/national-portal/server';
import { forgetSessions } from './adapter';
import { SYNC_TOPIC, syncFacts } from './service';
import { dossierPayload, isDigitized, portalTime, type SyncInput } from './payload';
import { recordReuses, storeDocument } from '../warehouse/service';
import { createRng } from '../dossiers/generator/random';

let env: TestEnv;
let sb: Sandboxes;
let o: Officers;
const file = join(mkdtempSync(join(tmpdir(), 'np-')), 'portal.json');
const topics = ['dossier.event', SYNC_TOPIC];
const tick = () => env.clock.advance(60_000);
const AN = { idNumber: '093090001234', name: 'Nguyễn Văn An', phone: '0912345678' };

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-03-09T02:00:00Z' });
  sb = await startTestSandboxes(env, file);
  o = await loginOfficers(env);
});
afterAll(async () => {
  await sb?.close();
  await env?.close();
});

describe('payload', () => {
  it('dates as yyyyMMddHHmmss in Vietnam time; digitized flag', () => {
    expect(portalTime('2026-03-09T02:03:04Z')).toBe('20260309090304');
    const p = dossierPayload({
      dossier: {
        id: 'd',
        code: 'C',
        procedureCode: 'P',
        procedureName: 'N',
        fieldName: 'F',
        resultName: 'R',
        channel: 'online',
        applicantKind: 'citizen',
        applicantName: 'A',
        applicantIdNumber: '1',
        applicantEmail: null,
        applicantPhone: null,
        summary: null,
        submittedAt: new Date(),
        receivedAt: null,
        appointmentAt: null,
        dueAt: null,
        resultReadyAt: null,
        returnedAt: null,
        closedAt: null,
        closeReason: null,
        submitterKind: 'citizen',
        files: [{ id: 'f', kind: 'component', componentKey: 'k', fileName: 'a.pdf', digitized: true }],
      },
      status: 1,
      receivingUnitName: 'R',
      decidingUnitName: 'D',
      publicUrl: 'http://x',
    });
    expect(p).toMatchObject({ KenhThucHien: 2, HoSoCoThanhPhanSoHoa: 1, TaiLieuNop: [{ TepDinhKemId: 'f', DuocSoHoa: 1 }], DanhSachGiayToKetQua: [] });
  });

  it('an online upload (not scanned at the desk) is an electronic component: DuocSoHoa 1, the dossier has digitized components', () => {
    const files = [
      { id: 'u', kind: 'component', componentKey: 'to-khai', fileName: 'to-khai.pdf', digitized: false },
      { id: 'r', kind: 'result', componentKey: null, fileName: 'kq.pdf', digitized: false },
    ];
    const p = dossierPayload({
      dossier: {
        id: 'd',
        code: 'C',
        procedureCode: 'P',
        procedureName: 'N',
        fieldName: 'F',
        resultName: 'R',
        channel: 'online',
        applicantKind: 'citizen',
        applicantName: 'A',
        applicantIdNumber: '1',
        applicantEmail: null,
        applicantPhone: null,
        summary: null,
        submittedAt: new Date(),
        receivedAt: null,
        appointmentAt: null,
        dueAt: null,
        resultReadyAt: null,
        returnedAt: null,
        closedAt: null,
        closeReason: null,
        submitterKind: 'citizen',
        files,
      },
      status: 1,
      receivingUnitName: 'R',
      decidingUnitName: 'D',
      publicUrl: 'http://x',
    }) as any;
    expect(p.HoSoCoThanhPhanSoHoa).toBe(1);
    expect(p.TaiLieuNop).toEqual([expect.objectContaining({ TepDinhKemId: 'u', DuocSoHoa: 1 })]);
    expect(isDigitized([files[1]!])).toBe(false);
  });

  it('reuse flags per submitted file: 1 reused, 2 replaced by an earlier result (with its code), from the national store', () => {
    const base = (files: SyncInput['dossier']['files'], reuses?: SyncInput['reuses']) =>
      dossierPayload({
        dossier: {
          id: 'd',
          code: 'C',
          procedureCode: 'P',
          procedureName: 'N',
          fieldName: 'F',
          resultName: 'R',
          channel: 'in_person',
          applicantKind: 'citizen',
          applicantName: 'A',
          applicantIdNumber: '1',
          applicantEmail: null,
          applicantPhone: null,
          summary: null,
          submittedAt: new Date(),
          receivedAt: null,
          appointmentAt: null,
          dueAt: null,
          resultReadyAt: null,
          returnedAt: null,
          closedAt: null,
          closeReason: null,
          submitterKind: 'officer',
          files,
        },
        reuses,
        status: 1,
        receivingUnitName: 'R',
        decidingUnitName: 'D',
        publicUrl: 'http://x',
      }) as any;
    const files = [
      { id: 'a', kind: 'component', componentKey: 'cc', fileName: 'cc.pdf', digitized: true },
      { id: 'b', kind: 'component', componentKey: 'kq', fileName: 'kq.pdf', digitized: true },
      { id: 'c', kind: 'component', componentKey: 'to-khai', fileName: 'tk.pdf', digitized: true },
      { id: 'r', kind: 'result', componentKey: null, fileName: 'r.pdf', digitized: false },
    ];
    const p = base(files, [
      { componentKey: 'cc', fileId: null, kind: 1, documentCode: 'GT.1', fromNationalStore: true },
      { componentKey: 'kq', fileId: 'b', kind: 2, documentCode: 'KQ.000.00.00.H00.001', fromNationalStore: false },
    ]);
    expect(p.TaiLieuNop).toEqual([
      expect.objectContaining({ TepDinhKemId: 'a', DuocTaiSuDung: 1, DuocLayTuKhoDMQG: 1, MaKetQuaThayThe: '' }),
      expect.objectContaining({ TepDinhKemId: 'b', DuocTaiSuDung: 2, DuocLayTuKhoDMQG: 0, MaKetQuaThayThe: 'KQ.000.00.00.H00.001' }),
      expect.objectContaining({ TepDinhKemId: 'c', DuocTaiSuDung: 0, DuocLayTuKhoDMQG: 0, MaKetQuaThayThe: '' }),
    ]);
    expect(p.HoSoCoThanhPhanSoHoa).toBe(1);
    // Without reuses: nothing flagged; a reuse recorded for another file of the component does not flag this one.
    expect(base(files).TaiLieuNop.every((f: any) => f.DuocTaiSuDung === 0 && f.MaKetQuaThayThe === '')).toBe(true);
    expect(base(files, [{ componentKey: 'cc', fileId: 'zz', kind: 1, documentCode: 'GT.1', fromNationalStore: false }]).TaiLieuNop[0].DuocTaiSuDung).toBe(0);
    // No submitted file at all: not a digitized dossier.
    expect(base([]).HoSoCoThanhPhanSoHoa).toBe(0);
  });
});

describe('sync to the national portal', () => {
  it('creation, every status change and the result land in order', async () => {
    const d = await submitAtDesk(env, o, AN);
    await walkToReturned(env, o, d.id, tick);
    await deliverAll(env, { topics });
    const got = sb.portal.dossiers.get(d.code)!;
    expect(got).toBeDefined();
    expect(got.statuses).toEqual([1, 2, 4, 9, 10]);
    expect(got.steps.map((s) => s.TrangThai)).toEqual([1, 2, 4, 4, 9, 9, 10]);
    expect(got.data).toMatchObject({
      MaHoSo: d.code,
      MaTTHC: '2.001417',
      TrangThaiHoSo: 10,
      KenhThucHien: 1,
      ChuHoSo: AN.name,
      SoGiayToChuHoSo: AN.idNumber,
      HoSoCoThanhPhanSoHoa: 1,
    });
    expect(got.data.TaiLieuNop).toHaveLength(1);
    expect(got.data.DanhSachGiayToKetQua).toHaveLength(1);
    expect(got.data.NgayTra).toMatch(/^2026\d{10}$/);
    // Digitized: linked to the applicant's list on the portal.
    expect(sb.portal.linked.get(AN.idNumber)?.has(d.code)).toBe(true);
    const facts = await syncFacts(env.ctx, { dossierIds: [d.id, 'unknown'] });
    expect(facts.find((f) => f.dossierId === d.id)).toMatchObject({ synced: true, resultSynced: true, linked: true, lastStatus: 10 });
    expect(facts.find((f) => f.dossierId === 'unknown')).toMatchObject({ synced: false });
  });

  it('a component replaced by an earlier result goes with DuocTaiSuDung 2 and the result code (warehouse reuseFacts)', async () => {
    const d = await submitAtDesk(env, o, AN);
    const file = await env.ctx.db.selectFrom('dossier_files').selectAll().where('dossier_id', '=', d.id).executeTakeFirstOrThrow();
    const earlier = await storeDocument(env.ctx, {
      owner: { kind: 'citizen', id: AN.idNumber },
      documentType: 'phieu-lltp',
      name: 'Phiếu lý lịch tư pháp',
      agencyCode: '000.00.00.H00',
      source: 'result',
      issuingBody: 'Sở Tư pháp',
      issuingUnitId: null,
      issuedOn: '2025-01-10',
      file: { sha256: file.sha256, fileName: 'kq.pdf', contentType: 'application/pdf', size: file.size },
      digitized: true,
    });
    expect(earlier).not.toBeNull();
    await recordReuses(env.ctx, d.id, [{ componentKey: file.component_key!, storedDocumentId: earlier!.id, fileId: file.id }], env.clock.now());
    tick();
    await act(env, o.desk, o.desk, d.id, 'receive');
    await deliverAll(env, { topics });
    const got = sb.portal.dossiers.get(d.code)!;
    expect(got.data.TaiLieuNop).toEqual([
      expect.objectContaining({
        TepDinhKemId: file.id,
        MaThanhPhanHoSo: file.component_key,
        DuocTaiSuDung: 2,
        MaKetQuaThayThe: earlier!.code,
        DuocLayTuKhoDMQG: 0,
      }),
    ]);
    expect(got.data.HoSoCoThanhPhanSoHoa).toBe(1);
  });

  it('under injected failures (5xx, rate limit, expired session) and a restart, nothing is lost and the totals match', async () => {
    // A seeded fault sequence: with Math.random one run in ten or so had a message fail 15 times in a row, which is the
    // operator's case (tested in outbox tests), not this one's.
    const rng = createRng(2026);
    sb.portal.faults.random = () => rng.next();
    sb.portal.faults.rate5xx = 0.4;
    sb.portal.faults.rateLimitNext = 3;
    sb.portal.faults.expireSessions = true;
    const ids: { id: string; code: string }[] = [];
    for (let i = 0; i < 4; i++) {
      const d = await submitAtDesk(env, o, { idNumber: `09309000${1000 + i}`, name: `Người Thử ${i}` });
      ids.push(d);
      tick();
      await act(env, o.desk, o.desk, d.id, 'receive');
      if (i % 2 === 0) {
        tick();
        await act(env, o.desk, o.desk, d.id, 'request_supplement', { comment: 'Thiếu giấy tờ', missing: ['Bản sao CCCD'] });
      }
    }
    // Some rounds under faults, then the portal restarts (state from its file) and the province forgets its session.
    const { runOutboxOnce } = await import('../../platform/outbox');
    for (let i = 0; i < 5; i++) await runOutboxOnce(env.ctx, { topics, limit: 50 });
    const failing = await env.app.inject({
      method: 'GET',
      url: '/api/v1/national-portal/status',
      headers: authHeaders(await loginOfficer(env.app, 'giamsat')),
    });
    expect(failing.statusCode).toBe(200);
    expect(failing.json().outbox.pending + failing.json().dossiers.failing).toBeGreaterThan(0);
    expect(JSON.stringify(failing.json().failing)).toMatch(/HTTP 429|HTTP 503|không hợp lệ/);
    await sb.portal.close();
    const np = env.ctx.config.nationalPortal;
    sb.portal = await startSandboxNationalPortal({ port: 0, username: np.username, password: np.password, madonvi: np.madonvi, file });
    env.ctx.config.nationalPortal.url = sb.portal.url;
    forgetSessions();
    sb.portal.faults.random = () => rng.next();
    sb.portal.faults.rate5xx = 0.3;
    await deliverAll(env, { topics });
    sb.portal.faults.rate5xx = 0;
    // Totals: the province's and the portal's.
    const dossiers = await env.ctx.db.selectFrom('dossiers').select(['code', 'state']).execute();
    const c = sb.portal.counts();
    expect(c.dossiers).toBe(dossiers.length);
    const byStatus: Record<string, number> = {};
    const NS: Record<string, number> = { received: 2, waiting_supplement: 5, returned: 10 };
    for (const d of dossiers) byStatus[String(NS[d.state])] = (byStatus[String(NS[d.state])] ?? 0) + 1;
    expect(c.byStatus).toEqual(byStatus);
    expect(c.duplicateSteps).toBe(0);
    const events = await env.ctx.db.selectFrom('dossier_events').select('id').execute();
    expect(c.steps).toBe(events.length);
    expect(sb.portal.calls.some((x) => !x.ok)).toBe(true);
    const status = await env.app.inject({ method: 'GET', url: '/api/v1/national-portal/status', headers: authHeaders(await loginOfficer(env.app, 'giamsat')) });
    expect(status.json()).toMatchObject({ dossiers: { synced: dossiers.length, failing: 0 }, outbox: { pending: 0, failed: 0 } });
    const page = await env.app.inject({
      method: 'GET',
      url: '/quan-tri/dong-bo',
      headers: { cookie: (await loginOfficer(env.app, 'giamsat')).cookie, accept: 'text/html' },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Không có hồ sơ nào bị lỗi đồng bộ.');
  }, 60_000);

  it('an invalid payload is refused by the portal and shown with its reason; monitors only', async () => {
    env.ctx.config.nationalPortal.madonvi = 'WRONG';
    const d = await submitAtDesk(env, o, AN);
    const { runOutboxOnce } = await import('../../platform/outbox');
    for (let i = 0; i < 3; i++) await runOutboxOnce(env.ctx, { topics });
    const s = await env.app.inject({ method: 'GET', url: '/api/v1/national-portal/status', headers: authHeaders(await loginOfficer(env.app, 'giamsat')) });
    expect(s.json().failing.find((f: any) => f.code === d.code).lastError).toContain('Mã đơn vị không hợp lệ');
    expect((await env.app.inject({ method: 'GET', url: '/api/v1/national-portal/status', headers: authHeaders(o.desk) })).statusCode).toBe(403);
    env.ctx.config.nationalPortal.madonvi = 'H33';
    await deliverAll(env, { topics });
    expect(sb.portal.dossiers.get(d.code)?.statuses).toEqual([1]);
  });
});
