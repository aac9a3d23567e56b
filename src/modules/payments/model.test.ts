import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  canTransition,
  computeFees,
  gatewayTime,
  hmacMac,
  lengthPrefixed,
  macOf,
  maXacThuc,
  parseGatewayTime,
  PAYMENT_STATES,
  verifySigned,
  vnDay,
  vnDayRange,
} from './model';
import type { FeeSpec } from '../catalogue/snapshot';

const fees: FeeSpec[] = [
  { key: 'le-phi', name: 'Lệ phí đăng ký tạm trú', kind: 'charge', amount: 15000, onlineAmount: 7000 },
  { key: 'phi-ban-sao', name: 'Phí cấp bản sao', kind: 'fee', amount: 8000 },
  { key: 'mien', name: 'Lệ phí đúng hạn', kind: 'charge', amount: 0, exemption: 'Miễn' },
];

describe('fees', () => {
  it('uses the online amount for online dossiers only', () => {
    expect(computeFees(fees, 'online').total).toBe(15000);
    expect(computeFees(fees, 'in_person').total).toBe(23000);
  });
  it('charges the chosen lines and nothing for exempt ones', () => {
    expect(computeFees(fees, 'online', { feeKeys: ['le-phi'] }).total).toBe(7000);
    const q = computeFees(fees, 'post', { exemptKeys: ['le-phi'] });
    expect(q.total).toBe(8000);
    expect(q.lines.find((l) => l.key === 'le-phi')).toMatchObject({ exempt: true, amount: 0, baseAmount: 15000 });
  });
  it('never charges more than the base amounts, never less than zero', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ amount: fc.nat(1_000_000), online: fc.option(fc.nat(1_000_000)) })),
        fc.constantFrom('online', 'in_person', 'post', 'assisted'),
        (rows, channel) => {
          const specs: FeeSpec[] = rows.map((r, i) => ({
            key: `k${i}`,
            name: 'x',
            kind: 'fee',
            amount: r.amount,
            ...(r.online !== null ? { onlineAmount: Math.min(r.online, r.amount) } : {}),
          }));
          const q = computeFees(specs, channel);
          expect(q.total).toBeGreaterThanOrEqual(0);
          expect(q.total).toBeLessThanOrEqual(specs.reduce((s, f) => s + f.amount, 0));
        },
      ),
    );
  });
});

describe('state machine', () => {
  it('never leaves paid, and only pending moves to failed or cancelled', () => {
    for (const from of PAYMENT_STATES)
      for (const to of PAYMENT_STATES) {
        const ok = canTransition(from, to);
        if (from === 'paid' || from === to) expect(ok).toBe(false);
        else if (to === 'paid') expect(ok).toBe(true);
        else expect(ok).toBe(from === 'pending');
      }
  });
});

describe('MaXacThuc', () => {
  it('is the SHA-256 of the fields joined with | and the secret appended', () => {
    // sha256("QUERY|1.0.6|HG|ref1|20260310093000|s3cret")
    expect(maXacThuc(['QUERY', '1.0.6', 'HG', 'ref1', '20260310093000'], 's3cret')).toBe('8ebc439889e96d7a9e509c7efb5b81663382e7e86296343fc02cd3f80a8c8e25');
    expect(maXacThuc(['a', 'b'], 'k')).toMatch(/^[0-9a-f]{64}$/);
    expect(maXacThuc(['a', 'b'], 'k')).not.toBe(maXacThuc(['a', 'b'], 'l'));
    expect(maXacThuc(['a|b'], 'k')).toBe(maXacThuc(['a', 'b'], 'k'));
  });
  it('sha256-pipe refuses any value holding "|" (the ambiguity of the plain join)', () => {
    expect(macOf({ A: 'a|b' }, ['A'], 'k', 'sha256-pipe')).toBe('');
    expect(macOf({ A: 'a', B: 'b' }, ['A', 'B'], 'k', 'sha256-pipe')).toBe(maXacThuc(['a', 'b'], 'k'));
  });
  it('hmac-sha256 over length-prefixed values: no two lists of values sign alike', () => {
    // HMAC-SHA256(key "k", "1:a,1:b,") computed with openssl: printf '1:a,1:b,' | openssl dgst -sha256 -hmac k
    expect(hmacMac(['a', 'b'], 'k')).toBe('901550894203067b4b76f41ee63a2dd284d63d0f3397b7063b72676c6d0959cd');
    expect(lengthPrefixed(['Đ', ''])).toBe('2:Đ,0:,');
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 4 }), fc.array(fc.string({ maxLength: 6 }), { maxLength: 4 }), (a, b) => {
        fc.pre(JSON.stringify(a) !== JSON.stringify(b));
        expect(lengthPrefixed(a)).not.toBe(lengthPrefixed(b));
      }),
    );
    expect(macOf({ A: { x: 1 } }, ['A'], 'k')).toBe('');
    expect(macOf({ A: ['1'] }, ['A'], 'k')).toBe('');
  });
  it('verifySigned returns only the signed fields, as strings', () => {
    const msg: Record<string, unknown> = { A: 1, B: 'x' };
    msg.MaXacThuc = macOf(msg, ['A', 'B'], 'k');
    expect(verifySigned({ ...msg, C: 'unsigned' }, ['A', 'B'], 'k', 'hmac-sha256')).toEqual({ A: '1', B: 'x' });
    expect(verifySigned({ ...msg, B: 'y' }, ['A', 'B'], 'k', 'hmac-sha256')).toBeNull();
    expect(verifySigned(msg, ['A', 'B'], 'other', 'hmac-sha256')).toBeNull();
    expect(verifySigned([msg], ['A', 'B'], 'k', 'hmac-sha256')).toBeNull();
  });
  it('times are yyyyMMddHHmmss in Vietnam time and round-trip', () => {
    expect(gatewayTime(new Date('2026-03-10T02:30:00Z'))).toBe('20260310093000');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4_000_000_000 }), (s) => {
        const d = new Date(s * 1000);
        expect(parseGatewayTime(gatewayTime(d))!.getTime()).toBe(d.getTime());
      }),
    );
    expect(vnDay(new Date('2026-03-10T17:30:00Z'))).toBe('2026-03-11');
    expect(vnDayRange('2026-03-11').from.toISOString()).toBe('2026-03-10T17:00:00.000Z');
  });
});
