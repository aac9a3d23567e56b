import { describe, expect, it } from 'vitest';
import { render } from 'preact-render-to-string';
import { dataFromForm, inactivePaths, prefillData, scopePath, withoutInactive } from './eform-schema';
import { renderEFormNode } from './eform-render';
import { validateEForm } from './eform-validate';
import { BIRTH_FORM } from './test-fixtures';

const valid = {
  nguoiYeuCau: { hoTen: 'Nguyễn Văn An', soDinhDanh: '093090001234', quanHe: 'cha' },
  tre: { hoTen: 'Nguyễn Văn Bình', ngaySinh: '2025-03-01', gioiTinh: 'Nam', noiSinh: 'Bệnh viện Đa khoa tỉnh Hậu Giang' },
};

describe('e-form schema helpers', () => {
  it('reads scopes', () => {
    expect(scopePath('#/properties/a/properties/b')).toEqual(['a', 'b']);
    expect(scopePath('#/properties/x')).toEqual(['x']);
  });
  it('prefills from the applicant', () => {
    expect(prefillData(BIRTH_FORM, { 'applicant.name': 'An', 'applicant.personalId': '093090001234', 'org.taxCode': '1' })).toEqual({
      nguoiYeuCau: { hoTen: 'An', soDinhDanh: '093090001234' },
    });
  });
  it('turns a posted form into typed data', () => {
    const d = dataFromForm(BIRTH_FORM, { 'nguoiYeuCau.hoTen': ' An ', 'tre.soCon': '2', nhanBanSao: 'true', soBanSao: 'abc', 'tre.noiSinh': '' });
    expect(d).toEqual({ nguoiYeuCau: { hoTen: 'An' }, tre: { soCon: 2 }, nhanBanSao: true, soBanSao: 'abc' });
  });
  it('drops values of fields hidden by a rule', () => {
    expect(inactivePaths(BIRTH_FORM.uiSchema, { nhanBanSao: true }).map((p) => p.join('.'))).toEqual(['nguoiYeuCau.quanHeKhac']);
    expect(withoutInactive(BIRTH_FORM, { soBanSao: 3, nguoiYeuCau: { quanHe: 'cha', quanHeKhac: 'x' } })).toEqual({ nguoiYeuCau: { quanHe: 'cha' } });
  });
});

describe('e-form validation (AJV)', () => {
  it('accepts valid data', () => {
    expect(validateEForm(BIRTH_FORM, valid, 'vi')).toEqual({ ok: true, data: valid });
  });
  it('reports each field once, in Vietnamese with the label', () => {
    const r = validateEForm(BIRTH_FORM, { nguoiYeuCau: { hoTen: 'A', soDinhDanh: '123', email: 'x' }, tre: { ngaySinh: '2025-13-45', soCon: 0 } }, 'vi');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const by = Object.fromEntries(r.fields.map((f) => [f.field, f.message]));
    expect(by['nguoiYeuCau.hoTen']).toBe('Họ, chữ đệm, tên phải có ít nhất 2 ký tự.');
    expect(by['nguoiYeuCau.soDinhDanh']).toBe('Số định danh cá nhân không đúng định dạng.');
    expect(by['nguoiYeuCau.email']).toContain('thư điện tử hợp lệ');
    expect(by['nguoiYeuCau.quanHe']).toBe('Vui lòng chọn Quan hệ với người được khai sinh.');
    expect(by['tre.ngaySinh']).toBe('Ngày, tháng, năm sinh phải là một ngày có thật.');
    expect(by['tre.soCon']).toBe('Con thứ mấy phải lớn hơn hoặc bằng 1.');
    expect(by['tre.hoTen']).toBe('Vui lòng nhập Họ, chữ đệm, tên.');
  });
  it('speaks English with English labels', () => {
    const r = validateEForm(BIRTH_FORM, { ...valid, tre: { ...valid.tre, gioiTinh: 'X' } }, 'en');
    expect(r).toEqual({ ok: false, fields: [{ field: 'tre.gioiTinh', message: 'Please choose Sex from the list.' }] });
  });
  it('requires a conditional field only when its condition holds', () => {
    const r = validateEForm(BIRTH_FORM, { ...valid, nguoiYeuCau: { ...valid.nguoiYeuCau, quanHe: 'khac' } }, 'vi');
    expect(r.ok ? [] : r.fields.map((f) => f.field)).toEqual(['nguoiYeuCau.quanHeKhac']);
  });
  it('treats non-objects as empty', () => {
    expect(validateEForm(BIRTH_FORM, 'nope', 'vi').ok).toBe(false);
  });
});

describe('e-form rendering', () => {
  it('labels every input, links hints and errors, groups with fieldsets', () => {
    const errs = validateEForm(BIRTH_FORM, {}, 'vi');
    const html = render(renderEFormNode(BIRTH_FORM, { lang: 'vi', errors: errs.ok ? [] : errs.fields, prefill: { 'applicant.name': 'Nguyễn Văn An' } }));
    const ids = [...html.matchAll(/<(?:input|select|textarea)[^>]*\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(8);
    for (const id of ids) expect(html).toContain(`for="${id}"`);
    expect(html).toContain('<fieldset class="group"><legend>Người yêu cầu</legend>');
    expect(html).toMatch(
      /id="f-nguoiYeuCau-soDinhDanh"[^>]*aria-describedby="f-nguoiYeuCau-soDinhDanh-hint f-nguoiYeuCau-soDinhDanh-error"|aria-describedby="f-nguoiYeuCau-soDinhDanh-hint f-nguoiYeuCau-soDinhDanh-error"[^>]*id="f-nguoiYeuCau-soDinhDanh"/,
    );
    expect(html).toContain('id="f-nguoiYeuCau-soDinhDanh-error"');
    expect(html).toContain('class="error-summary"');
    expect(html).toContain('href="#f-tre-hoTen"');
    expect(html).toContain('value="Nguyễn Văn An"');
    // dates are three boxes for citizens (issue 13.7; eform-date.test.ts)
    expect(html).toContain('name="tre.ngaySinh__day"');
    expect(html).toContain('type="radio"');
  });
  it('renders conditional fields visible with a note on when to fill them (usable without JavaScript)', () => {
    for (const quanHe of ['cha', 'khac']) {
      const html = render(renderEFormNode(BIRTH_FORM, { lang: 'vi', values: { nguoiYeuCau: { quanHe } } }));
      expect(html).toMatch(/<div class="control"[^>]*data-rule-field="nguoiYeuCau.quanHe"/);
      expect(html).not.toMatch(/data-rule-field="nguoiYeuCau.quanHe"[^>]*hidden/);
      expect(html).toMatch(/<p class="hint condition">Chỉ điền khi “[^”]+” là: [^<]+<\/p>/);
    }
  });
  it('values win over prefill; the form wrapper carries _csrf', () => {
    const html = render(
      renderEFormNode(BIRTH_FORM, {
        lang: 'en',
        values: { nguoiYeuCau: { hoTen: 'Typed' } },
        prefill: { 'applicant.name': 'Prefilled' },
        action: '/x',
        csrfToken: 'tok',
      }),
    );
    expect(html).toContain('value="Typed"');
    expect(html).not.toContain('Prefilled');
    expect(html).toContain('name="_csrf" value="tok"');
    expect(html).toContain('Full name');
  });
});

describe('choices written as oneOf of consts (the demo catalogue style)', () => {
  const def = {
    schema: {
      type: 'object',
      required: ['gioiTinh'],
      properties: {
        gioiTinh: {
          type: 'string',
          title: 'Giới tính',
          oneOf: [
            { const: 'nam', title: 'Nam' },
            { const: 'nu', title: 'Nữ' },
          ],
        },
      },
    },
    uiSchema: { type: 'VerticalLayout', elements: [{ type: 'Control', scope: '#/properties/gioiTinh' }] },
  };
  it('renders a select with the Vietnamese labels, not a free-text box', () => {
    const html = render(renderEFormNode(def, { lang: 'vi', values: { gioiTinh: 'nu' } }));
    expect(html).toContain('<select');
    expect(html).toMatch(/<option value="nam"[^>]*>Nam<\/option>/);
    expect(html).toMatch(/<option value="nu" selected[^>]*>Nữ<\/option>/);
  });
  it('refuses a value outside the choices with one message for the field', () => {
    const r = validateEForm(def, { gioiTinh: 'khac' }, 'vi');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.fields.map((f) => f.field)).toEqual(['gioiTinh']);
      expect(r.fields[0].message).toContain('Giới tính');
    }
    expect(validateEForm(def, { gioiTinh: 'nam' }, 'vi').ok).toBe(true);
  });
});
