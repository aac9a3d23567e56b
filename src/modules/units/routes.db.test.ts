import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { anonymousCsrf, authHeaders, loginOfficer, type Login } from '../../test/login';
import { DEMO } from './demo';
import { getUnit, successorOf, unitNameAt } from './service';

let env: TestEnv;
let admin: Login;
let reception: Login;

beforeAll(async () => {
  env = await createTestEnv({ now: '2026-03-10T02:00:00Z' });
  admin = await loginOfficer(env.app, 'admin');
  reception = await loginOfficer(env.app, 'motcua.p1');
});
afterAll(async () => env?.close());

async function auditCount(action: string): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action}`.execute(env.ctx.db);
  return r.rows[0].n;
}

async function versionsCount(): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM unit_versions`.execute(env.ctx.db);
  return r.rows[0].n;
}

const post = (url: string, s: Login, payload: unknown, lang = 'vi') =>
  env.app.inject({ method: 'POST', url, headers: { ...authHeaders(s), 'accept-language': lang }, payload: payload as any });

describe('GET /api/v1/units', () => {
  it('returns Thành phố Cần Thơ two-tier today and Hậu Giang three-tier on 30/6/2025', async () => {
    const now = await env.app.inject({ url: '/api/v1/units' });
    expect(now.statusCode).toBe(200);
    const body = now.json();
    expect(body.at).toBe('2026-03-10');
    expect(body.tree.map((n: any) => n.id)).toEqual([DEMO.province]);
    expect(body.tree[0]).toMatchObject({ id: DEMO.province, name: 'Thành phố Cần Thơ', code: '92' });
    const kinds = body.tree[0].children.map((c: any) => c.kind);
    expect(kinds).not.toContain('district');
    const vtNow = body.tree[0].children.find((c: any) => c.id === DEMO.phuong1);
    expect(vtNow).toMatchObject({ name: 'Phường Vị Thanh', code: '31321' });
    expect(vtNow.children.find((c: any) => c.id === DEMO.ubndPhuong1).children.map((c: any) => c.id)).toContain(DEMO.ttPhuong1);
    const dayOne = (await env.app.inject({ url: '/api/v1/units?at=2025-07-01' })).json();
    expect(dayOne.tree.map((n: any) => n.name)).toEqual(['Thành phố Cần Thơ']);
    const before = (await env.app.inject({ url: '/api/v1/units?at=2025-06-30' })).json();
    const hg = before.tree.find((n: any) => n.id === DEMO.hauGiang);
    expect(hg).toMatchObject({ name: 'Tỉnh Hậu Giang', code: '93' });
    const vt = hg.children.find((c: any) => c.id === DEMO.viThanh);
    expect(vt).toMatchObject({ name: 'Thành phố Vị Thanh', code: '930' });
    expect(vt.children.map((c: any) => c.id)).toEqual(expect.arrayContaining([DEMO.ubndViThanh, DEMO.phuong1, DEMO.phuong3, DEMO.hoaLuu]));
    expect(vt.children.find((c: any) => c.id === DEMO.phuong1)).toMatchObject({ name: 'Phường I', code: '31318' });
    // Cần Thơ's own units before the merger are not part of the demo: only its committee.
    expect(before.tree.find((n: any) => n.id === DEMO.province).children.map((c: any) => c.id)).toEqual([DEMO.ubndProvince]);
  });
  it('a new commune shows its predecessors as merge events', async () => {
    const b = (await env.app.inject({ url: `/api/v1/units/${DEMO.phuong1}` })).json();
    const merge = b.events.find((e: any) => e.kind === 'merge' && e.details.absorbed);
    expect(merge).toMatchObject({ effectiveDate: '2025-07-01', decision: 'Nghị quyết số 1668/NQ-UBTVQH15' });
    expect(merge.details.absorbed.sort()).toEqual([DEMO.phuong3, 'hg-vithanh-p7'].sort());
    const p3 = (await env.app.inject({ url: `/api/v1/units/${DEMO.phuong3}` })).json();
    expect(p3).toMatchObject({ unit: null, successorId: DEMO.phuong1 });
    const p3before = (await env.app.inject({ url: `/api/v1/units/${DEMO.phuong3}?at=2025-06-30` })).json();
    expect(p3before.unit).toMatchObject({ name: 'Phường III', parentId: DEMO.viThanh });
  });
  it('refuses a malformed date in the client language', async () => {
    const res = await env.app.inject({ url: '/api/v1/units?at=2025-02-30', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].field).toBe('at');
  });
});

describe('GET /api/v1/units/address', () => {
  it("reads an old-style address against the seeded history and shows today's names, never refusing", async () => {
    const q = (a: string) => env.app.inject({ url: `/api/v1/units/address?q=${encodeURIComponent(a)}` });
    const r = await q('Số 12 đường Trần Hưng Đạo, P.III, TP. Vị Thanh, Hậu Giang');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ changed: true, unitId: DEMO.phuong1, today: 'Số 12 đường Trần Hưng Đạo, phường Vị Thanh, thành phố Cần Thơ' });
    expect(r.json().display).toBe('Số 12 đường Trần Hưng Đạo, P.III, TP. Vị Thanh, Hậu Giang (nay là phường Vị Thanh, thành phố Cần Thơ)');
    expect((await q('Phường V, thành phố Vị Thanh, tỉnh Hậu Giang')).json()).toMatchObject({ changed: true, unitId: DEMO.viTan });
    expect((await q('Thị trấn Cái Tắc, huyện Châu Thành A, tỉnh Hậu Giang')).json()).toMatchObject({
      changed: true,
      unitId: DEMO.dongPhuoc,
      today: 'xã Đông Phước, thành phố Cần Thơ',
    });
    expect((await q('Ấp 2, xã Thạnh Xuân, thành phố Cần Thơ')).json()).toMatchObject({ changed: false, unitId: DEMO.thanhXuan });
    expect((await q('Số 1, Quận 1, TP. Hồ Chí Minh')).json()).toMatchObject({ changed: false, unitId: null, display: 'Số 1, Quận 1, TP. Hồ Chí Minh' });
    const bad = await env.app.inject({ url: '/api/v1/units/address?q=', headers: { 'accept-language': 'vi' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].field).toBe('q');
  });
});

describe('GET /api/v1/units/:id', () => {
  it('gives the unit as of a date with its history', async () => {
    const res = await env.app.inject({ url: `/api/v1/units/${DEMO.viThanh}?at=2009-06-01` });
    expect(res.statusCode).toBe(200);
    const b = res.json();
    expect(b.unit).toMatchObject({ name: 'Thị xã Vị Thanh', parentId: DEMO.hauGiang });
    expect(b.versions.map((v: any) => [v.validFrom, v.validTo, v.name])).toEqual([
      ['2004-01-01', '2010-09-23', 'Thị xã Vị Thanh'],
      ['2010-09-23', '2025-07-01', 'Thành phố Vị Thanh'],
    ]);
    expect(b.events.map((e: any) => e.kind)).toEqual(expect.arrayContaining(['create', 'rename', 'retire']));
    const today = (await env.app.inject({ url: `/api/v1/units/${DEMO.viThanh}` })).json();
    expect(today.unit).toBeNull();
    expect(today.successorId).toBe(DEMO.province);
  });
  it('answers 404 for an unknown unit', async () => {
    const res = await env.app.inject({ url: '/api/v1/units/khong-co' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toBe('units.error.not_found');
  });
});

describe('admin changes through the API', () => {
  const renameUrl = `/api/v1/units/${DEMO.viTan}/rename`;
  const good = { name: 'Phường Vị Tân Mới', effectiveDate: '2026-04-01', decision: '01/NQ-DEMO' };

  it('refuses when not logged in (401), for a non-admin (403), on bad input (400) and changes nothing', async () => {
    const before = await versionsCount();
    const audits = await auditCount('unit.rename');
    const anon = await anonymousCsrf(env.app);
    const r401 = await env.app.inject({ method: 'POST', url: renameUrl, headers: { cookie: anon.cookie, 'x-csrf-token': anon.csrf }, payload: good });
    expect(r401.statusCode).toBe(401);
    const r403 = await post(renameUrl, reception, good);
    expect(r403.statusCode).toBe(403);
    const r400a = await post(renameUrl, admin, { ...good, effectiveDate: '01/04/2026' });
    expect(r400a.statusCode).toBe(400);
    expect(r400a.json().fields.map((f: any) => f.field)).toContain('effectiveDate');
    const r400b = await post(renameUrl, admin, { ...good, name: '' });
    expect(r400b.statusCode).toBe(400);
    const r400c = await post(renameUrl, admin, { ...good, agencyCode: '123' }, 'en');
    expect(r400c.statusCode).toBe(400);
    expect(r400c.json().message).toMatch(/agency identifier/);
    const r409 = await post(renameUrl, admin, { ...good, effectiveDate: '2020-01-01' });
    expect(r409.statusCode).toBe(409);
    expect(r409.json().error).toBe('units.error.before_current');
    const r404 = await post('/api/v1/units/khong-co/rename', admin, good);
    expect(r404.statusCode).toBe(404);
    expect(await versionsCount()).toBe(before);
    expect(await auditCount('unit.rename')).toBe(audits);
    expect(await unitNameAt(env.ctx, DEMO.viTan, '2026-05-01')).toBe('Phường Vị Tân');
  });

  it('renames from the effective date, keeps the old name before it, audits once', async () => {
    const audits = await auditCount('unit.rename');
    const res = await post(renameUrl, admin, good);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: DEMO.viTan, name: 'Phường Vị Tân Mới', validFrom: '2026-04-01' });
    expect(await unitNameAt(env.ctx, DEMO.viTan, '2026-03-31')).toBe('Phường Vị Tân');
    expect(await unitNameAt(env.ctx, DEMO.viTan, '2026-04-01')).toBe('Phường Vị Tân Mới');
    expect(await auditCount('unit.rename')).toBe(audits + 1);
    const again = await post(renameUrl, admin, good);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('units.error.unchanged');
  });

  it('merges units: the source ends, its committee hands over, the successor may be renamed', async () => {
    const url = `/api/v1/units/${DEMO.phuong1}/merge`;
    const merges = await auditCount('unit.merge');
    expect((await post(url, reception, { sourceIds: [DEMO.viTan], effectiveDate: '2026-06-01', decision: 'x' })).statusCode).toBe(403);
    expect((await post(url, admin, { sourceIds: [], effectiveDate: '2026-06-01', decision: 'x' })).statusCode).toBe(400);
    const self = await post(url, admin, { sourceIds: [DEMO.phuong1], effectiveDate: '2026-06-01', decision: 'x' });
    expect(self.json().error).toBe('units.error.merge_self');
    const kind = await post(url, admin, { sourceIds: [DEMO.soYTe], effectiveDate: '2026-06-01', decision: 'x' });
    expect(kind.json().error).toBe('units.error.merge_kind');
    expect(await auditCount('unit.merge')).toBe(merges);
    const res = await post(url, admin, { sourceIds: [DEMO.viTan], effectiveDate: '2026-06-01', decision: '02/NQ-DEMO', name: 'Phường Vị Thanh Mới' });
    expect(res.statusCode).toBe(200);
    expect(await getUnit(env.ctx, DEMO.viTan, '2026-06-01')).toBeNull();
    expect(await getUnit(env.ctx, DEMO.viTan, '2026-05-31')).not.toBeNull();
    expect(await unitNameAt(env.ctx, DEMO.phuong1, '2026-06-01')).toBe('Phường Vị Thanh Mới');
    expect(await unitNameAt(env.ctx, DEMO.phuong1, '2026-05-31')).toBe('Phường Vị Thanh');
    expect(await successorOf(env.ctx, DEMO.ubndViTan, '2026-06-01')).toBe(DEMO.ubndPhuong1);
    expect(await auditCount('unit.merge')).toBe(merges + 1);
  });

  it('retires a unit only when no administrative unit sits inside', async () => {
    const blocked = await post(`/api/v1/units/${DEMO.province}/retire`, admin, { effectiveDate: '2026-07-01', decision: 'x' });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error).toBe('units.error.has_children');
    expect(await getUnit(env.ctx, DEMO.province, '2026-08-01')).not.toBeNull();
    const gone = await post(`/api/v1/units/${DEMO.viThanh}/retire`, admin, { effectiveDate: '2026-07-01', decision: 'x' });
    expect(gone.statusCode).toBe(409);
    const ok = await post(`/api/v1/units/${DEMO.dongPhuoc}/retire`, admin, { effectiveDate: '2026-07-01', decision: '03/NQ-DEMO', successorId: DEMO.tanHoa });
    expect(ok.statusCode).toBe(204);
    expect(await getUnit(env.ctx, DEMO.ubndDongPhuoc, '2026-07-01')).toBeNull();
    expect(await successorOf(env.ctx, DEMO.ubndDongPhuoc, '2026-07-01')).toBe(DEMO.ubndTanHoa);
  });

  it('creates an agency under a unit', async () => {
    const res = await post('/api/v1/units', admin, {
      id: 'hg-sokhcn',
      kind: 'agency',
      agencyType: 'department',
      name: 'Sở Khoa học và Công nghệ',
      agencyCode: '000.00.14.H30',
      parentId: DEMO.province,
      validFrom: '2026-03-10',
      hotline: '0293 3870 114',
    });
    expect(res.statusCode).toBe(201);
    expect(await getUnit(env.ctx, 'hg-sokhcn')).toMatchObject({ level: 'province', agencyCode: '000.00.14.H30' });
    const dup = await post('/api/v1/units', admin, {
      id: 'hg-sokhcn',
      kind: 'agency',
      agencyType: 'department',
      name: 'X',
      parentId: DEMO.province,
      validFrom: '2026-03-10',
    });
    expect(dup.statusCode).toBe(409);
    const badParent = await post('/api/v1/units', admin, { kind: 'district', name: 'Huyện Mới', parentId: DEMO.phuong1, validFrom: '2026-03-10' });
    expect(badParent.statusCode).toBe(400);
    expect(badParent.json().error).toBe('units.error.bad_parent');
  });
});

describe('pages', () => {
  it('/don-vi lists the tree with codes and hotlines', async () => {
    const res = await env.app.inject({ url: '/don-vi' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Thành phố Cần Thơ');
    expect(res.body).toContain('Phường Vị Thanh');
    expect(res.body).toContain('0292 3820 000');
    expect(res.body).not.toContain('Huyện Châu Thành A');
    const old = await env.app.inject({ url: '/don-vi?at=2025-06-30' });
    expect(old.body).toContain('Tỉnh Hậu Giang');
    expect(old.body).toContain('000.00.00.H30');
    expect(old.body).toContain('0293 3876 333');
    expect(old.body).toContain('Huyện Châu Thành A');
  });

  it('/quan-tri/don-vi is for administrators only', async () => {
    expect((await env.app.inject({ url: '/quan-tri/don-vi', headers: { accept: 'text/html' } })).statusCode).toBe(401);
    expect((await env.app.inject({ url: '/quan-tri/don-vi', headers: { cookie: reception.cookie, accept: 'text/html' } })).statusCode).toBe(403);
    const page = await env.app.inject({ url: '/quan-tri/don-vi', headers: { cookie: admin.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="_csrf"');
    expect(page.body).toContain('action="/quan-tri/don-vi/doi-ten"');
  });

  it('the rename form works without JavaScript (POST + redirect) and shows refusals', async () => {
    const form = (fields: Record<string, string>) =>
      env.app.inject({
        method: 'POST',
        url: '/quan-tri/don-vi/doi-ten',
        headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        payload: new URLSearchParams({ _csrf: admin.csrf, ...fields }).toString(),
      });
    const ok = await form({ id: DEMO.soYTe, name: 'Sở Y tế thành phố Cần Thơ', effectiveDate: '2026-03-10', decision: '04/QĐ-DEMO' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/quan-tri/don-vi?ok=1');
    expect(await unitNameAt(env.ctx, DEMO.soYTe, '2026-03-10')).toBe('Sở Y tế thành phố Cần Thơ');
    const bad = await form({ id: DEMO.soYTe, name: 'X', effectiveDate: '2026-03-10', decision: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('role="alert"');
    expect(await unitNameAt(env.ctx, DEMO.soYTe, '2026-03-10')).toBe('Sở Y tế thành phố Cần Thơ');
  });
});

describe('OpenAPI', () => {
  it('documents the units endpoints', async () => {
    const doc = (await env.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/v1/units']).toBeDefined();
    expect(doc.paths['/api/v1/units/{id}/merge'].post).toBeDefined();
  });
});
