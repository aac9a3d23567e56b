/**
 * Offline intake (issue 17 item 6): pure rules. A reception officer where the network is poor
 * receives the dossier on the offline page; the page gives the citizen a provisional receipt
 * number and queues the dossier in the browser (IndexedDB) with a client-generated idempotency
 * key; the sync (POST /api/v1/offline-intake) turns it into a real dossier, once per key.
 *
 * Provisional receipt number: "TAM-<device>-<n>", where <device> is 6 characters of A-Z and
 * 0-9 chosen at random by the device the first time the offline page runs (kept in its
 * IndexedDB) and <n> the device's own counter from 1 (up to 6 digits). "TAM" is "tạm" (provisional).
 * It is no dossier code (those are <agency>-<yymmdd>-<nnnn>, platform/codes): the citizen keeps it
 * until the SMS with the real code arrives.
 */
import { FINAL_STATES, type DossierState } from './states';

export const PROVISIONAL_PREFIX = 'TAM';
export const DEVICE_ID_RE = /^[A-Z0-9]{6}$/;
export const PROVISIONAL_RE = /^TAM-[A-Z0-9]{6}-[1-9]\d{0,5}$/;
/** A v4-style UUID as crypto.randomUUID() makes it (lower or upper case). */
export const OFFLINE_KEY_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function provisionalCode(deviceId: string, n: number): string {
  if (!DEVICE_ID_RE.test(deviceId)) throw new Error(`provisionalCode: bad device id ${JSON.stringify(deviceId)}`);
  if (!Number.isInteger(n) || n < 1 || n > 999_999) throw new Error(`provisionalCode: bad counter ${n}`);
  return `${PROVISIONAL_PREFIX}-${deviceId}-${n}`;
}

/** The device part of a provisional number (null when it is not one). */
export function deviceOfProvisional(code: string): string | null {
  return PROVISIONAL_RE.test(code) ? code.split('-')[1]! : null;
}

/** The key under which the offline sync submits (the submission idempotency key is per submitter). */
export function submissionKeyOf(offlineKey: string): string {
  return `offline:${offlineKey.toLowerCase()}`;
}

/**
 * "An offline duplicate": a dossier of the same applicant for the same procedure that is still
 * open (not returned, refused, withdrawn or cancelled) - e.g. the citizen also applied online or
 * at another desk while this one was offline. The officer is shown it and decides: receive anyway
 * (a distinct matter) or drop the queued one.
 */
export function openDuplicates<T extends { state: string; applicant_id_number: string; procedure_code: string }>(
  rows: readonly T[],
  q: { idNumber: string; procedureCode: string },
): T[] {
  return rows.filter((r) => r.applicant_id_number === q.idNumber && r.procedure_code === q.procedureCode && !FINAL_STATES.includes(r.state as DossierState));
}
