import { z } from 'zod';
import { AGENCY_TYPES, EVENT_KINDS, isCivilDate, LEVELS, UNIT_KINDS } from './model';

/** Request and response schemas of the units API (also used by the admin forms). */
export const civilDate = z
  .string()
  .refine((s) => isCivilDate(s), { params: { format: 'date' } })
  .describe('Civil date YYYY-MM-DD');

export const decision = z.string().trim().min(1).max(200).describe('Number of the decision or resolution, e.g. 1668/NQ-UBTVQH15');

export const unitView = z.object({
  id: z.string(),
  kind: z.enum(UNIT_KINDS),
  agencyType: z.enum(AGENCY_TYPES).nullable(),
  name: z.string(),
  code: z.string().nullable().describe('Administrative unit code of the national list (2/3/5 digits)'),
  agencyCode: z.string().nullable().describe('Agency identifier (mã định danh), e.g. 000.00.00.H30'),
  level: z.enum(LEVELS),
  parentId: z.string().nullable(),
  hotline: z.string().nullable(),
  address: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
});

export const versionView = z.object({
  id: z.string(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  name: z.string(),
  code: z.string().nullable(),
  agencyCode: z.string().nullable(),
  parentId: z.string().nullable(),
  level: z.enum(LEVELS),
});
export const eventView = z.object({
  id: z.string(),
  unitId: z.string(),
  kind: z.enum(EVENT_KINDS),
  effectiveDate: z.string(),
  decision: z.string().nullable(),
  successorId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

export const idParams = z.object({ id: z.string().min(1).max(100) });
export const atQuery = z.object({ at: civilDate.optional().describe('Answer as the tree stood on this date (default: today, Vietnam time)') });

export const renameBody = z.object({
  name: z.string().trim().min(1).max(200),
  effectiveDate: civilDate,
  decision,
  code: z.string().trim().min(1).max(5).nullable().optional(),
  agencyCode: z.string().trim().min(1).max(35).nullable().optional(),
});
export const mergeBody = z.object({
  sourceIds: z.array(z.string().min(1).max(100)).min(1).max(50),
  effectiveDate: civilDate,
  decision,
  name: z.string().trim().min(1).max(200).optional(),
});
export const retireBody = z.object({ effectiveDate: civilDate, decision, successorId: z.string().min(1).max(100).nullable().optional() });
export const moveBody = z.object({ parentId: z.string().min(1).max(100), effectiveDate: civilDate, decision });
export const createBody = z.object({
  id: z.string().min(2).max(63).optional(),
  kind: z.enum(UNIT_KINDS),
  agencyType: z.enum(AGENCY_TYPES).nullable().optional(),
  name: z.string().trim().min(1).max(200),
  code: z.string().trim().min(1).max(5).nullable().optional(),
  agencyCode: z.string().trim().min(1).max(35).nullable().optional(),
  parentId: z.string().min(1).max(100),
  validFrom: civilDate,
  decision: decision.optional(),
  hotline: z.string().trim().max(40).optional(),
  address: z.string().trim().max(300).optional(),
});
