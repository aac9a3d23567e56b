/**
 * The fee of a dossier from the procedure version's fee rules and the applicant's e-form answers.
 * ONE pure function: the online form's review, the fee-quote API, the payment (its amount) and
 * the receipt all call it, so the citizen is never charged more than shown.
 *
 * A line is left out when its `when` conditions do not hold (the late-registration fee when
 * "đăng ký quá hạn" is not ticked); a per-unit line is multiplied by the number answered (copies,
 * pages, extra certificates after the free ones) and left out at 0 units; a line whose
 * `exemptWhen` holds is listed at 0 đ (exempt by law or by person, e.g. Điều 11 Luật Hộ tịch).
 * Free lines (amount 0, e.g. on-time birth registration) are listed so the citizen sees why.
 */
import type { FeeCondition, FeeSpec } from './snapshot';

export interface FeeQuoteLine {
  key: string;
  name: string;
  kind: 'fee' | 'charge';
  /** The unit amount of the procedure version before any reduction. */
  baseAmount: number;
  /** Units charged (1 unless per unit). */
  quantity: number;
  /** What is charged for the line (online amount where set for online dossiers; 0 when exempt). */
  amount: number;
  exempt: boolean;
}

export interface FeeQuoteResult {
  lines: FeeQuoteLine[];
  total: number;
}

export type Answers = Record<string, unknown>;

function holds(c: FeeCondition, answers: Answers): boolean {
  const v = answers[c.field];
  if ('is' in c) return v === c.is;
  return v !== c.isNot;
}

/** A whole number of units from an answer ("3" or 3); anything else is 0. */
export function unitsOf(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n > 0 ? n : 0;
}

export interface FeeOptions {
  /** The e-form answers (partial allowed). */
  answers?: Answers;
  /** 'online' uses a line's online amount where the version sets one. */
  channel: string;
  /** Only these lines (the applicant named the ones that apply), when given. */
  feeKeys?: string[];
  /** Lines granted an exemption as data (by the desk). */
  exemptKeys?: string[];
}

export function quoteFeeRules(fees: FeeSpec[], opts: FeeOptions): FeeQuoteResult {
  const answers = opts.answers ?? {};
  const granted = new Set(opts.exemptKeys ?? []);
  const lines: FeeQuoteLine[] = [];
  for (const f of fees) {
    if (opts.feeKeys && !opts.feeKeys.includes(f.key)) continue;
    if (f.when && !f.when.every((c) => holds(c, answers))) continue;
    let quantity = 1;
    if (f.perUnit) {
      quantity = Math.max(0, unitsOf(answers[f.perUnit.field]) - (f.perUnit.free ?? 0));
      if (f.perUnit.max !== undefined) quantity = Math.min(quantity, f.perUnit.max);
      if (f.perUnit.times) quantity *= unitsOf(answers[f.perUnit.times]);
      if (quantity === 0) continue;
    }
    const exempt = granted.has(f.key) || (f.exemptWhen ?? []).some((c) => holds(c, answers));
    const unit = opts.channel === 'online' && f.onlineAmount !== undefined ? f.onlineAmount : f.amount;
    lines.push({ key: f.key, name: f.name, kind: f.kind, baseAmount: f.amount, quantity, amount: exempt ? 0 : unit * quantity, exempt });
  }
  return { lines, total: lines.reduce((s, l) => s + l.amount, 0) };
}
