/** Response schemas of the catalogue's import, export and publication-figures operations (routes.ts). */
import { z } from 'zod';
import { errorBody } from '../../platform/http/api';
import { PARTS } from './completeness';

export const importError = z.object({ row: z.number(), field: z.string(), message: z.string() });

export const importAnswer = z.object({ imported: z.number().int(), codes: z.array(z.string()) });

/** The 400 an import answers when any row has an error: the Error object plus every row's error. */
export const importRefusal = errorBody.extend({ errors: z.array(importError).describe('every error, by row (0: the file itself)') });

export const nationalExport = z.object({
  NgayXuat: z.string().describe('when it was exported (ISO instant)'),
  SoLuong: z.number().int().describe('number of records'),
  DanhSachTTHC: z.array(z.record(z.string(), z.unknown())).describe("the procedures in the national database's JSON shape"),
});

const ratio = z.object({
  numerator: z.number().int(),
  denominator: z.number().int(),
  percent: z.number().nullable().describe('two decimals; null when the denominator is 0'),
});

export const publicationFiguresAnswer = z.object({
  from: z.string(),
  to: z.string(),
  unitId: z.string().nullable(),
  procedures: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      decisions: z.array(z.string()).describe('numbers of the publication decisions signed in the period'),
      publishedOnTime: z.boolean().describe('1.1: every decision signed at least 5 working days before it took effect'),
      disclosure: z.enum(['on_time', 'late', 'pending']).describe('1.2: disclosed within 5 working days of the signature'),
    }),
  ),
  completeness: z
    .array(z.object({ code: z.string(), name: z.string(), missing: z.array(z.enum(PARTS)).describe('parts a-g of Decree 63/2010 art. 8(2) left empty') }))
    .describe('1.3, over the procedures in force at the end of the period'),
  totals: z.object({ publishedOnTime: ratio, disclosedOnTime: ratio, complete: ratio }),
});
