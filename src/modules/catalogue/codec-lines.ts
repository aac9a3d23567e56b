/**
 * Plain-text forms of the list parts, one item per line with " | " between columns: used by
 * the Excel workbook and the back-office editor, so people edit them without JSON.
 *   components: key | name | originals | copies | optional (có/không) | document type
 *   fees:       key | name | phí/lệ phí | amount | online amount | exemption | conditions (JSON: when, perUnit, exemptWhen, basis)
 *   forms:      name | code
 */
import type { ComponentSpec, FeeSpec } from './snapshot';

const YES = new Set(['có', 'co', 'yes', 'true', 'x', '1']);

export const lines = (s: string | undefined | null) =>
  String(s ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
const cols = (l: string) => l.split('|').map((c) => c.trim());
/** A number where one is expected; anything else is kept as text so validation reports it. */
const num = (s: string | undefined): unknown =>
  s === undefined || s === ''
    ? undefined
    : /^-?\d+([.,]\d+)?$/.test(s.replace(/\./g, '').replace(/\s/g, ''))
      ? Number(s.replace(/[.\s]/g, '').replace(',', '.'))
      : s;

export function componentsToText(cs: ComponentSpec[]): string {
  return cs
    .map((c) =>
      [
        c.key,
        c.name,
        c.originals,
        c.copies,
        c.optional ? 'có' : 'không',
        c.documentType ?? '',
        c.dataSource ? `${c.dataSource.source}:${c.dataSource.kind}` : '',
      ]
        .join(' | ')
        .replace(/( \| )+$/, ''),
    )
    .join('\n');
}
export function componentsFromText(s: string): unknown[] {
  return lines(s).map((l) => {
    const [key, name, originals, copies, optional, documentType, dataSource] = cols(l);
    // The 7th column "source:kind" (e.g. "vneid:driving-licence"); a malformed one is kept so validation reports it.
    const [source, kind] = (dataSource ?? '').split(':').map((x) => x.trim());
    return {
      key,
      name,
      originals: num(originals) ?? 1,
      copies: num(copies) ?? 0,
      optional: YES.has((optional ?? '').toLowerCase()),
      ...(documentType ? { documentType } : {}),
      ...(dataSource ? { dataSource: { source, kind: kind ?? '' } } : {}),
    };
  });
}

export function feesToText(fs: FeeSpec[]): string {
  return fs
    .map((f) =>
      [f.key, f.name, f.kind === 'fee' ? 'phí' : 'lệ phí', f.amount, f.onlineAmount ?? '', f.exemption ?? '', rulesText(f)].join(' | ').replace(/( \| )+$/, ''),
    )
    .join('\n');
}
/** The fee's conditions (when, perUnit, exemptWhen, basis) as one JSON column, empty when none. */
function rulesText(f: FeeSpec): string {
  const r = {
    ...(f.when ? { when: f.when } : {}),
    ...(f.perUnit ? { perUnit: f.perUnit } : {}),
    ...(f.exemptWhen ? { exemptWhen: f.exemptWhen } : {}),
    ...(f.basis ? { basis: f.basis } : {}),
  };
  return Object.keys(r).length ? JSON.stringify(r) : '';
}
function rulesFrom(s: string | undefined): Record<string, unknown> {
  if (!s) return {};
  try {
    const v = JSON.parse(s);
    return v && typeof v === 'object' && !Array.isArray(v) ? v : { rules: s };
  } catch {
    return { rules: s }; // refused by the record schema with the column named
  }
}
export function feesFromText(s: string): unknown[] {
  return lines(s).map((l) => {
    const [key, name, kind, amount, onlineAmount, exemption, rules] = cols(l);
    const k = (kind ?? '').toLowerCase();
    return {
      key,
      name,
      kind: k === 'phí' || k === 'phi' || k === 'fee' ? 'fee' : k === 'lệ phí' || k === 'le phi' || k === 'charge' ? 'charge' : kind,
      amount: num(amount),
      ...(onlineAmount ? { onlineAmount: num(onlineAmount) } : {}),
      ...(exemption ? { exemption } : {}),
      ...rulesFrom(rules),
    };
  });
}

export function formsToText(fs: { name: string; code?: string }[]): string {
  return fs.map((f) => (f.code ? `${f.name} | ${f.code}` : f.name)).join('\n');
}
export function formsFromText(s: string): { name: string; code?: string }[] {
  return lines(s).map((l) => {
    const [name, code] = cols(l);
    return code ? { name, code } : { name };
  });
}
