/** The zod schema of a procedure record: validates imports, the editor and the API. */
import { z } from 'zod';
import { ROLES } from '../../platform/auth';
import { DATA_SOURCES } from './snapshot';

export const CODE_RE = /^\d\.\d{6}$/;

const timeLimit = z.object({ value: z.number().positive(), unit: z.enum(['working_days', 'working_hours', 'days']) });
const text = z.string().trim().min(1);

export const componentSchema = z.object({
  key: z.string().regex(/^[a-z0-9-]+$/),
  name: text,
  originals: z.number().int().min(0),
  copies: z.number().int().min(0),
  optional: z.boolean(),
  documentType: z.string().optional(),
  dataSource: z.object({ source: z.enum(DATA_SOURCES), kind: z.string().regex(/^[a-z0-9-]+$/) }).optional(),
});

const feeValue = z.union([z.string(), z.number(), z.boolean()]);
const feeCondition = z.union([z.object({ field: z.string().min(1), is: feeValue }), z.object({ field: z.string().min(1), isNot: feeValue })]);

export const feeSchema = z.object({
  key: z.string().regex(/^[a-z0-9-]+$/),
  name: text,
  kind: z.enum(['fee', 'charge']),
  amount: z.number().min(0),
  onlineAmount: z.number().min(0).optional(),
  exemption: z.string().optional(),
  when: z.array(feeCondition).optional(),
  perUnit: z
    .object({
      field: z.string().min(1),
      free: z.number().int().min(0).optional(),
      max: z.number().int().min(1).optional(),
      times: z.string().min(1).optional(),
    })
    .optional(),
  exemptWhen: z.array(feeCondition).optional(),
  basis: z.string().optional(),
});

const stepUnit = z.union([
  z.object({ kind: z.literal('receiving') }),
  z.object({ kind: z.literal('deciding') }),
  z.object({ kind: z.literal('unit'), unitId: text }),
]);

export const processSchema = z.object({
  steps: z
    .array(
      z.object({
        key: z.string().regex(/^[a-z0-9-]+$/),
        name: text,
        nameEn: text,
        role: z.enum(ROLES),
        unit: stepUnit,
        duration: timeLimit,
        approval: z.boolean().optional(),
      }),
    )
    .min(1),
});

export const eFormSchema = z.object({
  schema: z.record(z.string(), z.unknown()).refine((s) => s.type === 'object', { message: 'schema.type must be "object"' }),
  uiSchema: z.record(z.string(), z.unknown()).refine((s) => typeof s.type === 'string', { message: 'uiSchema.type is required' }),
});

export const procedureRecordSchema = z.object({
  code: z.string().regex(CODE_RE),
  name: text,
  nameEn: text,
  field: z.object({ code: text, name: text, nameEn: text }),
  levels: z.array(z.enum(['province', 'district', 'commune'])).min(1),
  onlineLevel: z.enum(['full', 'partial', 'none']),
  essential: z.boolean(),
  steps: z.array(text).min(1),
  channels: z.array(z.enum(['in_person', 'post', 'online'])).min(1),
  components: z.array(componentSchema),
  processingTime: timeLimit.extend({ note: z.string().optional() }),
  onlineProcessingTime: timeLimit.optional(),
  applicants: z.array(z.enum(['citizen', 'organisation'])).min(1),
  applicantNote: z.string().optional(),
  decidingAgency: text,
  receivingAgency: text,
  result: text,
  resultDocumentType: z.string().optional(),
  fees: z.array(feeSchema),
  forms: z.array(z.object({ name: text, code: z.string().optional() })),
  requirements: z.string(),
  legalBasis: z.array(text),
  financialObligation: z.boolean(),
  nationalPortalIntegrated: z.boolean(),
  eForm: eFormSchema,
  process: processSchema,
});
