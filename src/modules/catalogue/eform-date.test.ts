/** E-form dates as three boxes (issue 13 item 7): combining the posted parts, what is wrong with them, and the boxes rendered back. */
import { describe, expect, it } from 'vitest';
import { render } from 'preact-render-to-string';
import { combineDateParts, dateProblem, isRealIsoDate, partsInError, splitDateValue } from './eform-date';
import { dataFromForm } from './eform-schema';
import { renderEFormNode } from './eform-render';
import { validateEForm } from './eform-validate';
import type { EFormDefinition } from './snapshot';

const def = (extra: Record<string, unknown> = {}, required = true): EFormDefinition => ({
  schema: {
    type: 'object',
    required: required ? ['nguoi'] : [],
    properties: {
      nguoi: {
        type: 'object',
        required: required ? ['ngaySinh'] : [],
        properties: {
          ngaySinh: { type: 'string', format: 'date', title: 'Ngày sinh', 'x-title-en': 'Date of birth', ...extra },
          hoTen: { type: 'string', title: 'Họ tên' },
        },
      },
    },
  },
  uiSchema: {
    type: 'VerticalLayout',
    elements: [
      { type: 'Control', scope: '#/properties/nguoi/properties/ngaySinh' },
      { type: 'Control', scope: '#/properties/nguoi/properties/hoTen' },
    ],
  },
});
const post = (day: string, month: string, year: string) => ({ 'nguoi.ngaySinh__day': day, 'nguoi.ngaySinh__month': month, 'nguoi.ngaySinh__year': year });
const messageOf = (d: EFormDefinition, body: Record<string, unknown>, lang: 'vi' | 'en' = 'vi') => {
  const r = validateEForm(d, dataFromForm(d, body), lang);
  return r.ok ? null : r.fields.find((f) => f.field === 'nguoi.ngaySinh')?.message;
};

describe('isRealIsoDate', () => {
  it('knows month lengths and leap years', () => {
    expect(isRealIsoDate('1990-03-27')).toBe(true);
    expect(isRealIsoDate('2024-02-29')).toBe(true);
    expect(isRealIsoDate('2023-02-29')).toBe(false);
    expect(isRealIsoDate('2020-02-31')).toBe(false);
    expect(isRealIsoDate('2020-04-31')).toBe(false);
    expect(isRealIsoDate('2020-13-01')).toBe(false);
    expect(isRealIsoDate('2020-00-10')).toBe(false);
    expect(isRealIsoDate('2020-01-00')).toBe(false);
    expect(isRealIsoDate('2020-1-5')).toBe(false);
    expect(isRealIsoDate('27/03/1990')).toBe(false);
  });
});

describe('combineDateParts', () => {
  it('nothing typed: no answer', () => {
    expect(combineDateParts({ day: '', month: ' ', year: '' })).toBeUndefined();
    expect(combineDateParts({})).toBeUndefined();
  });
  it('a real date: the ISO date, day and month padded, spaces trimmed', () => {
    expect(combineDateParts({ day: '27', month: '3', year: '1990' })).toBe('1990-03-27');
    expect(combineDateParts({ day: ' 5 ', month: '09', year: '2026' })).toBe('2026-09-05');
    expect(combineDateParts({ day: '29', month: '2', year: '2024' })).toBe('2024-02-29');
    // the last of repeated fields, numbers as from a JSON body
    expect(combineDateParts({ day: ['1', '2'], month: 12, year: '2025' })).toBe('2025-12-02');
  });
  it('a box left empty: the parts kept with the empty one', () => {
    expect(combineDateParts({ day: '27', month: '', year: '1990' })).toBe('1990--27');
    expect(combineDateParts({ day: '', month: '3', year: '' })).toBe('-3-');
  });
  it('an impossible date, a short year, too many digits or letters: the parts as typed', () => {
    expect(combineDateParts({ day: '31', month: '2', year: '2020' })).toBe('2020-2-31');
    expect(combineDateParts({ day: '1', month: '13', year: '2020' })).toBe('2020-13-1');
    expect(combineDateParts({ day: '1', month: '1', year: '90' })).toBe('90-1-1');
    expect(combineDateParts({ day: '001', month: '1', year: '1990' })).toBe('1990-1-001');
    expect(combineDateParts({ day: 'ab', month: '1', year: '1990' })).toBe('1990-1-ab');
  });
  it('a date typed whole into the day box stays whole; a dash cannot break the encoding', () => {
    expect(combineDateParts({ day: '27/03/1990', month: '', year: '' })).toBe('--27/03/1990');
    expect(combineDateParts({ day: '27-03', month: '', year: '1990' })).toBe('1990--2703');
  });
});

describe('splitDateValue', () => {
  it('an ISO answer, kept parts, nothing, or another string', () => {
    expect(splitDateValue('1990-03-27')).toEqual({ day: '27', month: '03', year: '1990' });
    expect(splitDateValue('1990--27')).toEqual({ day: '27', month: '', year: '1990' });
    expect(splitDateValue(undefined)).toEqual({ day: '', month: '', year: '' });
    expect(splitDateValue(null)).toEqual({ day: '', month: '', year: '' });
    expect(splitDateValue('')).toEqual({ day: '', month: '', year: '' });
    expect(splitDateValue('27/03/1990')).toEqual({ day: '27/03/1990', month: '', year: '' });
  });
  it('round-trips what combineDateParts keeps', () => {
    for (const p of [
      { day: '31', month: '2', year: '2020' },
      { day: '', month: '4', year: '2020' },
      { day: 'x', month: 'y', year: 'z' },
    ])
      expect(splitDateValue(combineDateParts(p))).toEqual(p);
  });
});

describe('dateProblem and partsInError', () => {
  it('names what is wrong', () => {
    expect(dateProblem('1990-03-27')).toBeNull();
    expect(dateProblem('1990--27')).toBe('incomplete');
    expect(dateProblem('-3-')).toBe('incomplete');
    expect(dateProblem('2020-2-31')).toBe('notReal');
    expect(dateProblem('2020-02-31')).toBe('notReal');
    expect(dateProblem('27/03/1990')).toBe('notReal');
    expect(dateProblem(19900327)).toBe('notReal');
  });
  it('marks the empty boxes of an incomplete date, all three otherwise', () => {
    expect(partsInError('1990--27')).toEqual(['month']);
    expect(partsInError('-3-')).toEqual(['day', 'year']);
    expect(partsInError('2020-2-31')).toEqual(['day', 'month', 'year']);
    expect(partsInError(undefined)).toEqual(['day', 'month', 'year']);
  });
});

describe('posted parts become answers (dataFromForm)', () => {
  it('the ISO date the answers store', () => {
    expect(dataFromForm(def(), { ...post('27', '3', '1990'), 'nguoi.hoTen': 'An' })).toEqual({ nguoi: { ngaySinh: '1990-03-27', hoTen: 'An' } });
  });
  it('three empty boxes: no answer', () => {
    expect(dataFromForm(def(), post('', '', ''))).toEqual({});
  });
  it('a date posted whole (the desk, an API client) is taken as it is; the boxes win when both come', () => {
    expect(dataFromForm(def(), { 'nguoi.ngaySinh': '2001-01-02' })).toEqual({ nguoi: { ngaySinh: '2001-01-02' } });
    expect(dataFromForm(def(), { 'nguoi.ngaySinh': '2001-01-02', ...post('3', '4', '2005') })).toEqual({ nguoi: { ngaySinh: '2005-04-03' } });
  });
});

describe('messages that say what is right', () => {
  it('nothing typed in a required date', () => {
    expect(messageOf(def(), post('', '', ''))).toBe('Vui lòng nhập Ngày sinh.');
  });
  it('a box left empty', () => {
    expect(messageOf(def(), post('27', '', '1990'))).toBe('Ngày sinh phải có đủ ngày, tháng và năm.');
    expect(messageOf(def(), post('27', '', '1990'), 'en')).toBe('Date of birth must include a day, a month and a year.');
  });
  it('an impossible date, a month 13, letters, a two-digit year', () => {
    for (const p of [post('31', '2', '2020'), post('1', '13', '2020'), post('ab', '1', '1990'), post('1', '1', '90')])
      expect(messageOf(def(), p)).toBe('Ngày sinh phải là một ngày có thật.');
    expect(messageOf(def(), post('31', '2', '2020'), 'en')).toBe('Date of birth must be a real date.');
  });
  it('an ISO string that is no date, from the API', () => {
    const r = validateEForm(def(), { nguoi: { ngaySinh: '2020-02-31' } }, 'vi');
    expect(r.ok ? null : r.fields[0]!.message).toBe('Ngày sinh phải là một ngày có thật.');
  });
  it('an optional date left empty is fine, an optional one half typed is not', () => {
    expect(messageOf(def({}, false), post('', '', ''))).toBeNull();
    expect(messageOf(def({}, false), post('', '3', ''))).toBe('Ngày sinh phải có đủ ngày, tháng và năm.');
  });
  it('out of the schema’s bounds, the limit written dd/mm/yyyy', () => {
    const bounded = def({ formatMinimum: '1900-01-01', formatMaximum: '2026-03-09' });
    expect(messageOf(bounded, post('10', '3', '2026'))).toBe('Ngày sinh phải là ngày 09/03/2026 hoặc trước đó.');
    expect(messageOf(bounded, post('31', '12', '1899'))).toBe('Ngày sinh phải là ngày 01/01/1900 hoặc sau đó.');
    expect(messageOf(bounded, post('10', '3', '2026'), 'en')).toBe('Date of birth must be 09/03/2026 or earlier.');
    expect(messageOf(bounded, post('9', '3', '2026'))).toBeNull();
    expect(messageOf(bounded, post('1', '1', '1900'))).toBeNull();
    const strict = def({ formatExclusiveMinimum: '2000-01-01', formatExclusiveMaximum: '2030-01-01' });
    expect(messageOf(strict, post('1', '1', '2000'))).toBe('Ngày sinh phải sau ngày 01/01/2000.');
    expect(messageOf(strict, post('1', '1', '2030'))).toBe('Ngày sinh phải trước ngày 01/01/2030.');
    expect(messageOf(strict, post('2', '1', '2000'))).toBeNull();
    // an impossible date within bounds is named as such, not as out of range
    expect(messageOf(bounded, post('31', '2', '2020'))).toBe('Ngày sinh phải là một ngày có thật.');
  });
});

describe('the boxes rendered', () => {
  const html = (opts: Parameters<typeof renderEFormNode>[1], d = def()) => render(renderEFormNode(d, opts));
  it('one fieldset, the label as legend, the example hint, three numeric boxes with their labels', () => {
    const h = html({ lang: 'vi' });
    expect(h).toContain('<fieldset class="field date-input" role="group" aria-describedby="f-nguoi-ngaySinh-hint">');
    expect(h).toContain('<legend>Ngày sinh<span class="required"> (bắt buộc)</span></legend>');
    expect(h).toContain('<p class="hint" id="f-nguoi-ngaySinh-hint">Ví dụ: 27/03/1990</p>');
    for (const [id, name, label] of [
      ['f-nguoi-ngaySinh', 'nguoi.ngaySinh__day', 'Ngày'],
      ['f-nguoi-ngaySinh-month', 'nguoi.ngaySinh__month', 'Tháng'],
      ['f-nguoi-ngaySinh-year', 'nguoi.ngaySinh__year', 'Năm'],
    ]) {
      expect(h).toContain(`<label for="${id}">${label}</label>`);
      expect(h).toMatch(new RegExp(`<input type="text" class="date-input-\\w+" id="${id}" name="${name.replace('.', '\\.')}" inputmode="numeric"`));
    }
    expect(h).not.toContain('type="date"');
    expect(html({ lang: 'en' })).toContain('>For example, 27/03/1990</p>');
    expect(html({ lang: 'en' })).toContain('<label for="f-nguoi-ngaySinh-month">Month</label>');
  });
  it('fills the boxes back from an answer, kept parts after an error, the day box linked from the summary', () => {
    expect(html({ lang: 'vi', values: { nguoi: { ngaySinh: '1990-03-27' } } })).toMatch(
      /name="nguoi\.ngaySinh__day" inputmode="numeric" value="27"[\s\S]*name="nguoi\.ngaySinh__month" inputmode="numeric" value="03"[\s\S]*value="1990"/,
    );
    const d = def();
    const data = dataFromForm(d, post('27', '', '1990'));
    const v = validateEForm(d, data, 'vi');
    const h = html({ lang: 'vi', values: data, errors: v.ok ? [] : v.fields }, d);
    expect(h).toContain('<a href="#f-nguoi-ngaySinh">Ngày sinh phải có đủ ngày, tháng và năm.</a>');
    expect(h).toContain('aria-describedby="f-nguoi-ngaySinh-hint f-nguoi-ngaySinh-error"');
    expect(h).toContain('id="f-nguoi-ngaySinh" name="nguoi.ngaySinh__day" inputmode="numeric" value="27" aria-required="true"/>');
    expect(h).toContain('name="nguoi.ngaySinh__month" inputmode="numeric" value aria-invalid="true"');
  });
  it('keeps the field’s own hint before the example and offers birthday autofill for the applicant’s birth date', () => {
    const h = html({ lang: 'vi' }, def({ description: 'Theo Giấy chứng sinh.', 'x-prefill': 'applicant.birthDate' }));
    expect(h).toContain('<p class="hint" id="f-nguoi-ngaySinh-hint">Theo Giấy chứng sinh. Ví dụ: 27/03/1990</p>');
    expect(h).toContain('autocomplete="bday-day"');
    expect(h).toContain('autocomplete="bday-year"');
  });
  it('the desk keeps type="date" (dateInput: native)', () => {
    const h = html({ lang: 'vi', dateInput: 'native', values: { nguoi: { ngaySinh: '1990-03-27' } } });
    expect(h).toMatch(/<input type="date" id="f-nguoi-ngaySinh" name="nguoi\.ngaySinh"[^>]*value="1990-03-27"/);
    expect(h).not.toContain('__day');
  });
});
