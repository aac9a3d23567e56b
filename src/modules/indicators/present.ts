/** The index as the API and the screens show it: names in the reader's language. */
import { t, type Lang } from '../../platform/i18n';
import type { TreeNode } from './deps';
import { periodParts, type Period } from './model/period';
import type { IndexResult } from './model/types';
import { methodById, READING_2022_ID } from './model/methods';
import { bandName, groupName, indicatorName, methodName, reasonText } from './labels';

/** A period key as people read it: "tháng 03/2025", "quý 1/2025", "năm 2025" (English "03/2025", "Q1 2025", "2025"). */
export function periodLabel(key: string, lang: Lang = 'vi'): string {
  const p = periodParts(key);
  return p ? t(lang, `indicators.periodLabel.${p.kind}`, { year: p.year, index: p.index ?? '' }) : key;
}

export function presentMethod(lang: Lang, id: string) {
  const m = methodById(id);
  return { id, name: methodName(lang, id), effectiveFrom: m?.effectiveFrom ?? null, effectiveTo: m?.effectiveTo ?? null };
}

export function presentIndex(lang: Lang, unit: TreeNode, period: Period, r: IndexResult) {
  return {
    method: presentMethod(lang, r.method ?? READING_2022_ID),
    unit: { id: unit.id, code: unit.code ?? unit.agencyCode ?? null, name: unit.name },
    period: period.key,
    asOf: period.asOf.toISOString(),
    total: r.total,
    band: r.band ? bandName(lang, r.band) : null,
    groups: r.groups.map((g) => ({
      key: g.key,
      name: groupName(lang, g.key),
      points: g.points,
      maxPoints: g.maxPoints,
      indicators: g.indicators.map((i) => ({
        key: i.key,
        code: i.code,
        name: indicatorName(lang, i.key),
        numerator: i.numerator,
        denominator: i.denominator,
        value: i.value,
        points: i.points,
        maxPoints: i.maxPoints,
        ...(i.value == null ? { noData: reasonText(lang, i.reason ?? 'source.none') } : {}),
      })),
    })),
  };
}
