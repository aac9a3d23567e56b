/** The mapping of zod issues to "what is right" (issue 13), every branch, and validate() on real schemas. */
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, fieldText, type FieldError } from '../errors';
import { addMessages, type MessageKey } from '../i18n';
import { messages } from '../i18n/messages';
import { fieldMessage, inSentence, labelEntry, nameFields, problemOf, refuseField, type IssueLike } from './form-messages';
import { boundsAt, civilDate, validate } from './validate';

beforeAll(() => addMessages(messages));

// Labels for the tests: keys of the platform catalogue, standing in for a form's label keys.
const L = 'form.value' as MessageKey;

describe('problemOf: one message key per issue', () => {
  const cases: [string, IssueLike, ReturnType<typeof problemOf>][] = [
    ['missing string', { code: 'invalid_type', expected: 'string', input: undefined }, { key: 'form.required' }],
    ['blank string', { code: 'invalid_type', expected: 'string', input: '  ' }, { key: 'form.required' }],
    ['null', { code: 'invalid_type', expected: 'number', input: null }, { key: 'form.required' }],
    ['missing list', { code: 'invalid_type', expected: 'array', input: undefined }, { key: 'form.choose' }],
    ['a word for a list', { code: 'invalid_type', expected: 'array', input: 'x' }, { key: 'form.choose' }],
    ['missing yes/no', { code: 'invalid_type', expected: 'boolean', input: 'x' }, { key: 'form.choose' }],
    ['a word for a number', { code: 'invalid_type', expected: 'number', input: Number.NaN }, { key: 'form.number' }],
    ['int', { code: 'invalid_type', expected: 'int', input: 'a' }, { key: 'form.number' }],
    ['bigint', { code: 'invalid_type', expected: 'bigint', input: 'a' }, { key: 'form.number' }],
    ['date object', { code: 'invalid_type', expected: 'date', input: 'x' }, { key: 'form.date' }],
    ['other type', { code: 'invalid_type', expected: 'object', input: 'x' }, { key: 'form.invalid', hintable: true }],
    ['enum', { code: 'invalid_value', input: 'q' }, { key: 'form.choose' }],
    ['union', { code: 'invalid_union', input: 'q' }, { key: 'form.choose' }],
    ['empty text, min 5', { code: 'too_small', origin: 'string', minimum: 5, input: '' }, { key: 'form.required' }],
    ['text, min 1', { code: 'too_small', origin: 'string', minimum: 1, input: 'x' }, { key: 'form.required' }],
    [
      'text, exact',
      { code: 'too_small', origin: 'string', minimum: 12, exact: true, input: '123' },
      { key: 'form.exact_length', params: { n: 12 }, hintable: true },
    ],
    ['short text', { code: 'too_small', origin: 'string', minimum: 5, input: 'abc' }, { key: 'form.min_length', params: { min: 5 } }],
    ['long text', { code: 'too_big', origin: 'string', maximum: 200, input: 'x' }, { key: 'form.max_length', params: { max: 200 } }],
    ['nothing chosen', { code: 'too_small', origin: 'array', minimum: 1 }, { key: 'form.choose' }],
    ['too few chosen', { code: 'too_small', origin: 'set', minimum: 2 }, { key: 'form.min_items', params: { min: 2 } }],
    ['too many chosen', { code: 'too_big', origin: 'array', maximum: 50 }, { key: 'form.max_items', params: { max: 50 } }],
    ['date too early', { code: 'too_small', origin: 'date', minimum: 0 }, { key: 'form.date' }],
    ['number low, without the other bound', { code: 'too_small', origin: 'number', minimum: 1, inclusive: true }, { key: 'form.min', params: { min: 1 } }],
    ['number not above', { code: 'too_small', origin: 'number', minimum: 0, inclusive: false }, { key: 'form.above', params: { min: 0 } }],
    ['number high, without the other bound', { code: 'too_big', origin: 'number', maximum: 9, inclusive: true }, { key: 'form.max', params: { max: 9 } }],
    ['number not below', { code: 'too_big', origin: 'number', maximum: 9, inclusive: false }, { key: 'form.below', params: { max: 9 } }],
    ['bigint bound', { code: 'too_big', origin: 'bigint', maximum: 9n }, { key: 'form.max', params: { max: 9 } }],
    ['multiple of', { code: 'not_multiple_of', divisor: 1 }, { key: 'form.integer' }],
    ['date format', { code: 'invalid_format', format: 'date' }, { key: 'form.date' }],
    ['datetime format', { code: 'invalid_format', format: 'datetime' }, { key: 'form.datetime' }],
    ['e-mail', { code: 'invalid_format', format: 'email' }, { key: 'form.email' }],
    ['uuid', { code: 'invalid_format', format: 'uuid' }, { key: 'form.choose' }],
    ['guid', { code: 'invalid_format', format: 'guid' }, { key: 'form.choose' }],
    ['pattern', { code: 'invalid_format', format: 'regex' }, { key: 'form.format', hintable: true }],
    ['unknown keys', { code: 'unrecognized_keys', keys: ['a', 'b'] }, { key: 'form.unknown_fields', params: { keys: 'a, b' } }],
    ['unknown keys, none named', { code: 'unrecognized_keys' }, { key: 'form.unknown_fields', params: { keys: '' } }],
    ['refinement of a date', { code: 'custom', params: { format: 'date' } }, { key: 'form.date' }],
    ['other refinement', { code: 'custom' }, { key: 'form.invalid', hintable: true }],
    ['anything else', { code: 'invalid_key' }, { key: 'form.invalid', hintable: true }],
  ];
  it.each(cases)('%s', (_name, issue, want) => expect(problemOf(issue)).toEqual(want));

  it('a number with both bounds declared names both, whichever was crossed', () => {
    expect(problemOf({ code: 'too_small', origin: 'number', minimum: 1, inclusive: true }, { max: 60 })).toEqual({
      key: 'form.range',
      params: { min: 1, max: 60 },
    });
    expect(problemOf({ code: 'too_big', origin: 'number', maximum: 60, inclusive: true }, { min: 1 })).toEqual({
      key: 'form.range',
      params: { min: 1, max: 60 },
    });
    // an exclusive bound is not "from … to …"
    expect(problemOf({ code: 'too_small', origin: 'number', minimum: 0, inclusive: false }, { max: 100 })).toEqual({ key: 'form.above', params: { min: 0 } });
  });
});

describe('fieldMessage: the sentence, with the label inside', () => {
  it('puts the label in the sentence, in the reader’s language; "giá trị" when the form named none', () => {
    const iss: IssueLike = { code: 'invalid_type', expected: 'string', input: undefined };
    expect(fieldMessage('vi', iss, { label: 'form.line' as MessageKey })).toBe('vui lòng nhập dòng {n}');
    expect(fieldMessage('vi', iss)).toBe('vui lòng nhập giá trị');
    expect(fieldMessage('en', iss)).toBe('enter the value');
    expect(fieldMessage('vi', { code: 'too_big', origin: 'number', maximum: 100 }, undefined, { min: 0 })).toBe('nhập một số từ 0 đến 100');
  });
  it('a form’s hint replaces what only the form can explain, not the rest', () => {
    const entry = { label: L, hint: 'form.email' as MessageKey };
    expect(fieldMessage('vi', { code: 'invalid_format', format: 'regex' }, entry)).toBe('nhập địa chỉ thư điện tử, ví dụ ten@vidu.vn');
    expect(fieldMessage('vi', { code: 'invalid_type', expected: 'string' }, entry)).toBe('vui lòng nhập giá trị');
  });
  it('dates for a JSON client as the API documents them, for a person as they type them', () => {
    expect(fieldMessage('vi', { code: 'invalid_format', format: 'date' })).toBe('nhập ngày theo dạng ngày/tháng/năm, ví dụ 02/12/2026');
    expect(fieldMessage('vi', { code: 'invalid_format', format: 'date' }, undefined, undefined, true)).toBe('nhập ngày theo dạng YYYY-MM-DD, ví dụ 2026-12-02');
    expect(fieldMessage('en', { code: 'invalid_format', format: 'datetime' }, undefined, undefined, true)).toContain('ISO 8601');
    expect(fieldMessage('en', { code: 'invalid_format', format: 'datetime' })).toContain('day/month/year hour:minute');
  });
});

describe('labels', () => {
  it('inSentence lowercases a word, keeps an acronym', () => {
    expect(inSentence('Ngày hẹn trả mới')).toBe('ngày hẹn trả mới');
    expect(inSentence('CCCD')).toBe('CCCD');
    expect(inSentence('ID number')).toBe('ID number');
    expect(inSentence('X')).toBe('x');
    expect(inSentence('')).toBe('');
  });
  it('labelEntry finds a path, a list item by its list, and nothing without labels', () => {
    const labels = { sourceIds: L, 'a.b': { label: L, hint: 'form.email' as MessageKey } };
    expect(labelEntry(labels, 'sourceIds.3')).toEqual({ label: L });
    expect(labelEntry(labels, 'a.b')).toEqual({ label: L, hint: 'form.email' });
    expect(labelEntry(labels, 'other')).toBeUndefined();
    expect(labelEntry(undefined, 'a')).toBeUndefined();
  });
  it('refuseField and nameFields word a page’s own refusals like validate’s', () => {
    expect(refuseField('vi', 'comment', 'Lý do từ chối', 'form.required')).toEqual({
      field: 'comment',
      label: 'Lý do từ chối',
      message: 'vui lòng nhập lý do từ chối',
    });
    const named = nameFields(
      'vi',
      [
        { field: 'note', message: '' },
        { field: 'unitId', message: '' },
        { field: 'kept', message: 'đã có' },
        { field: 'note', message: 'x', label: 'Có sẵn' },
      ],
      { note: L, unitId: L },
      { unitId: 'form.choose' },
    );
    expect(named.map(fieldText)).toEqual(['giá trị: vui lòng nhập giá trị', 'giá trị: vui lòng chọn giá trị', 'đã có', 'Có sẵn: x']);
    expect(nameFields('vi', undefined, {})).toEqual([]);
  });
});

describe('validate on real schemas', () => {
  const refused = (fn: () => unknown): FieldError[] => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      return (e as AppError).fields ?? [];
    }
    throw new Error('not refused');
  };
  const schema = z.object({
    days: z.preprocess((v) => Number(v), z.number().int().min(1).max(60)),
    nested: z.object({ n: z.number().min(0).max(5).optional() }),
    when: civilDate,
    own: z.string().min(1, 'tự viết'),
    tags: z.array(z.string()).min(1),
  });

  it('names each field by its label, keeps a schema’s own message, reads both bounds through preprocess and nesting', () => {
    const f = refused(() => validate(schema, { days: '99', nested: { n: 9 }, when: '2300-01-01', own: '', tags: [] }, 'vi', { days: L, tags: L }));
    expect(f).toEqual([
      { field: 'days', label: 'giá trị', message: 'nhập một số từ 1 đến 60' },
      { field: 'nested.n', message: 'nhập một số từ 0 đến 5' },
      { field: 'when', message: 'nhập ngày theo dạng ngày/tháng/năm, ví dụ 02/12/2026' },
      { field: 'own', message: 'tự viết' },
      { field: 'tags', label: 'giá trị', message: 'vui lòng chọn giá trị' },
    ]);
  });
  it('without labels (a JSON client): the path alone, dates as YYYY-MM-DD, a scalar body as "(body)"', () => {
    expect(refused(() => validate(schema.pick({ when: true }), { when: 'x' }, 'en'))).toEqual([
      { field: 'when', message: 'enter a date as YYYY-MM-DD, for example 2026-12-02' },
    ]);
    expect(refused(() => validate(z.number().min(0).max(1), 5, 'vi'))).toEqual([{ field: '(body)', message: 'nhập một số từ 0 đến 1' }]);
  });
  it('passes a right value through', () => {
    expect(validate(schema, { days: '5', nested: {}, when: '2026-12-02', own: 'a', tags: ['x'] }, 'vi')).toMatchObject({ days: 5, when: '2026-12-02' });
  });
  it('boundsAt: through optional, default, pipes, objects and lists; nothing for other schemas', () => {
    expect(boundsAt(z.object({ a: z.array(z.number().min(2).max(3)).default([]) }), ['a', 0])).toEqual({ min: 2, max: 3 });
    expect(boundsAt(z.object({ a: z.number() }), ['a'])).toEqual({ min: undefined, max: undefined });
    expect(boundsAt(z.object({ a: z.string() }), ['a'])).toEqual({});
    expect(boundsAt(z.object({ a: z.number() }), [])).toEqual({});
    expect(boundsAt(z.string().transform(Number), [])).toEqual({});
    expect(boundsAt(undefined, ['a'])).toEqual({});
  });
});
