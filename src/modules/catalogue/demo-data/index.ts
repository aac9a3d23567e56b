/**
 * The demo procedure catalogue: real procedures of the province and commune levels with their
 * national codes. Sources and unverified codes: SOURCES.md.
 */
import type { ProcedureSeed } from './types';
import { HO_TICH, HO_TICH_LIEN_THONG } from './ho-tich';

export type { ProcedureSeed } from './types';

export const DEMO_PROCEDURES: ProcedureSeed[] = [...HO_TICH, ...HO_TICH_LIEN_THONG];
