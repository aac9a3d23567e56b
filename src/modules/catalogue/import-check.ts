/** Validation of imported records, every row and every field, in the reader's language. */
import { fieldMessage, type IssueLike } from '../../platform/http/form-messages';
import { boundsAt } from '../../platform/http/validate';
import { t, type Lang } from '../../platform/i18n';
import { schemaProblem } from './eform-validate';
import type { ProcedureRecord } from './model';
import { procedureRecordSchema } from './record-schema';

export interface ImportError {
  /** Row of the file: 1-based index in a JSON list, the sheet row in a workbook. */
  row: number;
  /** Field path in the record, e.g. "components.0.name" (or the column name when mapped). */
  field: string;
  message: string;
}

export type CheckResult = { ok: true; records: ProcedureRecord[] } | { ok: false; errors: ImportError[] };

export function checkRecords(rows: unknown[], lang: Lang, rowNumbers?: number[]): CheckResult {
  const errors: ImportError[] = [];
  const records: ProcedureRecord[] = [];
  const seen = new Map<string, number>();
  if (rows.length === 0) return { ok: false, errors: [{ row: 0, field: '(file)', message: t(lang, 'catalogue.import.empty') }] };
  rows.forEach((raw, i) => {
    const row = rowNumbers?.[i] ?? i + 1;
    // The shared wording of refusals (platform/http/form-messages.ts) rather than zod's stock sentences; a file's dates are YYYY-MM-DD.
    const res = procedureRecordSchema.safeParse(raw, {
      error: (iss) => fieldMessage(lang, iss as IssueLike, undefined, boundsAt(procedureRecordSchema, iss.path ?? []), true),
    });
    if (!res.success) {
      for (const issue of res.error.issues) errors.push({ row, field: issue.path.join('.') || '(row)', message: issue.message });
      return;
    }
    const rec = res.data as ProcedureRecord;
    const problem = schemaProblem(rec.eForm);
    if (problem) errors.push({ row, field: 'eForm.schema', message: t(lang, 'catalogue.import.bad_schema', { problem }) });
    const dup = seen.get(rec.code);
    if (dup !== undefined) errors.push({ row, field: 'code', message: t(lang, 'catalogue.import.duplicate', { code: rec.code, row: dup }) });
    else seen.set(rec.code, row);
    for (const [j, c] of rec.components.entries())
      if (rec.components.findIndex((x) => x.key === c.key) !== j)
        errors.push({ row, field: `components.${j}.key`, message: t(lang, 'catalogue.import.duplicate_key', { key: c.key }) });
    if (rec.onlineLevel !== 'none' && !rec.channels.includes('online'))
      errors.push({ row, field: 'channels', message: t(lang, 'catalogue.import.online_channel') });
    records.push(rec);
  });
  return errors.length ? { ok: false, errors } : { ok: true, records };
}
