import { describe, expect, it } from 'vitest';
import { CHANNELS } from './states';
import { ESSENTIAL_PAPER_REFUSAL, paperChannelRefused } from './essential-paper';

const before = new Date('2025-09-30T16:59:59.999Z'); // 23:59:59.999 on 30/9/2025, Vietnam time
const from = ESSENTIAL_PAPER_REFUSAL.validFrom; // 00:00 on 1/10/2025, Vietnam time

describe('Directive 24/CT-TTg: no paper for the essential services from 1/10/2025', () => {
  it('every channel, both sides of the date, essential or not', () => {
    for (const channel of CHANNELS) {
      for (const essential of [true, false]) {
        const paper = channel === 'in_person' || channel === 'post';
        expect(paperChannelRefused({ essential }, channel, before)).toBe(false);
        expect(paperChannelRefused({ essential }, channel, from)).toBe(essential && paper);
        expect(paperChannelRefused({ essential }, channel, new Date('2026-12-02T02:00:00Z'))).toBe(essential && paper);
      }
    }
  });
  it('the date is midnight in Vietnam time', () => {
    expect(from.toISOString()).toBe('2025-09-30T17:00:00.000Z');
  });
});
