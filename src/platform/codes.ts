/**
 * National codes. CONTRACT (implemented by the platform work).
 * Dossier code (Decree 61/2018 art. 26, Circular 01/2018 art. 19): <agency identifier>-YYMMDD-XXXX,
 * e.g. 000.00.01.H29-260310-0420, the date and the 4-digit sequence within the day of the receiving
 * agency, in Vietnam time; generated without collisions under concurrency.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export async function nextDossierCode(_db: Kysely<Database>, _agencyCode: string, _at: Date): Promise<string> {
  throw new Error('nextDossierCode: not implemented yet');
}
