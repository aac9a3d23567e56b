/** The back-office editor's form <-> a procedure record (lists as lines, e-form and process as JSON). */
import { t, type Lang, type MessageKey } from '../../platform/i18n';
import type { FieldError } from '../../platform/errors';
import { componentsFromText, componentsToText, feesFromText, feesToText, formsFromText, formsToText, lines } from './codec-lines';
import type { ProcedureRecord } from './model';

export type FormBody = Record<string, string | string[] | undefined>;

const all = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[v.length - 1] : (v ?? '')).trim();
const numOr = (s: string): unknown => (s === '' ? undefined : Number.isFinite(Number(s.replace(',', '.'))) ? Number(s.replace(',', '.')) : s);

/** Form values (strings) of a record, to fill the editor. */
export function formOf(r: ProcedureRecord): Record<string, string | string[]> {
  return {
    code: r.code,
    name: r.name,
    nameEn: r.nameEn,
    fieldCode: r.field.code,
    fieldName: r.field.name,
    fieldNameEn: r.field.nameEn,
    levels: r.levels,
    onlineLevel: r.onlineLevel,
    essential: r.essential ? 'on' : '',
    financialObligation: r.financialObligation ? 'on' : '',
    nationalPortalIntegrated: r.nationalPortalIntegrated ? 'on' : '',
    steps: r.steps.join('\n'),
    channels: r.channels,
    components: componentsToText(r.components),
    timeValue: String(r.processingTime.value),
    timeUnit: r.processingTime.unit,
    timeNote: r.processingTime.note ?? '',
    onlineTimeValue: r.onlineProcessingTime ? String(r.onlineProcessingTime.value) : '',
    applicants: r.applicants,
    applicantNote: r.applicantNote ?? '',
    decidingAgency: r.decidingAgency,
    receivingAgency: r.receivingAgency,
    result: r.result,
    resultDocumentType: r.resultDocumentType ?? '',
    fees: feesToText(r.fees),
    forms: formsToText(r.forms),
    requirements: r.requirements,
    legalBasis: r.legalBasis.join('\n'),
    eFormSchema: JSON.stringify(r.eForm.schema, null, 2),
    eFormUi: JSON.stringify(r.eForm.uiSchema, null, 2),
    process: JSON.stringify(r.process, null, 2),
  };
}

/** A candidate record from the posted editor (validated by saveDraft); JSON that does not parse is an error here. */
export function recordFromForm(b: FormBody, lang: Lang): { record: unknown; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const json = (field: string) => {
    try {
      return JSON.parse(one(b[field]) || 'null');
    } catch {
      errors.push({ field, message: t(lang, 'catalogue.draft.bad_json', { field: t(lang, LABEL[field] ?? field) }) });
      return null;
    }
  };
  const unit = one(b.timeUnit);
  const record = {
    code: one(b.code),
    name: one(b.name),
    nameEn: one(b.nameEn),
    field: { code: one(b.fieldCode), name: one(b.fieldName), nameEn: one(b.fieldNameEn) },
    levels: all(b.levels),
    onlineLevel: one(b.onlineLevel),
    essential: one(b.essential) === 'on',
    financialObligation: one(b.financialObligation) === 'on',
    nationalPortalIntegrated: one(b.nationalPortalIntegrated) === 'on',
    steps: lines(one(b.steps)),
    channels: all(b.channels),
    components: componentsFromText(one(b.components)),
    processingTime: { value: numOr(one(b.timeValue)), unit, ...(one(b.timeNote) ? { note: one(b.timeNote) } : {}) },
    ...(one(b.onlineTimeValue) ? { onlineProcessingTime: { value: numOr(one(b.onlineTimeValue)), unit } } : {}),
    applicants: all(b.applicants),
    ...(one(b.applicantNote) ? { applicantNote: one(b.applicantNote) } : {}),
    decidingAgency: one(b.decidingAgency),
    receivingAgency: one(b.receivingAgency),
    result: one(b.result),
    ...(one(b.resultDocumentType) ? { resultDocumentType: one(b.resultDocumentType) } : {}),
    fees: feesFromText(one(b.fees)),
    forms: formsFromText(one(b.forms)),
    requirements: one(b.requirements),
    legalBasis: lines(one(b.legalBasis)),
    eForm: { schema: json('eFormSchema'), uiSchema: json('eFormUi') },
    process: json('process'),
  };
  return { record, errors };
}

/** Label key of each editor field. */
export const LABEL: Record<string, MessageKey> = {
  code: 'catalogue.page.code',
  name: 'catalogue.admin.name',
  nameEn: 'catalogue.admin.nameEn',
  fieldCode: 'catalogue.admin.fieldCode',
  fieldName: 'catalogue.admin.fieldName',
  fieldNameEn: 'catalogue.admin.fieldNameEn',
  levels: 'catalogue.page.level',
  onlineLevel: 'catalogue.page.onlineLevel',
  essential: 'catalogue.admin.essential',
  financialObligation: 'catalogue.admin.financial',
  nationalPortalIntegrated: 'catalogue.admin.portal',
  steps: 'catalogue.page.steps',
  channels: 'catalogue.page.channels',
  components: 'catalogue.page.components',
  timeValue: 'catalogue.admin.timeValue',
  timeUnit: 'catalogue.admin.timeUnit',
  timeNote: 'catalogue.admin.timeNote',
  onlineTimeValue: 'catalogue.admin.onlineTimeValue',
  applicants: 'catalogue.page.applicants',
  applicantNote: 'catalogue.admin.applicantNote',
  decidingAgency: 'catalogue.admin.deciding',
  receivingAgency: 'catalogue.admin.receiving',
  result: 'catalogue.page.result',
  resultDocumentType: 'catalogue.admin.resultDocType',
  fees: 'catalogue.page.fees',
  forms: 'catalogue.page.forms',
  requirements: 'catalogue.page.requirements',
  legalBasis: 'catalogue.page.legalBasis',
  eFormSchema: 'catalogue.admin.eFormSchema',
  eFormUi: 'catalogue.admin.eFormUi',
  process: 'catalogue.admin.process',
};

/** The editor field that holds a record path ("components.2.name" -> "components"). */
export function formFieldOf(path: string): string {
  const [top, sub] = path.split('.');
  if (top === 'field') return sub === 'name' ? 'fieldName' : sub === 'nameEn' ? 'fieldNameEn' : 'fieldCode';
  if (top === 'processingTime') return sub === 'unit' ? 'timeUnit' : sub === 'note' ? 'timeNote' : 'timeValue';
  if (top === 'onlineProcessingTime') return 'onlineTimeValue';
  if (top === 'eForm') return sub === 'uiSchema' ? 'eFormUi' : 'eFormSchema';
  return top in LABEL ? top : 'name';
}
