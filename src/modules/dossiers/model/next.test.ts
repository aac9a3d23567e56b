import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../platform/auth';
import { LANGS } from '../../../platform/i18n';
import { timeThenDate, whatHappensNext, type NextInput } from './next';
import { AT_STEP_STATES, FINAL_STATES, STATES } from './states';

const due = new Date('2026-12-03T08:30:00Z'); // 15:30 in Vietnam
const base: NextInput = {
  state: 'processing',
  step: { role: 'specialist', unitName: 'Sở Tư pháp', dueAt: due },
  consultation: { unitName: 'Công an tỉnh', dueAt: new Date('2026-12-04T02:00:00Z') },
  receivingUnitName: 'Trung tâm Phục vụ hành chính công tỉnh',
  appointmentAt: new Date('2026-12-10T10:00:00Z'),
  audience: 'applicant',
};

describe('what happens next', () => {
  it('says who must act and by when, in Vietnam time', () => {
    expect(whatHappensNext('vi', base)).toBe('Đang chờ chuyên viên Sở Tư pháp xử lý, hạn 15:30 03/12/2026.');
    expect(whatHappensNext('en', base)).toBe('Waiting for the specialist of Sở Tư pháp to act, due 15:30 03/12/2026.');
    expect(whatHappensNext('vi', { ...base, state: 'consulting' })).toBe('Đang chờ Công an tỉnh cho ý kiến, hạn 09:00 04/12/2026.');
    expect(whatHappensNext('vi', { ...base, state: 'submitted' })).toBe(
      'Đang chờ Bộ phận Một cửa Trung tâm Phục vụ hành chính công tỉnh kiểm tra và tiếp nhận hồ sơ.',
    );
    expect(whatHappensNext('vi', { ...base, state: 'result_ready', audience: 'officer' })).toBe(
      'Đã có kết quả; đang chờ Bộ phận Một cửa Trung tâm Phục vụ hành chính công tỉnh trả kết quả, hẹn trả 17:00 10/12/2026.',
    );
    expect(whatHappensNext('vi', { ...base, step: { ...base.step!, dueAt: null } })).toBe('Đang chờ chuyên viên Sở Tư pháp xử lý.');
  });

  it('does not offer a download while the result is being signed (the applicant only)', () => {
    const ready = { ...base, state: 'result_ready' as const };
    expect(whatHappensNext('vi', ready)).toContain('tải về tại đây, hẹn trả');
    expect(whatHappensNext('vi', { ...ready, resultSigning: true })).toBe(
      'Đã có kết quả, đang được ký số; ông/bà tải về được tại đây khi ký xong hoặc nhận tại Bộ phận Một cửa Trung tâm Phục vụ hành chính công tỉnh, hẹn trả 17:00 10/12/2026.',
    );
    expect(whatHappensNext('en', { ...ready, resultSigning: true })).toContain('once signed');
    expect(whatHappensNext('vi', { ...ready, audience: 'officer', resultSigning: true })).toBe(whatHappensNext('vi', { ...ready, audience: 'officer' }));
  });

  it('formats midnight and single digits as 00:05 02/01/2027', () => {
    expect(timeThenDate(new Date('2027-01-01T17:05:00Z'))).toBe('00:05 02/01/2027');
  });

  it('gives one finished sentence for every state, audience, role and language', () => {
    for (const lang of LANGS)
      for (const state of STATES)
        for (const audience of ['applicant', 'officer'] as const)
          for (const role of ROLES) {
            const s = whatHappensNext(lang, { ...base, state, audience, step: { ...base.step!, role } });
            expect(s, `${lang} ${state} ${audience} ${role}`).toMatch(/^[A-ZĐ][^{}]*\.$/u);
            expect(s).not.toContain('dossier.next');
            expect(s.split('. ').length).toBe(1);
          }
  });

  it('names the step unit at a step, the consulted unit when consulting, the desk otherwise', () => {
    for (const state of STATES) {
      const s = whatHappensNext('vi', { ...base, state });
      if (AT_STEP_STATES.includes(state) && state !== 'consulting') expect(s).toContain('Sở Tư pháp');
      else expect(s).not.toContain('Sở Tư pháp');
      expect(s.includes('Công an tỉnh')).toBe(state === 'consulting');
      expect(s.includes('Trung tâm Phục vụ')).toBe(state === 'submitted' || state === 'result_ready');
      expect(s.includes('không còn việc phải làm')).toBe(FINAL_STATES.includes(state));
    }
  });

  it('speaks to the applicant as ông/bà only when paused on them or with the result', () => {
    for (const state of STATES) {
      const mine = whatHappensNext('vi', { ...base, state, audience: 'applicant' });
      const desk = whatHappensNext('vi', { ...base, state, audience: 'officer' });
      const addressed = state === 'waiting_supplement' || state === 'waiting_fee' || state === 'result_ready';
      expect(mine.includes('ông/bà'), state).toBe(addressed);
      expect(desk).not.toContain('ông/bà');
    }
  });

  it('without a step recorded, still a sentence', () => {
    expect(whatHappensNext('vi', { ...base, step: null })).toBe('Hồ sơ đang được xử lý.');
  });
});
