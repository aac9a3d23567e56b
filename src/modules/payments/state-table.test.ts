/**
 * The payment state table (issue 16 item 5): every state x reported outcome, decided by the
 * pure canTransition() that the gateway callback and the reconciliation follow, compared with
 * state-table.golden.md. Regenerate with UPDATE_GOLDEN=1 and review the diff.
 */
import { describe, expect, it } from 'vitest';
import { expectGolden, markdownTable } from '../../test/golden';
import { canTransition, PAYMENT_STATES } from './model';

function table(): string {
  return (
    [
      '# Payment state table (generated - do not edit by hand)',
      '',
      'Every payment state x the state the gateway (callback or reconciliation) reports, as `canTransition()`',
      '(payments/model.ts) answers it: `→ state` the payment moves; `stays` it does not (nothing leaves `paid`; a',
      'late "paid" wins over a given-up payment, which is then flagged for refund by the caller).',
      '',
      'Regenerate: `UPDATE_GOLDEN=1 npx vitest run src/modules/payments/state-table.test.ts`, then review the diff.',
      '',
      ...markdownTable(
        ['from \\ reported', ...PAYMENT_STATES],
        PAYMENT_STATES.map((from) => [from, ...PAYMENT_STATES.map((to) => (canTransition(from, to) ? `→ ${to}` : 'stays'))]),
      ),
    ].join('\n') + '\n'
  );
}

describe('the payment state table', () => {
  it('has a row and a column per state', () => {
    expect(
      table()
        .split('\n')
        .filter((l) => l.startsWith('| ') && !l.startsWith('| from')).length,
    ).toBe(PAYMENT_STATES.length);
  });

  it('decides every cell as the golden table in the repository says', () => {
    expectGolden(new URL('./state-table.golden.md', import.meta.url), table());
  });
});
