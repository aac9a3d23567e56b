/**
 * National codes. CONTRACT (implemented by the platform work).
 * Dossier code (Decree 61/2018 art. 26, Circular 01/2018 art. 19): <agency identifier>-YYMMDD-XXXX,
 * e.g. 000.00.01.H29-260310-0420, the date and the 4-digit sequence within the day of the receiving
 * agency, in Vietnam time; generated without collisions under concurrency.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

const VN_OFFSET_MS = 7 * 3600 * 1000;

/** Agency identifier, QCVN form used by Circular 01/2018: V1V2V3.Z1Z2.Y1Y2.MX1X2, e.g. 000.00.00.H30. */
const AGENCY_QCVN = /^[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}$/;
/** Agency identifier, Decision 20/2020 order: level-1 code MX1X2 first, then sub-unit groups, max 35 chars. */
const AGENCY_2020 = /^[A-Y][0-9]{2}(\.[0-9A-Z]+)*$/;
const PROCEDURE = /^[0-9]\.[0-9]{6}$/;
const DOSSIER = /^([0-9A-Z.]{1,35})-([0-9]{6}|[0-9]{8})-([0-9]{4,7})$/;

/** True for the agency identifier of Circular 01/2018 (V1V2V3.Z1Z2.Y1Y2.MX1X2), e.g. `000.00.00.H30`. */
export function isAgencyCode(s: string): boolean {
  return typeof s === 'string' && AGENCY_QCVN.test(s);
}

/** True for an identifier in the order of Decision 20/2020 (level 1 first), e.g. `H15.50.05.13`, `G09.20`. */
export function isAgencyIdentifier2020(s: string): boolean {
  return typeof s === 'string' && s.length <= 35 && AGENCY_2020.test(s);
}

/** True for a national procedure code `d.dddddd`, e.g. `1.000110`. */
export function isProcedureCode(s: string): boolean {
  return typeof s === 'string' && PROCEDURE.test(s);
}

/** The civil date in Vietnam (UTC+7, no daylight saving) of an instant, as YYYY-MM-DD. */
export function vietnamDate(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** Builds a dossier code from its parts (sequence padded to 4 digits; beyond 9999 it grows). */
export function formatDossierCode(agencyCode: string, date: string, sequence: number): string {
  const yymmdd = date.slice(2, 4) + date.slice(5, 7) + date.slice(8, 10);
  return `${agencyCode}-${yymmdd}-${String(sequence).padStart(4, '0')}`;
}

export interface ParsedDossierCode {
  agencyCode: string;
  /** The date received, YYYY-MM-DD. */
  date: string;
  sequence: number;
  /** True for the form this system generates (QCVN agency code, YYMMDD, 4 digits). */
  standard: boolean;
}

/**
 * Reads a dossier code: the standard form (`000.00.01.H29-260310-0420`) and the forms of other
 * systems (agency in Decision 20/2020 order, `YYYYMMDD`, 5-7 digit sequence, e.g.
 * `G09.20-20260609-0092637`). Returns null when it is not a valid code.
 */
export function parseDossierCode(code: string): ParsedDossierCode | null {
  if (typeof code !== 'string') return null;
  const m = DOSSIER.exec(code.trim());
  if (!m) return null;
  const [, agency, d, seq] = m as unknown as [string, string, string, string];
  const qcvn = isAgencyCode(agency);
  if (!qcvn && !isAgencyIdentifier2020(agency)) return null;
  const date = d.length === 6 ? `20${d.slice(0, 2)}-${d.slice(2, 4)}-${d.slice(4, 6)}` : `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;
  if (!isRealDate(date)) return null;
  const sequence = Number(seq);
  if (sequence === 0) return null;
  return { agencyCode: agency, date, sequence, standard: qcvn && d.length === 6 && seq.length === 4 };
}

function isRealDate(ymd: string): boolean {
  const t = Date.parse(`${ymd}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === ymd;
}

/**
 * The next counter value of `scope` on `day`, starting at 1. One atomic statement (the counter
 * row is locked for it). Given `ctx.db` it commits at once and the lock is gone; given a
 * transaction the row stays locked until that transaction ends (and a rollback gives the number
 * back), so concurrent callers queue behind it.
 */
export async function nextCounter(db: Kysely<Database>, scope: string, day: string): Promise<number> {
  const r = await sql<{ last: number }>`
    INSERT INTO code_counters (scope, day, last) VALUES (${scope}, ${day}, 1)
    ON CONFLICT (scope, day) DO UPDATE SET last = code_counters.last + 1
    RETURNING last`.execute(db);
  return Number(r.rows[0]!.last);
}

/**
 * The next dossier code of the receiving agency for the Vietnam date of `at`:
 * `<agencyCode>-YYMMDD-XXXX`, sequence from 0001 per agency per day, never the same code twice
 * (one atomic INSERT ... ON CONFLICT DO UPDATE per number).
 * Call it with `ctx.db`, before (outside) the transaction that creates the dossier: the counter
 * row is then locked for one statement, not until that transaction commits (inside it, every
 * submission to the agency on that day would wait for the previous one's commit). The price: a
 * creation that fails or rolls back after taking its number leaves a gap in the day's sequence.
 * Accepted: the code identifies a dossier (unique, increasing within the day); it is not an
 * accounting sequence that must be gapless.
 */
export async function nextDossierCode(db: Kysely<Database>, agencyCode: string, at: Date): Promise<string> {
  if (!isAgencyCode(agencyCode)) throw new Error(`nextDossierCode: not an agency identifier (V1V2V3.Z1Z2.Y1Y2.MX1X2): ${JSON.stringify(agencyCode)}`);
  const day = vietnamDate(at);
  const seq = await nextCounter(db, `dossier:${agencyCode}`, day);
  return formatDossierCode(agencyCode, day, seq);
}
