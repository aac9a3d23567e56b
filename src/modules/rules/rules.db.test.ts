import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => {
  await env?.close();
});

const get = (url: string, lang = 'vi') => env.app.inject({ method: 'GET', url, headers: { 'accept-language': lang } });

describe('GET /api/v1/rules', () => {
  it('tells the law on each side of 1/7/2025', async () => {
    const before = (await get('/api/v1/rules?at=2025-06-30')).json();
    expect(before.at).toBe('2025-06-30');
    const oneStop = before.ruleSets.find((s: any) => s.id === 'nd61-2018');
    expect(oneStop).toMatchObject({
      validFrom: '2018-06-21',
      validTo: '2025-06-30',
      legalBasis: ['Nghị định 61/2018/NĐ-CP', 'Nghị định 107/2021/NĐ-CP', 'Thông tư 01/2018/TT-VPCP'],
    });
    expect(oneStop.rules.find((r: any) => r.key === 'reception.where')).toMatchObject({ value: 'own_area' });
    expect(before.forms.map((f: any) => f.number)).toEqual(['01', '02', '03', '04', '05', '06']);
    const after = (await get('/api/v1/rules?at=2025-07-01')).json();
    expect(after.ruleSets.map((s: any) => s.id)).toContain('nd118-2025');
    expect(after.ruleSets.find((s: any) => s.id === 'nd118-2025').rules.find((r: any) => r.key === 'reception.where')).toMatchObject({
      value: 'province_wide',
      clause: expect.stringContaining('Điều 14 khoản 2'),
    });
    const forms = (await get('/api/v1/rules?at=2025-09-15')).json().forms;
    expect(forms[4]).toEqual({ number: '05', title: 'Thông báo dừng giải quyết hồ sơ', legalBasis: 'Thông tư 03/2025/TT-VPCP' });
  });

  it('answers today (Vietnam time) without a date', async () => {
    env.clock.set(new Date('2026-06-30T17:30:00Z'));
    const r = (await get('/api/v1/rules')).json();
    expect(r.at).toBe('2026-07-01');
    expect(r.ruleSets.map((s: any) => s.id)).toContain('nd224-2026');
  });

  it('refuses a bad date with a 400 naming the field, in Vietnamese or English', async () => {
    for (const at of ['2025-02-30', '01/07/2025', 'hôm nay']) {
      const r = await get(`/api/v1/rules?at=${encodeURIComponent(at)}`);
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({
        error: 'rules.at_invalid',
        message: 'Ngày xem quy định (at) không hợp lệ: cần dạng YYYY-MM-DD, ví dụ 2025-07-01.',
        fields: [{ field: 'at' }],
      });
    }
    const en = await get('/api/v1/rules?at=2025-13-01', 'en');
    expect(en.json().message).toBe('The date of the rules (at) is not valid: use YYYY-MM-DD, e.g. 2025-07-01.');
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await get('/api/openapi.json')).json();
    expect(doc.paths['/api/v1/rules'].get.parameters.map((p: any) => p.name)).toEqual(['at']);
  });

  it('shows the same on the public page, in Vietnamese', async () => {
    const r = await env.app.inject({ method: 'GET', url: '/quy-dinh?ngay=2025-09-15', headers: { accept: 'text/html' } });
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('Quy định có hiệu lực ngày 15/09/2025');
    expect(r.body).toContain('Mẫu số 05: Thông báo dừng giải quyết hồ sơ');
    expect(r.body).toContain('Mọi Trung tâm Phục vụ hành chính công trong tỉnh');
    const bad = await env.app.inject({ method: 'GET', url: '/quy-dinh?ngay=15-09-2025', headers: { accept: 'text/html' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Ngày không hợp lệ');
  });
});
