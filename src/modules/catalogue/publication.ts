/**
 * Pure rules for the publication indicators of Decision 766/QĐ-TTg (group 1), counted in
 * working days with a WorkCalendar:
 *  1.1 published on time: the decision is signed at least N working days (province 5,
 *      ministry 20) before the legal text's effective date - counted as the working days
 *      after the signature up to and including the effective date;
 *  1.2 disclosed on time: disclosed on the portal within N working days (province 5,
 *      ministry 10) after the decision's signature;
 *  1.3 complete: parts a-g of Decree 63/2010 art. 8(2) all filled (completeness.ts).
 * A procedure in several decisions of a period counts once, late if late in any one.
 */
import type { CivilDate, WorkCalendar } from '../../platform/calendar/types';

export type Issuer = 'province' | 'ministry';
export const PUBLISH_LEAD_DAYS: Record<Issuer, number> = { province: 5, ministry: 20 };
export const DISCLOSE_WITHIN_DAYS: Record<Issuer, number> = { province: 5, ministry: 10 };

/** 1.1: signed at least N working days before the effective date. */
export function publishedOnTime(cal: WorkCalendar, signedDate: CivilDate, effectiveDate: CivilDate, issuer: Issuer = 'province'): boolean {
  return cal.workingDaysBetween(signedDate, effectiveDate) >= PUBLISH_LEAD_DAYS[issuer];
}

/** Latest day the disclosure is on time. */
export function disclosureDeadline(cal: WorkCalendar, signedDate: CivilDate, issuer: Issuer = 'province'): CivilDate {
  // The N-th working day after the signature (a decision signed on a day off starts counting on the next working day).
  const n = DISCLOSE_WITHIN_DAYS[issuer];
  return cal.isWorkingDay(signedDate) ? cal.addWorkingDays(signedDate, n) : cal.addWorkingDays(signedDate, n - 1);
}

export type DisclosureState = 'on_time' | 'late' | 'pending';

/** 1.2: on time when disclosed by the deadline; not yet disclosed is pending until the deadline passes (as of `asOf`), then late. */
export function disclosureState(
  cal: WorkCalendar,
  signedDate: CivilDate,
  disclosedOn: CivilDate | null,
  asOf: CivilDate,
  issuer: Issuer = 'province',
): DisclosureState {
  const deadline = disclosureDeadline(cal, signedDate, issuer);
  if (disclosedOn) return disclosedOn <= deadline ? 'on_time' : 'late';
  return asOf > deadline ? 'late' : 'pending';
}

export interface PublicationEvent {
  code: string;
  name: string;
  decisionNumber: string;
  signedDate: CivilDate;
  effectiveDate: CivilDate;
  disclosedOn: CivilDate | null;
}

export interface ProcedurePublicationFigure {
  code: string;
  name: string;
  decisions: string[];
  publishedOnTime: boolean;
  disclosure: DisclosureState;
}

export interface Ratio {
  numerator: number;
  denominator: number;
  /** Percentage with 2 decimals, null when the denominator is 0. */
  percent: number | null;
}

export function ratio(numerator: number, denominator: number): Ratio {
  return { numerator, denominator, percent: denominator === 0 ? null : Math.round((numerator / denominator) * 10000) / 100 };
}

/** Groups the period's publications per procedure: late in any decision makes it late. */
export function publicationFigures(cal: WorkCalendar, events: PublicationEvent[], asOf: CivilDate, issuer: Issuer = 'province') {
  const byCode = new Map<string, ProcedurePublicationFigure>();
  for (const e of events) {
    const onTime = publishedOnTime(cal, e.signedDate, e.effectiveDate, issuer);
    const disc = disclosureState(cal, e.signedDate, e.disclosedOn, asOf, issuer);
    const cur = byCode.get(e.code);
    if (!cur) {
      byCode.set(e.code, { code: e.code, name: e.name, decisions: [e.decisionNumber], publishedOnTime: onTime, disclosure: disc });
      continue;
    }
    if (!cur.decisions.includes(e.decisionNumber)) cur.decisions.push(e.decisionNumber);
    cur.publishedOnTime &&= onTime;
    cur.disclosure = cur.disclosure === 'late' || disc === 'late' ? 'late' : cur.disclosure === 'pending' || disc === 'pending' ? 'pending' : 'on_time';
  }
  const procedures = [...byCode.values()];
  // A disclosure still pending is not yet due: it stays out of 1.2's denominator.
  const due = procedures.filter((p) => p.disclosure !== 'pending');
  return {
    procedures,
    publishedOnTime: ratio(procedures.filter((p) => p.publishedOnTime).length, procedures.length),
    disclosedOnTime: ratio(due.filter((p) => p.disclosure === 'on_time').length, due.length),
  };
}
