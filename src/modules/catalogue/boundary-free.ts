/**
 * The province's list of procedures received "không phụ thuộc địa giới hành chính": from
 * 1/7/2025 any provincial or commune Public Administration Service Centre of the province may
 * receive them and the dossier goes to the competent agency (Decree 118/2025/NĐ-CP Art. 14(2);
 * the Chair of the provincial People's Committee publishes the list). Pure rules: a version is
 * listed for periods (inclusive civil dates, Vietnam time), each with the decision that listed it.
 */
import type { FieldError } from '../../platform/errors';

export interface BoundaryFreePeriod {
  validFrom: string;
  /** Inclusive; null while listed without an end. */
  validTo: string | null;
  /** The Chair's decision that publishes the list ("1579/QĐ-UBND ngày 30/6/2025"). */
  decision: string;
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
function isDate(s: unknown): s is string {
  if (typeof s !== 'string' || !DATE_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The listing period in force on `day` (YYYY-MM-DD), or null when the version is not listed that day. */
export function boundaryFreeOn(periods: readonly BoundaryFreePeriod[] | undefined, day: string): BoundaryFreePeriod | null {
  return (periods ?? []).find((p) => p.validFrom <= day && (p.validTo == null || day <= p.validTo)) ?? null;
}

/** Field errors of a list of periods (bad dates, end before start, no decision, overlaps); empty when sound. */
export function checkBoundaryFreePeriods(periods: readonly Partial<BoundaryFreePeriod>[]): FieldError[] {
  const errors: FieldError[] = [];
  periods.forEach((p, i) => {
    if (!isDate(p.validFrom)) errors.push({ field: `periods.${i}.validFrom`, message: 'catalogue.boundaryFree.date' });
    if (p.validTo != null && !isDate(p.validTo)) errors.push({ field: `periods.${i}.validTo`, message: 'catalogue.boundaryFree.date' });
    else if (p.validTo != null && isDate(p.validFrom) && p.validTo < p.validFrom)
      errors.push({ field: `periods.${i}.validTo`, message: 'catalogue.boundaryFree.endBeforeStart' });
    if (!p.decision?.trim()) errors.push({ field: `periods.${i}.decision`, message: 'catalogue.boundaryFree.decision' });
  });
  if (errors.length) return errors;
  const sorted = periods.map((p, i) => ({ ...p, i }) as BoundaryFreePeriod & { i: number }).sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  for (let k = 1; k < sorted.length; k++) {
    const prev = sorted[k - 1]!;
    if (prev.validTo == null || sorted[k]!.validFrom <= prev.validTo)
      errors.push({ field: `periods.${sorted[k]!.i}.validFrom`, message: 'catalogue.boundaryFree.overlap' });
  }
  return errors;
}
