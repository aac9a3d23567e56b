import { describe, expect, it } from 'vitest';
import { checkRuleSets, civilDate, formsAt, isCivilDate, paperRefusedFor, ruleValue, rulesAt, rulesForDossier, RULE_SETS, type RuleSet } from './model';
import { assertRuleSets } from './service';

const ids = (d: string) =>
  rulesAt(d)
    .map((s) => s.id)
    .sort();

describe('rule sets by effective date', () => {
  it('the data is sound: no overlap, valid periods, a clause for every rule', () => {
    expect(checkRuleSets(RULE_SETS)).toEqual([]);
    expect(() => assertRuleSets()).not.toThrow();
  });

  it('30/6/2025 vs 1/7/2025: Decree 61/107 then Decree 118/367', () => {
    expect(ids('2025-06-30')).toEqual(['nd42-2022', 'nd61-2018', 'paper-accepted', 'tt01-2018']);
    expect(ids('2025-07-01')).toEqual(['nd118-2025', 'nd42-2022', 'paper-accepted', 'tt01-2018']);
    expect(ruleValue('reception.where', '2025-06-30')).toBe('own_area');
    expect(ruleValue('reception.where', '2025-07-01')).toBe('province_wide');
    expect(ruleValue('stop.available', '2025-06-30')).toBe(false);
    expect(ruleValue('stop.available', '2025-07-01')).toBe(true);
    expect(ruleValue('apology.kind', '2025-06-30')).toBe('new_date');
    expect(ruleValue('apology.kind', '2025-07-01')).toBe('extension');
    expect(ruleValue('supplement.once', '2025-06-30')).toBe(true);
    expect(ruleValue('supplement.once', '2025-07-01')).toBe(true);
  });

  it('14/9 vs 15/9/2025: the forms of Circular 01/2018 then Circular 03/2025', () => {
    expect(formsAt('2025-09-14').map((f) => `${f.number} ${f.title}`)).toEqual([
      '01 Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
      '02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
      '03 Phiếu từ chối tiếp nhận giải quyết hồ sơ',
      '04 Phiếu xin lỗi và hẹn lại ngày trả kết quả',
      '05 Phiếu kiểm soát quá trình giải quyết hồ sơ',
      '06 Sổ theo dõi hồ sơ',
    ]);
    expect(formsAt('2025-09-15').map((f) => `${f.number} ${f.title}`)).toEqual([
      '01 Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
      '02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
      '03 Phiếu từ chối tiếp nhận giải quyết hồ sơ',
      '04 Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết',
      '05 Thông báo dừng giải quyết hồ sơ',
      '06 Phiếu kiểm soát quá trình giải quyết hồ sơ',
      '07 Sổ theo dõi hồ sơ',
    ]);
    expect(ruleValue('digitisation.reception', '2025-09-14')).toEqual({ required: true, exemptions: [] });
    expect(ruleValue('digitisation.reception', '2025-09-15')).toEqual({
      required: true,
      exemptions: ['submitted_online', 'presented_only', 'agency_replies', 'confidential'],
    });
    expect(formsAt('2019-01-07')).toEqual([]);
  });

  it('30/9 vs 1/10/2025: paper refused for the 25 essential services (Directive 24), never for the others', () => {
    expect(paperRefusedFor(true, '2025-09-30')).toBe(false);
    expect(paperRefusedFor(true, '2025-10-01')).toBe(true);
    expect(paperRefusedFor(false, '2025-09-30')).toBe(false);
    expect(paperRefusedFor(false, '2025-10-01')).toBe(false);
    expect(paperRefusedFor(true, '2026-12-02')).toBe(true);
  });

  it('30/6 vs 1/7/2026: Decree 42/2022 then Decree 224/2026', () => {
    expect(ids('2026-06-30')).toContain('nd42-2022');
    expect(ids('2026-06-30')).not.toContain('nd224-2026');
    expect(ids('2026-07-01')).toContain('nd224-2026');
    expect(ids('2026-07-01')).not.toContain('nd42-2022');
    expect(ruleValue('online.proactiveLevels', '2026-06-30')).toBeUndefined();
    expect(ruleValue('online.proactiveLevels', '2026-07-01')).toEqual(['1', '2', '3']);
  });

  it('dates are Vietnam civil dates: 30/6/2025 17:00 UTC is already 1/7/2025 in Vietnam', () => {
    expect(civilDate(new Date('2025-06-30T16:59:59Z'))).toBe('2025-06-30');
    expect(civilDate(new Date('2025-06-30T17:00:00Z'))).toBe('2025-07-01');
    expect(ruleValue('reception.where', new Date('2025-06-30T16:59:59Z'))).toBe('own_area');
    expect(ruleValue('reception.where', new Date('2025-06-30T17:00:00Z'))).toBe('province_wide');
    expect(isCivilDate('2025-02-29')).toBe(false);
    expect(isCivilDate('2024-02-29')).toBe(true);
    expect(isCivilDate('2025-7-1')).toBe(false);
  });

  it('a dossier keeps the rules of its reception date (transitional rule), submission date before reception', () => {
    const straddling = rulesForDossier({ receivedAt: new Date('2025-06-30T08:00:00+07:00'), submittedAt: new Date('2025-06-29T08:00:00+07:00') });
    expect(straddling.date).toBe('2025-06-30');
    expect(straddling.ruleSets.map((s) => s.id)).toContain('nd61-2018');
    expect(straddling.forms.map((f) => f.number)).toEqual(['01', '02', '03', '04', '05', '06']);
    const waiting = rulesForDossier({ receivedAt: null, submittedAt: new Date('2025-09-15T08:00:00+07:00') });
    expect(waiting.forms.find((f) => f.kind === 'stop')?.number).toBe('05');
  });

  it('every day from 1/8/2022 (Decree 42) to 2027 has exactly one set of each family', () => {
    for (let t = Date.UTC(2022, 7, 1); t <= Date.UTC(2027, 11, 31); t += 86_400_000) {
      const d = new Date(t).toISOString().slice(0, 10);
      const fams = rulesAt(d)
        .map((s) => s.family)
        .sort();
      expect(fams, d).toEqual(['essential-paper', 'forms', 'one-stop', 'online-levels']);
    }
  });

  it('refuses overlapping sets of one family with a clear message, and bad periods', () => {
    const extra: RuleSet = { ...RULE_SETS[0]!, id: 'nd61-bis', validFrom: '2025-06-01', validTo: '2025-07-15' };
    const problems = checkRuleSets([...RULE_SETS, extra]);
    expect(problems).toContainEqual({
      key: 'rules.overlap',
      params: { family: 'one-stop', a: 'nd61-2018', b: 'nd61-bis', from: '2025-06-01', to: '2025-06-30' },
    });
    expect(problems).toContainEqual({
      key: 'rules.overlap',
      params: { family: 'one-stop', a: 'nd61-bis', b: 'nd118-2025', from: '2025-07-01', to: '2025-07-15' },
    });
    expect(() => assertRuleSets([...RULE_SETS, extra])).toThrow(
      'Hai bộ quy định "nd61-2018" và "nd61-bis" cùng nhóm "one-stop" có thời gian hiệu lực chồng nhau (từ 2025-06-01 đến 2025-06-30).',
    );
    expect(() => assertRuleSets([...RULE_SETS, extra], 'en')).toThrow('Rule sets "nd61-2018" and "nd61-bis" of family "one-stop" overlap');
    // Touching periods are fine; a set ending before it starts is not.
    expect(checkRuleSets([{ ...extra, validFrom: '2030-01-01', validTo: '2029-12-31', family: 'forms', id: 'x' }])).toEqual([
      { key: 'rules.period_invalid', params: { id: 'x', from: '2030-01-01', to: '2029-12-31' } },
    ]);
    expect(checkRuleSets([{ ...RULE_SETS[0]!, rules: [...RULE_SETS[0]!.rules, { key: 'supplement.once', value: true, clause: ' ' }] }])).toEqual([
      { key: 'rules.duplicate_key', params: { id: 'nd61-2018', rule: 'supplement.once' } },
      { key: 'rules.clause_missing', params: { id: 'nd61-2018', rule: 'supplement.once' } },
    ]);
  });
});
