/** Indicator 1.3: are parts a-g of Decree 63/2010 art. 8(2) (as amended by Decree 92/2017) all filled? */
import type { ProcedureContent } from './model';

export const PARTS = ['a', 'b', 'c', 'd', 'dd', 'e', 'g'] as const;
export type Part = (typeof PARTS)[number];

const filled = (s: string | undefined) => typeof s === 'string' && s.trim().length > 0;

/** The mandatory parts that are missing (empty when complete). Part h (forms, result, requirements, fees) is conditional and not checked. */
export function missingParts(c: ProcedureContent): Part[] {
  const missing: Part[] = [];
  if (!filled(c.name)) missing.push('a');
  if (!c.steps?.some(filled)) missing.push('b');
  if (!c.channels?.length) missing.push('c');
  if (!c.components?.some((x) => filled(x.name))) missing.push('d');
  if (!(c.processingTime?.value > 0)) missing.push('dd');
  if (!c.applicants?.length) missing.push('e');
  if (!filled(c.decidingAgency) || !filled(c.receivingAgency)) missing.push('g');
  return missing;
}

export function isComplete(c: ProcedureContent): boolean {
  return missingParts(c).length === 0;
}
